import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergeSpread, signalFromCookie, signalFromRequestUrl } from '../consent/signals';
import type { ConsentSignal } from '../consent/types';
import type { Classification } from '../vendor-db/types';
import { readHar } from './read';
import type { Classifier } from '../record';
import { harVisits } from './evidence';
import { buildHarReport as build } from './report';
import { indexClassifier } from '../classifier';
import { loadNodeVendorIndex } from '../../scripts/node-vendor-db';
import type { HarCapture } from './collect';

const buildHarReport = (c: HarCapture, k: Classifier) => build(c, harVisits(c, k));

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

// Test doubles with explicit, tiny rule tables: the real classifier and parsers have their own tests.
const VENDORS: Record<string, [string, Classification['category']]> = {
  'googletagmanager.com': ['google-tag-manager', 'analytics'],
  'google-analytics.com': ['google-analytics', 'analytics'],
  'doubleclick.net': ['google-ads', 'advertising'],
  'facebook.net': ['facebook', 'advertising'],
  'facebook.com': ['facebook', 'advertising'],
  'cookielaw.org': ['onetrust', 'consent'],
};
function match(host: string): [string, Classification['category']] | undefined {
  return Object.entries(VENDORS).find(([d]) => host === d || host.endsWith(`.${d}`))?.[1];
}
function cls(host: string, thirdParty: boolean): Classification {
  const m = match(host);
  return {
    vendor: m?.[0] ?? null,
    vendorName: m ? `Name of ${m[0]}` : null,
    company: null,
    category: m?.[1] ?? 'unknown',
    thirdParty,
    reason: 'test',
  };
}
const classifier: Classifier = {
  request: (url) => {
    const host = new URL(url).hostname;
    return cls(host, !host.endsWith('shop.example'));
  },
  cookie: ({ name, domain }) =>
    name === 'fr'
      ? cls('facebook.com', true)
      : name === 'IDE'
        ? cls('doubleclick.net', true)
        : cls(domain, !domain.endsWith('shop.example')),
};
const parsers = {
  signalFromCookie(name: string, value: string): ConsentSignal | null {
    if (name === 'OptanonConsent' && value.includes('groups=')) {
      const choice = value.includes('C0004%3A0')
        ? { kind: 'reject-all' as const, granted: ['necessary' as const] }
        : { kind: 'accept-all' as const, granted: ['necessary' as const, 'analytics' as const] };
      return { tool: 'onetrust', state: 'choice', choice, via: `cookie:${name}`, raw: value };
    }
    if (name === 'euconsent-v2')
      return {
        tool: 'tcf',
        state: 'choice',
        choice: { kind: 'reject-all', granted: ['necessary'] },
        via: 'cookie:euconsent-v2',
        raw: value,
      };
    return null;
  },
  signalFromRequestUrl: (url: string): ConsentSignal | null =>
    url.includes('cookielaw.org')
      ? { tool: 'onetrust', state: 'banner', via: 'request:otSDKStub', raw: url }
      : null,
  // The double's tools each keep their choice in one cookie: nothing to merge.
  mergeSpread: (): ConsentSignal | null => null,
};

describe('HAR report', () => {
  it('Chrome HAR: phases follow the OneTrust refusal seen in the Cookie header', async () => {
    const text = fixture('chrome-onetrust-reject.har');
    const capture = await readHar([text.slice(0, 777), text.slice(777)], parsers);
    const report = buildHarReport(capture, classifier);
    expect(report.pages).toHaveLength(1);
    const [page] = report.pages;
    expect(page!.page).toBe('https://shop.example/');
    expect(report.creator).toBe('WebInspector 537.36');
    expect(page!.consent.tool).toBe('onetrust');
    // Seen first in a Cookie header: the choice was made then at the latest.
    expect(page!.consent.lines.find((l) => l.status === 'counted')).toMatchObject({
      choice: { kind: 'reject-all' },
      at: '2025-01-07T09:00:05.500Z',
      vias: ['cookie-header'],
    });
    const byId = Object.fromEntries(page!.vendors.map((v) => [v.vendor, v]));
    expect(byId['google-analytics']).toMatchObject({
      phases: ['before-consent'],
      violation: true,
      requests: 1,
      hosts: ['www.google-analytics.com'],
    });
    expect(byId['facebook']).toMatchObject({
      phases: ['before-consent', 'after-reject'],
      cookies: ['fr'],
      requests: 2,
    });
    expect(byId['facebook']!.hosts.sort()).toEqual(['connect.facebook.net', 'www.facebook.com']);
    expect(page!.unknown.hosts).toEqual([
      { host: 'tracker.unknown-ads.example', requests: 1, phase: 'after-reject' },
    ]);
    expect(page!.unknown.cookies.map((c) => c.name)).toContain('shop_session');
    expect(report.requests).toBe(8);
    expect(report.site).toMatchObject({ site: 'shop.example', pages: 1 });
  });

  it('Firefox HAR: page from the first document, cookies from response.cookies, offset times', async () => {
    const report = buildHarReport(await readHar([fixture('firefox-tcf-reject.har')], parsers), classifier);
    const [page] = report.pages;
    expect(page!.page).toBe('https://shop.example/');
    expect(page!.consent.lines.find((l) => l.status === 'counted')).toMatchObject({
      choice: { kind: 'reject-all' },
      at: '2025-01-07T09:00:03.000Z',
      vias: ['set-cookie'],
    });
    const byId = Object.fromEntries(page!.vendors.map((v) => [v.vendor, v]));
    expect(byId['google-analytics']!.phases).toEqual(['before-consent']);
    expect(byId['google-ads']).toMatchObject({
      phases: ['after-reject'],
      cookies: ['IDE'],
      hosts: ['stats.g.doubleclick.net'],
    });
  });

  it('a HAR without consent evidence: by the extension’s own rule, everything is before consent', async () => {
    const report = buildHarReport(await readHar([fixture('webpagetest.har')], parsers), classifier);
    const [page] = report.pages;
    expect(page!.page).toBe('https://shop.example/');
    expect(page!.consent).toMatchObject({ evidence: false, tool: null, lines: [] });
    expect(page!.vendors.map((v) => [v.vendor, v.phases])).toEqual([
      ['google-analytics', ['before-consent']],
      ['google-tag-manager', ['before-consent']],
    ]);
    expect(page!.unknown.hosts).toEqual([
      { host: 'cdn.example-cdn.net', requests: 1, phase: 'before-consent' },
    ]);
  });

  it('a consent cookie sent on the main document request is a carried-over choice', async () => {
    const har = {
      log: {
        entries: [
          {
            startedDateTime: '2025-01-01T00:00:00Z',
            _resourceType: 'document',
            request: {
              url: 'https://shop.example/',
              headers: [{ name: 'Cookie', value: 'OptanonConsent=groups=C0001%3A1%2CC0004%3A1' }],
            },
          },
          {
            startedDateTime: '2025-01-01T00:00:01Z',
            request: { url: 'https://www.google-analytics.com/g/collect' },
          },
        ],
      },
    };
    // The real classifier: the consent manager registry that names the record is part of it.
    const real = indexClassifier(loadNodeVendorIndex());
    const [page] = buildHarReport(await readHar([JSON.stringify(har)], parsers), real).pages;
    expect(page!.consent.lines[0]).toMatchObject({
      status: 'carried-over',
      at: null,
      choice: { kind: 'accept-all' },
    });
    // The consent manager's own cookie is its consent record; the tracker is after the carried-over accept.
    expect(page!.vendors.map((v) => [v.vendor, v.category]).sort()).toEqual([
      ['google-analytics', 'analytics'],
      ['optanon', 'consent'],
    ]);
    expect(page!.vendors.find((v) => v.vendor === 'google-analytics')).toMatchObject({
      phases: ['after-accept'],
      violation: false,
    });
  });

  it('an entry without a valid time counts against the site: its accept covers nothing, its tracker is before consent', async () => {
    const accept = 'OptanonConsent=groups=C0001%3A1%2CC0004%3A1';
    const har = (consentAt: string | undefined, trackerAt: string | undefined) => ({
      log: {
        entries: [
          {
            startedDateTime: '2025-01-01T00:00:00Z',
            _resourceType: 'document',
            request: { url: 'https://shop.example/' },
          },
          {
            ...(consentAt !== undefined && { startedDateTime: consentAt }),
            request: { url: 'https://shop.example/consent' },
            response: { headers: [{ name: 'Set-Cookie', value: `${accept}; Path=/` }] },
          },
          {
            ...(trackerAt !== undefined && { startedDateTime: trackerAt }),
            request: { url: 'https://www.google-analytics.com/g/collect' },
            response: { headers: [{ name: 'Set-Cookie', value: 'IDE=1; Domain=google-analytics.com' }] },
          },
          {
            startedDateTime: '2025-01-01T00:00:05Z',
            request: { url: 'https://www.facebook.com/tr' },
          },
        ],
      },
    });
    const phases = async (consentAt?: string, trackerAt?: string) => {
      const report = buildHarReport(
        await readHar([JSON.stringify(har(consentAt, trackerAt))], parsers),
        classifier,
      );
      const page = report.pages[0]!;
      const row = (id: string) => page.vendors.find((v) => v.vendor === id)!;
      return {
        undated: report.undatedEntries,
        consentAt: page.consent.lines.find((l) => l.status === 'counted')?.at,
        analytics: row('google-analytics').phases,
        facebook: row('facebook').phases,
      };
    };
    // Dated: the accept at 1 s covers both trackers.
    expect(await phases('2025-01-01T00:00:01Z', '2025-01-01T00:00:02Z')).toEqual({
      undated: 0,
      consentAt: '2025-01-01T00:00:01.000Z',
      analytics: ['after-accept'],
      facebook: ['after-accept'],
    });
    // The accept's time unreadable: it counts after the last dated entry, so it covers no tracker.
    expect(await phases('yesterday', '2025-01-01T00:00:02Z')).toEqual({
      undated: 1,
      consentAt: '2025-01-01T00:00:05.001Z',
      analytics: ['before-consent'],
      facebook: ['before-consent'],
    });
    // A tracker without a time counts from the page's start, before the accept.
    expect(await phases('2025-01-01T00:00:01Z', undefined)).toEqual({
      undated: 1,
      consentAt: '2025-01-01T00:00:01.000Z',
      analytics: ['before-consent'],
      facebook: ['after-accept'],
    });
  });

  it('a page of 200,000 entries: its first and last times are found without spreading them into one call', () => {
    // Math.max(...times) threw "Maximum call stack size exceeded" from about 125,000 entries.
    const n = 200_000;
    const t0 = Date.parse('2025-01-01T00:00:00Z');
    const capture: HarCapture = {
      creator: null,
      pages: [],
      requests: Array.from({ length: n }, (_, i) => ({
        index: i,
        url: i === 0 ? 'https://shop.example/' : `https://shop.example/a${i % 7}`,
        host: 'shop.example',
        at: t0 + i,
        resourceType: i === 0 ? 'document' : 'xhr',
        initiator: null,
        status: 200,
        pageref: null,
        cookies: [],
      })),
      skipped: 0,
      truncatedHeaders: 0,
      rejectedCookies: 0,
      undated: 0,
    };
    const [hv] = harVisits(capture, classifier);
    expect(hv!.visit).toMatchObject({ startedAt: t0, endedAt: t0 + n - 1 });
  });

  it('Complianz: the choice spread over several cookies in one Cookie header is merged, as in the browser', async () => {
    // The real parsers: Complianz keeps "banner answered" and each category's answer in separate cookies.
    const real = { signalFromCookie, signalFromRequestUrl, mergeSpread };
    const jar = 'cmplz_banner-status=dismissed; cmplz_statistics=allow; cmplz_marketing=deny';
    const har = {
      log: {
        entries: [
          {
            startedDateTime: '2025-01-01T00:00:00Z',
            _resourceType: 'document',
            request: { url: 'https://shop.example/' },
          },
          {
            startedDateTime: '2025-01-01T00:00:05Z',
            _resourceType: 'xhr',
            request: { url: 'https://shop.example/cart', headers: [{ name: 'Cookie', value: jar }] },
          },
          {
            startedDateTime: '2025-01-01T00:00:06Z',
            request: { url: 'https://www.google-analytics.com/g/collect' },
          },
          {
            startedDateTime: '2025-01-01T00:00:07Z',
            request: { url: 'https://www.facebook.com/tr?id=1' },
          },
        ],
      },
    };
    const [page] = buildHarReport(await readHar([JSON.stringify(har)], real), classifier).pages;
    expect(page!.consent.lines.find((l) => l.status === 'counted')).toMatchObject({
      choice: { kind: 'custom' },
      at: '2025-01-01T00:00:05.000Z',
    });
    const byId = Object.fromEntries(page!.vendors.map((v) => [v.vendor, v]));
    // Statistics allowed, marketing refused: only the advertising pixel fired against the visitor's choice.
    expect(byId['google-analytics']).toMatchObject({ phases: ['after-accept'], violation: false });
    expect(byId['facebook']).toMatchObject({ phases: ['after-reject'], violation: true });
  });

  it('reports each HAR page on its own, with a site summary on top', async () => {
    const entry = (url: string, pageref: string, t: string, type = 'script') => ({
      startedDateTime: t,
      pageref,
      _resourceType: type,
      request: { url },
    });
    const har = {
      log: {
        pages: [
          { id: 'p1', title: 'https://shop.example/', startedDateTime: '2025-01-01T00:00:00Z' },
          { id: 'p2', title: 'https://shop.example/deep', startedDateTime: '2025-01-01T00:01:00Z' },
        ],
        entries: [
          entry('https://shop.example/', 'p1', '2025-01-01T00:00:00Z', 'document'),
          entry('https://www.google-analytics.com/g/collect', 'p1', '2025-01-01T00:00:01Z'),
          entry('https://shop.example/deep', 'p2', '2025-01-01T00:01:00Z', 'document'),
          entry('https://www.google-analytics.com/g/collect', 'p2', '2025-01-01T00:01:01Z'),
          entry('https://connect.facebook.net/fbevents.js', 'p2', '2025-01-01T00:01:02Z'),
        ],
      },
    };
    const report = buildHarReport(await readHar([JSON.stringify(har)], parsers), classifier);
    expect(report.pages.map((p) => [p.page, p.pageref, p.vendors.map((v) => v.vendor)])).toEqual([
      ['https://shop.example/', 'p1', ['google-analytics']],
      ['https://shop.example/deep', 'p2', ['facebook', 'google-analytics']],
    ]);
    expect(report.site.pages).toBe(2);
    expect(report.site.violating).toBe(2);
    expect(report.site.vendors.find((v) => v.vendor === 'google-analytics')!.pages).toEqual([
      'https://shop.example/',
      'https://shop.example/deep',
    ]);
  });

  it('tolerates entries with missing or hostile fields, and drops Set-Cookies the browser would reject', async () => {
    const har = {
      log: {
        entries: [
          {},
          { request: { url: 'javascript:alert(1)' } },
          { request: { url: 'not a url' } },
          {
            request: { url: 'https://www.google-analytics.com/x', headers: 'nope', cookies: [null, 5] },
            response: {
              headers: [
                { name: 'Set-Cookie' },
                { name: 'Set-Cookie', value: 'evil=1; Domain=bank.example' },
                { name: 'Set-Cookie', value: 'suffix=1; Domain=com' },
              ],
            },
          },
        ],
      },
    };
    const report = buildHarReport(await readHar([JSON.stringify(har)], parsers), classifier);
    expect(report.skippedEntries).toBe(3);
    expect(report.rejectedCookies).toBe(2);
    expect(report.pages[0]!.page).toBe('https://www.google-analytics.com/x');
    // The page is the vendor's own site: its own requests are first party, not a vendor.
    expect(report.pages[0]!.vendors).toEqual([]);
    expect(report.pages[0]!.unknown.cookies).toEqual([]);
  });
});
