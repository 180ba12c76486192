// An Open Cookie Database row filed as exempt (Functional, Necessary …) whose own description states a purpose that
// needs consent (conversion tracking, retargeting, statistics) takes that purpose: the text is the row's evidence,
// the label a curator's shorthand, and consent-safe means the stricter reading wins. A row whose text says it only
// records the visitor's consent or opt-out is consent management, whatever its label.
import type { Category } from '../../category';
import { CHOICE_NAME } from '../choice-name';
import { OCD_CATEGORY, type OcdRow } from './ocd';

/**
 * Phrases that name a marketing purpose: tracking conversions, retargeting, attribution, ad targeting, recognising
 * a visitor across sites, a visitor ID kept as the key of a personalisation profile (TCF purposes 5–6 need consent).
 */
const MARKETING = new RegExp(
  '\\b(?:' +
    [
      'conversion tracking',
      'tracking conversions?',
      'retargeting',
      'remarketing',
      'attribution',
      'targets? (?:the|a) (?:visitor|user)',
      'relevant advertisement',
      'marketing purposes',
      'identifying (?:their )?users consistently across',
      'key for personali[sz]ation',
    ].join('|') +
    ')\\b',
  'i',
);
/**
 * Phrases that name an analytics purpose: statistics, counting users or visits, following a visitor's movements or
 * browsing, an anonymous visitor ID, reporting and tracking.
 */
const ANALYTICS = new RegExp(
  '\\b(?:' +
    [
      'statistics',
      'statistical data',
      'counting of the number of users',
      'frequency of visits',
      'number of visits',
      'track(?:s|ing)? (?:the )?visits',
      'tracking events',
      "tracks the user's interaction",
      'collect metrics per page view',
      'how often the website visitor',
      'new or returning',
      'visitor movements',
      'browsing activity',
      'pages? (?:that )?the user visited',
      'anonymous id',
      'anonymous analytics',
      'for (?:their )?analytics',
      'performance tracking',
      '(?:reporting and )?(?:analytics|tracking) purposes',
    ].join('|') +
    ')\\b',
  'i',
);
/**
 * The row's text says the cookie only records the visitor's consent or opt-out ("store the user consent
 * preference", "Ad optout cookie"): consent management, whatever the label. Matomo's `mtm_consent_removed`, filed
 * Analytics, is written when the visitor refuses; as analytics it read as a tracker firing after the refusal.
 */
const CONSENT_RECORD =
  /\b(?:stores?|remembers?|records?|determines?|honou?rs?|holds?|contains?|indicat\w*)\b[^.]{0,60}?\b(?:consent|opt-?out|opted[ -]out)\b|^(?:ad )?opt-?out cookie\b|\bconsent (?:state|status|preference)|\bwhether the visitor has accepted/i;
/** Words of any other purpose: a row that also names one (an identifier, analytics, ads) keeps its label. */
const OTHER_PURPOSE =
  /identif|unique id|visitor id|user id|analytic|advertis|personali[sz]|statistic|\btrack(?:s|ing)?\b|behaviou?r|sync/i;

/** What such a cookie's text may not name besides: an identifier, behaviour, syncing. */
const IDENTIFIER_PURPOSE = /identif|unique id|visitor id|user id|personali[sz]|behaviou?r|sync/i;

/** The cookie records a consent choice, a preference or an opt-out: its purpose is that, whatever it mentions. */
const ABOUT_CONSENT = /\b(?:consent|opt-?out|permission|preferences?|accepted|allowed|choice)\b/i;

export interface OcdPurpose {
  category: Category;
  /** Set when the description (or the name) overrode the row's label: the phrase that did. */
  statedBy?: string;
  /** The phrase is in the cookie's name, not its description. */
  inName?: true;
}

/** The consent purpose of one OCD row: its label, unless an exempt label contradicts the row's own text. */
export function ocdPurpose(row: Pick<OcdRow, 'category' | 'description'> & { name?: string }): OcdPurpose {
  const labelled = OCD_CATEGORY[row.category] ?? 'functional';
  const text = row.description ?? '';
  const record = CONSENT_RECORD.exec(text);
  if (record && !OTHER_PURPOSE.test(text)) return { category: 'consent', statedBy: record[0] };
  // Named an opt-out or a consent, and its text names no identifier ("Records your decision not to receive
  // interest-based advertising", Microsoft's ToptOut; "Is set when enableTrackingConsent or disableTrackingConsent
  // is triggered via API", ABlyft's, filed Analytics): the record of a choice, written after a refusal too.
  const choice = row.name === undefined ? null : CHOICE_NAME.exec(row.name);
  if (choice && !IDENTIFIER_PURPOSE.test(text))
    return { category: 'consent', statedBy: choice[0], inName: true };
  if (labelled !== 'functional' && labelled !== 'necessary') return { category: labelled };
  if (ABOUT_CONSENT.test(text)) return { category: labelled };
  const marketing = MARKETING.exec(text);
  if (marketing) return { category: 'marketing', statedBy: marketing[0] };
  const analytics = ANALYTICS.exec(text);
  if (analytics) return { category: 'analytics', statedBy: analytics[0] };
  return { category: labelled };
}
