/** Findings as CSV (RFC 4180), safe to open in a spreadsheet. */
import type { Finding, PageVisit } from '../findings';
import type { VendorRecord } from '../vendor-db/types';
import { formatIso } from '../report/format';

/** Characters that make spreadsheets evaluate a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: formula-looking text gets a leading `'`, then RFC 4180 quoting when needed. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  // Finite numbers are data, not formulas: a negative offset stays a number.
  const isNumber = typeof value === 'number' && Number.isFinite(value);
  if (!isNumber && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows joined with CRLF as RFC 4180 asks; ends with a line break. */
export function toCsv(rows: unknown[][]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export const CSV_COLUMNS = [
  'visit_id',
  'site',
  'page_url',
  'phase',
  'violation',
  'category',
  'vendor_id',
  'vendor',
  'company',
  'kind',
  'host',
  'cookie_name',
  'cookie_domain',
  'third_party',
  'first_seen_utc',
  'last_seen_utc',
  'offset_ms',
  'count',
  'url',
  'set_by',
  'reason',
  'provenance',
] as const;

/** The visit's findings, one row each, in time order. */
export function findingsCsv(visit: PageVisit, findings: Finding[], vendors: VendorRecord[]): string {
  const byId = new Map(vendors.map((v) => [v.id, v]));
  const rows = [...findings]
    .sort((a, b) => a.firstSeenAt - b.firstSeenAt)
    .map((f) => {
      const v = f.vendorId ? byId.get(f.vendorId) : undefined;
      return [
        visit.id,
        visit.site,
        visit.url,
        f.phase,
        f.violation ? 'yes' : 'no',
        f.category,
        f.vendorId ?? '',
        v?.name ?? '',
        v?.company ?? '',
        f.kind,
        f.host,
        f.cookieName ?? '',
        f.cookieDomain ?? '',
        f.thirdParty ? 'yes' : 'no',
        formatIso(f.firstSeenAt),
        formatIso(f.lastSeenAt),
        f.firstSeenAt - visit.startedAt,
        f.count,
        f.url,
        f.setBy ?? '',
        f.reason,
        (f.provenance ?? []).join(' '),
      ];
    });
  return toCsv([[...CSV_COLUMNS], ...rows]);
}
