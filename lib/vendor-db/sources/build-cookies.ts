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
  const notes = [
    row.note,
    purpose.statedBy &&
      `OCD files it as ${row.category}, but its ${purpose.inName ? 'name' : 'description'} says "${purpose.statedBy}": ${purpose.category}`,
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
