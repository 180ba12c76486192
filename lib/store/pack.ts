/**
 * The compact stored form of a finished visit's evidence: its entries as one deflated JSON document per part.
 * Within a visit, hosts, sites, vendor names, reasons and URL prefixes repeat from entry to entry; deflate stores
 * each repeat as a back-reference, so no string is stored once per event. The entries are stored as columns,
 * the visit id is implied by the row, a field another field of the entry gives (the host of the URL, the site
 * that ends the host, an id built from kind and key) is a rule number, and sighting times are stored as
 * differences, which deflate shrinks further.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { mergeEntries } from '../evidence/merge';
import { fromColumns, toColumns, type Column } from './columns';
import type { EvidenceEntry } from '../evidence/types';

/** Entries per packed part: bounds the work of one (de)compression on a 50k-entry visit. */
export const PART_ENTRIES = 2000;

/**
 * Bumped when the packed document changes shape. Format 1 held one object per entry; format 2 holds columns
 * (lib/store/columns.ts) and leaves out what other fields of the same entry give. Parts of every format listed
 * here stay readable; a part of any other format is refused.
 */
const FORMAT = 2;

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

/** Format 1: one object per entry. */
interface RowDocument {
  format: 1;
  /** The earliest `at` of the part, in microseconds. */
  base: number;
  classifications: Classification[];
  entries: PackedEntry[];
}

/** Format 2: the packed entries as columns, with the fields other fields give replaced by a rule number. */
interface ColumnDocument {
  format: 2;
  base: number;
  n: number;
  classifications: Classification[];
  columns: Record<string, Column>;
}

/**
 * How format 2 rebuilds a field from the entry's other fields (each checked to give the exact value back, or the
 * value is kept): `host` 0 = the host of `url`; `site` n = `host` without its first n characters; `key` 0 = `host`,
 * 1 = `${cookie.name}@${site}`; `it` (the id) 0 = `${visitId}|${kind}|${key}` + `i`, 1 = visitId + `i`, 2 = `i`.
 */
const HOST_OF_URL = 0;
const KEY_IS_HOST = 0;
const KEY_IS_COOKIE_AT_SITE = 1;
const ID_AFTER_KEY = 0;
const ID_AFTER_VISIT = 1;
const ID_AS_IS = 2;

/** The host of an absolute URL as written (no parsing, so packing and unpacking always agree). */
const urlHost = (url: unknown) =>
  typeof url === 'string'
    ? /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url)?.[1]
    : undefined;

const cookieAtSite = (e: { cookie?: { name?: unknown }; site: unknown }) =>
  typeof e.cookie?.name === 'string' && typeof e.site === 'string' ? `${e.cookie.name}@${e.site}` : undefined;

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

/** An entry's fields that other fields give, as rule numbers (format 2); the rest unchanged. */
function withoutImplied(e: EvidenceEntry, row: Record<string, unknown>): void {
  const { visitId, id, kind, key, host, site } = e;
  if (typeof host === 'string' && urlHost(e.url) === host) row.host = HOST_OF_URL;
  if (
    typeof site === 'string' &&
    typeof host === 'string' &&
    host.length >= site.length &&
    host.endsWith(site)
  )
    row.site = host.length - site.length;
  if (key === host) row.key = KEY_IS_HOST;
  else if (key === cookieAtSite(e)) row.key = KEY_IS_COOKIE_AT_SITE;
  const afterKey = `${visitId}|${kind}|${key}`;
  if (id.startsWith(afterKey)) Object.assign(row, { it: ID_AFTER_KEY, i: id.slice(afterKey.length) });
  else if (id.startsWith(visitId)) Object.assign(row, { it: ID_AFTER_VISIT, i: id.slice(visitId.length) });
  else Object.assign(row, { it: ID_AS_IS, i: id });
}

/** The fields `withoutImplied` replaced, rebuilt in the order they depend on each other. */
function withImplied(row: Record<string, unknown>, visitId: string): void {
  if (row.host === HOST_OF_URL) row.host = urlHost(row.url);
  if (typeof row.site === 'number') row.site = (row.host as string).slice(row.site);
  if (row.key === KEY_IS_HOST) row.key = row.host;
  else if (row.key === KEY_IS_COOKIE_AT_SITE)
    row.key = cookieAtSite(row as Parameters<typeof cookieAtSite>[0]);
  const rest = row.i as string;
  row.id =
    row.it === ID_AFTER_KEY
      ? `${visitId}|${String(row.kind)}|${String(row.key)}${rest}`
      : row.it === ID_AFTER_VISIT
        ? visitId + rest
        : rest;
  delete row.i;
  delete row.it;
}

/** Packs entries of one visit (any number; callers split them into PART_ENTRIES per part). */
export function packEntries(entries: readonly EvidenceEntry[]): Uint8Array {
  const classifications: Classification[] = [];
  const classIndex = new Map<string, number>();
  const exact = entries.filter((e) => exactMicros(e.at));
  const base = exact.length ? Math.min(...exact.map((e) => micros(e.at))) : 0;
  const rows = entries.map((e) => {
    const { visitId: _v, id: _i, at, lastAt, times, classification, ...rest } = e;
    const row: Record<string, unknown> = { ...rest };
    withoutImplied(e, row);
    if (classification) {
      const key = JSON.stringify(classification);
      let n = classIndex.get(key);
      if (n === undefined) classIndex.set(key, (n = classifications.push(classification) - 1));
      row.c = n;
    }
    const us = steps(base, at, lastAt, times);
    if (us) row.us = us;
    else Object.assign(row, { at, lastAt, times });
    return row;
  });
  const doc: ColumnDocument = {
    format: FORMAT,
    base,
    n: rows.length,
    classifications,
    columns: toColumns(rows),
  };
  return deflateSync(strToU8(JSON.stringify(doc)), { level: 9 });
}

/** An entry's times and classification from their packed form (both formats). */
function withTimes(entry: Record<string, unknown>, base: number, classifications: Classification[]): void {
  const { c, us } = entry as { c?: number; us?: number[] };
  delete entry.c;
  delete entry.us;
  if (c !== undefined) entry.classification = classifications[c];
  if (us) {
    const start = base + us[0]!;
    entry.at = start / 1000;
    entry.lastAt = (start + us[1]!) / 1000;
    const times: number[] = [];
    let prev = start;
    for (const step of us.slice(2)) times.push((prev += step) / 1000);
    entry.times = times;
  }
}

/** The entries of one packed part, with the visit id they belong to. Throws on a part that is not ours. */
export function unpackEntries(data: Uint8Array, visitId: string): EvidenceEntry[] {
  const doc = JSON.parse(strFromU8(inflateSync(data))) as RowDocument | ColumnDocument;
  if (doc?.format === 1 && Array.isArray(doc.entries) && Array.isArray(doc.classifications)) {
    return doc.entries.map(({ i, ...rest }) => {
      const entry: Record<string, unknown> = { ...rest, id: i.startsWith('|') ? visitId + i : i, visitId };
      withTimes(entry, doc.base, doc.classifications);
      return entry as unknown as EvidenceEntry;
    });
  }
  if (doc?.format === 2 && Array.isArray(doc.classifications) && doc.columns) {
    return fromColumns(doc.columns, doc.n).map((row) => {
      withImplied(row, visitId);
      row.visitId = visitId;
      withTimes(row, doc.base, doc.classifications);
      return row as unknown as EvidenceEntry;
    });
  }
  throw new Error(`packed evidence of visit ${visitId}: unknown format ${String(doc?.format)}`);
}

/** A stored part as the fold needs it (the `packed` table's rows, or their copies read by the E2E harness). */
export interface PartData {
  visitId: string;
  part: number;
  data: Uint8Array;
}

/**
 * One visit's evidence from its packed entries (by id, in their stored order) and its rows (sightings written
 * after the visit was packed, or before it ever was), in the order given: packed entries first, then the rows
 * that have none; an entry in both is folded by mergeEntries.
 */
export function foldVisit(
  packed: ReadonlyMap<string, EvidenceEntry>,
  rows: Iterable<EvidenceEntry>,
): EvidenceEntry[] {
  const out = new Map(packed);
  for (const r of rows) {
    const p = packed.get(r.id);
    out.set(r.id, p ? mergeEntries(p, r) : r);
  }
  return [...out.values()];
}

/** Each visit's evidence from its packed parts and its rows (foldVisit). Visits without either get an empty list. */
export function foldEvidence(
  visitIds: readonly string[],
  parts: readonly PartData[],
  rows: readonly EvidenceEntry[],
): Map<string, EvidenceEntry[]> {
  const packed = new Map<string, Map<string, EvidenceEntry>>(visitIds.map((id) => [id, new Map()]));
  const loose = new Map<string, EvidenceEntry[]>();
  const packedOf = (visitId: string) => packed.get(visitId) ?? packed.set(visitId, new Map()).get(visitId)!;
  for (const p of [...parts].sort((a, b) => a.part - b.part)) {
    const entries = packedOf(p.visitId);
    for (const e of unpackEntries(p.data, p.visitId)) entries.set(e.id, e);
  }
  for (const r of rows) {
    packedOf(r.visitId);
    (loose.get(r.visitId) ?? loose.set(r.visitId, []).get(r.visitId)!).push(r);
  }
  return new Map([...packed].map(([id, entries]) => [id, foldVisit(entries, loose.get(id) ?? [])]));
}
