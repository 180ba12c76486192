// A first-party cookie no list names, of a tracking vendor's name family ("_rdt_cid" beside Reddit's listed
// "_rdt_uuid"): the real database, the recorder and the derivation. The vendor's own requests on the page decide
// whether it is the vendor's; without them it stays "unknown: needs review", never exempt.
import { describe, expect, it } from 'vitest';
import { loadNodeVendorIndex } from '../../scripts/node-vendor-db';
import { indexClassifier } from '../classifier';
import { T0, visit } from '../report/__fixtures__/visit';
import { deriveVisit, deriveVisitUpdate } from './derive';
import { folded } from './__fixtures__/fold';
import { sightingsOn } from './__fixtures__/sightings';

const classifier = indexClassifier(loadNodeVendorIndex());
const v = visit();
const REDDIT = 'https://alb.reddit.com/rp.gif?id=t2_abc&event=PageVisit';
const GOOGLE_ADS = 'https://securepubads.g.doubleclick.net/tag/js/gpt.js';

const { request, cookie, findingOf } = sightingsOn(v, classifier);

describe("a cookie of a tracking vendor's name family", () => {
  it("is the vendor's, with its listed cookies' purpose, when the vendor's requests were seen", () => {
    const f = findingOf(folded(request(REDDIT, T0), cookie('_rdt_cid', T0 + 5)), '_rdt_cid');
    expect(f).toMatchObject({ vendorId: 'reddit', category: 'marketing', violation: true });
    expect(f.reason).toMatch(/^named Reddit: no record lists the name, but it is of Reddit's cookie names/);
    expect(f.reason).toMatch(/starts with _rdt_/);
  });

  it('stays "unknown: needs review" with no vendor when only other vendors were seen', () => {
    const f = findingOf(folded(request(GOOGLE_ADS, T0), cookie('_rdt_cid', T0 + 5)), '_rdt_cid');
    expect(f).toMatchObject({ vendorId: null, category: 'unknown', violation: false });
    expect(f.reason).toMatch(/^unknown: needs review; .*like Reddit's cookies/);
  });

  it("becomes the vendor's when its request arrives in a later batch, as a full derivation says", () => {
    const first = folded(cookie('_rdt_cid', T0 + 5));
    const prev = deriveVisit(v, first);
    expect(prev.findings[0]!.vendorId).toBeNull();
    const later = request(REDDIT, T0 + 30);
    const all = [...first, ...folded(later)];
    const next = deriveVisitUpdate(prev, v, all, new Set([later.id]));
    expect(next.findings.find((f) => f.cookieName === '_rdt_cid')?.vendorId).toBe('reddit');
    expect(next).toEqual(deriveVisit(v, all));
  });
});
