import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConsentSignal } from '../consent/types';
import type { Classification } from '../vendor-db/types';
import { readHar } from './read';
import { classifyCapture, type Classifier } from './classify';
import { buildHarReport as build } from './report';
import type { HarCapture } from './collect';

const buildHarReport = (c: HarCapture, k: Classifier) => build(c, classifyCapture(c, k));

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
  classifyRequest: (url) => {
    const host = new URL(url).hostname;
    return cls(host, !host.endsWith('shop.example'));
  },
  classifyCookie: ({ name, domain }) =>
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
};

describe('HAR report', () => {
  it('Chrome HAR: phases follow the OneTrust refusal seen in the Cookie header', async () => {
    const text = fixture('chrome-onetrust-reject.har');
    const capture = await readHar([text.slice(0, 777), text.slice(777)], parsers);
    const report = buildHarReport(capture, classifier);
    expect(report.page).toBe('https://shop.example/');
    expect(report.creator).toBe('WebInspector 537.36');
    expect(report.consent.tool).toBe('onetrust');
    expect(report.consent.choice).toMatchObject({
      kind: 'reject-all',
      at: '2025-01-07T09:00:05.500Z',
      choiceTimeIsUpperBound: true,
      carriedOver: false,
    });
    const byId = Object.fromEntries(report.vendors.map((v) => [v.vendor, v]));
    expect(byId['google-analytics']).toMatchObject({
      phase: 'before-consent',
      requests: 1,
      hosts: ['www.google-analytics.com'],
    });
    expect(byId['facebook']).toMatchObject({
      phase: 'before-consent',
      phases: ['before-consent', 'after-reject'],
      cookies: ['fr'],
      requests: 2,
    });
    expect(byId['facebook']!.hosts.sort()).toEqual(['connect.facebook.net', 'www.facebook.com']);
    expect(report.unknown.hosts).toEqual([
      { host: 'tracker.unknown-ads.example', requests: 1, phase: 'after-reject' },
    ]);
    expect(report.unknown.cookies.map((c) => c.name)).toContain('shop_session');
    expect(report.requests).toBe(8);
  });

  it('Firefox HAR: page from the first document, cookies from response.cookies, offset times', async () => {
    const report = buildHarReport(await readHar([fixture('firefox-tcf-reject.har')], parsers), classifier);
    expect(report.page).toBe('https://shop.example/');
    expect(report.consent.choice).toMatchObject({
      kind: 'reject-all',
      at: '2025-01-07T09:00:03.000Z',
      choiceTimeIsUpperBound: false,
    });
    const byId = Object.fromEntries(report.vendors.map((v) => [v.vendor, v]));
    expect(byId['google-analytics']!.phase).toBe('before-consent');
    expect(byId['google-ads']).toMatchObject({
      phase: 'after-reject',
      cookies: ['IDE'],
      hosts: ['stats.g.doubleclick.net'],
    });
    expect(byId['google-ads']!.phases).toBeUndefined();
  });

  it('WebPageTest HAR without consent evidence: every phase is unknown', async () => {
    const report = buildHarReport(await readHar([fixture('webpagetest.har')], parsers), classifier);
    expect(report.page).toBe('https://shop.example/');
    expect(report.consent).toMatchObject({ evidence: false, tool: null, choice: null, events: [] });
    expect(report.vendors.map((v) => [v.vendor, v.phase])).toEqual([
      ['google-analytics', 'unknown'],
      ['google-tag-manager', 'unknown'],
    ]);
    expect(report.unknown.hosts).toEqual([{ host: 'cdn.example-cdn.net', requests: 1, phase: 'unknown' }]);
  });

  it('a consent cookie already sent on the first request is a carried-over choice', async () => {
    const har = {
      log: {
        entries: [
          {
            startedDateTime: '2025-01-01T00:00:00Z',
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
    const report = buildHarReport(await readHar([JSON.stringify(har)], parsers), classifier);
    expect(report.consent.choice).toMatchObject({ kind: 'accept-all', carriedOver: true, at: null });
    expect(report.vendors).toMatchObject([{ vendor: 'google-analytics', phase: 'after-accept' }]);
  });

  it('tolerates entries with missing or hostile fields and counts what it skipped', async () => {
    const har = {
      log: {
        entries: [
          {},
          { request: { url: 'javascript:alert(1)' } },
          { request: { url: 'not a url' } },
          {
            request: { url: 'https://www.google-analytics.com/x', headers: 'nope', cookies: [null, 5] },
            response: { headers: [{ name: 'Set-Cookie' }] },
          },
        ],
      },
    };
    const report = buildHarReport(await readHar([JSON.stringify(har)], parsers), classifier);
    expect(report.skippedEntries).toBe(3);
    expect(report.page).toBe('https://www.google-analytics.com/x');
    expect(report.vendors).toHaveLength(1);
  });
});
