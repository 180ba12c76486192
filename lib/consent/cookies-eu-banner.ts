import { allOrNothing, clip, safeDecode } from './choice';
import type { ConsentSignal } from './types';

// Cookies EU banner (npm cookies-eu-banner, Alex-D): the cookie `hasConsent` (DEFAULT_CONSENT_COOKIE_NAME; a site may
// rename it with `consentCookieName`, not read), `true` or `false`. 3.0.0 (dist/cookies-eu-banner.headless.js,
// setConsent) writes it only from its Accept and Reject buttons. 1.2.x and 2.0.x (dist/cookies-eu-banner.js, init)
// also write `true` as soon as the banner is shown unless the site passes `waitAccept` ("Accept cookies by default
// for the next page"), and nothing in the value tells which version wrote it: `true` is not read. `false` is only
// ever written by the Reject button (every version): reject-all. The localStorage copy (`useLocalStorage`) is not
// read: pages use a localStorage key `hasConsent` for consents of their own, with `false` as a default.
/** Parses `hasConsent`: exactly `false` = reject-all; anything else, `true` included, is no choice we can read. */
export function parseCookiesEuBanner(name: string, value: string): ConsentSignal | null {
  if (name !== 'hasConsent' || safeDecode(value).trim() !== 'false') return null;
  return {
    tool: 'cookies-eu-banner',
    state: 'choice',
    via: `cookie:${name}`,
    raw: clip('false'),
    choice: allOrNothing(false),
    decoded: { hasConsent: false },
  };
}
