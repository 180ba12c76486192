import type { SiteAudit } from '@/components/AuditPanel';
import type { SiteExportKind } from '@/components/SiteAuditResult';
import { buildDeclaration, declarationCsv, declarationHtml, declarationJson } from '@/lib/audit/declaration';
import { renderSiteHtml } from '@/scripts/audit/site-html';
import { downloadText } from '../shared/download';
import { send, toolVersion } from '../shared/api';

/** The file stem: the site and the audit's date, e.g. `shop.example-site-audit-2026-12-01`. */
function stem(site: SiteAudit): string {
  const day = new Date(site.record.startedAt).toISOString().slice(0, 10);
  return `${site.report.site.replace(/[^A-Za-z0-9.-]/g, '_')}-site-audit-${day}`;
}

/** Saves a finished site audit: the site report (as `cli audit --pages` writes it) or the cookie declaration. */
export async function exportSiteAudit(kind: SiteExportKind, site: SiteAudit): Promise<void> {
  const name = stem(site);
  if (kind === 'json') {
    const json = { format: 'cookie-inspector/site-audit', toolVersion: toolVersion(), site: site.report };
    return downloadText(`${name}.json`, 'application/json', `${JSON.stringify(json, null, 2)}\n`);
  }
  if (kind === 'html')
    return downloadText(`${name}.html`, 'text/html;charset=utf-8', renderSiteHtml(site.report, null));
  // The declaration names purposes from the vendor records of the vendors found.
  const named = [...site.report.vendors, ...site.report.cookies, ...site.report.storage];
  const ids = [...new Set(named.flatMap((v) => (v.vendorId ? [v.vendorId] : [])))];
  const declaration = buildDeclaration(site.report, ids.length ? await send('getVendors', { ids }) : []);
  if (kind === 'declaration-csv')
    return downloadText(`${name}.declaration.csv`, 'text/csv;charset=utf-8', declarationCsv(declaration));
  if (kind === 'declaration-json')
    return downloadText(`${name}.declaration.json`, 'application/json', declarationJson(declaration));
  return downloadText(`${name}.declaration.html`, 'text/html;charset=utf-8', declarationHtml(declaration));
}
