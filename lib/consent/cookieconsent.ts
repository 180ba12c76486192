import { allOrNothing, choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import { categoriesForName, jsonObject } from './names';
import type { ConsentChoice, ConsentSignal } from './types';

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, 50) : [];
}

// vanilla-cookieconsent (orestbida) v3: cookie `cc_cookie` = encodeURIComponent(JSON.stringify({categories,
// revision, data, consentTimestamp, consentId, services, languageCode, lastConsentTimestamp, expirationTime}))
// listing the *accepted* categories; `services` has one key per category the site defined (source:
// node_modules/vanilla-cookieconsent/dist/cookieconsent.esm.js, v3.1.0, acceptCategory and its services map);
// v2 wrote `level` instead of `categories` and no services.
/**
 * Parses `cc_cookie` (cookie, or localStorage with `cookie.useLocalStorage`). Category names are the site's:
 * mapped by name (names.ts); only necessary accepted = reject-all; every defined category accepted =
 * accept-all; otherwise custom, unknown names unmapped.
 */
export function parseVanillaCookieConsent(name: string, value: string): ConsentSignal | null {
  if (name !== 'cc_cookie') return null;
  const obj = jsonObject(safeDecode(value)) ?? jsonObject(value);
  if (!obj) return null;
  const accepted = stringList(Array.isArray(obj.categories) ? obj.categories : obj.level);
  if (!Array.isArray(obj.categories) && !Array.isArray(obj.level)) return null;
  // v3's `services` has a key for every category the site defined (accepted or not): with it, "all accepted"
  // is known; without it (v2) an acceptance stays custom, its categories mapped by name.
  const services = obj.services;
  const defined =
    typeof services === 'object' && services !== null && !Array.isArray(services)
      ? Object.keys(services)
      : [];
  const toggles: Toggle[] = [...new Set([...defined, ...accepted])]
    .slice(0, 50)
    .map((c) => ({ id: c, granted: accepted.includes(c), categories: categoriesForName(c) }));
  const optional = toggles.filter(
    (t) => !t.categories.every((c) => c === 'necessary') || !t.categories.length,
  );
  const choice: ConsentChoice = optional.every((t) => !t.granted)
    ? { kind: 'reject-all', granted: ['necessary'] }
    : defined.length > 0 && optional.every((t) => t.granted)
      ? // Every category the site defined: what they cover, not every purpose (one the banner never asked about
        // stays unasked: accept-scope).
        choiceFromToggles(toggles)
      : { ...choiceFromToggles(toggles, { acceptedOnly: defined.length === 0 }), kind: 'custom' };
  return {
    tool: 'vanilla-cookieconsent',
    state: 'choice',
    choice,
    via: `cookie:${name}`,
    raw: clip(value),
    decoded: {
      acceptedCategories: accepted,
      revision: typeof obj.revision === 'number' ? obj.revision : null,
      consentTimestamp: typeof obj.consentTimestamp === 'string' ? obj.consentTimestamp : null,
    },
  };
}

// Osano's open-source Cookie Consent (npm `cookieconsent` 3.1.1): cookie `cookieconsent_status` holds one of
// cc.status = { deny, allow, dismiss } (source: node_modules/cookieconsent/src/cookieconsent.js, cc.status).
/**
 * Parses `cookieconsent_status`. `allow` = accept-all, `deny` = reject-all. `dismiss` is the "Got it" of an
 * information-only banner: not consent, so it is no choice at all (null) and trackers stay before-consent.
 */
export function parseOsanoCookieConsent(name: string, value: string): ConsentSignal | null {
  if (name !== 'cookieconsent_status') return null;
  const v = safeDecode(value).trim();
  if (v !== 'allow' && v !== 'deny') return null;
  return {
    tool: 'osano',
    state: 'choice',
    via: `cookie:${name}`,
    raw: clip(v),
    choice: allOrNothing(v === 'allow'),
    decoded: { status: v },
  };
}
