/** The complete JSON evidence export of one visit, and the way back to a bundle. */
import type { PageVisit } from '../findings';
import type { VisitBundle } from '../messages';
import type { SourceRef, VendorRecord } from '../vendor-db/types';
import { formatIso } from '../report/format';
import { buildTimeline, type TimelineEntry } from '../report/timeline';
import { computeVerdict, consentStateText } from '../report/verdict';

export const EXPORT_FORMAT = 'cookie-inspector/visit-report';
export const EXPORT_VERSION = 1;

export interface ExportMeta {
  toolVersion: string;
  /** Epoch ms. */
  generatedAt: number;
  /** Text of ATTRIBUTION.txt (data sources and licences), when available. */
  attribution?: string | null;
  /** What the observations came from; changes the method text of the HTML report. Default 'extension'. */
  capture?: 'extension' | 'har';
}

export interface ExportDoc {
  format: typeof EXPORT_FORMAT;
  formatVersion: typeof EXPORT_VERSION;
  tool: { name: 'Cookie Inspector'; version: string };
  generatedAt: string;
  verdict: string;
  consentState: string;
  visit: PageVisit & { startedAtIso: string };
  timeline: (TimelineEntry & { time: string })[];
  findings: VisitBundle['findings'];
  cookies: VisitBundle['cookies'];
  vendors: VendorRecord[];
  attribution: { sources: SourceRef[]; text: string | null };
}

/** Every source named by the vendors of this report, once each. */
export function usedSources(vendors: VendorRecord[]): SourceRef[] {
  const seen = new Map<string, SourceRef>();
  for (const v of vendors) for (const s of v.sources) if (!seen.has(s.id)) seen.set(s.id, s);
  return [...seen.values()];
}

/** Builds the export document: visit, consent events (raw and decoded), timeline, findings, cookies, vendors. */
export function buildExport(bundle: VisitBundle, vendors: VendorRecord[], meta: ExportMeta): ExportDoc {
  const { visit, findings, cookies } = bundle;
  return {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_VERSION,
    tool: { name: 'Cookie Inspector', version: meta.toolVersion },
    generatedAt: formatIso(meta.generatedAt),
    verdict: computeVerdict(findings).text,
    consentState: consentStateText(visit),
    visit: { ...visit, startedAtIso: formatIso(visit.startedAt) },
    timeline: buildTimeline(visit, findings, vendors).map((e) => ({ ...e, time: formatIso(e.at) })),
    findings,
    cookies,
    vendors,
    attribution: { sources: usedSources(vendors), text: meta.attribution ?? null },
  };
}

/** Pretty JSON of the export document. */
export function exportJson(bundle: VisitBundle, vendors: VendorRecord[], meta: ExportMeta): string {
  return JSON.stringify(buildExport(bundle, vendors, meta), null, 2);
}

/** A safe file name stem for downloads, e.g. "cookie-inspector_shop.example_2026-11-25T13-02-00Z". */
export function exportFileStem(visit: Pick<PageVisit, 'site' | 'startedAt'>): string {
  const site = visit.site.replace(/[^a-z0-9.-]+/gi, '_').slice(0, 80) || 'site';
  const time = formatIso(visit.startedAt)
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  return `cookie-inspector_${site}_${time}`;
}
