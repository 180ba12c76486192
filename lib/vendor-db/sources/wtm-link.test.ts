import { describe, expect, it } from 'vitest';
import { buildRecords } from './build';
import { buildInput, wtmTracker } from './__fixtures__/build-input';
import type { WtmCompany, WtmTracker } from './whotracksme';

// Two companies with one name: a product-tour tool (third-party-web) and an ad network (WhoTracks.me).
const tool = {
  name: 'Chameleon',
  homepage: 'https://www.trychameleon.com/',
  category: 'marketing',
  domains: ['*.trychameleon.com'],
};
const company = (name: string, website: string | null): WtmCompany => ({
  id: name.toLowerCase(),
  name,
  country: null,
  privacyUrl: null,
  website,
});
const tracker = (owner: WtmCompany | null, domains = ['gsn.chameleon.ad']): WtmTracker => ({
  ...wtmTracker('chameleon', 'advertising', domains),
  name: 'Chameleon',
  company: owner,
});

function build(t: WtmTracker, groupings = {}) {
  const { records, report } = buildRecords({ ...buildInput([tool], [t]), groupings });
  return { byId: new Map(records.map((r) => [r.id, r])), report };
}

describe('WhoTracks.me trackers linked by name alone', () => {
  it('keeps apart a tracker whose website and company differ from the entity of the same name', () => {
    const { byId, report } = build(tracker(company('Chamaleon', 'http://chameleon.ad/')));
    expect(byId.get('chameleon')).toMatchObject({ domains: ['trychameleon.com'], company: null });
    expect(byId.get('chameleon-wtm')).toMatchObject({
      domains: ['gsn.chameleon.ad'],
      // WhoTracks.me's owner "Chamaleon" misspells the name its domain spells: refused by the sanity checks.
      company: null,
      category: 'advertising',
    });
    expect(report.groupings).toEqual([
      expect.objectContaining({
        vendor: 'chameleon',
        domain: 'gsn.chameleon.ad',
        action: 'split',
        reason: expect.stringContaining("trychameleon.com, WhoTracks.me's chameleon.ad"),
      }),
    ]);
  });

  it('links it when a curated rule confirms the grouping', () => {
    const rule = { 'chameleon|gsn.chameleon.ad': { reason: 'one company', source: 'docs:x' } };
    const { byId, report } = build(tracker(company('Chamaleon', 'http://chameleon.ad/')), rule);
    expect(byId.get('chameleon')!.domains).toEqual(['gsn.chameleon.ad', 'trychameleon.com']);
    expect(byId.has('chameleon-wtm')).toBe(false);
    expect(report.groupings[0]).toMatchObject({ action: 'kept', reason: 'one company (docs:x)' });
  });

  it('links it as before when nothing disagrees: no website, the same site, a shared site or the same company', () => {
    for (const t of [
      tracker(company('Chamaleon', null)),
      tracker(null),
      tracker(company('Chamaleon', 'https://trychameleon.com/about')),
      tracker(company('Chamaleon', 'http://chameleon.ad/'), ['cdn.trychameleon.com', 'gsn.chameleon.ad']),
      tracker(company('Chameleon', 'http://chameleon.ad/')),
    ]) {
      const { byId, report } = build(t);
      expect(byId.has('chameleon-wtm')).toBe(false);
      expect(byId.get('chameleon')!.domains).toContain('gsn.chameleon.ad');
      expect(report.groupings).toEqual([]);
    }
  });
});

describe('entities whose every domain WhoTracks.me gives to one other company', () => {
  const pagely = { name: 'Pagely', category: 'other', domains: ['*.optnmstr.com'] };
  const optin = (owner: string) => ({
    ...wtmTracker('optinmonster', 'advertising', ['optnmstr.com']),
    name: 'OptInMonster',
    company: company(owner, null),
  });
  const run = (t: WtmTracker) => buildRecords(buildInput([pagely], [t]));

  it('keeps the domains and lists each for review (a rename looks the same as a wrong grouping)', () => {
    const { records, report } = run(optin('OptinMonster'));
    expect(records.find((r) => r.id === 'pagely')!.domains).toEqual(['optnmstr.com']);
    expect(report.groupings).toEqual([
      expect.objectContaining({
        vendor: 'pagely',
        domain: 'optnmstr.com',
        whotracksme: 'OptinMonster',
        action: 'review',
        reason: expect.stringContaining('a rename or a wrong grouping'),
      }),
    ]);
  });

  it('lists nothing when WhoTracks.me knows no company or spells the same one differently', () => {
    expect(run(optin('optnmstr.com')).report.groupings).toEqual([]);
    // "Media" is a word company keys drop, so only the spelling tells these two apart.
    const mediaMath = { name: 'Media Math', category: 'ad', domains: ['*.mathtag.com'] };
    const tracker = {
      ...wtmTracker('mediamath', 'advertising', ['mathtag.com']),
      company: company('MediaMath, Inc.', null),
    };
    expect(buildRecords(buildInput([mediaMath], [tracker])).report.groupings).toEqual([]);
  });
});
