import type { Category } from '../category';
import { choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import { jsonObject } from './names';
import type { ConsentSignal } from './types';

// Cookie Information (cookieinformation.com) keeps the choice in `CookieInformationConsent`: URL-encoded JSON whose
// `consents_approved` / `consents_denied` list category ids. Its own Google Consent Mode template
// (cookie-information/ci-consent-mode-template-v2, template.tpl) parses the cookie as JSON and reads
// `consents_approved`, mapping cookie_cat_marketing to the ad signals, cookie_cat_statistic to analytics and
// cookie_cat_functional to functionality; its support pages name the categories necessary, functional, statistic
// and marketing. `cookie_cat_unclassified` and a site's own ids map to nothing (unmapped).
const CATEGORIES: Readonly<Record<string, readonly Category[]>> = {
  cookie_cat_necessary: ['necessary'],
  cookie_cat_functional: ['functional'],
  cookie_cat_statistic: ['analytics'],
  cookie_cat_marketing: ['advertising', 'marketing'],
};

const ids = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, 50) : [];

/** Parses `CookieInformationConsent`: the pop-up writes it only once the visitor answered, so it is a choice. */
export function parseCookieInformation(name: string, value: string): ConsentSignal | null {
  if (name !== 'CookieInformationConsent') return null;
  const o = jsonObject(safeDecode(value).trim());
  if (!o || (!Array.isArray(o.consents_approved) && !Array.isArray(o.consents_denied))) return null;
  const approved = ids(o.consents_approved);
  const denied = ids(o.consents_denied).filter((id) => !approved.includes(id));
  const toggles: Toggle[] = [
    ...approved.map((id) => ({ id, granted: true, categories: CATEGORIES[id] ?? [] })),
    ...denied.map((id) => ({ id, granted: false, categories: CATEGORIES[id] ?? [] })),
  ];
  if (toggles.length === 0) return null;
  return {
    tool: 'cookie-information',
    state: 'choice',
    via: 'cookie:CookieInformationConsent',
    raw: clip(value),
    choice: choiceFromToggles(toggles),
    decoded: {
      approved,
      denied,
      ...(typeof o.timestamp === 'string' && { timestamp: o.timestamp.slice(0, 40) }),
    },
  };
}
