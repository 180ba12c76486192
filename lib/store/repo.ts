/** Queries and writes on the Dexie schema. Every function takes `db` so tests use isolated databases. */
import type { PageVisit } from '../findings';
import { mergeSighting } from '../evidence/merge';
import type { EvidenceEntry, Sighting } from '../evidence/types';
import type { Table } from 'dexie';
import type { InspectorDb } from './db';
import { foldEvidence, unpackEntries } from './pack';
import { VisitLogCopy, type VisitLog } from './visit-log';

export interface Batch {
  visits: PageVisit[];
  sightings: Sighting[];
}

/** Records per read and write request; a larger batch is written in such chunks, all in one transaction. */
export const MAX_CHUNK = 500;

/** Folds sightings into their stored rows; returns the rows written, as the store now holds them. */
async function writeSightings(db: InspectorDb, items: Sighting[]): Promise<EvidenceEntry[]> {
  const unique = [...new Set(items.map((s) => s.id))];
  const stored = await db.evidence.bulkGet(unique);
  const byId = new Map<string, EvidenceEntry>();
  unique.forEach((id, n) => stored[n] && byId.set(id, stored[n]));
  for (const s of items) byId.set(s.id, mergeSighting(byId.get(s.id), s));
  const rows = [...byId.values()];
  await db.evidence.bulkPut(rows);
  return rows;
}

/**
 * Writes one batch, whole or not at all (one transaction): visits first, then sightings in chunks of at most
 * MAX_CHUNK. A batch the writer retries after a failure is then never counted twice (a chunk committed before a
 * later one failed would have been merged again). `now` dates the write, so the visits it touched are packed only
 * after a quiet while (lib/store/compact.ts). Returns the evidence rows written, as the store now holds them
 * (lib/store/visit-log.ts keeps copies current with them).
 */
export async function writeBatch(db: InspectorDb, batch: Batch, now = Date.now()): Promise<EvidenceEntry[]> {
  // New evidence makes a visit's cached summary stale (lib/store/sites.ts derives it again when asked), and
  // leaves rows to pack; a rewritten visit row (its end time) is packed again with its new summary.
  const touched = [...new Set([...batch.visits.map((v) => v.id), ...batch.sightings.map((s) => s.visitId)])];
  return db.transaction('rw', db.visits, db.evidence, async () => {
    if (batch.visits.length) await db.visits.bulkPut(batch.visits);
    const written: EvidenceEntry[] = [];
    for (let i = 0; i < batch.sightings.length; i += MAX_CHUNK)
      written.push(...(await writeSightings(db, batch.sightings.slice(i, i + MAX_CHUNK))));
    if (touched.length)
      await db.visits
        .where(':id')
        .anyOf(touched)
        .modify((v) => {
          delete v.summary;
          v.loose = 1;
          v.touchedAt = now;
        });
    return written;
  });
}

/** The evidence of some visits: packed parts unpacked, with rows written since folded in. */
export async function readEntries(
  db: InspectorDb,
  visitIds: string[],
): Promise<Map<string, EvidenceEntry[]>> {
  // One equals() per visit: Dexie reads it with getAll(), while anyOf() walks a cursor row by row.
  const each = <T, K>(table: Table<T, K>) =>
    Promise.all(visitIds.map((id) => table.where('visitId').equals(id).toArray())).then((r) => r.flat());
  // One read transaction for all of them: in Chromium each transaction is a round trip to the browser process,
  // and 400 of them per 200 visits made the history's first call take seconds.
  const [parts, rows] = await db.transaction('r', db.packed, db.evidence, () =>
    Promise.all([each(db.packed), each(db.evidence as Table<EvidenceEntry, string>)]),
  );
  return foldEvidence(visitIds, parts, rows);
}

/** A visit row without the store's own bookkeeping (what a reader, or an export, should see). */
export function publicRow({ loose: _l, touchedAt: _t, packedBytes: _p, ...visit }: PageVisit): PageVisit {
  return visit;
}

/** How many evidence rows and packed parts the store holds for a visit (two index counts, nothing read). */
export async function countVisitLog(
  db: InspectorDb,
  visitId: string,
): Promise<{ rows: number; parts: number }> {
  const [rows, parts] = await db.transaction('r', db.evidence, db.packed, () =>
    Promise.all([
      db.evidence.where('visitId').equals(visitId).count(),
      db.packed.where('visitId').equals(visitId).count(),
    ]),
  );
  return { rows, parts };
}

/** A visit with its whole evidence log, and whether it has rows still to pack; or null. */
export async function getVisitLog(db: InspectorDb, visitId: string): Promise<VisitLog | null> {
  return (await readVisitLogCopy(db, visitId))?.log() ?? null;
}

/** A visit's evidence in the form the store holds it (lib/store/visit-log.ts), read in one transaction; or null. */
export async function readVisitLogCopy(db: InspectorDb, visitId: string): Promise<VisitLogCopy | null> {
  const read = await db.transaction('r', db.visits, db.packed, db.evidence, async () => {
    const visit = await db.visits.get(visitId);
    if (!visit) return null;
    const [parts, rows] = await Promise.all([
      db.packed.where('visitId').equals(visitId).toArray(),
      (db.evidence as Table<EvidenceEntry, string>).where('visitId').equals(visitId).toArray(),
    ]);
    return { visit, parts, rows };
  });
  if (!read) return null;
  const packed = [...read.parts]
    .sort((a, b) => a.part - b.part)
    .flatMap((p) => unpackEntries(p.data, visitId));
  return new VisitLogCopy(
    publicRow(read.visit),
    packed,
    read.rows,
    read.visit.loose === 1,
    read.parts.length,
  );
}

export async function listVisits(db: InspectorDb, site: string): Promise<PageVisit[]> {
  const visits = await db.visits.where('site').equals(site).toArray();
  return visits.map(publicRow).sort((a, b) => b.startedAt - a.startedAt);
}

async function deleteVisits(db: InspectorDb, visitIds: string[]): Promise<number> {
  if (!visitIds.length) return 0;
  await db.transaction('rw', db.visits, db.evidence, db.packed, async () => {
    await db.evidence.where('visitId').anyOf(visitIds).delete();
    await db.packed.where('visitId').anyOf(visitIds).delete();
    await db.visits.bulkDelete(visitIds);
  });
  return visitIds.length;
}

export async function deleteSite(db: InspectorDb, site: string): Promise<number> {
  return deleteVisits(db, (await db.visits.where('site').equals(site).primaryKeys()) as string[]);
}

export async function deleteAll(db: InspectorDb): Promise<number> {
  const n = await db.visits.count();
  await db.transaction('rw', db.visits, db.evidence, db.packed, async () => {
    await Promise.all([db.visits.clear(), db.evidence.clear(), db.packed.clear()]);
  });
  return n;
}

/** Deletes visits that started before `cutoff` (retention). Returns how many went. */
export async function pruneBefore(db: InspectorDb, cutoff: number): Promise<number> {
  return deleteVisits(db, (await db.visits.where('startedAt').below(cutoff).primaryKeys()) as string[]);
}
