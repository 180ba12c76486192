import { describe, expect, it } from 'vitest';
import { buildRecords } from './build';
import { buildInput, wtmTracker } from './__fixtures__/build-input';
import type { WtmTracker } from './whotracksme';

const zed = { id: 'zed', name: 'Zed Corp', country: 'US', privacyUrl: null, website: null };
/** A WhoTracks.me tracker of the company Zed Corp. */
const of = (name: string, category: string, domains: string[], company = zed): WtmTracker => ({
  ...wtmTracker(name.toLowerCase().replace(/ /g, '_'), category, domains),
  name,
  company,
});

// An ad product that an upstream list also gives its company's website and portal (Bing Ads with microsoft.com).
const entity = {
  name: 'Zed Ads',
  category: 'ad',
  domains: ['*.zedads.com', '*.zed.com', '*.zednews.com', '*.zedcdn.com', 'www.zedhome.com'],
};
const product = of('Zed Ads', 'advertising', ['zedads.com', 'px.r.zednews.com']);
const website = of('Zed Services', 'misc', ['zed.com', 'zedhome.com']);
const portal = of('Zed Network', 'misc', ['zednews.com']);

function build(trackers: WtmTracker[], groupings = {}) {
  const { records, report } = buildRecords({ ...buildInput([entity], trackers), groupings });
  const byId = new Map(records.map((r) => [r.id, r]));
  return { byId, report };
}

describe('product check: a company domain filed under one of its ad products', () => {
  it('moves a domain WhoTracks.me files under another product with no stated use to that product, needing review', () => {
    const { byId, report } = build([product, website, portal]);
    expect(byId.get('zed-ads')!.domains).toEqual(['px.r.zednews.com', 'zedads.com', 'zedcdn.com']);
    expect(byId.get('zed-ads')!.category).toBe('advertising');
    // www.zedhome.com: WhoTracks.me's zedhome.com covers its hosts (and the link step then adds zedhome.com itself).
    expect(byId.get('zed-services')).toMatchObject({
      domains: ['www.zedhome.com', 'zed.com', 'zedhome.com'],
      category: 'unknown',
      company: 'Zed Corp',
    });
    expect(byId.get('zed-network')).toMatchObject({ domains: ['zednews.com'], category: 'unknown' });
    expect(report.productSplits.map((s) => [s.domain, s.action, s.to])).toEqual([
      ['www.zedhome.com', 'split', 'zed-services'],
      ['zed.com', 'split', 'zed-services'],
      ['zednews.com', 'split', 'zed-network'],
    ]);
  });

  it('keeps the grouping a curated rule confirms', () => {
    const rule = { 'zed-ads|zed.com': { reason: 'zed.com serves the ad tag', source: 'docs:zed' } };
    const { byId, report } = build([product, of('Zed Services', 'misc', ['zed.com'])], rule);
    expect(byId.get('zed-ads')!.domains).toContain('zed.com');
    expect(byId.has('zed-services')).toBe(false);
    expect(report.productSplits).toEqual([
      expect.objectContaining({
        domain: 'zed.com',
        action: 'kept',
        reason: 'zed.com serves the ad tag (docs:zed)',
      }),
    ]);
  });

  it('does not split for a label that names infrastructure or a feature: the ad purpose is kept', () => {
    for (const label of ['cdn', 'essential', 'comments', 'audio_video_player']) {
      const { byId, report } = build([product, of('Zed Static', label, ['zedcdn.com'])]);
      expect(byId.get('zed-ads')!.domains).toContain('zedcdn.com');
      expect(report.productSplits).toEqual([]);
    }
  });

  it('does not split when WhoTracks.me does not know the product itself (it may only know the company)', () => {
    const { byId, report } = build([website]);
    expect(byId.get('zed-ads')!.domains).toContain('zed.com');
    expect(report.productSplits).toEqual([]);
  });

  it("does not take a host under a platform's public suffix as the platform's (d1.cloudfront.net)", () => {
    const amazon = { id: 'amazon', name: 'Amazon', country: 'US', privacyUrl: null, website: null };
    const ads = {
      name: 'Amazon Ads',
      category: 'ad',
      domains: ['*.amazon-adsystem.com', 'd1.cloudfront.net'],
    };
    const trackers = [
      of('Amazon Ads', 'advertising', ['amazon-adsystem.com'], amazon),
      of('Amazon CloudFront', 'misc', ['cloudfront.net'], amazon),
    ];
    const { records, report } = buildRecords({ ...buildInput([ads], trackers), groupings: {} });
    expect(report.productSplits).toEqual([]);
    expect(records.find((r) => r.id === 'amazon-ads')!.domains).toContain('d1.cloudfront.net');
  });

  it("leaves another company's domain to the grouping check, not to the product check", () => {
    const other = { id: 'yon', name: 'Yon Media', country: 'FR', privacyUrl: null, website: null };
    const { byId, report } = build([product, of('Yon Portal', 'misc', ['zed.com'], other)]);
    expect(report.productSplits).toEqual([]);
    expect(report.groupings).toEqual([expect.objectContaining({ domain: 'zed.com', action: 'split' })]);
    expect(byId.get('zed-ads')!.domains).not.toContain('zed.com');
  });
});
