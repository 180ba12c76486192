/** The complete JSON evidence export of one visit, and the way back to a bundle. */
import type { Finding, PageVisit } from '../findings';
import type { ConsentLine } from '../evidence/consent';
import type { DerivedVisit } from '../evidence/derive';
import type { EvidenceEntry } from '../evidence/types';
import type { SourceRef, VendorRecord } from '../vendor-db/types';
import { formatIso } from '../report/format';
import { buildTimeline, type TimelineEntry } from '../report/timeline';

export const EXPORT_FORMAT = 'cookie-inspector/visit-report';
/** 2: the evidence log with provenance per entry; findings and verdict derived from it. 1 is still read. */
export const EXPORT_VERSION = 2;

/** What an export is built from: the derived visit and the evidence log it was derived from. */
export interface ExportInput {
  derived: DerivedVisit;
  entries: EvidenceEntry[];
  /** The report was switched to browser-observed evidence only. */
  browserOnly?: boolean;
}

export interface ExportMeta {
  toolVersion: string;
  /** Epoch ms. */
  generatedAt: number;
  /** Text of ATTRIBUTION.txt (data sources and licences), when available. */
  attribution?: string | null;
  /** What the observations came from; changes the method text of the HTML report. Default 'extension'. */
  capture?: 'extension' | 'har';
  /** HAR entries without a valid time (a HAR capture only): the method section says how they were counted. */
  undatedEntries?: number;
  /** HAR header values over the reader's cap, cut there (a HAR capture only): cookies after the cut are missing. */
  truncatedHeaders?: number;
  /** HAR Set-Cookies whose Domain the responding host may not set (a browser refuses them): not in the evidence. */
  rejectedCookies?: number;
}

export interface ExportDoc {
  format: typeof EXPORT_FORMAT;
  formatVersion: typeof EXPORT_VERSION;
  tool: { name: 'Cookie Inspector'; version: string };
  generatedAt: string;
  verdict: string;
  consentState: string;
  /** Google Consent Mode / GPC lines: evidence, never the visitor's choice. */
  consentSignals: string[];
  /** Derived from browser-observed evidence only (detector and page reports left out). */
  browserOnly: boolean;
  visit: PageVisit & { startedAtIso: string };
  /** The evidence log: every observation with its provenance (browser, detector, page) and channel. */
  evidence: EvidenceEntry[];
  consent: ConsentLine[];
  timeline: (TimelineEntry & { time: string })[];
  findings: Finding[];
  vendors: VendorRecord[];
  attribution: { sources: SourceRef[]; text: string | null };
}

/** Every source named by the vendors of this report, once each. */
export function usedSources(vendors: VendorRecord[]): SourceRef[] {
  const seen = new Map<string, SourceRef>();
  for (const v of vendors) for (const s of v.sources) if (!seen.has(s.id)) seen.set(s.id, s);
  return [...seen.values()];
}

/** Builds the export document: visit, evidence with provenance, consent timeline, findings, vendors. */
export function buildExport(input: ExportInput, vendors: VendorRecord[], meta: ExportMeta): ExportDoc {
  const { visit, findings } = input.derived;
  // The store's history cache of the visit is bookkeeping, not evidence.
  const { summary: _cache, ...visitRow } = visit;
  return {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_VERSION,
    tool: { name: 'Cookie Inspector', version: meta.toolVersion },
    generatedAt: formatIso(meta.generatedAt),
    verdict: input.derived.verdict.text,
    consentState: input.derived.consentState,
    consentSignals: input.derived.consent.signals,
    browserOnly: input.browserOnly === true,
    visit: { ...visitRow, startedAtIso: formatIso(visit.startedAt) },
    evidence: input.entries,
    consent: input.derived.consent.lines,
    timeline: buildTimeline(visit, findings, vendors, input.derived.consent.lines).map((e) => ({
      ...e,
      time: formatIso(e.at),
    })),
    findings,
    vendors,
    attribution: { sources: usedSources(vendors), text: meta.attribution ?? null },
  };
}

/** Pretty JSON of the export document. */
export function exportJson(input: ExportInput, vendors: VendorRecord[], meta: ExportMeta): string {
  return JSON.stringify(buildExport(input, vendors, meta), null, 2);
}

/** A safe file name stem for downloads, e.g. "cookie-inspector_shop.example_2026-11-25T13-02-00Z". */
export function exportFileStem(visit: Pick<PageVisit, 'site' | 'startedAt'>): string {
  const site = visit.site.replace(/[^a-z0-9.-]+/gi, '_').slice(0, 80) || 'site';
  const time = formatIso(visit.startedAt)
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  return `cookie-inspector_${site}_${time}`;
}
