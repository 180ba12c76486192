/** The audit's own section for the HTML report: steps, refusal, consent state per step, screenshots. */
import { escapeHtml as e } from '../export/escape';
import { formatIso } from '../report/format';
import type { AuditReport, AuditVendorLine } from './report';

const SAFE_IMAGE = /^data:image\/(jpeg|png);base64,[A-Za-z0-9+/=]+$/;

function lines(title: string, rows: AuditVendorLine[]): string {
  if (rows.length === 0) return `<h3>${e(title)}</h3><p class="note">None.</p>`;
  const tr = rows.map(
    (l) =>
      `<tr><td><code>${e(l.key)}</code></td><td>${e(l.category)}</td><td>${l.needsConsent ? '<strong>needs consent</strong>' : ''}</td><td>${e(
        l.hosts.join(', '),
      )}</td><td>${e(l.cookies.join(', '))}</td><td>${e(l.requests)}</td></tr>`,
  );
  return `<h3>${e(title)}</h3><table><thead><tr><th>Vendor</th><th>Category</th><th></th><th>Hosts</th><th>Cookies</th><th>Requests</th></tr></thead><tbody>${tr.join('')}</tbody></table>`;
}

function refusalText(r: AuditReport): string {
  const ref = r.refusal;
  if (!ref) return 'No refusal was attempted.';
  if (ref.choice) return `The visitor clicked "${ref.choice.kind}" instead of refusing.`;
  if (ref.at === undefined) return `Not refused: ${ref.message ?? 'no choice was made'}.`;
  const who =
    ref.method === 'autoconsent' ? 'Refused automatically with autoconsent' : 'Refused by the visitor';
  return `${who} at ${formatIso(ref.at)}${ref.message ? ` (${ref.message})` : ''}.`;
}

/** Renders the audit section; every value is escaped, and only base64 JPEG/PNG data URLs become images. */
export function renderAuditSection(r: AuditReport): string {
  const states = r.consentStates.map((s) => {
    const img =
      s.screenshot && SAFE_IMAGE.test(s.screenshot)
        ? `<br><img alt="Page at ${e(s.step)}" src="${s.screenshot}" style="max-width:100%">`
        : '';
    const choice = s.choice ? `: ${e(s.choice.kind)} (granted ${e(s.choice.granted.join(', '))})` : '';
    return `<li><strong>${e(s.step)}</strong> at ${e(formatIso(s.at))}: ${e(s.tool ?? 'no consent tool')} ${e(s.state)}${choice}${s.via ? ` <span class="note">via ${e(s.via)}</span>` : ''}${img}</li>`;
  });
  const cleared = r.cleared
    ? `${e(r.cleared.cookies)} cookies removed, storage ${r.cleared.storage ? 'cleared' : 'not cleared'}${r.cleared.errors.length ? ` (${e(r.cleared.errors.join('; '))})` : ''}`
    : 'not cleared';
  return `<section id="audit"><h2>Audit</h2>
<p class="verdict">${e(r.summary)}</p>
<p class="meta">Started ${e(formatIso(r.startedAt))}, finished ${e(formatIso(r.finishedAt))} (${e(r.step)}). Site data before the audit: ${cleared}.</p>
<p class="meta">Consent tool: ${e(r.consentTool ?? 'none detected')}. ${e(refusalText(r))}</p>
<ul>${states.join('')}</ul>
${lines('Fired before consent', r.beforeConsent)}
${lines('Fired or set cookies after the refusal', r.afterRefusal)}</section>`;
}
