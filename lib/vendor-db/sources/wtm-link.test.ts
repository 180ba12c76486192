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
      company: 'Chamaleon',
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
