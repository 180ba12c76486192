import { describe, expect, it } from 'vitest';
import { mergeSpread, signalFromCookie, signalFromRequestUrl } from '../consent/signals';
import { OPTANON_REJECT_ALL } from '../consent/__fixtures__/cookies';
import { indexClassifier } from '../classifier';
import { loadNodeVendorIndex } from '../../scripts/node-vendor-db';
import { deriveVisit } from '../evidence/derive';
import { mergeSighting } from '../evidence/merge';
import type { EvidenceEntry } from '../evidence/types';
import { hashString } from '../hash';
import { cookieSighting, requestSighting } from '../record';
import { observedRequest } from '../report/__fixtures__/visit';
import { readHar } from './read';
import { harVisits } from './evidence';
import { buildHarReport } from './report';

const parsers = { signalFromCookie, signalFromRequestUrl, mergeSpread };
const real = indexClassifier(loadNodeVendorIndex());

describe('HAR: a Set-Cookie that deletes a cookie', () => {
  /** A returning visitor who refused (OneTrust, every optional group off); the page then deletes `_ga`. */
  function har(response: Record<string, unknown>) {
    return {
      log: {
        entries: [
          {
            startedDateTime: '2025-01-01T00:00:00Z',
            _resourceType: 'document',
            request: {
              url: 'https://shop.example/',
              headers: [
                {
                  name: 'Cookie',
                  value: `OptanonAlertBoxClosed=2024-12-01T00:00:00.000Z; OptanonConsent=${OPTANON_REJECT_ALL}`,
                },
              ],
            },
            // The site honours the refusal: it deletes Google Analytics' cookie (what consent managers do on reject).
            response: { status: 200, ...response },
          },
        ],
      },
    };
  }

  it.each([
    [
      'Max-Age=0',
      { headers: [{ name: 'Set-Cookie', value: '_ga=; Max-Age=0; Path=/; Domain=.shop.example' }] },
    ],
    [
      'Expires in 1970',
      {
        headers: [
          {
            name: 'Set-Cookie',
            value: '_ga=; expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; Domain=.shop.example',
          },
        ],
      },
    ],
    // Some tools strip Set-Cookie headers and keep only response.cookies (lib/har/entry.ts).
    [
      'an expired response.cookies entry',
      { cookies: [{ name: '_ga', value: '', domain: '.shop.example', expires: '1970-01-01T00:00:00.000Z' }] },
    ],
  ])(
    'a deletion (%s) is no Google Analytics cookie after the refusal, as in the extension',
    async (_l, response) => {
      const capture = await readHar([JSON.stringify(har(response))], parsers);
      const visits = harVisits(capture, real);
      const [page] = buildHarReport(capture, visits).pages;
      expect(page!.consent.lines[0]).toMatchObject({
        status: 'carried-over',
        choice: { kind: 'reject-all' },
      });
      // A removal makes no finding (README "Evidence, then verdicts"): deleting _ga honours the refusal. Without the
      // fix the HAR report said "1 analytics tracker fired after consent was refused" for this page.
      expect(page!.vendors.filter((v) => v.violation)).toEqual([]);
      expect(page!.severity).not.toBe('violation');
      // The extension records the same header as a removal (web-request.ts: removed: isDeletion(c)).
      const ga = visits[0]!.entries.find((e) => e.kind === 'cookie' && e.cookie?.name === '_ga');
      expect(ga?.cookie?.action).toBe('removed');
    },
  );

  it('decodes no consent from a deleted consent cookie, as recordCookie does not', async () => {
    const deletion = `OptanonConsent=${OPTANON_REJECT_ALL}; Max-Age=0; Path=/`;
    const capture = await readHar(
      [JSON.stringify(har({ headers: [{ name: 'Set-Cookie', value: deletion }] }))],
      parsers,
    );
    const removed = capture.requests[0]!.cookies.find((c) => c.via === 'set-cookie');
    expect(removed).toMatchObject({ name: 'OptanonConsent', removed: true });
    expect(removed!.signal).toBeUndefined();
    // The same value sent in the Cookie header still carries the refusal.
    const sent = capture.requests[0]!.cookies.find(
      (c) => c.via === 'cookie-header' && c.name === 'OptanonConsent',
    );
    expect(sent!.signal).toMatchObject({ tool: 'onetrust', state: 'choice' });
  });
});

describe('HAR: cookies classified by their values', () => {
  const T = Date.parse('2025-01-01T00:00:00Z');
  const UUID = '3f2b8c1e-9d4a-4b6e-8f3a-2c1d5e7f9a0b';
  // A first-party cookie no vendor lists, holding a two-year visitor id: the value is the clue.
  const SET_COOKIE = `pvk=${UUID}; Max-Age=63072000; Path=/; Secure; HttpOnly`;

  const har = {
    log: {
      entries: [
        {
          startedDateTime: new Date(T).toISOString(),
          _resourceType: 'document',
          request: { url: 'https://shop.example/' },
          response: { status: 200, headers: [{ name: 'Set-Cookie', value: SET_COOKIE }] },
        },
      ],
    },
  };

  /** The same response as the extension records it (web-request.ts → recordCookie → cookieSighting). */
  function extensionDerived() {
    const visit = {
      id: 'x',
      tabId: 1,
      url: 'https://shop.example/',
      site: 'shop.example',
      startedAt: T,
      incognito: false,
    };
    const sightings = [
      requestSighting(
        visit,
        { ...observedRequest('https://shop.example/', T, 'main_frame'), topFrame: true, frameId: 0 },
        real,
      ),
      cookieSighting(
        visit,
        {
          name: 'pvk',
          value: UUID,
          domain: 'shop.example',
          path: '/',
          via: 'set-cookie',
          provenance: 'browser',
          at: T,
          frame: 'main',
          mainFrameRequest: true,
          lifetimeSeconds: 63072000,
          secure: true,
          httpOnly: true,
        },
        real,
        false, // cookie values are not stored by default: only the classification saw the value
      ),
    ];
    const byId = new Map<string, EvidenceEntry>();
    for (const s of sightings) byId.set(s.id, mergeSighting(byId.get(s.id), s));
    return deriveVisit(visit, [...byId.values()]);
  }

  it('cli har reaches the same classification and verdict for the same response', async () => {
    // Control: the extension files the cookie as a likely tracking id set before consent.
    const ext = extensionDerived();
    expect(ext.findings.find((f) => f.cookieName === 'pvk')).toMatchObject({ category: 'analytics' });
    expect(ext.verdict.severity).toBe('violation');

    const capture = await readHar([JSON.stringify(har)], parsers);
    const visits = harVisits(capture, real);
    const derived = deriveVisit(visits[0]!.visit, visits[0]!.entries);
    expect(derived.findings.find((f) => f.cookieName === 'pvk')).toMatchObject({ category: 'analytics' });
    const [page] = buildHarReport(capture, visits).pages;
    expect(page!.verdict).toBe(ext.verdict.text);
    expect(page!.severity).toBe('violation');
  });

  it('stores what the extension stores: length, hash and flags, not the value', async () => {
    const capture = await readHar([JSON.stringify(har)], parsers);
    const [hv] = harVisits(capture, real);
    const pvk = hv!.entries.find((e) => e.kind === 'cookie' && e.cookie?.name === 'pvk')!;
    expect(pvk.cookie).toMatchObject({
      valueLength: UUID.length,
      valueHash: hashString(UUID),
      secure: true,
      httpOnly: true,
    });
    expect(pvk.cookie).not.toHaveProperty('value');
    expect(JSON.stringify(hv!.entries)).not.toContain(UUID);
  });
});

// Before, a HAR's cookies lost their Path, SameSite and Partitioned attributes, which the extension keeps: a CHIPS
// cookie read as one of the site's own jar, and the same response told two stories.
describe('HAR: cookie attributes kept as the extension keeps them', () => {
  const T = Date.parse('2025-01-01T00:00:00Z');
  const visitOf = {
    id: 'x',
    tabId: 1,
    url: 'https://shop.example/',
    site: 'shop.example',
    startedAt: T,
    incognito: false,
  };
  const entry = (response: Record<string, unknown>) => ({
    log: {
      entries: [
        {
          startedDateTime: new Date(T).toISOString(),
          _resourceType: 'document',
          request: { url: 'https://shop.example/' },
          response: { status: 200, ...response },
        },
      ],
    },
  });
  const cookieOf = async (har: unknown, name: string) => {
    const [hv] = harVisits(await readHar([JSON.stringify(har)], parsers), real);
    return hv!.entries.find((e) => e.kind === 'cookie' && e.cookie?.name === name)!;
  };

  it('a Set-Cookie header: path, SameSite and the partition of the page’s site', async () => {
    const har = entry({
      headers: [
        {
          name: 'Set-Cookie',
          value: 'pid=abc123; Path=/shop; SameSite=None; Secure; Partitioned; Max-Age=600',
        },
      ],
    });
    const fromHar = await cookieOf(har, 'pid');
    const fromExtension = cookieSighting(
      visitOf,
      {
        name: 'pid',
        value: 'abc123',
        domain: 'shop.example',
        path: '/shop',
        sameSite: 'none',
        partition: 'shop.example',
        via: 'set-cookie',
        provenance: 'browser',
        at: T,
        frame: 'main',
        mainFrameRequest: true,
        lifetimeSeconds: 600,
        secure: true,
        httpOnly: false,
      },
      real,
      false,
    );
    expect(fromHar.cookie).toMatchObject({ path: '/shop', sameSite: 'none', partition: 'shop.example' });
    expect(fromHar.cookie).toEqual(fromExtension.cookie);
  });

  it('response.cookies (a tool that stripped the headers): path and SameSite', async () => {
    const har = entry({
      headers: [],
      cookies: [{ name: 'pid', value: 'abc123', path: '/', sameSite: 'Lax', secure: true, httpOnly: false }],
    });
    expect((await cookieOf(har, 'pid')).cookie).toMatchObject({ path: '/', sameSite: 'lax' });
  });
});
