/**
 * A cookie declaration from a site audit, in the shape cookie policies use: one table per category (name,
 * provider, purpose, lifetime, type, first or third party), plus the items the vendor database cannot classify,
 * listed for review. Pure: built from a site report and the vendor records it names; HTML, CSV and JSON.
 */
import type { CategoryOrUnknown } from '../category';
import { toCsv } from '../export/csv';
import { escapeHtml as e } from '../export/escape';
import type { VendorCookie, VendorRecord } from '../vendor-db/types';
import type { ItemType, SiteItem, SiteReport } from './site-report';

export const DECLARATION_FORMAT = 'cookie-inspector/declaration';

export const TYPE_LABELS: Record<ItemType, string> = {
  cookie: 'HTTP cookie',
  localStorage: 'Local storage',
  sessionStorage: 'Session storage',
  indexedDB: 'IndexedDB',
};

/** Category tables in the order cookie policies list them. */
export const DECLARATION_CATEGORIES: { category: CategoryOrUnknown; title: string }[] = [
  { category: 'necessary', title: 'Strictly necessary' },
  { category: 'consent', title: 'Consent management' },
  { category: 'functional', title: 'Functional' },
  { category: 'analytics', title: 'Analytics' },
  { category: 'marketing', title: 'Marketing' },
  { category: 'advertising', title: 'Advertising' },
  { category: 'social', title: 'Social media' },
];

export interface DeclarationRow {
  name: string;
  provider: string;
  vendorId: string | null;
  purpose: string;
  /** Where the purpose text comes from: the vendor database's source id, or "classifier" for a guess. */
  purposeSource: string;
  lifetime: string;
  lifetimeSeconds: number | null;
  type: string;
  party: 'first' | 'third';
  domain: string;
  category: CategoryOrUnknown;
  /** Pages of the audit where it appeared. */
  pages: number;
  firstPage: string;
}

export interface DeclarationTable {
  category: CategoryOrUnknown;
  title: string;
  rows: DeclarationRow[];
}

export interface Declaration {
  format: typeof DECLARATION_FORMAT;
  site: string;
  startUrl: string;
  auditedAt: number;
  pagesAudited: number;
  tables: DeclarationTable[];
  /** Items no vendor database record names: the site owner must describe them (category: the classifier's guess). */
  review: DeclarationRow[];
}

const UNIT: [number, string][] = [
  [365 * 86_400, 'year'],
  [30 * 86_400, 'month'],
  [86_400, 'day'],
  [3_600, 'hour'],
  [60, 'minute'],
];

/** A lifetime in the words cookie policies use ("1 year", "30 minutes", "Session"). */
export function lifetimeText(type: ItemType, seconds: number | null | undefined): string {
  if (type === 'sessionStorage') return 'Session (until the tab closes)';
  if (type !== 'cookie') return 'Persistent (until cleared)';
  if (seconds === undefined) return 'Unknown (only seen being sent)';
  if (seconds === null) return 'Session';
  if (seconds <= 0) return 'Expired (deleted)';
  for (const [size, word] of UNIT) {
    if (seconds >= size) {
      const n = Math.round((seconds / size) * 10) / 10;
      return `${n} ${word}${n === 1 ? '' : 's'}`;
    }
  }
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

/** The vendor database's entry for a cookie or storage name (exact first, then the longest prefix). */
function vendorCookie(v: VendorRecord | undefined, name: string): VendorCookie | undefined {
  if (!v) return undefined;
  const exact = v.cookies.find((c) => c.match === 'exact' && c.name === name);
  if (exact) return exact;
  return v.cookies
    .filter((c) => c.match === 'prefix' && name.startsWith(c.name))
    .sort((a, b) => b.name.length - a.name.length)[0];
}

function rowOf(i: SiteItem, vendors: Map<string, VendorRecord>, site: string): DeclarationRow {
  const v = i.vendorId ? vendors.get(i.vendorId) : undefined;
  const known = vendorCookie(v, i.name);
  const purpose = known?.purpose?.trim();
  return {
    name: i.name,
    provider: i.vendorName ?? v?.name ?? (i.thirdParty ? i.domain : `${site} (this site)`),
    vendorId: i.vendorId,
    purpose: purpose || (v ? `Set by ${v.name} (${v.category}); no purpose text in the database` : i.reason),
    purposeSource: purpose ? known!.source : 'classifier',
    lifetime: lifetimeText(i.type, i.lifetimeSeconds),
    lifetimeSeconds: i.lifetimeSeconds ?? null,
    type: TYPE_LABELS[i.type],
    party: i.thirdParty ? 'third' : 'first',
    domain: i.domain,
    category: i.category,
    pages: i.pages.length,
    firstPage: i.firstPage,
  };
}

const byRow = (a: DeclarationRow, b: DeclarationRow) =>
  a.provider.localeCompare(b.provider) || a.name.localeCompare(b.name) || a.type.localeCompare(b.type);

/** Builds the declaration; `vendors` are the records of the vendors the report names (for purposes). */
export function buildDeclaration(report: SiteReport, vendors: readonly VendorRecord[]): Declaration {
  const records = new Map(vendors.map((v) => [v.id, v]));
  const rows = [...report.cookies, ...report.storage].map((i) => ({
    row: rowOf(i, records, report.site),
    review: i.vendorId === null || i.category === 'unknown',
  }));
  const tables = DECLARATION_CATEGORIES.map(({ category, title }) => ({
    category,
    title,
    rows: rows
      .filter((r) => !r.review && r.row.category === category)
      .map((r) => r.row)
      .sort(byRow),
  })).filter((t) => t.rows.length > 0);
  return {
    format: DECLARATION_FORMAT,
    site: report.site,
    startUrl: report.startUrl,
    auditedAt: report.auditedAt,
    pagesAudited: report.pages.length,
    tables,
    review: rows
      .filter((r) => r.review)
      .map((r) => r.row)
      .sort(byRow),
  };
}

const CSV_COLUMNS = [
  'category',
  'name',
  'provider',
  'purpose',
  'lifetime',
  'type',
  'party',
  'domain',
  'needs_review',
  'pages',
  'first_page',
] as const;

/** One CSV row per item (RFC 4180, formula-guarded); review items have category "unclassified". */
export function declarationCsv(d: Declaration): string {
  const line = (r: DeclarationRow, review: boolean) => [
    review ? 'unclassified' : r.category,
    r.name,
    r.provider,
    r.purpose,
    r.lifetime,
    r.type,
    r.party,
    r.domain,
    review ? 'yes' : 'no',
    r.pages,
    r.firstPage,
  ];
  return toCsv([
    [...CSV_COLUMNS],
    ...d.tables.flatMap((t) => t.rows.map((r) => line(r, false))),
    ...d.review.map((r) => line(r, true)),
  ]);
}

export function declarationJson(d: Declaration): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}

function table(rows: DeclarationRow[], showGuess: boolean): string {
  const head = ['Name', 'Provider', 'Purpose', 'Lifetime', 'Type', 'Party', ...(showGuess ? ['Guess'] : [])];
  const body = rows
    .map(
      (r) =>
        `<tr><td><code>${e(r.name)}</code></td><td>${e(r.provider)}</td><td>${e(r.purpose)}</td><td>${e(r.lifetime)}</td><td>${e(r.type)}</td><td>${r.party === 'first' ? 'First party' : `Third party (${e(r.domain)})`}</td>${showGuess ? `<td>${e(r.category)}</td>` : ''}</tr>`,
    )
    .join('\n');
  return `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}code{word-break:break-all}.review{border-left:4px solid #b35c00;padding-left:1rem}`;

/** Self-contained HTML (no script, no external resource); every value is escaped. */
export function declarationHtml(d: Declaration): string {
  const date = new Date(d.auditedAt).toISOString().slice(0, 10);
  const sections = d.tables
    .map((t) => `<h2 id="${e(t.category)}">${e(t.title)}</h2>\n${table(t.rows, false)}`)
    .join('\n');
  const review = d.review.length
    ? `<section class="review" id="review"><h2>For review: not in the vendor database</h2>
<p>Describe these yourself before publishing; "Guess" is the classifier's guess from the name, not a fact.</p>
${table(d.review, true)}</section>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Cookie declaration: ${e(d.site)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>${STYLE}</style></head><body>
<h1>Cookies and similar technologies on ${e(d.site)}</h1>
<p>Observed by Cookie Inspector on ${e(date)} across ${d.pagesAudited} page${d.pagesAudited === 1 ? '' : 's'} from ${e(d.startUrl)}, before consent and after a refusal.</p>
${sections}
${review}
</body></html>
`;
}
