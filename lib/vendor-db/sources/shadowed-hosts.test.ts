import { describe, expect, it } from 'vitest';
import { buildRecords } from './build';
import { buildInput, wtmTracker } from './__fixtures__/build-input';

// A site platform (hosting, functional) whose domain also holds a host WhoTracks.me files under its analytics.
const platform = { name: 'Deal Platform', category: 'hosting', domains: ['*.dealplat.com'] };
const ads = { name: 'Acme Ads', category: 'ad', domains: ['*.acme-ads.com'] };

function build(trackers: ReturnType<typeof wtmTracker>[]) {
  const { records, report } = buildRecords(buildInput([platform, ads], trackers));
  return { byId: new Map(records.map((r) => [r.id, r])), report };
}

describe('a host a source files under a consent purpose, under an exempt domain', () => {
  it("goes to its tracker's vendor, and says why", () => {
    const { byId, report } = build([
      { ...wtmTracker('dp_stats', 'site_analytics', ['stats.dealplat.com']), name: 'DP Stats' },
    ]);
    expect(byId.get('deal-platform')).toMatchObject({ category: 'functional', domains: ['dealplat.com'] });
    expect(byId.get('dp-stats')).toMatchObject({ category: 'analytics', domains: ['stats.dealplat.com'] });
    expect(report.hostsRefiled).toEqual([
      expect.objectContaining({ host: 'stats.dealplat.com', from: 'deal-platform', to: 'dp-stats' }),
    ]);
  });

  it('stays with a holder that needs consent, and is not refiled for a label that needs none', () => {
    const { byId, report } = build([
      { ...wtmTracker('acme_cdn', 'site_analytics', ['px.acme-ads.com']), name: 'Acme Pixel' },
      { ...wtmTracker('dp_seal', 'essential', ['seal.dealplat.com']), name: 'DP Seal' },
    ]);
    expect(report.hostsRefiled).toEqual([]);
    expect(byId.get('acme-pixel')?.domains ?? []).not.toContain('px.acme-ads.com');
    expect(byId.get('dp-seal')?.domains ?? []).not.toContain('seal.dealplat.com');
  });
});
