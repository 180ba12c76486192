import { clip, safeDecode } from './choice';
import type { ConsentSignal } from './types';

/**
 * Cookies whose value format we could not confirm from a public source. Their presence identifies the tool,
 * and for iubenda and Axeptio it also shows a choice exists (autoconsent checks exactly these cookies to
 * verify its opt-out); what was chosen stays unknown.
 */
export function parsePresence(name: string, value: string): ConsentSignal | null {
  if (/^_iub_cs-\d{1,20}$/.test(name)) {
    return { tool: 'iubenda', state: 'choice', via: `cookie:${name}`, raw: clip(value) };
  }
  if (name === 'axeptio_authorized_vendors') {
    const vendors = safeDecode(value)
      .split(',')
      .filter((v) => v.trim().length > 0);
    const base = {
      tool: 'axeptio',
      state: 'choice' as const,
      via: `cookie:${name}`,
      raw: clip(value),
      decoded: { authorizedVendors: vendors.slice(0, 200) },
    };
    // An empty list (",,") is what Axeptio leaves after "refuse all".
    return vendors.length === 0 ? { ...base, choice: { kind: 'reject-all', granted: ['necessary'] } } : base;
  }
  if (name === 'axeptio_cookies') {
    return { tool: 'axeptio', state: 'choice', via: `cookie:${name}`, raw: clip(value) };
  }
  return null;
}

/** Exact cookie names that identify a consent tool even when we read nothing from the value. */
export const TOOL_BY_COOKIE: ReadonlyMap<string, string> = new Map([
  ['OptanonConsent', 'onetrust'],
  ['OptanonAlertBoxClosed', 'onetrust'],
  ['CookieConsent', 'cookiebot'],
  ['euconsent-v2', 'tcf'],
  ['__gpp', 'gpp'],
  ['didomi_token', 'didomi'],
  ['cookieyes-consent', 'cookieyes'],
  ['cky-consent', 'cookieyes'],
  ['cmplz_banner-status', 'complianz'],
  ['notice_preferences', 'trustarc'],
  ['notice_gdpr_prefs', 'trustarc'],
  ['cmapi_cookie_privacy', 'trustarc'],
  ['klaro', 'klaro'],
  ['borlabs-cookie', 'borlabs'],
  ['axeptio_cookies', 'axeptio'],
  ['axeptio_authorized_vendors', 'axeptio'],
  ['osano_consentmanager', 'osano'],
  ['osano_consentmanager_uuid', 'osano'],
]);

/** Cookie-name prefixes that identify a tool. Kept short: signals.ts scans it linearly. */
export const TOOL_BY_PREFIX: ReadonlyArray<readonly [string, string]> = [
  ['cmplz_', 'complianz'],
  ['_iub_cs-', 'iubenda'],
];

/** The consent tool a cookie name belongs to, or null. */
export function consentToolForCookie(name: string): string | null {
  const exact = TOOL_BY_COOKIE.get(name);
  if (exact) return exact;
  for (const [prefix, tool] of TOOL_BY_PREFIX) if (name.startsWith(prefix)) return tool;
  return null;
}
