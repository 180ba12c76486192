// A cookie whose name is one everyday word ("hash", "__gads"): the database lists it as some vendor's first-party
// cookie, but a site may use the same word. The real database, the recorder and the derivation: the vendor's own
// requests on the page decide.
import { describe, expect, it } from 'vitest';
import { loadNodeVendorIndex } from '../../scripts/node-vendor-db';
import { indexClassifier } from '../classifier';
import { T0, visit } from '../report/__fixtures__/visit';
import { deriveVisit, deriveVisitUpdate } from './derive';
import { folded } from './__fixtures__/fold';
import { sightingsOn } from './__fixtures__/sightings';

const classifier = indexClassifier(loadNodeVendorIndex());
const v = visit();
const ADS = 'https://securepubads.g.doubleclick.net/tag/js/gpt.js';

const { request, cookie, findingOf } = sightingsOn(v, classifier);

describe('a cookie named by one everyday word', () => {
  it('the classifier names the listed vendor and says what the cookie is without the name claim', () => {
    const c = cookie('hash', T0).classification!;
    expect(c).toMatchObject({ vendor: 'blue', category: 'marketing' });
    expect(c.nameOnly).toMatchObject({ category: 'unknown' });
    // Compound or distinctive names keep their vendor without this hedge.
    expect(cookie('_sharedid', T0).classification!.nameOnly).toBeUndefined();
    expect(cookie('_hjSessionUser_1', T0).classification!.nameOnly).toBeUndefined();
  });

  it("is the site's own when none of the vendor's requests were seen: needs review, no vendor, no violation", () => {
    const f = findingOf(folded(cookie('hash', T0 + 5)), 'hash');
    expect(f).toMatchObject({ vendorId: null, category: 'unknown', violation: false });
    expect(f.reason).toMatch(/^unknown: needs review; .*known cookie of Blue/);
    expect(f.reason).toMatch(/one everyday word, is listed for Blue, none of whose requests were seen/);
    // A name guess still never exempts it: the listed vendor's purpose needs consent.
    expect(findingOf(folded(cookie('__gads', T0 + 5)), '__gads').category).toBe('unknown');
  });

  it("is the vendor's when its requests were seen, in the same batch or a later one", () => {
    const both = folded(request(ADS, T0), cookie('__gads', T0 + 5));
    expect(findingOf(both, '__gads')).toMatchObject({
      vendorId: 'google-doubleclick-ads',
      category: 'advertising',
      violation: true,
    });
    const first = folded(cookie('__gads', T0 + 5));
    const prev = deriveVisit(v, first);
    expect(prev.findings[0]!.vendorId).toBeNull();
    const later = request(ADS, T0 + 30);
    const all = [...first, ...folded(later)];
    const next = deriveVisitUpdate(prev, v, all, new Set([later.id]));
    expect(next.findings.find((f) => f.cookieName === '__gads')?.vendorId).toBe('google-doubleclick-ads');
    expect(next).toEqual(deriveVisit(v, all));
  });

  it('holds for words after a two-letter prefix ("ph_lang"), not for a vendor ID after it', () => {
    const c = cookie('ph_lang', T0).classification!;
    expect(c).toMatchObject({ vendor: 'posthog', category: 'analytics' });
    expect(c.nameOnly?.reason).toMatch(/words after ph_, a two-letter prefix listed for PostHog$/);
    // PostHog's own cookie, Mouseflow's and Google Analytics' carry an ID after the prefix: no hedge.
    for (const name of ['ph_phc_AbC123xyz_posthog', 'mf_9f2c1e0a-4b7d', '_ga_G1X2Y3Z4', 'mp_9af3c2_mixpanel'])
      expect(cookie(name, T0).classification!.nameOnly, name).toBeUndefined();
    const f = findingOf(folded(cookie('ph_lang', T0 + 5)), 'ph_lang');
    expect(f).toMatchObject({ vendorId: null, category: 'unknown', violation: false });
    expect(f.reason).toMatch(
      /words after ph_, a two-letter prefix listed for PostHog, none of whose requests were seen/,
    );
    const seen = folded(request('https://eu.i.posthog.com/e/', T0), cookie('ph_lang', T0 + 5));
    expect(findingOf(seen, 'ph_lang')).toMatchObject({ vendorId: 'posthog', violation: true });
  });
});
