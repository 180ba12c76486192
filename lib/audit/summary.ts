/** The batch audit's summary: one row per URL, as CSV and as a plain-text table. */
import { toCsv } from '../export/csv';
import type { AuditReport } from './report';

export interface SummaryRow {
  url: string;
  file: string;
  status: string;
  consentTool: string;
  refusal: string;
  beforeConsent: number;
  afterRefusal: number;
  vendorsBefore: string;
  vendorsAfter: string;
  error: string;
}

/** A file name for a URL: its host plus a short path slug, made unique within one batch. */
export function fileStem(url: string, used: Set<string>): string {
  let base: string;
  try {
    const u = new URL(url);
    const slug = `${u.pathname}${u.search}`
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40);
    base = `${u.hostname}${u.port ? `_${u.port}` : ''}${slug ? `_${slug}` : ''}`;
  } catch {
    base = 'invalid-url';
  }
  base = base.replace(/[^A-Za-z0-9._-]/g, '_');
  let stem = base;
  for (let n = 2; used.has(stem); n++) stem = `${base}-${n}`;
  used.add(stem);
  return stem;
}

export function summaryRow(url: string, file: string, report: AuditReport | null, error = ''): SummaryRow {
  const needs = (l: AuditReport['beforeConsent']) => l.filter((x) => x.needsConsent);
  const before = report ? needs(report.beforeConsent) : [];
  const after = report ? needs(report.afterRefusal) : [];
  const refusal = report?.refusal;
  return {
    url,
    file,
    status: report ? report.step : 'failed',
    consentTool: report?.consentTool ?? '',
    refusal: !refusal
      ? ''
      : refusal.at !== undefined && !refusal.choice
        ? refusal.method
        : `not refused: ${refusal.message ?? refusal.choice?.kind ?? ''}`,
    beforeConsent: before.length,
    afterRefusal: after.length,
    vendorsBefore: before.map((l) => l.key).join(' '),
    vendorsAfter: after.map((l) => l.key).join(' '),
    error: error || report?.error || '',
  };
}

const COLUMNS: (keyof SummaryRow)[] = [
  'url',
  'status',
  'consentTool',
  'refusal',
  'beforeConsent',
  'afterRefusal',
  'vendorsBefore',
  'vendorsAfter',
  'error',
  'file',
];

/** RFC 4180 CSV with a header row (cells guarded against spreadsheet formulas). */
export function summaryCsv(rows: SummaryRow[]): string {
  return toCsv([COLUMNS, ...rows.map((r) => COLUMNS.map((c) => r[c]))]);
}

/** Aligned plain-text table for the terminal; control characters in URLs are shown as `?`. */
export function summaryTable(rows: SummaryRow[]): string {
  const cols: [string, (r: SummaryRow) => string][] = [
    ['status', (r) => r.status],
    ['before', (r) => String(r.beforeConsent)],
    ['after-refusal', (r) => String(r.afterRefusal)],
    ['consent tool', (r) => r.consentTool || '-'],
    ['url', (r) => r.url],
  ];
  const cells = rows.map((r) =>
    cols.map(([, f]) =>
      f(r)
        .replace(/[\x00-\x1f\x7f]/g, '?')
        .slice(0, 120),
    ),
  );
  const widths = cols.map(([h], i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]!))).join('  ');
  return [line(cols.map(([h]) => h)), ...cells.map(line)].join('\n') + '\n';
}
