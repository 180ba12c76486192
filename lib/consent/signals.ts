import { parseBorlabs } from './borlabs';
import { mergeComplianz, parseComplianz } from './complianz';
import { parseCookiebot } from './cookiebot';
import { parseCookieYes } from './cookieyes';
import { parseDidomiToken } from './didomi';
import { signalFromGoogleRequest } from './google-consent-mode';
import { parseGppCookie } from './gpp';
import { parseKlaro } from './klaro';
import { parseOptanonAlertBoxClosed, parseOptanonConsent } from './onetrust';
import { parsePresence } from './presence';
import { parseEuconsent } from './tcf';
import { parseTrustArc } from './trustarc';
import type { ConsentSignal } from './types';

export { signalFromHeaders } from './gpc';
export { consentToolForCookie } from './presence';

type CookieParser = (name: string, value: string) => ConsentSignal | null;

/** Exact cookie name → parser: one Map lookup per cookie. */
const BY_NAME = new Map<string, CookieParser>([
  ['OptanonConsent', parseOptanonConsent],
  ['OptanonAlertBoxClosed', parseOptanonAlertBoxClosed],
  ['CookieConsent', parseCookiebot],
  ['euconsent-v2', parseEuconsent],
  ['__gpp', parseGppCookie],
  ['didomi_token', parseDidomiToken],
  ['cookieyes-consent', parseCookieYes],
  ['notice_preferences', parseTrustArc],
  ['notice_gdpr_prefs', parseTrustArc],
  ['cmapi_cookie_privacy', parseTrustArc],
  ['klaro', parseKlaro],
  ['borlabs-cookie', parseBorlabs],
  ['axeptio_cookies', parsePresence],
  ['axeptio_authorized_vendors', parsePresence],
  ['cmplz_banner-status', parseComplianz],
]);

/** Prefixed cookie names (a site id follows the prefix). */
const BY_PREFIX: ReadonlyArray<readonly [string, CookieParser]> = [['_iub_cs-', parsePresence]];

/** Cookie values longer than this are not consent cookies we know; skip them before parsing. */
const MAX_VALUE = 16384;

/**
 * The consent signal a cookie carries, or null when the cookie is not a consent cookie we read or its
 * value is malformed. Never throws.
 */
export function signalFromCookie(name: string, value: string): ConsentSignal | null {
  if (typeof name !== 'string' || typeof value !== 'string' || value.length > MAX_VALUE) return null;
  let parser = BY_NAME.get(name);
  if (!parser) for (const [prefix, p] of BY_PREFIX) if (name.startsWith(prefix)) parser = p;
  if (!parser) return null;
  try {
    return parser(name, value);
  } catch {
    return null;
  }
}

/**
 * The consent signal a request URL carries: Google Consent Mode `gcs`/`gcd` on Google hosts (evidence
 * only), else null. Never throws.
 */
export function signalFromRequestUrl(url: string): ConsentSignal | null {
  if (typeof url !== 'string') return null;
  try {
    return signalFromGoogleRequest(url);
  } catch {
    return null;
  }
}

/**
 * Signals from a whole cookie jar (cookies.getAll, or a parsed Cookie header), one per consent cookie, plus
 * tools that spread one choice over several cookies (Complianz): their merged choice replaces the partial one.
 */
export function signalsFromJar(cookies: ReadonlyArray<{ name: string; value: string }>): ConsentSignal[] {
  const signals: ConsentSignal[] = [];
  const jar = new Map<string, string>();
  for (const c of cookies.slice(0, 2000)) {
    if (typeof c?.name !== 'string' || typeof c.value !== 'string') continue;
    jar.set(c.name, c.value);
    const signal = signalFromCookie(c.name, c.value);
    if (signal) signals.push(signal);
  }
  const complianz = signals.findIndex((s) => s.tool === 'complianz');
  const merged = complianz >= 0 ? mergeComplianz(jar) : null;
  if (merged) signals[complianz] = merged;
  return signals;
}
