/**
 * The site audit as one readable page (`<site>.site.html`): the pages with their verdicts, every vendor with the
 * pages it appeared on, and what changed since the compared audit. Self-contained; every value is escaped.
 */
import { escapeHtml as e } from '../../lib/export/escape';
import { changeLines, type SiteComparison } from '../../lib/audit/compare';
import type { SiteReport } from '../../lib/audit/site-report';

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}.bad{color:#a40000;font-weight:600}code{word-break:break-all}`;

const phaseText = (p: string) => p.replace('-', ' ');

function pagesList(pages: string[], first: string): string {
  const shown = pages.slice(0, 5).map((p) => `<code>${e(p)}</code>${p === first ? ' (first)' : ''}`);
  return shown.join('<br>') + (pages.length > 5 ? `<br>… ${pages.length - 5} more` : '');
}

export function renderSiteHtml(r: SiteReport, comparison: SiteComparison | null): string {
  const pages = r.pages
    .map(
      (p) =>
        `<tr><td><code>${e(p.url)}</code></td><td>${e(p.status)}</td><td${p.violating ? ' class="bad"' : ''}>${e(p.verdict || p.error || '')}</td></tr>`,
    )
    .join('\n');
  const vendors = r.vendors
    .map(
      (v) =>
        `<tr><td>${e(v.name)}</td><td>${e(v.category)}</td><td${v.violation ? ' class="bad"' : ''}>${v.violationPhases.length ? e(v.violationPhases.map(phaseText).join(', ')) : 'none'}</td><td>${pagesList(v.pages, v.firstPage)}</td><td>${e([...v.cookies, ...v.storage].join(', '))}</td></tr>`,
    )
    .join('\n');
  const changes = comparison
    ? `<h2>Changes since ${e(new Date(comparison.old.auditedAt).toISOString().slice(0, 10))}</h2>
<ul>${
        changeLines(comparison)
          .map((l) => `<li>${e(l)}</li>`)
          .join('') || '<li>No change.</li>'
      }</ul>`
    : '';
  const c = r.counts;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Site audit: ${e(r.site)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>${STYLE}</style></head><body>
<h1>Site audit: ${e(r.site)}</h1>
<p>${c.pages} page${c.pages === 1 ? '' : 's'} from <code>${e(r.startUrl)}</code> on ${e(new Date(r.auditedAt).toISOString().slice(0, 10))}: ${c.violating} vendor${c.violating === 1 ? '' : 's'} with a violation (${c.beforeConsent} before consent, ${c.afterReject} after refusal), ${c.review} of unknown purpose, ${c.cookies} cookies, ${c.storage} storage keys.</p>
${changes}
<h2>Pages</h2>
<table><thead><tr><th>Page</th><th>Audit</th><th>Verdict</th></tr></thead><tbody>
${pages}
</tbody></table>
<h2>Vendors</h2>
<table><thead><tr><th>Vendor</th><th>Category</th><th>Violation</th><th>Pages</th><th>Cookies and storage</th></tr></thead><tbody>
${vendors}
</tbody></table>
</body></html>
`;
}
