/** The visit timeline (requests, cookies, consent changes) and its filters, as plain data. */
import type { CategoryOrUnknown } from '../category';
import type { Finding, PageVisit, Phase } from '../findings';
import type { VendorRecord } from '../vendor-db/types';
import type { ConsentLine } from '../evidence/consent';
import { consentEventText, statusText } from './consent';

export type TimelineKind = 'request' | 'cookie' | 'storage' | 'consent';

export interface TimelineEntry {
  id: string;
  kind: TimelineKind;
  at: number;
  /** Milliseconds since the visit started (negative for a choice carried over from an earlier visit). */
  offsetMs: number;
  phase: Phase | null;
  category: CategoryOrUnknown | null;
  vendorId: string | null;
  vendorName: string | null;
  violation: boolean;
  /** Host, cookie name@domain, or the consent change in words. */
  label: string;
  /** Full URL (requests, cookies) or the raw consent signal. */
  detail: string;
  /** What an earlier vendor database classified the finding as (a visit classified again). */
  recordedAs?: string;
}

/** Every finding and consent line of the visit in time order. */
export function buildTimeline(
  visit: PageVisit,
  findings: Finding[],
  vendors: VendorRecord[],
  consent: readonly ConsentLine[] = [],
): TimelineEntry[] {
  const names = new Map(vendors.map((v) => [v.id, v.name]));
  const entries: TimelineEntry[] = findings.map((f) => ({
    id: f.id,
    kind: f.kind,
    at: f.firstSeenAt,
    offsetMs: f.firstSeenAt - visit.startedAt,
    phase: f.phase,
    category: f.category,
    vendorId: f.vendorId,
    vendorName: f.vendorId ? (names.get(f.vendorId) ?? f.vendorId) : null,
    violation: f.violation,
    label: f.kind === 'request' ? f.host : `${f.cookieName ?? f.key} @ ${f.cookieDomain ?? f.host}`,
    detail: f.url,
    ...(f.recordedAs && { recordedAs: f.recordedAs }),
  }));
  consent.forEach((e, n) => {
    entries.push({
      id: `consent|${n}`,
      kind: 'consent',
      at: e.at,
      offsetMs: e.at - visit.startedAt,
      phase: null,
      category: null,
      vendorId: null,
      vendorName: null,
      violation: false,
      label: `${consentEventText(e)} (${statusText(e.status)})`,
      detail: `${e.provenance} via ${e.vias.join(', ')}${e.raw ? `: ${e.raw}` : ''}`,
    });
  });
  return entries.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

export interface TimelineFilter {
  /** Empty = all. */
  categories: CategoryOrUnknown[];
  phases: Phase[];
  /** Vendor id, or '' for all. */
  vendorId: string;
  /** Case-insensitive substring over label, detail and vendor name. */
  text: string;
  kinds: TimelineKind[];
}

export const EMPTY_FILTER: TimelineFilter = { categories: [], phases: [], vendorId: '', text: '', kinds: [] };

/** Lower-cased label, detail and vendor name per entry, built once per timeline: a keystroke only scans. */
const searchKeys = new WeakMap<readonly TimelineEntry[], string[]>();

/**
 * The search key of every entry, cached for this entries array (the report memoises it per visit). Fields are
 * joined by NUL, which no search contains, so a match never spans two fields.
 */
export function timelineSearchKeys(entries: readonly TimelineEntry[]): string[] {
  let keys = searchKeys.get(entries);
  if (!keys) {
    keys = entries.map((e) => `${e.label}\0${e.detail}\0${e.vendorName ?? ''}`.toLowerCase());
    searchKeys.set(entries, keys);
  }
  return keys;
}

/**
 * Applies a filter. Consent entries stay visible under category, phase and vendor filters because they explain
 * the phases; the text and kind filters apply to them too. One pass over precomputed keys (50k entries in a
 * few milliseconds), so it can run on every keystroke.
 */
export function filterTimeline(entries: readonly TimelineEntry[], filter: TimelineFilter): TimelineEntry[] {
  const text = filter.text.trim().toLowerCase();
  const keys = text ? timelineSearchKeys(entries) : null;
  const kinds = filter.kinds.length ? new Set(filter.kinds) : null;
  const categories = filter.categories.length ? new Set<string>(filter.categories) : null;
  const phases = filter.phases.length ? new Set<string>(filter.phases) : null;
  const out: TimelineEntry[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (kinds && !kinds.has(e.kind)) continue;
    if (e.kind !== 'consent') {
      if (categories && !categories.has(e.category ?? 'unknown')) continue;
      if (phases && (!e.phase || !phases.has(e.phase))) continue;
      if (filter.vendorId && e.vendorId !== filter.vendorId) continue;
    }
    if (keys && !keys[i]!.includes(text)) continue;
    out.push(e);
  }
  return out;
}

const vendorLists = new WeakMap<readonly TimelineEntry[], { id: string; name: string }[]>();

/** Vendors present in the timeline, for the vendor filter's options (sorted by name; cached per timeline). */
export function timelineVendors(entries: readonly TimelineEntry[]): { id: string; name: string }[] {
  const cached = vendorLists.get(entries);
  if (cached) return cached;
  const seen = new Map<string, string>();
  for (const e of entries)
    if (e.vendorId && !seen.has(e.vendorId)) seen.set(e.vendorId, e.vendorName ?? e.vendorId);
  const list = [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  vendorLists.set(entries, list);
  return list;
}
