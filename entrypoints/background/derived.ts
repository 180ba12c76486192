import { deriveVisit, type DeriveOptions, type DerivedVisit } from '@/lib/evidence/derive';
import type { EvidenceEntry } from '@/lib/evidence/types';
import { getVisitLog } from '@/lib/store/repo';
import { hasCurrentSummary, summaryCache } from '@/lib/store/sites';
import { ready } from './context';
import { flush, onFlushed } from './writer';

interface Derived {
  derived: DerivedVisit;
  entries: EvidenceEntry[];
}

/** Derived visits by id, dropped when a batch touches the visit: repeated reads cost a Map lookup. */
const cache = new Map<string, Promise<Derived | null>>();
const MAX_CACHED = 20;
onFlushed((visitIds) => visitIds.forEach((id) => cache.delete(id)));

async function load(visitId: string, options: DeriveOptions): Promise<Derived | null> {
  const { db } = await ready();
  const log = await getVisitLog(db, visitId);
  if (!log) return null;
  const derived = deriveVisit(log.visit, log.entries, options);
  // The site history's cache of this visit, filled while we have the derivation at hand.
  if (!options.browserOnly && !hasCurrentSummary(log.visit)) {
    const summary = summaryCache(log.visit, log.entries, derived.parties);
    await db.visits.update(visitId, { summary }).catch(() => undefined);
  }
  return { derived, entries: log.entries };
}

/**
 * A stored visit derived by the one derivation. `fresh` writes what is buffered first (exports, audits);
 * the popup reads without forcing a flush and is told of later batches instead (live.ts).
 */
export async function readDerived(
  visitId: string,
  options: DeriveOptions & { fresh?: boolean } = {},
): Promise<Derived | null> {
  if (options.fresh !== false) await flush();
  if (options.browserOnly) return load(visitId, options);
  let hit = cache.get(visitId);
  if (!hit) {
    hit = load(visitId, {});
    cache.set(visitId, hit);
    if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  }
  return hit;
}
