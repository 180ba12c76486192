/** The visit timeline (requests, cookies, consent changes) and its filters, as plain data. */
import type { CategoryOrUnknown } from '../category';
import type { Finding, PageVisit, Phase } from '../findings';
import type { VendorRecord } from '../vendor-db/types';
import { consentEventText } from './consent';

export type TimelineKind = 'request' | 'cookie' | 'consent';

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
}

/** Every finding and consent event of the visit in time order. */
export function buildTimeline(
  visit: PageVisit,
  findings: Finding[],
  vendors: VendorRecord[],
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
    label: f.kind === 'cookie' ? `${f.cookieName ?? f.key} @ ${f.cookieDomain ?? f.host}` : f.host,
    detail: f.url,
  }));
  (visit.consent ?? []).forEach((e, n) => {
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
      label: consentEventText(e),
      detail: `${e.via}: ${e.raw}`,
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

/**
 * Applies a filter. Consent entries stay visible under category, phase and vendor filters because they explain
 * the phases; the text and kind filters apply to them too.
 */
export function filterTimeline(entries: TimelineEntry[], filter: TimelineFilter): TimelineEntry[] {
  const text = filter.text.trim().toLowerCase();
  return entries.filter((e) => {
    if (filter.kinds.length && !filter.kinds.includes(e.kind)) return false;
    if (e.kind !== 'consent') {
      if (filter.categories.length && !filter.categories.includes(e.category ?? 'unknown')) return false;
      if (filter.phases.length && (!e.phase || !filter.phases.includes(e.phase))) return false;
      if (filter.vendorId && e.vendorId !== filter.vendorId) return false;
    }
    if (!text) return true;
    return [e.label, e.detail, e.vendorName ?? ''].some((s) => s.toLowerCase().includes(text));
  });
}

/** Vendors present in the timeline, for the vendor filter's options (sorted by name). */
export function timelineVendors(entries: TimelineEntry[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const e of entries)
    if (e.vendorId && !seen.has(e.vendorId)) seen.set(e.vendorId, e.vendorName ?? e.vendorId);
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}
