/**
 * Packing finished visits into their compact stored form (lib/store/pack.ts). A visit is packed once it has
 * been quiet for a while: shortly after it ended (late cookie changes arrive within seconds), or after a long
 * pause while its tab stays open. Sightings that arrive later are written as rows and folded in when read, then
 * packed with the rest at the next sweep; nothing is lost either way.
 */
import type { PageVisit } from '../findings';
import type { InspectorDb, PackedPart } from './db';
import { packEntries, PART_ENTRIES } from './pack';
import { readEntries } from './repo';
import { summaryCache } from './sites';
import type { Classifier } from '../record';

/** Quiet time before an ended visit is packed: longer than the late-cookie window (lib/late-cookies.ts). */
export const ENDED_QUIET_MS = 15_000;
/** Quiet time before a visit still open in its tab is packed. */
export const OPEN_QUIET_MS = 5 * 60_000;

/** When a loose visit becomes due for packing. */
export const dueAt = (v: PageVisit) => (v.touchedAt ?? 0) + (v.endedAt ? ENDED_QUIET_MS : OPEN_QUIET_MS);

/**
 * Packs one visit's evidence (its earlier parts and its rows) into fresh parts, in one transaction with the
 * writes it races, and caches its summary with the real stored size (derived as `classifier` files the evidence).
 * Returns false for a visit that is gone.
 */
export async function packVisit(db: InspectorDb, visitId: string, classifier?: Classifier): Promise<boolean> {
  return db.transaction('rw', db.visits, db.evidence, db.packed, async () => {
    const visit = await db.visits.get(visitId);
    if (!visit) return false;
    const entries = (await readEntries(db, [visitId])).get(visitId)!;
    const parts: PackedPart[] = [];
    for (let i = 0; i < entries.length; i += PART_ENTRIES) {
      const slice = entries.slice(i, i + PART_ENTRIES);
      parts.push({ visitId, part: parts.length, entries: slice.length, data: packEntries(slice) });
    }
    await db.packed.where('visitId').equals(visitId).delete();
    await db.packed.bulkPut(parts);
    await db.evidence.where('visitId').equals(visitId).delete();
    const { loose: _loose, ...packed } = visit;
    packed.packedBytes = parts.reduce((n, p) => n + p.data.byteLength, 0);
    packed.summary = summaryCache(packed, entries, classifier);
    await db.visits.put(packed);
    return true;
  });
}

/**
 * Packs the loose visits that are due at `now`, at most `max` of them (oldest first). Returns how many were
 * packed and when the next remaining one is due (null when none is left). `around` is told before and after
 * each visit is packed (whatever the outcome): copies of a visit's stored form must not outlive it.
 */
export async function packQuiet(
  db: InspectorDb,
  now: number,
  max = 50,
  around: (visitId: string) => void = () => undefined,
  classifier?: Classifier,
): Promise<{ packed: number; nextDueAt: number | null }> {
  const loose = await db.visits.where('loose').equals(1).toArray();
  const due = loose.filter((v) => dueAt(v) <= now).sort((a, b) => dueAt(a) - dueAt(b));
  let packed = 0;
  for (const v of due.slice(0, max)) {
    // One visit that cannot be packed (its transaction aborted, nothing changed) must not stop the others.
    around(v.id);
    try {
      if (await packVisit(db, v.id, classifier)) packed++;
    } catch (e) {
      console.error(`cannot pack visit ${v.id}`, e);
    } finally {
      around(v.id);
    }
  }
  const rest = loose.filter((v) => dueAt(v) > now).map(dueAt);
  const nextDueAt = due.length > max ? now : rest.length ? Math.min(...rest) : null;
  return { packed, nextDueAt };
}
