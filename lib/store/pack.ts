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

/** Bumped when the packed document changes shape; older parts are read by their own version's rules. */
const FORMAT = 1;

type PackedEntry = Omit<EvidenceEntry, 'visitId' | 'lastAt' | 'times'> & { dl: number; dt: number[] };

interface PackedDocument {
  format: number;
  entries: PackedEntry[];
}

/** Packs entries of one visit (any number; callers split them into PART_ENTRIES per part). */
export function packEntries(entries: readonly EvidenceEntry[]): Uint8Array {
  const packed = entries.map(({ visitId: _v, lastAt, times, ...rest }): PackedEntry => {
    const dt: number[] = [];
    let prev = rest.at;
    for (const t of times) {
      dt.push(t - prev);
      prev = t;
    }
    return { ...rest, dl: lastAt - rest.at, dt };
  });
  const doc: PackedDocument = { format: FORMAT, entries: packed };
  return deflateSync(strToU8(JSON.stringify(doc)), { level: 9 });
}

/** The entries of one packed part, with the visit id they belong to. Throws on a part that is not ours. */
export function unpackEntries(data: Uint8Array, visitId: string): EvidenceEntry[] {
  const doc = JSON.parse(strFromU8(inflateSync(data))) as PackedDocument;
  if (doc?.format !== FORMAT || !Array.isArray(doc.entries))
    throw new Error(`packed evidence of visit ${visitId}: unknown format ${String(doc?.format)}`);
  return doc.entries.map(({ dl, dt, ...rest }) => {
    const times: number[] = [];
    let prev = rest.at;
    for (const d of dt) {
      prev += d;
      times.push(prev);
    }
    return { ...rest, visitId, lastAt: rest.at + dl, times };
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
