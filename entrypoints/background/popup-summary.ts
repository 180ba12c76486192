import { partyVendorIds } from '@/lib/evidence/derive';
import { visitSummary, type VisitSummary } from '@/lib/report/summary';
import { vendorDetails } from './classifier';
import type { Derived } from './derived';
import { SAVE_AFTER_MS, SAVE_QUIET_MS, saveSummary } from './saved-summary';

/** One popup summary per derivation: re-opening the popup on an unchanged visit costs a lookup. */
const summaries = new WeakMap<Derived, Promise<VisitSummary>>();

/** What the popup shows for a derived visit (lib/report/summary.ts), with the vendors' details. */
export function popupSummary(read: Derived): Promise<VisitSummary> {
  let summary = summaries.get(read);
  if (!summary) {
    summary = vendorDetails(partyVendorIds(read.derived.parties)).then((vendors) =>
      visitSummary(read.derived, vendors),
    );
    summaries.set(read, summary);
    summary.catch(() => summaries.delete(read));
  }
  return summary;
}

/** Derivations whose summary was already saved, and per tab the save waiting for its visit to be quiet. */
const kept = new WeakSet<Derived>();
const waiting = new Map<number, ReturnType<typeof setTimeout>>();

/**
 * Saves the popup summary of a derivation that was slow to make, for a popup after a worker restart, once no
 * newer derivation of the tab came for SAVE_QUIET_MS: a page still firing pays nothing, a quiet one one save
 * (the worker stops only after 30 s without events).
 */
export function keepForRestart(tabId: number, read: Derived): void {
  if (read.ms < SAVE_AFTER_MS || kept.has(read)) return;
  clearTimeout(waiting.get(tabId));
  waiting.set(
    tabId,
    setTimeout(() => {
      waiting.delete(tabId);
      kept.add(read);
      popupSummary(read).then(
        (summary) => saveSummary(tabId, read.derived.visit, summary),
        () => undefined,
      );
    }, SAVE_QUIET_MS),
  );
}

/** Drops the saves still waiting for quiet (the user deleted stored visits: nothing of them is saved after). */
export function cancelPendingSaves(): void {
  for (const timer of waiting.values()) clearTimeout(timer);
  waiting.clear();
}
