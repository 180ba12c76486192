import { describe, expect, it } from 'vitest';
import { buildRecords } from './build';
import { buildInput, wtmTracker } from './__fixtures__/build-input';
import { readCustomerNamespaces } from './namespaces';

const NS = {
  'cdn.example': { operator: 'Example CDN', reason: 'zones are <zone>.cdn.example', source: 'test' },
};

describe('customer namespaces', () => {
  it('reads the table without its comment or an entry that names no operator', () => {
    const table = readCustomerNamespaces({ _comment: 'why', ...NS, 'bad.example': { reason: 'x' } });
    expect(table).toEqual(NS);
  });

  // A tag manager's entity that also lists its CDN's whole namespace, as third-party-web does for Tealium and llnwd.net.
  const entities = [
    { name: 'Taggy', category: 'tag-manager', domains: ['*.taggy.io', '*.cdn.example'] },
    { name: 'Example CDN', category: 'cdn', domains: ['*.cdn.example'] },
  ];
  const wtm = [
    wtmTracker('Taggy', 'site_analytics', ['taggy.io', 'taggy.hs.cdn.example']),
    wtmTracker('Other Analytics', 'site_analytics', ['other.hs.cdn.example']),
  ];

  it('withdraws the namespace from every vendor; the hosts a source names stay theirs', () => {
    const { records, report } = buildRecords({ ...buildInput(entities, wtm), namespaces: NS });
    const byId = new Map(records.map((r) => [r.id, r]));
    expect(byId.get('taggy')!.domains).toEqual(['taggy.hs.cdn.example', 'taggy.io']);
    expect(byId.get('example-cdn')!.domains).toEqual([]);
    expect(records.find((r) => r.domains.includes('other.hs.cdn.example'))?.name).toBe('Other Analytics');
    expect(records.some((r) => r.domains.includes('cdn.example'))).toBe(false);
    expect(report.namespacesWithdrawn.map((n) => `${n.vendor} ${n.domain}`).sort()).toEqual([
      'example-cdn cdn.example',
      'taggy cdn.example',
    ]);
  });

  it('without the rule, the tag manager would own every customer host of the CDN', () => {
    const { records } = buildRecords(buildInput(entities.slice(0, 1), wtm));
    expect(records.find((r) => r.id === 'taggy')!.domains).toContain('cdn.example');
    expect(records.some((r) => r.domains.includes('other.hs.cdn.example'))).toBe(false);
  });
});

describe('WhoTracks.me hosts under a platform suffix', () => {
  it("go to the tracker that names them, not to the platform's record", () => {
    const entities = [{ name: 'Amazon CloudFront', category: 'cdn', domains: ['*.cloudfront.net'] }];
    const wtm = [wtmTracker('Pixelco', 'advertising', ['d1abc2def3ghi4.cloudfront.net', 'pixelco.example'])];
    const { records } = buildRecords(buildInput(entities, wtm));
    expect(records.find((r) => r.id === 'pixelco')!.domains).toEqual([
      'd1abc2def3ghi4.cloudfront.net',
      'pixelco.example',
    ]);
    expect(records.find((r) => r.id === 'amazon-cloudfront')!.domains).toEqual(['cloudfront.net']);
  });
});
