/**
 * Reads one side of a comparison from a file: the audit JSON `cli audit` writes (`<site>.json`, whose `site` is
 * the site report), the popup's site audit saved as JSON (also under `site`), a bare site report, or a visit
 * exported by the report page (a one-page site report of the visit's derivation, e.g. a one-click audit's). Checks the fields the comparison and its view read,
 * so a wrong or damaged file is refused with a message that names the problem, and never reaches the renderer.
 */
import { CATEGORIES } from '../category';
import type { DerivedVisit } from '../evidence/derive';
import { PHASES } from '../findings';
import { parseExport } from '../export/import';
import { EXPORT_FORMAT } from '../export/json';
import { ShapeError, arr, bool, num, obj, oneOf, str, type Obj } from '../export/validate';
import { COMPARE_FORMAT, compareSiteReports, type SiteComparison } from './compare';
import { SITE_REPORT_FORMAT, buildSiteReport, type SiteReport } from './site-report';

export const AUDIT_FILE_FORMAT = 'cookie-inspector/audit';
/** The popup's site audit saved as JSON: the same site report under `site`. */
export const EXTENSION_SITE_AUDIT_FORMAT = 'cookie-inspector/site-audit';
const WITH_SITE: unknown[] = [AUDIT_FILE_FORMAT, EXTENSION_SITE_AUDIT_FORMAT];
/** The report page's import limit: larger files are refused before they are read. */
export const MAX_AUDIT_FILE_BYTES = 64 * 1024 * 1024;

const CATS = [...CATEGORIES, 'unknown'] as const;
const ITEM_TYPES = ['cookie', 'localStorage', 'sessionStorage', 'indexedDB'] as const;

export type AuditFileResult = { ok: true; report: SiteReport } | { ok: false; error: string };

function strings(v: unknown, path: string): void {
  arr(v, path).forEach((s, i) => {
    if (typeof s !== 'string') throw new ShapeError(`${path}[${i}]: expected a string`);
  });
}

function strOrNull(o: Obj, key: string, path: string): void {
  if (o[key] !== null) str(o, key, path);
}

function checkVendor(raw: unknown, i: number): void {
  const p = `site.vendors[${i}]`;
  const v = obj(raw, p);
  str(v, 'key', p);
  str(v, 'name', p);
  oneOf(v, 'category', CATS, p);
  bool(v, 'violation', p);
  arr(v.violationPhases, `${p}.violationPhases`).forEach((ph, j) => {
    if (!(PHASES as readonly unknown[]).includes(ph))
      throw new ShapeError(`${p}.violationPhases[${j}]: expected one of ${PHASES.join(', ')}`);
  });
  strings(v.violationPages, `${p}.violationPages`);
}

function checkItem(area: 'cookies' | 'storage') {
  return (raw: unknown, i: number): void => {
    const p = `site.${area}[${i}]`;
    const item = obj(raw, p);
    for (const k of ['key', 'name', 'domain']) str(item, k, p);
    oneOf(item, 'type', ITEM_TYPES, p);
    oneOf(item, 'category', CATS, p);
    strOrNull(item, 'vendorName', p);
    // undefined: never seen being set; null: a session cookie.
    if (item.lifetimeSeconds !== undefined && item.lifetimeSeconds !== null) num(item, 'lifetimeSeconds', p);
  };
}

function checkSiteReport(v: unknown): SiteReport {
  const s = obj(v, 'site');
  if (s.format !== SITE_REPORT_FORMAT || s.version !== 1)
    throw new ShapeError(`site: not a version 1 site report (format should be "${SITE_REPORT_FORMAT}")`);
  str(s, 'site', 'site');
  str(s, 'startUrl', 'site');
  num(s, 'auditedAt', 'site');
  arr(s.pages, 'site.pages').forEach((pg, i) => str(obj(pg, `site.pages[${i}]`), 'url', `site.pages[${i}]`));
  arr(s.vendors, 'site.vendors').forEach(checkVendor);
  arr(s.cookies, 'site.cookies').forEach(checkItem('cookies'));
  arr(s.storage, 'site.storage').forEach(checkItem('storage'));
  return s as unknown as SiteReport;
}

/** One derived visit (a stored or exported one, e.g. the visit a one-click audit recorded) as a one-page site report. */
export function visitSiteReport(derived: DerivedVisit): SiteReport {
  const { visit } = derived;
  return buildSiteReport({
    site: visit.site,
    startUrl: visit.url,
    auditedAt: visit.startedAt,
    pages: [{ url: visit.url, report: null, derived }],
  });
}

/** A visit exported by the report page, validated and derived again by the import. */
function visitReport(text: string): AuditFileResult {
  const r = parseExport(text);
  return r.ok ? { ok: true, report: visitSiteReport(r.bundle.derived) } : r;
}

/** Parses an audit file; never throws, and the error says what is wrong. */
export function parseAuditFile(text: string): AuditFileResult {
  if (typeof text !== 'string' || text.length === 0) return { ok: false, error: 'The file is empty.' };
  if (text.length > MAX_AUDIT_FILE_BYTES)
    return { ok: false, error: 'The file is larger than 64 MB; it is not an audit file.' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `Not valid JSON: ${(e as Error).message}` };
  }
  const format = (data as Obj | null)?.format;
  // Files of the same run that are not an audit: say which file to open instead.
  if (format === COMPARE_FORMAT)
    return {
      ok: false,
      error: 'This is a comparison (<site>.compare.json); open the two audit files (<site>.json) instead.',
    };
  if (format === EXPORT_FORMAT) return visitReport(text);
  if (!WITH_SITE.includes(format) && format !== SITE_REPORT_FORMAT)
    return {
      ok: false,
      error:
        typeof format === 'string' && format.startsWith('cookie-inspector/')
          ? `This is a Cookie Inspector "${format}" file, not an audit; open the <site>.json that cli audit wrote.`
          : `Not a Cookie Inspector audit: open a <site>.json written by cli audit (format "${AUDIT_FILE_FORMAT}") or a report page JSON export.`,
    };
  try {
    if (format === SITE_REPORT_FORMAT) return { ok: true, report: checkSiteReport(data) };
    const doc = obj(data, 'file');
    if (doc.site === undefined || doc.site === null)
      return {
        ok: false,
        error: 'This audit file has no site report (written by an older cli audit); audit the site again.',
      };
    return { ok: true, report: checkSiteReport(doc.site) };
  } catch (e) {
    if (e instanceof ShapeError) return { ok: false, error: `Invalid audit file: ${e.message}` };
    throw e;
  }
}

export type CompareResult = { ok: true; comparison: SiteComparison } | { ok: false; error: string };

/** Compares two audits of one site, the earlier one as the old side whatever the order they were picked in. */
export function compareAudits(a: SiteReport, b: SiteReport): CompareResult {
  if (a.site !== b.site)
    return {
      ok: false,
      error: `These are audits of two different sites (${a.site} and ${b.site}); pick two audits of the same site.`,
    };
  const [older, newer] = a.auditedAt <= b.auditedAt ? [a, b] : [b, a];
  return { ok: true, comparison: compareSiteReports(older, newer) };
}
