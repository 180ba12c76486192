import type { VisitBundle } from '@/lib/messages';
import { pageCount, visitPage, type VisitPage } from '@/lib/visit-pages';
import { readDerived } from './derived';
import { popupSummary } from './popup-summary';

/** Snapshots being read page by page: few at once, each dropped a minute after its last page was asked for. */
const MAX_SNAPSHOTS = 4;
const IDLE_MS = 60_000;
const snapshots = new Map<string, { bundle: VisitBundle; timer: ReturnType<typeof setTimeout> }>();

function keep(token: string, bundle: VisitBundle): void {
  clearTimeout(snapshots.get(token)?.timer);
  snapshots.delete(token);
  snapshots.set(token, { bundle, timer: setTimeout(() => snapshots.delete(token), IDLE_MS) });
  while (snapshots.size > MAX_SNAPSHOTS) {
    const [oldest] = snapshots.keys();
    clearTimeout(snapshots.get(oldest!)!.timer);
    snapshots.delete(oldest!);
  }
}

/** Drops the snapshots being read (stored visits were deleted): a reading in progress fails with a clear error. */
export function forgetSnapshots(): void {
  for (const { timer } of snapshots.values()) clearTimeout(timer);
  snapshots.clear();
}

/**
 * One page of a stored visit (lib/visit-pages.ts). Page 0 writes what is buffered, derives the visit and keeps
 * that derivation for the later pages, so every page comes from the same evidence. A visit of several pages gets
 * the popup's summary of that derivation with its first page (made once per derivation, often made already).
 */
export async function getVisitPage(args: {
  visitId: string;
  browserOnly?: boolean;
  page: number;
  token?: string;
  withEntries?: boolean;
}): Promise<VisitPage | null> {
  const page = Number(args.page);
  if (!Number.isSafeInteger(page) || page < 0)
    throw new Error(`invalid page: ${String(args.page).slice(0, 20)}`);
  if (page === 0) {
    const read = await readDerived(String(args.visitId), { browserOnly: args.browserOnly === true });
    if (!read) return null;
    const token = crypto.randomUUID();
    const bundle = { derived: read.derived, ...(args.withEntries !== false && { entries: read.entries }) };
    keep(token, bundle);
    const summary = pageCount(bundle) > 1 ? await popupSummary(read) : undefined;
    return visitPage(bundle, token, 0, summary);
  }
  const token = String(args.token);
  const snapshot = snapshots.get(token);
  if (!snapshot) throw new Error('this reading of the visit expired: open it again');
  keep(token, snapshot.bundle);
  return visitPage(snapshot.bundle, token, page);
}
