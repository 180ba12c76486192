/**
 * Site history: visits per site, distinct violating parties and stored size, by the same derivation as every
 * verdict. Each visit row caches its violating party keys (with the derivation version and vendor database) and
 * its size; a visit without a current cache is derived from its evidence and the cache written back, so a rule
 * change or a database update reaches stored visits too.
 */
import { DERIVE_VERSION, deriveVisit, type DerivedVisit } from '../evidence/derive';
import { storedEntries } from '../evidence/reclassify';
import type { EvidenceEntry } from '../evidence/types';
import type { Classifier } from '../record';
import type { PageVisit, VisitSummaryCache } from '../findings';
import type { SiteSummary } from '../messages';
import type { InspectorDb } from './db';
import { jsonSize } from './json-size';
import { readEntries } from './repo';

/** Visits derived per read transaction when their cache is missing: bounds memory on a large history. */
const CHUNK = 200;
/** Entries measured per visit; a larger log is estimated from evenly spaced ones, so a 50k-entry visit stays cheap. */
const SIZE_SAMPLE = 1000;

/**
 * Stored size of a visit: its row without the cache, and its evidence. A packed visit's evidence is the exact
 * size of its parts; evidence still in rows is estimated as JSON.
 */
export function visitBytes(visit: PageVisit, entries: readonly EvidenceEntry[]): number {
  const { summary: _cache, ...row } = visit;
  if (!visit.loose && visit.packedBytes !== undefined) return jsonSize(row) + visit.packedBytes;
  const k = Math.min(entries.length, SIZE_SAMPLE);
  let sampled = 0;
  for (let i = 0; i < k; i++) sampled += jsonSize(entries[Math.floor((i * entries.length) / k)]);
  return jsonSize(row) + (k ? Math.round((sampled * entries.length) / k) : 0);
}

/**
 * The history's cache of one visit, derived from its stored evidence as `classifier` files it; `parties` when
 * the caller has just derived it anyway (from the same classifier).
 */
export function summaryCache(
  visit: PageVisit,
  entries: readonly EvidenceEntry[],
  classifier?: Classifier,
  parties: DerivedVisit['parties'] = deriveVisit(visit, storedEntries(visit, entries, classifier).entries)
    .parties,
): VisitSummaryCache {
  return {
    version: DERIVE_VERSION,
    ...(classifier?.database && { database: classifier.database }),
    violating: parties.filter((p) => p.violation).map((p) => p.key),
    bytes: visitBytes(visit, entries),
  };
}

/**
 * A cache from this derivation version and this vendor database that has every field (caches written before
 * sizes lack `bytes`; a database update re-files stored evidence, so its caches are stale too).
 */
export const hasCurrentSummary = (v: PageVisit, classifier?: Classifier) =>
  v.summary?.version === DERIVE_VERSION &&
  typeof v.summary.bytes === 'number' &&
  (classifier?.database === undefined || v.summary.database === classifier.database);

async function fillCaches(db: InspectorDb, stale: PageVisit[], classifier?: Classifier): Promise<void> {
  for (let i = 0; i < stale.length; i += CHUNK) {
    const chunk = stale.slice(i, i + CHUNK);
    const byVisit = await readEntries(
      db,
      chunk.map((v) => v.id),
    );
    for (const v of chunk) v.summary = summaryCache(v, byVisit.get(v.id) ?? [], classifier);
    // Only the cache field: a concurrent write of the visit row by the background keeps its other fields. One
    // bulkUpdate (a getMany and a put in one transaction), not an update per visit, each of which opens a cursor.
    await db.visits.bulkUpdate(chunk.map((v) => ({ key: v.id, changes: { summary: v.summary } })));
  }
}

/** The listing running or last run per database: calls take turns, so a second one finds the caches filled. */
const running = new WeakMap<InspectorDb, Promise<unknown>>();

/**
 * Sites with their visit count, last visit, distinct violating parties and stored bytes; newest first. Visits
 * recorded with another vendor database are derived as `classifier` files their evidence.
 */
export function listSites(db: InspectorDb, classifier?: Classifier): Promise<SiteSummary[]> {
  // Two pages opening at once (report and options) would otherwise each derive every uncached visit.
  const next = (running.get(db) ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => siteRows(db, classifier));
  running.set(db, next);
  return next;
}

async function siteRows(db: InspectorDb, classifier?: Classifier): Promise<SiteSummary[]> {
  const visits = await db.visits.toArray();
  await fillCaches(
    db,
    visits.filter((v) => !hasCurrentSummary(v, classifier)),
    classifier,
  );
  const bySite = new Map<string, SiteSummary & { parties: Set<string> }>();
  for (const v of visits) {
    const s = bySite.get(v.site) ?? {
      site: v.site,
      visits: 0,
      lastVisitAt: 0,
      violations: 0,
      bytes: 0,
      parties: new Set(),
    };
    s.visits += 1;
    s.bytes += v.summary?.bytes ?? 0;
    s.lastVisitAt = Math.max(s.lastVisitAt, v.startedAt);
    // One vendor firing on many pages of a site is one violating vendor, not many.
    for (const key of v.summary?.violating ?? []) s.parties.add(key);
    bySite.set(v.site, s);
  }
  return [...bySite.values()]
    .map(({ parties, ...s }) => ({ ...s, violations: parties.size }))
    .sort((a, b) => b.lastVisitAt - a.lastVisitAt);
}
