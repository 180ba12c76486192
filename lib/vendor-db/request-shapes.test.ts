import { describe, expect, it } from 'vitest';
import { compileVendors, CompileError } from './compile';
import { loadVendorIndex } from './load';
import { classifyRequest } from './match';
import { FIXTURE_VENDORS, vendor } from './__fixtures__/vendors';
import type { VendorRecord } from './types';

// A shared host (portal.example: functional) whose /ads/ path is Beta Ads', and an analytics protocol signature.
const records: VendorRecord[] = [
  ...FIXTURE_VENDORS.map((r) =>
    r.id === 'beta-ads'
      ? {
          ...r,
          requestRules: [
            { hosts: ['portal.example'], path: '/ads/', label: 'conversion', source: 'fixture' },
            {
              hosts: ['portal.example'],
              path: '/px',
              query: '(^|&)kind=conv(&|$)',
              category: 'marketing' as const,
              label: 'pixel',
              source: 'fixture',
            },
            {
              hosts: ['portal.example'],
              path: '/v1/projects/',
              pathEnd: '/list',
              category: 'consent' as const,
              label: 'destination list',
              source: 'fixture',
            },
          ],
        }
      : r.id === 'acme-analytics'
        ? {
            ...r,
            signatures: [
              {
                id: 'acme-collect',
                path: '/a/collect',
                match: 'exact' as const,
                query: '(^|&)tid=AC-',
                queryHas: 'tid=AC-',
                label: 'Acme collect protocol',
                source: 'fixture',
              },
              {
                id: 'acme-api',
                path: '/acme-api/v2/',
                match: 'prefix' as const,
                label: 'Acme API',
                source: 'fixture',
              },
              {
                // An id between a fixed start and end (Segment's /v1/projects/<write key>/settings).
                id: 'acme-settings',
                path: '/acme/projects/',
                pathEnd: '/settings',
                match: 'prefix' as const,
                label: 'Acme settings',
                source: 'fixture',
              },
              {
                // A proxy on any path of the site's choice, named only by its query (Datadog's ddforward).
                id: 'acme-forward',
                path: '/',
                match: 'prefix' as const,
                queryHas: 'acmefwd=',
                query: '(^|&)acmefwd=%2Fintake',
                label: 'Acme intake through a proxy',
                source: 'fixture',
              },
              {
                id: 'acme-hit',
                path: '/acme/hit.php',
                match: 'suffix' as const,
                query: '(^|&)site=\\d+',
                queryHas: 'site=',
                label: 'Acme hit API',
                selfHosted: true,
                source: 'fixture',
              },
            ],
          }
        : r,
  ),
  vendor('portal', 'functional', ['portal.example']),
];
const index = loadVendorIndex(compileVendors(records).index);
const PAGE = 'https://shop.example/';

describe('path rules on shared hosts', () => {
  it('attributes a path on a shared host to the rule vendor, and the rest to the host owner', () => {
    const hit = classifyRequest(index, 'https://www.portal.example/ads/conv?x=1', PAGE);
    expect(hit).toMatchObject({ vendor: 'beta-ads', category: 'advertising', thirdParty: true });
    expect(hit.reason).toBe(
      'host www.portal.example path "/ads/conv" is the conversion endpoint of Beta Ads (the host alone belongs to Portal)',
    );
    expect(classifyRequest(index, 'https://portal.example/search?q=ads', PAGE).vendor).toBe('portal');
    expect(classifyRequest(index, 'https://portal.example/px?kind=conv', PAGE)).toMatchObject({
      vendor: 'beta-ads',
      category: 'marketing',
    });
    expect(classifyRequest(index, 'https://portal.example/px?kind=conversion', PAGE).vendor).toBe('portal');
  });
  it('says "endpoint" once when the rule label already does', () => {
    const labelled = records.map((r) =>
      r.id === 'beta-ads'
        ? {
            ...r,
            requestRules: [{ hosts: ['portal.example'], path: '/b/', label: 'beacon endpoint', source: 'f' }],
          }
        : r,
    );
    const one = loadVendorIndex(compileVendors(labelled).index);
    expect(classifyRequest(one, 'https://portal.example/b/1', PAGE).reason).toMatch(
      /^host portal\.example path "\/b\/1" is the beacon endpoint of Beta Ads \(/,
    );
  });
  it('a rule with a path end takes only paths with both ends, an id between them', () => {
    expect(classifyRequest(index, 'https://cdn.portal.example/v1/projects/k3y/list', PAGE)).toMatchObject({
      vendor: 'beta-ads',
      category: 'consent',
      rule: 'beta-ads/v1/projects/*/list',
    });
    for (const path of ['/v1/projects/k3y/settings', '/v1/projects/list', '/v1/projects/k3y/list/more'])
      expect(classifyRequest(index, `https://portal.example${path}`, PAGE).vendor).toBe('portal');
  });
});

describe('protocol signatures', () => {
  it('recognises a vendor by request shape on a first-party host and says so', () => {
    const c = classifyRequest(index, 'https://metrics.shop.example/a/collect?v=2&tid=AC-123', PAGE);
    expect(c).toMatchObject({
      vendor: 'acme-analytics',
      category: 'analytics',
      thirdParty: false,
      signature: 'acme-collect',
    });
    expect(c.reason).toMatch(/^Acme collect protocol on a first-party host \(metrics\.shop\.example/);
    expect(c.reason).toMatch(/server-side tagging or CNAME cloaking/);
  });

  it('needs the query shape too, and works on unknown third-party and hosting hosts', () => {
    expect(classifyRequest(index, 'https://shop.example/a/collect?tid=XX-1', PAGE).vendor).toBeNull();
    const proxied = classifyRequest(index, 'https://relay.unknown.test/acme-api/v2/batch', PAGE);
    expect(proxied).toMatchObject({ vendor: 'acme-analytics', thirdParty: true, signature: 'acme-api' });
    expect(proxied.reason).toMatch(/which no vendor list names/);
    const hosted = classifyRequest(index, 'https://portal.example/a/collect?tid=AC-9', PAGE);
    expect(hosted).toMatchObject({ vendor: 'acme-analytics', signature: 'acme-collect' });
    expect(hosted.reason).toMatch(/on a host of Portal/);
  });

  it('matches a suffix on whole path segments, under any path the site chose', () => {
    for (const url of [
      'https://shop.example/acme/hit.php?site=3',
      'https://www.shop.example/stats/acme/hit.php?rec=1&site=3',
    ])
      expect(classifyRequest(index, url, PAGE), url).toMatchObject({
        vendor: 'acme-analytics',
        signature: 'acme-hit',
      });
    for (const url of [
      'https://shop.example/xacme/hit.php?site=3',
      'https://shop.example/acme/hit.php/more?site=3',
      'https://shop.example/acme/hit.php?site=x',
      'https://shop.example/hit.php?site=3',
    ])
      expect(classifyRequest(index, url, PAGE).vendor, url).toBeNull();
  });

  it("says a self-hosted vendor's software may be the site's own, not a relay to the vendor", () => {
    const own = classifyRequest(index, 'https://shop.example/acme/hit.php?site=3', PAGE);
    expect(own.reason).toMatch(
      /Acme Analytics's software, run by the site itself or proxied through its domain/,
    );
    expect(own.reason).not.toMatch(/CNAME cloaking/);
    const other = classifyRequest(index, 'https://stats.unknown.test/acme/hit.php?site=3', PAGE);
    expect(other).toMatchObject({ vendor: 'acme-analytics', thirdParty: true });
    expect(other.reason).toMatch(/self-hosted or through a proxy/);
  });

  it('takes a prefix signature with a path end only for paths with both ends', () => {
    const hit = classifyRequest(index, 'https://shop.example/acme/projects/k3y/settings', PAGE);
    expect(hit).toMatchObject({ vendor: 'acme-analytics', signature: 'acme-settings' });
    for (const miss of [
      'https://shop.example/acme/projects/k3y/installations',
      'https://shop.example/acme/projects/settings',
      'https://shop.example/acme/projects/k3y/settings/x',
      'https://shop.example/other/projects/k3y/settings',
    ])
      expect(classifyRequest(index, miss, PAGE).signature, miss).toBeUndefined();
  });

  it('takes a proxy on any path by its query literal and pattern, and nothing else', () => {
    const hit = classifyRequest(index, 'https://shop.example/any/where?acmefwd=%2Fintake%3Fv%3D1', PAGE);
    expect(hit).toMatchObject({ vendor: 'acme-analytics', signature: 'acme-forward' });
    for (const miss of [
      'https://shop.example/any/where?acmefwd=%2Fother',
      'https://shop.example/any/where?xacmefwd=%2Fintake',
      // The literal only counts in the query, never in the path.
      'https://shop.example/acmefwd=%2Fintake',
      'https://shop.example/',
    ])
      expect(classifyRequest(index, miss, PAGE).signature, miss).toBeUndefined();
  });

  it("leaves a tracking vendor's own host to that vendor", () => {
    const c = classifyRequest(index, 'https://beta-ads.example/a/collect?tid=AC-1', PAGE);
    expect(c.vendor).toBe('beta-ads');
    expect(c.signature).toBeUndefined();
  });
});

describe('compile checks request shapes', () => {
  it('refuses a rule on a host no vendor owns and a bad regular expression', () => {
    const bad = [
      {
        ...vendor('x-ads', 'advertising', ['x-ads.example']),
        requestRules: [{ hosts: ['nobody.example'], path: '/a', label: 'a', source: 's' }],
      },
      {
        ...vendor('y-ads', 'advertising', ['y-ads.example']),
        signatures: [{ id: 'y', path: '/y', match: 'exact' as const, query: '(', label: 'y', source: 's' }],
      },
      {
        ...vendor('z-ads', 'advertising', ['z-ads.example']),
        signatures: [{ id: 'z', path: '/z', match: 'infix' as never, label: 'z', source: 's' }],
      },
      {
        // On every path, a pattern alone would run on every request's query.
        ...vendor('w-ads', 'advertising', ['w-ads.example']),
        signatures: [{ id: 'w', path: '/', match: 'prefix' as const, query: 'w=1', label: 'w', source: 's' }],
      },
      {
        // A pattern on a common path runs only on queries holding text it requires: that text must be given.
        ...vendor('u-ads', 'advertising', ['u-ads.example']),
        signatures: [
          { id: 'u', path: '/u', match: 'suffix' as const, query: 'uid=\\d+', label: 'u', source: 's' },
          {
            id: 't',
            path: '/t',
            match: 'suffix' as const,
            query: 'tid=\\d+',
            queryHas: 'pid=',
            label: 't',
            source: 's',
          },
        ],
      },
      {
        // A path end says how a prefix's path ends; an exact or suffix path has one end already.
        ...vendor('v-ads', 'advertising', ['v-ads.example']),
        signatures: [
          { id: 'v', path: '/v', pathEnd: '/end', match: 'exact' as const, label: 'v', source: 's' },
        ],
      },
    ];
    expect(() => compileVendors(bad)).toThrow(CompileError);
    try {
      compileVendors(bad);
    } catch (e) {
      expect((e as CompileError).problems.join('\n')).toMatch(/nobody\.example.*no vendor's domain/);
      expect((e as CompileError).problems.join('\n')).toMatch(/signature "y"/);
      expect((e as CompileError).problems.join('\n')).toMatch(
        /signature "z" needs .*match \(exact\|prefix\|suffix\)/,
      );
      expect((e as CompileError).problems.join('\n')).toMatch(
        /signature w is on every path, so it needs queryHas/,
      );
      expect((e as CompileError).problems.join('\n')).toMatch(
        /signature v has a pathEnd, which needs match prefix/,
      );
      expect((e as CompileError).problems.join('\n')).toMatch(
        /signature u has a query pattern, so it needs queryHas/,
      );
      expect((e as CompileError).problems.join('\n')).toMatch(
        /signature t's queryHas "pid=" is not in its pattern/,
      );
    }
  });
});
