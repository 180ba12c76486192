/**
 * Self-contained HTML report of one visit: one file, inline CSS, no scripts. Pure string in/out so the HAR CLI
 * can reuse it. Every piece of page or vendor data passes through escapeHtml.
 */
import type { VendorRecord } from '../vendor-db/types';
import { formatDateTime, formatIso } from '../report/format';
import { escapeHtml as e } from './escape';
import { REPORT_CSS } from './html-style';
import {
  consentSection,
  findingsSection,
  linkOrText,
  pageText,
  unknownSection,
  vendorSection,
} from './html-sections';
import { usedSources, type ExportInput, type ExportMeta } from './json';

const HAR_METHOD = `<p>This report was built offline from a HAR file (a browser's recording of network traffic). The requests and
cookies it contains were classified the same way as in the extension. A HAR does not
contain cookies written by page scripts (document.cookie) or the page's own consent API, so those can be missing.</p>`;

const EXTENSION_METHOD = `<p>Cookie Inspector is a browser extension. While the page was open it recorded the network requests of the
tab (browser webRequest events), the cookies set for the page (Set-Cookie headers, the cookies API and scripts writing
document.cookie) and the signals of the page's consent tool.</p>`;

const METHOD = `<p>Each request and cookie was matched against the vendor
database bundled with Cookie Inspector and labelled with the consent phase in force at the time it was seen:
<em>before consent</em> (no choice recorded yet), <em>after accept</em> or <em>after reject</em>. A finding is a
violation when its category needs prior consent (advertising, marketing, analytics, social) and it happened before a
choice or after the visitor refused that category.</p>
<ul class="note">
<li>Times are the browser's event times; offsets are relative to the start of the page visit.</li>
<li>Every observation carries its provenance: <em>browser</em> (the browser's own APIs), <em>detector</em> (Cookie
Inspector's isolated content script) or <em>page</em> (the page's own scripts, which the audited site controls). Only
browser-observed consent cookies and stored choices count as the visitor's choice; what the page reports is shown as
confirmed or not confirmed and never changes a phase.</li>
<li>Attribution depends on the bundled vendor database; unattributed hosts and cookies are listed under
"Unknown" with the classifier's reason.</li>
<li>GDPR details marked <span class="derived">derived</span> are not stated by any public source for that vendor;
they were computed by the named rule. All other values name their source.</li>
<li>Consent moments are read from the consent tool's own signals (cookies, TCF, request parameters); if a tool is not
recognised, its choice may be missing and later findings stay in "before consent".</li>
<li>This report records observations; it is not legal advice.</li>
</ul>`;

function sourcesSection(vendors: VendorRecord[], attribution: string | null | undefined): string {
  const items = usedSources(vendors).map(
    (s) =>
      `<li>${linkOrText(s.url, s.title)} <span class="note">(${e(s.id)}${s.licence ? `; licence: ${e(s.licence)}` : ''})</span></li>`,
  );
  return `<h2>Data sources</h2>${items.length ? `<ul>${items.join('')}</ul>` : '<p class="note">No vendor data used.</p>'}${
    attribution ? `<h3>Attribution and licences</h3><pre>${e(attribution)}</pre>` : ''
  }`;
}

/** Renders the full report as one HTML document string. */
export function renderHtmlReport(input: ExportInput, vendors: VendorRecord[], meta: ExportMeta): string {
  const { derived } = input;
  const { visit, findings, verdict } = derived;
  const title = `Cookie Inspector report: ${visit.site}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(title)}</title><style>${REPORT_CSS}</style></head><body>
<header><h1>${e(title)}</h1>
<p class="meta">Page: <code>${pageText(visit.url)}</code></p>
<p class="meta">Visit started ${e(formatIso(visit.startedAt))} (local ${e(formatDateTime(visit.startedAt))})${
    visit.endedAt ? `, ended ${e(formatIso(visit.endedAt))}` : ''
  }${visit.incognito ? ', private window' : ''}</p>
<p class="meta">Generated ${e(formatIso(meta.generatedAt))} by Cookie Inspector ${e(meta.toolVersion)}; visit id <code>${e(visit.id)}</code></p></header>
<p class="verdict ${e(verdict.severity)}" id="verdict">${e(verdict.text)}</p>
<p class="meta">Consent: ${e(derived.consentState)}</p>
${derived.consent.signals.map((s) => `<p class="meta">${e(s)}</p>`).join('')}
${input.browserOnly ? '<p class="meta"><strong>Browser-observed evidence only</strong>: what our detector or the page reported is left out.</p>' : ''}
${consentSection(derived)}
${vendorSection(derived, vendors)}
${unknownSection(findings)}
${findingsSection(visit, findings, vendors)}
<h2>Method and limitations</h2>${meta.capture === 'har' ? HAR_METHOD : EXTENSION_METHOD}${METHOD}
${sourcesSection(vendors, meta.attribution)}
</body></html>
`;
}
