// Issue #12, cookies: a tracking vendor's cookie no list names ("_rdt_cid" beside Reddit's listed "_rdt_uuid") is
// never exempt by a name guess; the family rule must stay narrow enough that a site's own cookies are not taken.
import { describe, expect, it } from 'vitest';
import type { CategoryOrUnknown } from '../category';
import { loadNodeVendorIndex } from '../../scripts/node-vendor-db';
import type { CookieEntry } from './compiled-types';
import { compileFamilies, familyOf } from './cookie-families';
import { classifyCookie } from './match';

const index = loadNodeVendorIndex();
const PAGE = 'https://shop.example/';
const firstParty = (name: string) =>
  classifyCookie(index, { name, domain: 'shop.example', pageUrl: PAGE, lifetimeSeconds: 86_400 * 90 });

describe('familyOf', () => {
  it('takes the leading code and its separator', () => {
    expect(familyOf('_rdt_uuid')).toBe('_rdt_');
    expect(familyOf('cto_bundle')).toBe('cto_');
    expect(familyOf('__insp_wid')).toBe('__insp_');
    expect(familyOf('_ce.s')).toBe('_ce.');
    expect(familyOf('_uetsid')).toBeNull();
    expect(familyOf('_averyverylongcode_x')).toBeNull();
  });
});

describe('compileFamilies', () => {
  // vendor 0: advertising; 1: analytics; 2: functional; 3: advertising, named "Acme" (its brand is "acme").
  const categories: CategoryOrUnknown[] = ['advertising', 'analytics', 'functional', 'advertising'];
  const words = new Set(['user', 'site']);
  const claims = (rows: [string, number, CategoryOrUnknown | null][]) => [
    new Map(rows.map(([n, v, c]) => [n, [[v, null, c, 1] as CookieEntry]])),
  ];
  const compiled = (rows: [string, number, CategoryOrUnknown | null][]) =>
    compileFamilies(claims(rows) as Map<string, CookieEntry[]>[], categories, words, new Map([['acme', [3]]]))
      .prefixes;

  it("keeps a code every listed member of which is one consent-needing vendor's", () => {
    expect(
      compiled([
        ['_rdt_uuid', 0, null],
        ['_rdt_x', 0, 'advertising'],
      ]),
    ).toEqual(['_rdt_']);
    expect(compiled([['_tt_enable', 0, null]])).toEqual(['_tt_']);
  });

  it("ignores a member that records the visitor's choice: Criteo's cto_optout neither makes nor breaks cto_", () => {
    expect(
      compiled([
        ['cto_optout', 0, 'consent'],
        ['cto_bundle', 0, null],
      ]),
    ).toEqual(['cto_']);
    expect(compiled([['cto_optout', 0, 'consent']])).toEqual([]);
  });

  it('drops codes of two vendors, with an exempt member, of an exempt vendor, or not distinctive', () => {
    expect(
      compiled([
        ['_rdt_uuid', 0, null],
        ['_rdt_x', 1, null],
      ]),
    ).toEqual([]);
    expect(
      compiled([
        ['_rdt_uuid', 0, null],
        ['_rdt_pref', 0, 'functional'],
      ]),
    ).toEqual([]);
    expect(compiled([['wpx_settings', 2, null]])).toEqual([]);
    // A bare two-letter code, an everyday word, a shared code, another vendor's brand.
    expect(compiled([['sd_client', 0, null]])).toEqual([]);
    expect(compiled([['user_id', 0, null]])).toEqual([]);
    expect(
      compiled([
        ['utm_src', 0, null],
        ['opt_out', 0, null],
        ['pbjs_id', 0, null],
      ]),
    ).toEqual([]);
    expect(compiled([['acme_uid', 0, null]])).toEqual([]);
    expect(
      compiled([
        ['acme_uid', 3, null],
        ['_opt_x', 1, null],
      ]),
    ).toEqual(['_opt_', 'acme_']);
  });

  it("keeps a code one company's vendors list, as the vendor listing most of its members", () => {
    // Vendors 0 and 1 are one company's, 2 (exempt itself) too; 3 is another's.
    const companies = ['Acme Inc.', 'Acme Inc.', 'Acme Inc.', 'Other Ltd.'];
    const families = (rows: [string, number, CategoryOrUnknown | null][], owners: (string | null)[]) =>
      compileFamilies(claims(rows) as Map<string, CookieEntry[]>[], categories, words, new Map(), owners);
    const rows: [string, number, CategoryOrUnknown | null][] = [
      ['_gcx_au', 1, null],
      ['_gcx_aw', 0, null],
      ['_gcx_dc', 0, null],
      ['_gcx_gb', 2, 'marketing'],
    ];
    expect(families(rows, companies)).toMatchObject({ prefixes: ['_gcx_'], vendors: [0] });
    // No company stated, another company's lister, or a member that needs no consent: none.
    expect(families(rows, []).prefixes).toEqual([]);
    expect(families([...rows, ['_gcx_x', 3, null]], companies).prefixes).toEqual([]);
    expect(families([...rows, ['_gcx_y', 0, 'functional']], companies).prefixes).toEqual([]);
  });
});

describe('a cookie of a vendor’s name family (the real database)', () => {
  it('is never exempt, names the family, and carries the vendor for the derivation', () => {
    const c = firstParty('_rdt_cid');
    expect(c).toMatchObject({ vendor: null, category: 'unknown' });
    expect(c.reason).toMatch(
      /^unknown: needs review; .*starts with _rdt_, like Reddit's cookies \(_rdt_uuid\)/,
    );
    // The listed member's purpose (the Open Cookie Database's "Marketing" for _rdt_uuid), not the vendor's (social).
    expect(c.family).toMatchObject({ vendor: 'reddit', category: 'marketing' });
    expect(firstParty('cto_dna_bundle').family?.vendor).toBe('criteo');
    // Google's conversion linker names (_gcl_au, _gcl_aw …) are Google Ads' and one is Other Google APIs'.
    expect(firstParty('_gcl_ag').family).toMatchObject({
      vendor: 'google-doubleclick-ads',
      category: 'advertising',
    });
    // A listed name extended after a separator.
    const uet = firstParty('_uetsid_exp');
    expect(uet.reason).toMatch(/extends _uetsid, a cookie of Bing Ads/);
    expect(uet.family?.vendor).toBe('bing-ads');
    // A name rule that would exempt it ("session") gives way: the family names a tracker.
    const session = firstParty('_rdt_session');
    expect(session.category).toBe('unknown');
    expect(session.reason).toMatch(/cannot make it necessary/);
    // A listed prefix without its suffix: Hotjar's _hjSession_<site> written bare read as "likely necessary".
    const bare = firstParty('_hjSession');
    expect(bare).toMatchObject({ vendor: null, category: 'unknown' });
    expect(bare.family?.vendor).toBe('hotjar');
    expect(firstParty('_hjSessionUser').reason).toMatch(/its name is _hjSessionUser_\* without a suffix/);
  });

  it("leaves a site's own names, listed names and third-party cookies alone", () => {
    for (const name of ['user_pref', 'ads_shown', 'opt_in_news', 'sd_test', 'session_x', 'utm_campaign'])
      expect(firstParty(name).family, name).toBeUndefined();
    expect(firstParty('_rdt_uuid')).toMatchObject({ vendor: 'reddit' });
    expect(firstParty('_rdt_uuid').family).toBeUndefined();
    const third = classifyCookie(index, { name: '_rdt_cid', domain: 'elsewhere.example', pageUrl: PAGE });
    expect(third.family).toBeUndefined();
  });
});
