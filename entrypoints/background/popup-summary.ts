import { visitSummary, type VisitSummary } from '@/lib/report/summary';
import { vendorDetails } from './classifier';
import type { Derived } from './derived';

/** One popup summary per derivation: re-opening the popup on an unchanged visit costs a lookup. */
const summaries = new WeakMap<Derived, Promise<VisitSummary>>();

/** What the popup shows for a derived visit (lib/report/summary.ts), with the vendors' details. */
export function popupSummary(read: Derived): Promise<VisitSummary> {
  let summary = summaries.get(read);
  if (!summary) {
    const ids = read.derived.parties.flatMap((p) => (p.vendorId ? [p.vendorId] : []));
    summary = vendorDetails(ids).then((vendors) => visitSummary(read.derived, vendors));
    summaries.set(read, summary);
    summary.catch(() => summaries.delete(read));
  }
  return summary;
}
