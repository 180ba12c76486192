import type { CategoryOrUnknown } from '../../category';
import { parseRetention } from '../retention';
import type { VendorCookie } from '../types';
import { readOcdDomain, type OcdRow } from './ocd';
import { ocdPurpose } from './ocd-purpose';
import { OCD } from './registry';

/** True when `host` (a cookie domain, maybe with a leading dot) is one of `domains` or under one. */
function ownedBy(host: string, domains: readonly string[]): boolean {
  const h = host.replace(/^\./, '');
  return domains.some((d) => h === d || h.endsWith(`.${d}`));
}

/** A description saying the cookie identifies the device, browser or visitor itself (not a session or a login). */
const DEVICE_ID =
  /\b(?:uniquely identif\w*|identif(?:y|ies)) (?:the |a |each )?(?:device|browser|visitor|end user|user's device)|\b(?:device|browser|visitor) id(?:entifier)?\b/i;
/** Words of a purpose that keeps such an identifier exempt: a session, signing in, security, fraud or bot checks. */
const EXEMPT_USE = /\bsession\b|authenticat|log ?in|sign ?in|securit|fraud|\bbots?\b|load ?balanc/i;

/**
 * The phrase by which a third party's own cookie (not a session cookie), filed exempt (`filed`), says it identifies
 * the device or browser, for no stated exempt use; null otherwise. Such a cookie is "unknown: needs review" whatever
 * its label (issue #12: a persistent identifier set by or for a third party is never silently exempt). Twitch's
 * embed `device_id` ("An ID that uniquely identifies the device", 10 years) was functional.
 */
export function thirdPartyDeviceId(cookie: VendorCookie, filed: CategoryOrUnknown): string | null {
  if (filed !== 'functional' && filed !== 'necessary') return null;
  if (cookie.party !== 'third' || cookie.durationKind === 'session' || EXEMPT_USE.test(cookie.purpose))
    return null;
  return DEVICE_ID.exec(cookie.purpose)?.[0] ?? null;
}

/**
 * One OCD row as a vendor cookie. Party: third when OCD says "(3rd party)" or the cookie domain is one of
 * the vendor's own domains, else first (a cookie found on the visited site). OCD "Marketing" becomes
 * "advertising" when the vendor is an advertising vendor; an exempt label its own description contradicts gives way
 * to the stated purpose (ocd-purpose.ts).
 */
export function ocdCookie(
  row: OcdRow,
  vendorCategory: CategoryOrUnknown,
  vendorDomains: readonly string[],
): VendorCookie {
  const { domain, thirdParty } = readOcdDomain(row.domain);
  const retention = parseRetention(row.retention);
  const purpose = ocdPurpose(row);
  let category = purpose.category;
  if (category === 'marketing' && vendorCategory === 'advertising') category = 'advertising';
  // A consent tool's own cookies store the visitor's choice: the consent-management purpose, not "functional".
  if (vendorCategory === 'consent' && (category === 'functional' || category === 'necessary'))
    category = 'consent';
  const cookie: VendorCookie = {
    name: row.name,
    match: row.match,
    party: thirdParty || (domain !== null && ownedBy(domain, vendorDomains)) ? 'third' : 'first',
    durationSeconds: retention.seconds,
    durationText: row.retention,
    durationKind: retention.kind,
    purpose: row.description,
    category,
    source: OCD,
  };
  if (domain) cookie.domain = domain;
  const deviceId = thirdPartyDeviceId(cookie, category);
  if (deviceId) cookie.category = 'unknown';
  const notes = [
    row.note,
    purpose.statedBy &&
      `OCD files it as ${row.category}, but its ${purpose.inName ? 'name' : 'description'} says "${purpose.statedBy}": ${purpose.category}`,
    deviceId &&
      `OCD files it as ${row.category}; a third party's identifier of the device or browser with no exempt use stated ("${deviceId}"): needs review`,
  ].filter(Boolean);
  if (notes.length) cookie.note = notes.join('; ');
  return cookie;
}

/** Stable order: name, then exact before prefix. */
export function compareCookies(a: VendorCookie, b: VendorCookie): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.match === b.match ? 0 : a.match === 'exact' ? -1 : 1;
}

/** Tags cookies that several vendors claim with the other claimants' ids; returns the shared keys. */
export function tagSharedCookies(
  vendors: readonly { id: string; cookies: VendorCookie[] }[],
): { name: string; match: string; vendors: string[] }[] {
  const claims = new Map<string, string[]>();
  for (const v of vendors) {
    for (const c of v.cookies) {
      const key = `${c.match}\u0000${c.name}`;
      const list = claims.get(key) ?? [];
      if (!list.includes(v.id)) list.push(v.id);
      claims.set(key, list);
    }
  }
  for (const v of vendors) {
    for (const c of v.cookies) {
      const list = claims.get(`${c.match}\u0000${c.name}`)!;
      if (list.length > 1) c.sharedWith = list.filter((id) => id !== v.id).sort();
      else delete c.sharedWith;
    }
  }
  return [...claims]
    .filter(([, ids]) => ids.length > 1)
    .map(([key, ids]) => {
      const [match = '', name = ''] = key.split('\u0000');
      return { name, match, vendors: [...ids].sort() };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
