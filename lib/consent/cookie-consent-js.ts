import { allOrNothing, clip, safeDecode } from './choice';
import type { ConsentSignal } from './types';

// cookie-consent-js (npm, shaack/cookie-consent-js 2.1.12, src/cookie-consent.js): one modal with "Accept all
// cookies" and "Only accept technically necessary cookies". Its default `cookieName`
// "cookie-consent-tracking-allowed" ("the cookie is `true` if tracking was accepted") is written only by those two
// buttons: "true" and "false". A site may rename it (`cookieName`); that record is not read.
const NAME = 'cookie-consent-tracking-allowed';

/** Parses cookie-consent-js's cookie: exactly `true` = accept-all, exactly `false` = reject-all. */
export function parseCookieConsentJs(name: string, value: string): ConsentSignal | null {
  if (name !== NAME) return null;
  const v = safeDecode(value).trim();
  if (v !== 'true' && v !== 'false') return null;
  return {
    tool: 'cookie-consent-js',
    state: 'choice',
    via: `cookie:${name}`,
    raw: clip(v),
    choice: allOrNothing(v === 'true'),
    decoded: { trackingAllowed: v === 'true' },
  };
}
