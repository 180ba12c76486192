import type { Category } from '../category';
import { choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import { categoriesForName } from './names';
import type { ConsentSignal } from './types';

// Porsche's Cookie Consent Banner (npm @porscheofficial/cookie-consent-banner 4.1.0,
// src/components/cookie-consent-banner/cookie-consent-banner.tsx, persistSelection; src/utils/safeCookie.ts): the
// cookie `cookies_accepted_categories` (its `cookieName` default; a renamed one is not read) lists the keys of the
// *accepted* categories joined by `,` (`%2C` in 4.x, whose stringifyCookie percent-encodes it; raw in 3.x). It is
// written only by persistSelection: "Accept all" (every available category), "Only essential" (the `isMandatory`
// ones) and "Save selection"; before an answer nothing is written. The keys are the site's `availableCategories`:
// those of its README's example (technically_required, mandatory; analytics; marketing) are mapped here, any other by
// its name (names.ts) or left unmapped. The categories refused or never offered are not in the record, so an
// acceptance stays custom (what it lists is granted); only mandatory ones = reject-all. An empty value (Only
// essential with no mandatory category) is not read: the library itself reads it as no answer.
const KEYS: Readonly<Record<string, readonly Category[]>> = {
  technically_required: ['necessary'],
  analytics: ['analytics'],
  marketing: ['advertising', 'marketing'],
};
const KEY = /^[\w .-]{1,64}$/;

/** Parses `cookies_accepted_categories`. */
export function parsePorscheCookieConsentBanner(name: string, value: string): ConsentSignal | null {
  if (name !== 'cookies_accepted_categories') return null;
  const v = safeDecode(value.trim());
  if (!v) return null;
  const keys = v.split(',');
  if (keys.length > 50 || keys.some((k) => !KEY.test(k)) || new Set(keys).size !== keys.length) return null;
  const toggles: Toggle[] = keys.map((id) => ({
    id,
    granted: true,
    categories: Object.hasOwn(KEYS, id) ? KEYS[id]! : categoriesForName(id),
  }));
  // The record lists the accepted categories only.
  const listed = choiceFromToggles(toggles, { acceptedOnly: true });
  return {
    tool: 'porsche-cookie-consent-banner',
    state: 'choice',
    via: `cookie:${name}`,
    raw: clip(v),
    choice: listed.kind === 'reject-all' ? listed : { ...listed, kind: 'custom' },
    decoded: { acceptedCategories: keys },
  };
}
