/**
 * The compact stored form of a finished visit's evidence: its entries as one deflated JSON document per part.
 * Within a visit, hosts, sites, vendor names, reasons and URL prefixes repeat from entry to entry; deflate stores
 * each repeat as a back-reference, so no string is stored once per event. The visit id is implied by the row
 * and sighting times are stored as differences, which deflate shrinks further.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { mergeEntries } from '../evidence/merge';
import type { EvidenceEntry } from '../evidence/types';

/** Entries per packed part: bounds the work of one (de)compression on a 50k-entry visit. */
export const PART_ENTRIES = 2000;

/** Bumped when the packed document changes shape; a part of a format this code does not know is refused. */
const FORMAT = 1;

type Classification = NonNullable<EvidenceEntry['classification']>;

/**
 * An entry without what the part implies: the visit id (also the start of the entry id), its classification
 * as an index into the part's table (one vendor's name, company and reason are stored once), and its times as
 * microsecond steps from `at` when that is exact, else as they were.
 */
type PackedEntry = Omit<EvidenceEntry, 'visitId' | 'id' | 'at' | 'lastAt' | 'times' | 'classification'> & {
  i: string;
  c?: number;
  /** [at, lastAt, ...times] in microseconds: `at` from the part's base time, the rest as steps. */
  us?: number[];
  at?: number;
  times?: number[];
  lastAt?: number;
};

interface PackedDocument {
  format: number;
  /** The earliest `at` of the part, in microseconds. */
  base: number;
  classifications: Classification[];
  entries: PackedEntry[];
}

const micros = (t: number) => Math.round(t * 1000);
const exactMicros = (t: number) => Number.isSafeInteger(micros(t)) && micros(t) / 1000 === t;

/** [at - base, lastAt - at, ...steps between times] in microseconds, or null when that is not exact. */
function steps(base: number, at: number, lastAt: number, times: readonly number[]): number[] | null {
  if (!exactMicros(at) || !exactMicros(lastAt) || !times.every(exactMicros)) return null;
  const out = [micros(at) - base, micros(lastAt) - micros(at)];
  let prev = micros(at);
  for (const t of times) {
    out.push(micros(t) - prev);
    prev = micros(t);
  }
  return out;
}

/** Packs entries of one visit (any number; callers split them into PART_ENTRIES per part). */
export function packEntries(entries: readonly EvidenceEntry[]): Uint8Array {
  const classifications: Classification[] = [];
  const classIndex = new Map<string, number>();
  const exact = entries.filter((e) => exactMicros(e.at));
  const base = exact.length ? Math.min(...exact.map((e) => micros(e.at))) : 0;
  const packed = entries.map(({ visitId, id, at, lastAt, times, classification, ...rest }): PackedEntry => {
    const out: PackedEntry = { ...rest, i: id.startsWith(`${visitId}|`) ? id.slice(visitId.length) : id };
    if (classification) {
      const key = JSON.stringify(classification);
      let n = classIndex.get(key);
      if (n === undefined) classIndex.set(key, (n = classifications.push(classification) - 1));
      out.c = n;
    }
    const us = steps(base, at, lastAt, times);
    if (us) out.us = us;
    else Object.assign(out, { at, lastAt, times });
    return out;
  });
  const doc: PackedDocument = { format: FORMAT, base, classifications, entries: packed };
  return deflateSync(strToU8(JSON.stringify(doc)), { level: 9 });
}

/** The entries of one packed part, with the visit id they belong to. Throws on a part that is not ours. */
export function unpackEntries(data: Uint8Array, visitId: string): EvidenceEntry[] {
  const doc = JSON.parse(strFromU8(inflateSync(data))) as PackedDocument;
  if (doc?.format !== FORMAT || !Array.isArray(doc.entries) || !Array.isArray(doc.classifications))
    throw new Error(`packed evidence of visit ${visitId}: unknown format ${String(doc?.format)}`);
  return doc.entries.map(({ i, c, us, at, times, lastAt, ...rest }) => {
    const entry = { ...rest, id: i.startsWith('|') ? visitId + i : i, visitId } as EvidenceEntry;
    if (c !== undefined) entry.classification = doc.classifications[c];
    if (us) {
      const start = doc.base + us[0]!;
      entry.at = start / 1000;
      entry.lastAt = (start + us[1]!) / 1000;
      entry.times = [];
      let prev = start;
      for (const step of us.slice(2)) entry.times.push((prev += step) / 1000);
    } else {
      Object.assign(entry, { at: at!, lastAt: lastAt!, times: times! });
    }
    return entry;
  });
}

/** A stored part as the fold needs it (the `packed` table's rows, or their copies read by the E2E harness). */
export interface PartData {
  visitId: string;
  part: number;
  data: Uint8Array;
}

/**
 * Each visit's evidence from its packed parts and its rows (sightings written after the visit was packed, or
 * before it ever was): an entry in both is folded by mergeEntries. Visits without either get an empty list.
 */
export function foldEvidence(
  visitIds: readonly string[],
  parts: readonly PartData[],
  rows: readonly EvidenceEntry[],
): Map<string, EvidenceEntry[]> {
  const byVisit = new Map<string, Map<string, EvidenceEntry>>(visitIds.map((id) => [id, new Map()]));
  const entriesOf = (visitId: string) =>
    byVisit.get(visitId) ?? byVisit.set(visitId, new Map()).get(visitId)!;
  for (const p of [...parts].sort((a, b) => a.part - b.part)) {
    const entries = entriesOf(p.visitId);
    for (const e of unpackEntries(p.data, p.visitId)) entries.set(e.id, e);
  }
  for (const r of rows) {
    const entries = entriesOf(r.visitId);
    const packed = entries.get(r.id);
    entries.set(r.id, packed ? mergeEntries(packed, r) : r);
  }
  return new Map([...byVisit].map(([id, entries]) => [id, [...entries.values()]]));
}
