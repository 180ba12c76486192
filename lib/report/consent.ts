/** Consent timeline lines in words, and their decoded detail as readable lines. */
import type { ConsentLine, ConsentStatus } from '../evidence/consent';
import { customChoiceText, placeText } from '../evidence/consent-text';
import { formatDateTime } from './format';
import { clickWords } from '../consent/switches';
import { toolName } from './verdict';

const STATUS_TEXT: Record<ConsentStatus, string> = {
  'carried-over': 'stored before this visit',
  'remembered-asked-again':
    'remembered from an earlier visit, but the consent banner asked again: not in force',
  counted: 'the visitor’s choice',
  'without-interaction': 'consent stored without interaction: not a valid choice',
  'over-refusal':
    'stored over the refusal the visitor brought, with no click of theirs in a consent banner we could see: needs review',
  'over-click':
    'stored by the site after the visitor’s Reject all in its banner on an earlier visit: the refusal stands',
  'third-party': 'another site’s consent cookie: not this site’s choice',
  confirmed: 'reported by the page, confirmed by a stored choice',
  'not-confirmed': 'reported by the page, not confirmed',
  banner: 'banner',
  'click-confirmed': 'click, confirmed by the stored choice that followed',
  'click-not-confirmed': 'click, no stored choice we could read followed: the click is the answer',
  'click-contradicted': 'click, contradicted by the stored choice that followed',
  interaction: 'the browser’s user activation',
  evidence: 'evidence, not the visitor’s choice',
};

export function statusText(status: ConsentStatus): string {
  return STATUS_TEXT[status];
}

/** e.g. "OneTrust banner shown", "Cookiebot: rejected all", "Klaro: clicked reject all". */
export function consentEventText(e: ConsentLine): string {
  if (e.state === 'interaction' && e.outside)
    return `the visitor first clicked or typed in the page, outside any consent banner${e.label ? ` (on ${placeText(e.label)})` : ''}`;
  if (e.state === 'interaction' && e.afterOutside)
    return 'the visitor then first clicked, tapped or typed where a consent banner could take it (a banner, dialog, overlay or frame)';
  if (e.state === 'interaction') return 'the visitor first clicked, tapped or typed in the page or a frame';
  // A click in a banner nothing named carries no tool.
  const tool =
    (e.state === 'click' || e.rememberedClick) && !e.tool
      ? 'A consent banner we could not identify'
      : toolName(e.tool);
  if (e.rememberedClick) {
    const { cookie, storageKey } = e.rememberedClick;
    const who = e.rememberedClick.by === 'audit' ? 'the audit’s opt-out clicked' : 'clicked';
    const left =
      storageKey !== undefined
        ? `the localStorage record ${storageKey} `
        : `the cookie ${cookie ? `${cookie} ` : ''}`;
    return `${tool}: ${who} ${clickWords(e.rememberedClick.action, e.rememberedClick.switches)} on an earlier visit (${formatDateTime(e.rememberedClick.at)}); ${left}the site wrote then is unchanged`;
  }
  if (e.state === 'click' && e.by === 'audit')
    return `${tool}: the audit’s opt-out clicked ${clickWords(e.action ?? '', e.switches)}${e.label ? ` (${e.label})` : ''}`;
  if (e.state === 'click')
    return `${tool}: clicked ${clickWords(e.action ?? '', e.switches)}${e.label ? ` (“${e.label}”)` : ''}`;
  if (e.state === 'banner') return `${tool} banner shown`;
  if (e.evidence === 'manager-default')
    return `${tool}: its own record that ${(e.decoded as { consentRequired?: unknown } | undefined)?.consentRequired === false ? 'no consent is required here' : 'consent is implied'}, not the visitor's choice`;
  const kind = e.choice?.kind;
  const what =
    kind === 'accept-all'
      ? 'accepted all'
      : kind === 'reject-all'
        ? 'rejected all'
        : kind === 'custom'
          ? customChoiceText(e.choice!)
          : 'choice recorded';
  const unprompted = e.storedUnprompted;
  if (unprompted && e.status === 'over-refusal')
    return `${tool}: ${what}, as the site stored it on an earlier visit (${formatDateTime(unprompted.at)}) over the refusal that visit brought, with no click of the visitor's in a consent banner we could see`;
  if (unprompted?.noPage)
    return `${tool}: ${what}, as the site stored it while no page of it was open (${formatDateTime(unprompted.at)}), with no input of the visitor's on the site just before`;
  if (unprompted?.overClick)
    return `${tool}: ${what}, as the site stored it on an earlier visit (${formatDateTime(unprompted.at)}) after the visitor's Reject all in its banner`;
  if (unprompted?.leaving)
    return `${tool}: ${what}, as the site stored it as the visitor was leaving one of its pages (${formatDateTime(unprompted.at)}), with no input of the visitor's there that could answer a banner`;
  if (unprompted)
    return `${tool}: ${what}, as the site stored it without interaction on an earlier visit (${formatDateTime(unprompted.at)}${unprompted.onSite ? `, by a request of a page of ${unprompted.onSite}` : ''})`;
  return `${tool}: ${what}`;
}

/** The decoded signal as pretty JSON (stable key order), or null when the parser decoded nothing. */
export function decodedText(e: Pick<ConsentLine, 'decoded'>): string | null {
  if (!e.decoded || typeof e.decoded !== 'object') return null;
  try {
    return JSON.stringify(e.decoded, null, 2);
  } catch {
    return null;
  }
}
