import { BEYONK_VALUE_START, parseBeyonkGdprBanner } from './beyonk';
import type { ConsentSignal } from './types';

/**
 * Consent records in a cookie the site names itself, known by their value's fixed start (each parser then checks
 * the whole format). Tried only for a name no parser claims: one prefix test per cookie.
 */
const BY_VALUE: ReadonlyArray<readonly [string, (name: string, value: string) => ConsentSignal | null]> = [
  [BEYONK_VALUE_START, parseBeyonkGdprBanner],
];

/** The consent signal a cookie of any name carries by its value's format, or null. Never throws. */
export function signalFromCookieValue(name: string, value: string): ConsentSignal | null {
  for (const [start, parse] of BY_VALUE) {
    if (!value.startsWith(start)) continue;
    try {
      return parse(name, value);
    } catch {
      return null;
    }
  }
  return null;
}

/** The manager whose record a cookie's value is, by its format (whatever the cookie's name), or null. */
export function consentToolForCookieValue(value: string | undefined): string | null {
  return typeof value === 'string' ? (signalFromCookieValue('', value)?.tool ?? null) : null;
}
