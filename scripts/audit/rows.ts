/** The batch summary with site audits: the one-page audit's columns plus the site-wide ones. */
import { toCsv } from '../../lib/export/csv';
import { summaryRow, type SummaryRow } from '../../lib/audit/summary';
import type { AuditReport } from '../../lib/audit/report';
import type { SiteReport } from '../../lib/audit/site-report';

export interface SiteRow extends SummaryRow {
  /** Pages audited (start page included). */
  pages: number;
  /** Distinct vendors with a violation on any page (derived). */
  violatingVendors: number;
  /** Their keys, sorted. */
  vendorsViolating: string;
  /** Cookies and storage keys over all pages. */
  cookies: number;
  storage: number;
  /** Changes since the compared audit (`--compare`), empty without one. */
  changes: string;
}

export const SITE_COLUMNS: (keyof SiteRow)[] = [
  'url',
  'status',
  'consentTool',
  'refusal',
  'beforeConsent',
  'afterRefusal',
  'vendorsBefore',
  'vendorsAfter',
  'pages',
  'violatingVendors',
  'vendorsViolating',
  'cookies',
  'storage',
  'changes',
  'error',
  'file',
];

/** The row of one site: the start page's audit columns, then the site report's. */
export function siteRow(
  url: string,
  file: string,
  start: AuditReport | null,
  site: SiteReport | null,
  error = '',
  changes = '',
): SiteRow {
  const row = summaryRow(url, file, start, error);
  const violating = (site?.vendors ?? []).filter((v) => v.violation).map((v) => v.key);
  return {
    ...row,
    vendorsBefore: row.vendorsBefore.split(' ').filter(Boolean).sort().join(' '),
    vendorsAfter: row.vendorsAfter.split(' ').filter(Boolean).sort().join(' '),
    pages: site?.pages.length ?? 0,
    violatingVendors: violating.length,
    vendorsViolating: violating.sort().join(' '),
    cookies: site?.cookies.length ?? 0,
    storage: site?.storage.length ?? 0,
    changes,
  };
}

/** RFC 4180 CSV with a header row (cells guarded against spreadsheet formulas). */
export function siteSummaryCsv(rows: SiteRow[]): string {
  return toCsv([SITE_COLUMNS, ...rows.map((r) => SITE_COLUMNS.map((c) => r[c]))]);
}
