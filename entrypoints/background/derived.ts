import { deriveVisit, type DeriveOptions, type DerivedVisit } from '@/lib/evidence/derive';
import type { EvidenceEntry } from '@/lib/evidence/types';
import { getVisitLog } from '@/lib/store/repo';
import { hasCurrentSummary, summaryCache } from '@/lib/store/sites';
import { ready } from './context';
import { flush, onFlushed } from './writer';

export interface Derived {
  derived: DerivedVisit;
  entries: EvidenceEntry[];
  /** What reading and deriving the visit took, in ms: large visits are worth keeping (saved-summary.ts). */
  ms: number;
}

/**
 * Derived visits by id. A batch that touches a visit marks its derivation stale rather than dropping it, so a
 * reader that accepts it (the popup) is answered at once while the visit is derived again.
 */
interface CacheEntry {
  derived: Promise<Derived | null>;
  /** Settled value, once there is one. */
  value?: Derived | null;
  stale: boolean;
}
const cache = new Map<string, CacheEntry>();
const MAX_CACHED = 20;
const rederived: ((visitId: string) => void)[] = [];
onFlushed((visitIds) => visitIds.forEach((id) => cache.has(id) && (cache.get(id)!.stale = true)));

/** Called when a visit read stale has been derived again with the newer evidence (live views re-ask). */
export function onRederived(listener: (visitId: string) => void): void {
  rederived.push(listener);
}

async function load(visitId: string, options: DeriveOptions): Promise<Derived | null> {
  const { db } = await ready();
  const started = performance.now();
  const log = await getVisitLog(db, visitId);
  if (!log) return null;
  const derived = deriveVisit(log.visit, log.entries, options);
  const ms = performance.now() - started;
  // The site history's cache of this visit, filled while we have the derivation at hand. Not for a visit with
  // rows still to pack: its next batch would outdate it, and packing caches it (lib/store/compact.ts).
  if (!options.browserOnly && !log.loose && !hasCurrentSummary(log.visit)) {
    const summary = summaryCache(log.visit, log.entries, derived.parties);
    await db.visits.update(visitId, { summary }).catch(() => undefined);
  }
  return { derived, entries: log.entries, ms };
}

function derive(visitId: string): CacheEntry {
  const entry: CacheEntry = { derived: load(visitId, {}), stale: false };
  entry.derived.then(
    (v) => (entry.value = v),
    () => cache.get(visitId) === entry && cache.delete(visitId),
  );
  cache.set(visitId, entry);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return entry;
}

/**
 * Forgets every derivation held in memory: stored visits were deleted (by the user or by retention), and nothing
 * deleted may still be shown or exported from here. Later reads derive from what is stored.
 */
export function forgetDerivations(): void {
  cache.clear();
}

/** Whether this worker has derived the visit (or holds a derivation of it, maybe stale). */
export function hasDerivation(visitId: string): boolean {
  return cache.get(visitId)?.value != null;
}

/** Derives the visit again now, without waiting for it, and tells onRederived listeners when it is done. */
export function rederive(visitId: string): void {
  readDerived(visitId, { fresh: false }).then(
    () => rederived.forEach((l) => l(visitId)),
    () => undefined,
  );
}

/**
 * A stored visit derived by the one derivation. `fresh` writes what is buffered first (exports, audits);
 * the popup reads without forcing a flush and is told of later batches instead (live.ts). `stale: true`
 * accepts the previous derivation of a visit that has newer evidence: it is derived again meanwhile, and
 * onRederived listeners hear when that is done.
 */
export async function readDerived(
  visitId: string,
  options: DeriveOptions & { fresh?: boolean; stale?: boolean } = {},
): Promise<Derived | null> {
  if (options.fresh !== false) await flush();
  if (options.browserOnly) return load(visitId, options);
  const hit = cache.get(visitId);
  if (hit && !hit.stale) return hit.derived;
  const next = derive(visitId);
  if (hit?.value && options.stale) {
    // A failed derivation was already dropped from the cache (derive): the next read tries again.
    next.derived.then(
      () => rederived.forEach((l) => l(visitId)),
      () => undefined,
    );
    return hit.value;
  }
  return next.derived;
}
