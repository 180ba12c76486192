import { parseAxeptio } from './axeptio';
import { parseBorlabs } from './borlabs';
import { signalFromCookieValue } from './by-value';
import { parseCivicCookieControl } from './civic';
import { mergeComplianz, parseComplianz } from './complianz';
import { parseCookiebot } from './cookiebot';
import { parseOsanoCookieConsent, parseVanillaCookieConsent } from './cookieconsent';
import { parseCookieFirst } from './cookiefirst';
import { parseCookieConsentJs } from './cookie-consent-js';
import { parseC15tCookie } from './c15t';
import { parseCookieThough } from './cookie-though';
import { parsePorscheCookieConsentBanner } from './porsche-cookie-consent-banner';
import { parseCookiesEuBanner } from './cookies-eu-banner';
import { parseFides } from './fides';
import { parseFinsweet } from './finsweet';
import { parseHubSpot } from './hubspot';
import { parseCookieScript } from './cookie-script';
import { parseCookieYes } from './cookieyes';
import { parseDidomiToken } from './didomi';
import { signalFromGoogleRequest } from './google-consent-mode';
import { parseGppCookie } from './gpp';
import { parseIubenda } from './iubenda';
import { parseKetch } from './ketch';
import { parseKlaro, parseOrejime } from './klaro';
import { parseOptanonAlertBoxClosed, parseOptanonConsent } from './onetrust';
import { parsePiwikPro } from './piwik-pro';
import { parseReactCookieConsent } from './react-cookie-consent';
import { parseShopifyTrackingConsent } from './shopify';
import { parseWix } from './wix';
import { parseVueCookieAcceptDecline, VUE_COOKIE_ACCEPT_DECLINE_PREFIX } from './vue-cookie-accept-decline';
import { parseCookieInformation } from './cookie-information';
import { parseCookieNotice } from './cookie-notice';
import { mergeCookieLawInfo, parseCookieLawInfo } from './cookie-law-info';
import { parseMoove } from './moove';
import { parseCookieHub } from './cookiehub';
import { parseCommandersAct } from './commanders-act';
import { mergeSquarespace, parseSquarespace } from './squarespace';
import { parseRealCookieBanner } from './real-cookie-banner';
import { parseSecuriti } from './securiti';
import { parseSegmentConsentManager } from './segment';
import { parseTarteaucitron } from './tarteaucitron';
import { parseTealium } from './tealium';
import { parseTermsFeed } from './termsfeed';
import { parseConsentmanager, parseFundingChoices } from './tc-string-cookies';
import { parseEuconsent } from './tcf';
import { parseTrustArc } from './trustarc';
import { isManager } from './tools';
import type { ConsentSignal } from './types';

export { signalFromHeaders } from './gpc';
export { consentToolForCookie } from './tools';
export { signalFromStorage } from './storage-signals';

type CookieParser = (name: string, value: string) => ConsentSignal | null;

/** Exact cookie name → parser: one Map lookup per cookie. */
const BY_NAME = new Map<string, CookieParser>([
  ['OptanonConsent', parseOptanonConsent],
  ['OptanonAlertBoxClosed', parseOptanonAlertBoxClosed],
  // One name, two managers: Cookiebot's `{stamp:…}` record, or react-cookie-consent's `true` / `false`.
  ['CookieConsent', (n, v) => parseCookiebot(n, v) ?? parseReactCookieConsent(n, v)],
  ['CookieConsent-legacy', parseReactCookieConsent],
  ['euconsent-v2', parseEuconsent],
  ['__gpp', parseGppCookie],
  ['didomi_token', parseDidomiToken],
  ['cookieyes-consent', parseCookieYes],
  ['notice_preferences', parseTrustArc],
  ['notice_gdpr_prefs', parseTrustArc],
  ['cmapi_cookie_privacy', parseTrustArc],
  ['klaro', parseKlaro],
  ['eu-consent', parseOrejime],
  ['orejime', parseOrejime],
  ['borlabs-cookie', parseBorlabs],
  ['axeptio_cookies', parseAxeptio],
  ['axeptio_authorized_vendors', parseAxeptio],
  ['cmplz_banner-status', parseComplianz],
  ['cc_cookie', parseVanillaCookieConsent],
  ['cookieconsent_status', parseOsanoCookieConsent],
  ['tarteaucitron', parseTarteaucitron],
  ['CookieScriptConsent', parseCookieScript],
  ['cookiefirst-consent', parseCookieFirst],
  ['CookieControl', parseCivicCookieControl],
  ['_ketch_consent_v1_', parseKetch],
  ['FCCDCF', parseFundingChoices],
  ['__hs_cookie_cat_pref', parseHubSpot],
  ['_tracking_consent', parseShopifyTrackingConsent],
  ['consent-policy', parseWix],
  ['CookieInformationConsent', parseCookieInformation],
  ['cookie_notice_accepted', parseCookieNotice],
  ['hu-consent', parseCookieNotice],
  ['moove_gdpr_popup', parseMoove],
  ['viewed_cookie_policy', parseCookieLawInfo],
  ['cookiehub', parseCookieHub],
  ['TC_PRIVACY', parseCommandersAct],
  ['ss_performanceCookiesAllowed', parseSquarespace],
  ['ss_marketingCookiesAllowed', parseSquarespace],
  ['fs-cc', parseFinsweet],
  ['fs-consent', parseFinsweet],
  ['cookie_consent_level', parseTermsFeed],
  ['__privaci_cookie_consents', parseSecuriti],
  ['CONSENTMGR', parseTealium],
  ['fides_consent', parseFides],
  ['tracking-preferences', parseSegmentConsentManager],
  ['cookie-consent-tracking-allowed', parseCookieConsentJs],
  ['c15t', parseC15tCookie],
  // A generic name: only Cookie Though's exact `id:1|id:0` format is read.
  ['cookie-preferences', parseCookieThough],
  ['cookies_accepted_categories', parsePorscheCookieConsentBanner],
  ['hasConsent', parseCookiesEuBanner],
]);

/** Prefixed cookie names (a site, app or CMP id follows the prefix). */
const BY_PREFIX: ReadonlyArray<readonly [string, CookieParser]> = [
  ['_iub_cs-', parseIubenda],
  ['ppms_privacy_', parsePiwikPro],
  ['__cmpconsentx', parseConsentmanager],
  ['real_cookie_banner', parseRealCookieBanner],
  [VUE_COOKIE_ACCEPT_DECLINE_PREFIX, parseVueCookieAcceptDecline],
];

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
  // A record in a cookie the site names itself: known by its value (by-value.ts).
  if (!parser) return signalFromCookieValue(name, value);
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

/** Tools that spread one choice over several cookies, with how their whole jar merges into one signal. */
const SPREAD: Readonly<Record<string, (jar: ReadonlyMap<string, string>) => ConsentSignal | null>> = {
  complianz: mergeComplianz,
  'cookie-law-info': mergeCookieLawInfo,
  squarespace: mergeSquarespace,
};

type Jar = ReadonlyArray<{ name: string; value: string }>;

/** A jar's cookies by name (the first 2,000; a later duplicate name wins, as the browser sends it last). */
function jarMap(cookies: Jar): Map<string, string> {
  const jar = new Map<string, string>();
  for (const c of cookies.slice(0, 2000)) {
    if (typeof c?.name === 'string' && typeof c.value === 'string') jar.set(c.name, c.value);
  }
  return jar;
}

/** The choice of a tool that spreads it over several cookies, merged over the whole jar; null for any other tool. */
export function mergeSpread(tool: string, cookies: Jar): ConsentSignal | null {
  return Object.hasOwn(SPREAD, tool) ? SPREAD[tool]!(jarMap(cookies)) : null;
}

/**
 * Signals from a whole cookie jar (cookies.getAll, or a parsed Cookie header), one per consent cookie, plus
 * tools that spread one choice over several cookies (Complianz, CookieLawInfo, Squarespace): their merged choice replaces the partial one.
 */
export function signalsFromJar(cookies: Jar): ConsentSignal[] {
  const signals: ConsentSignal[] = [];
  for (const c of cookies.slice(0, 2000)) {
    if (typeof c?.name !== 'string' || typeof c.value !== 'string') continue;
    const signal = signalFromCookie(c.name, c.value);
    if (signal) signals.push(signal);
  }
  for (const tool of Object.keys(SPREAD)) {
    const at = signals.findIndex((s) => s.tool === tool);
    const merged = at >= 0 ? mergeSpread(tool, cookies) : null;
    if (merged) signals[at] = merged;
  }
  return signals;
}

/**
 * What a jar says of whose consent manager the page runs: the managers whose parsers read one of its cookies (a
 * format names its manager: react-cookie-consent's `CookieConsent=true` is not Cookiebot's, whose cookie has that
 * name too), then the names of the other cookies, for `identifyTool`. A standard's record (a TC string) names no
 * manager: its cookie's name still may. The derivation applies the same rule to stored signals (`toolOf`).
 */
export function jarToolEvidence(cookies: Jar): { decoded: string[]; cookies: string[] } {
  const decoded: string[] = [];
  const names: string[] = [];
  for (const c of cookies.slice(0, 2000)) {
    if (typeof c?.name !== 'string' || typeof c.value !== 'string') continue;
    const tool = signalFromCookie(c.name, c.value)?.tool ?? null;
    if (isManager(tool)) {
      if (!decoded.includes(tool)) decoded.push(tool);
    } else names.push(c.name);
  }
  return { decoded, cookies: names };
}
