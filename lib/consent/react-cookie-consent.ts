import { allOrNothing, clip, safeDecode } from './choice';
import type { ConsentSignal } from './types';

// react-cookie-consent (npm, Mastermindzh/react-cookie-consent): one "I understand" button and an optional
// decline button. Its defaults (src/CookieConsent.props.tsx): cookieName "CookieConsent" (Cookiebot's name too),
// cookieValue "true", declineCookieValue "false", setDeclineCookie true; with SameSite=None it also writes
// "<name>-legacy" (src/CookieConsent.tsx, setCookie).
const NAMES = new Set(['CookieConsent', 'CookieConsent-legacy']);

/**
 * Parses react-cookie-consent's cookie: exactly `true` = accept-all, exactly `false` = reject-all (the library
 * knows no categories). Anything else is not this library's record (Cookiebot's `{stamp:…}` object, `-1`).
 */
export function parseReactCookieConsent(name: string, value: string): ConsentSignal | null {
  if (!NAMES.has(name)) return null;
  const v = safeDecode(value).trim();
  if (v !== 'true' && v !== 'false') return null;
  return {
    tool: 'react-cookie-consent',
    state: 'choice',
    via: `cookie:${name}`,
    raw: clip(v),
    choice: allOrNothing(v === 'true'),
    decoded: { accepted: v === 'true' },
  };
}
