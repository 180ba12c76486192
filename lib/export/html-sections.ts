/** Sections of the HTML report. Every interpolation goes through escapeHtml (imported as `e`). */
import type { Finding, PageVisit } from '../findings';
import type { DerivedVisit } from '../evidence/derive';
import type { VendorRecord } from '../vendor-db/types';
import { consentEventText, decodedText, statusText } from '../report/consent';
import { factViews, safeHttpsUrl, sourceTitle, type FactView } from '../report/facts';
import { formatIso, formatRelative, showInvisible } from '../report/format';
import { buildTimeline } from '../report/timeline';
import { groupVendors, unknownItems, type VendorRow } from '../report/vendors';
import { escapeHtml as e } from './escape';

const PHASE_LABEL: Record<string, string> = {
  'before-consent': 'before consent',
  'after-reject': 'after reject',
  'after-accept': 'after accept',
};

/** An https: link (new tab, no referrer), or plain escaped text for anything else. */
export function linkOrText(url: string | null | undefined, text?: string): string {
  const safe = safeHttpsUrl(url);
  const label = e(text ?? url ?? '');
  return safe ? `<a href="${e(safe)}" rel="noreferrer noopener" target="_blank">${label}</a>` : label;
}

/** Page data: escaped, with bidi overrides and zero-width characters made visible. */
export function pageText(value: string | null | undefined): string {
  return e(showInvisible(value ?? ''));
}

/** Phase label, coloured only for violations (as in the popup). */
function badge(phase: string, violation: boolean): string {
  return `<span class="badge ${violation ? `b-${e(phase)}` : 'b-neutral'}">${e(PHASE_LABEL[phase] ?? phase)}</span>`;
}

export function consentSection(derived: Pick<DerivedVisit, 'visit' | 'consent'>): string {
  const { visit } = derived;
  const events = derived.consent.lines;
  if (!events.length)
    return '<h2>Consent timeline</h2><p>No consent signal was recorded during this visit.</p>';
  const rows = events.map((ev) => {
    const decoded = decodedText(ev);
    return `<tr><td>${e(formatIso(ev.at))}<br><span class="note">${e(formatRelative(Math.max(0, ev.at - visit.startedAt)))}</span></td><td>${e(
      consentEventText(ev),
    )}<br><span class="note">${e(statusText(ev.status))}</span></td><td><code>${e(ev.provenance)}</code><br><span class="note">${e(ev.vias.join(', '))}</span></td><td><pre>${pageText(ev.raw ?? '')}</pre>${decoded ? `<details open><summary>decoded</summary><pre>${e(decoded)}</pre></details>` : ''}</td></tr>`;
  });
  return `<h2>Consent timeline</h2><table><thead><tr><th class="w-m">Time (UTC)</th><th class="w-m">Event</th><th class="w-s">Provenance</th><th>Raw and decoded</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function factHtml(f: FactView): string {
  const value = f.link ? linkOrText(f.link) : f.items?.length ? e(f.items.join('; ')) : e(f.text);
  const marker = f.derived ? `<span class="derived" title="${e(f.explanation)}">derived</span>` : '';
  const prov = f.sourceUrl ? linkOrText(f.sourceUrl, f.provenance) : e(f.provenance);
  return `<dt>${e(f.label)}</dt><dd>${value}${marker}<br><span class="prov">${prov}</span></dd>`;
}

function cookiesHtml(row: VendorRow): string {
  if (!row.cookies.length) return '';
  const rows = row.cookies.map(
    (c) =>
      `<tr><td><code>${pageText(c.name)}</code><br><span class="note">${pageText(c.domain)}</span></td><td>${e(c.party)} party</td><td>${badge(c.phase, c.violation)}</td><td>${e(
        c.observedLifetime ?? 'unknown',
      )}</td><td>${e(c.declaredDuration ?? 'not in database')}${c.declaredSource ? `<br><span class="prov">Source: ${e(c.declaredSourceTitle ?? c.declaredSource)}</span>` : ''}</td><td>${e(
        c.purpose ?? '',
      )}</td><td>${c.setBy ? `<code>${pageText(c.setBy)}</code>` : ''}</td></tr>`,
  );
  return `<h3>Cookies set here</h3><table><thead><tr><th class="w-m">Name</th><th class="w-s">Party</th><th class="w-s">Phase</th><th class="w-s">Observed lifetime</th><th class="w-s">Declared duration</th><th>Purpose</th><th class="w-m">Set by script</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function vendorHtml(row: VendorRow): string {
  const v = row.vendor;
  const src = (id: string | undefined) =>
    v && id ? ` <span class="prov">(source: ${e(sourceTitle(v, id))})</span>` : '';
  const who = v
    ? `${e(v.company ?? 'company not stated')}${src(v.companySource)}${v.country ? ` · ${e(v.country)}${src(v.countrySource)}` : ''}`
    : 'not in the vendor database';
  const facts = v ? `<dl>${factViews(v).map(factHtml).join('')}</dl>` : '';
  return `<section class="vendor" data-vendor="${e(row.key)}"><h3>${e(row.name)} ${row.phases.map((p) => badge(p, row.violationPhases.includes(p))).join('')}</h3>
<p class="meta">${who} · ${e(row.category)} · hosts: ${row.hosts.map((h) => `<code>${pageText(h)}</code>`).join(', ')} · ${e(row.requestCount)} request(s)</p>
${facts}${cookiesHtml(row)}</section>`;
}

export function vendorSection(
  derived: Pick<DerivedVisit, 'findings' | 'parties'>,
  vendors: VendorRecord[],
): string {
  const groups = groupVendors(derived, vendors);
  if (!groups.length) return '<h2>Vendors</h2><p>No known vendor was seen.</p>';
  return `<h2>Vendors</h2>${groups
    .map((g) => `<h3>${e(g.category)} (${e(g.rows.length)})</h3>${g.rows.map(vendorHtml).join('')}`)
    .join('')}`;
}

export function unknownSection(findings: Finding[]): string {
  const items = unknownItems(findings);
  if (!items.length)
    return '<h2>Unknown hosts and cookies</h2><p>None: every observation was attributed.</p>';
  const rows = items.map(
    (u) =>
      `<tr><td>${e(u.kind)}</td><td><code>${pageText(u.label)}</code></td><td>${badge(u.phase, u.violation)}</td><td>${u.thirdParty ? 'third' : 'first'} party</td><td>${pageText(u.reason)}</td></tr>`,
  );
  return `<h2>Unknown hosts and cookies</h2><table><thead><tr><th class="w-s">Kind</th><th>Host or cookie</th><th class="w-s">Phase</th><th class="w-s">Party</th><th>Classifier's reason</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function findingsSection(visit: PageVisit, findings: Finding[], vendors: VendorRecord[]): string {
  const rows = buildTimeline(visit, findings, vendors)
    .filter((t) => t.kind !== 'consent')
    .map(
      (t) =>
        `<tr><td>${e(formatRelative(t.offsetMs))}</td><td>${t.phase ? badge(t.phase, t.violation) : ''}${t.violation ? '<strong>violation</strong>' : ''}</td><td>${e(
          t.kind,
        )}</td><td>${e(t.vendorName ?? 'unknown')}<br><span class="note">${e(t.category ?? '')}</span></td><td><code>${pageText(t.label)}</code><br><span class="note">${pageText(t.detail)}</span></td></tr>`,
    );
  return `<h2>All observations (${e(rows.length)})</h2><table><thead><tr><th class="w-s">Offset</th><th class="w-s">Phase</th><th class="w-s">Kind</th><th class="w-s">Vendor</th><th>Host / cookie and URL</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
