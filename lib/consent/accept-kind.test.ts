// Records whose decoded choice was more permissive than the manager's own record (found in review, 2026-12-07): a
// refusal of device storage, a vendor switched off by name, a default group left off, or a record the manager wrote
// itself read as the visitor's Accept all, so a tracker after it read 'after-accept' and went unflagged. Each case
// uses the manager's real record format (source named beside it) and runs the real derivation.
import { describe, expect, it } from 'vitest';
import { phaseAt } from '../evidence/consent';
import { signalFromCookie } from './signals';
import type { ConsentChoice, ConsentSignal } from './types';
import { T0, consentEntry, entry, visit } from '../report/__fixtures__/visit';
import { loadNodeVendorIndex } from '../../scripts/node-vendor-db';
import { classifyRequest } from '../vendor-db/match';
import { deriveVisit } from '../evidence/derive';
import type { EvidenceEntry } from '../evidence/types';

const index = loadNodeVendorIndex();
const PAGE = 'https://shop.example/';

/** A request as the real vendor database classifies it. */
const request = (url: string, at: number): EvidenceEntry =>
  entry({ host: new URL(url).hostname, at, url, classification: classifyRequest(index, url, PAGE) });

/** A record the visitor's browser brought from an earlier visit (sent in the main-frame request). */
const carried = (signal: ConsentSignal): EvidenceEntry =>
  consentEntry(signal, { at: T0, via: 'cookie-header', frame: 'main', consent: { signal, mainFrame: true } });

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64');

// Didomi's ids for the IAB TCF purposes (lib/consent/didomi.ts PURPOSES); `cookies` is TCF purpose 1, "Store and/or
// access information on a device". didomi_token = base64 JSON {purposes: {enabled, disabled}, vendors: {...}, ...}
// as in lib/consent/__fixtures__/cookies.ts DIDOMI_*.
const DIDOMI_PURPOSES_EXCEPT_COOKIES = [
  'select_basic_ads',
  'create_ads_profile',
  'select_personalized_ads',
  'create_content_profile',
  'select_personalized_content',
  'measure_ad_performance',
  'measure_content_performance',
  'market_research',
  'improve_products',
  'use_limited_data_to_select_content',
];
const didomiToken = (
  purposes: { enabled: string[]; disabled: string[] },
  vendors = { enabled: ['google'], disabled: [] as string[] },
) =>
  b64({
    user_id: '19a8f3c2-6b1d-6e4a-a0d5-3f0b1c2d4e5f',
    created: '2025-11-25T09:15:02.123Z',
    updated: '2025-11-25T09:17:12.777Z',
    vendors,
    purposes,
    vendors_li: { enabled: ['google'], disabled: [] },
    version: 2,
    ac: 'AAAA.AAAA',
  });

describe('Didomi: purpose 1 ("cookies", store/access on a device) switched off', () => {
  // In Didomi's preferences the visitor switches off "Store and/or access information on a device" and saves the
  // rest on. The decoder itself says "Without purpose 1 nothing may be stored" and cuts granted to ['necessary'], but
  // leaves kind 'accept-all' (tcf.ts makes the same TC string 'custom'); phaseAt returns 'after-accept' for any
  // accept-all before it looks at granted.
  const value = didomiToken({ enabled: DIDOMI_PURPOSES_EXCEPT_COOKIES, disabled: ['cookies'] });

  it('kind agrees with granted: nothing that needs consent is granted, so it is not accept-all', () => {
    const choice = signalFromCookie('didomi_token', value)!.choice!;
    expect(choice.granted).toEqual(['necessary']);
    expect(choice.kind).not.toBe('accept-all');
  });

  it('the Meta Pixel after it fired after a refusal (a violation), not after accept', () => {
    const d = deriveVisit(visit(), [
      carried(signalFromCookie('didomi_token', value)!),
      request('https://connect.facebook.net/en_US/fbevents.js', T0 + 900),
    ]);
    expect(d.findings[0]).toMatchObject({ phase: 'after-reject', violation: true });
  });
});

describe('Didomi: a vendor switched off by name while every purpose is on', () => {
  // Didomi's vendor list lets the visitor switch one vendor off; the token keeps it in vendors.disabled (custom
  // vendors as "c:<id>", as DIDOMI_* fixtures show "c:hotjar"). The decoder ignores vendors entirely: accept-all.
  const value = didomiToken(
    { enabled: ['cookies', ...DIDOMI_PURPOSES_EXCEPT_COOKIES], disabled: [] },
    { enabled: ['google', 'c:linkedin-marketing-solutions'], disabled: ['c:hotjar'] },
  );

  it('Hotjar, which the visitor switched off, fired after a refusal, not after accept', () => {
    const d = deriveVisit(visit(), [
      carried(signalFromCookie('didomi_token', value)!),
      request('https://static.hotjar.com/c/hotjar-1.js', T0 + 900),
    ]);
    expect(d.findings[0]?.phase).not.toBe('after-accept');
  });
});

describe("Cookiebot: the record Cookiebot writes by itself where no consent is required (stamp:'-1', method:'implied')", () => {
  // Real Cookie headers in public code (e.g. a Vietnamese and a UK visitor):
  //   CookieConsent={stamp:'-1',necessary:true,preferences:true,statistics:true,marketing:true,method:'implied',ver:1,
  //   utc:1758361188796,iab2:'',region:'VN'}
  // stamp '-1' is Cookiebot's "consent not required" marker (as the bare `-1` value), method 'implied' says nobody
  // clicked. The decoder read this one as the visitor's explicit Accept all. Both are Cookiebot's own now: evidence,
  // no choice, so a site writing one after the visitor's Reject all (review of the fix) gains nothing by it either.
  const IMPLIED =
    "{stamp:'-1',necessary:true,preferences:true,statistics:true,marketing:true,method:'implied',ver:1,utc:1758361188796,iab2:'',region:'VN'}";

  it('is not read as the visitor accepting everything', () => {
    const s = signalFromCookie('CookieConsent', IMPLIED)!;
    expect(s.tool).toBe('cookiebot');
    expect(s.choice?.kind).not.toBe('accept-all');
  });

  it('brought on a return visit, it does not exempt the Meta Pixel: no consent is read from it', () => {
    const d = deriveVisit(visit(), [
      carried(signalFromCookie('CookieConsent', IMPLIED)!),
      request('https://connect.facebook.net/en_US/fbevents.js', T0 + 900),
    ]);
    expect(d.findings[0]).toMatchObject({ phase: 'before-consent', violation: true });
    expect(d.consent.lines.map((l) => l.status)).toEqual(['evidence']);
  });

  it('written after the visitor’s Reject all, the refusal stands', () => {
    const refusal = signalFromCookie(
      'CookieConsent',
      "{stamp:'x1',necessary:true,preferences:false,statistics:false,marketing:false,method:'explicit',ver:1,utc:1758361188796,region:'DE'}",
    )!;
    const d = deriveVisit(visit(), [
      consentEntry(refusal, { at: T0 + 100, via: 'cookies-api' }),
      consentEntry(signalFromCookie('CookieConsent', IMPLIED)!, { at: T0 + 400, via: 'cookies-api' }),
      request('https://connect.facebook.net/en_US/fbevents.js', T0 + 900),
    ]);
    expect(d.findings[0]).toMatchObject({ phase: 'after-reject', violation: true });
  });
});

describe('Borlabs Cookie: the default "External Media" group left off', () => {
  // Borlabs Cookie's four default groups are essential, statistics, marketing and external-media (its SystemCheck
  // checkDefaultCookieGroups: `group_id IN ("essential", "statistics", "marketing", "external-media")`, with the
  // default content blockers for Facebook, Instagram, Twitter, YouTube, Google Maps … in External Media). The cookie
  // lists only the ACCEPTED groups, so a visitor who accepted Statistics and Marketing but not External Media leaves
  // {"consents":{"essential":[…],"statistics":[…],"marketing":[…]}}. borlabs.ts knows only three default groups,
  // so this reads as accept-all, and socialUnderMarketing then lets Marketing cover social embeds.
  const value = encodeURIComponent(
    JSON.stringify({
      consents: {
        essential: ['borlabs-cookie'],
        statistics: ['google-analytics'],
        marketing: ['facebook-pixel'],
      },
      domainPath: 'shop.example/',
      expires: 'Wed, 25 Nov 2026 09:15:09 GMT',
      uid: 'k2x9p4qa-7wbn-3c1d-8e0f-5g6h7i8j9k0l',
      version: '1',
    }),
  );

  it('a default group left out of the record is refused: the choice is not accept-all', () => {
    expect(signalFromCookie('borlabs-cookie', value)!.choice!.kind).not.toBe('accept-all');
  });

  it('an Instagram embed (External Media in Borlabs) after it is not "after accept"', () => {
    const d = deriveVisit(visit(), [
      carried(signalFromCookie('borlabs-cookie', value)!),
      request('https://www.instagram.com/embed.js', T0 + 900),
    ]);
    expect(d.findings[0]?.phase).not.toBe('after-accept');
  });
});

describe('"Accept all" on a banner whose known categories never covered advertising (the accept-scope rule)', () => {
  // README "Timeline rules": a category needing consent that none of the record's switches covers "was never asked,
  // so it is before consent even under Accept all" (fixed for choiceFromToggles; lib/evidence/accept-scope.test.ts).
  // These decoders know the banner's categories by name but return allOrNothing(true) (ALL_OPTIONAL, no `offered`)
  // for an accept of all of them, so phaseAt reads the accept as consent to advertising as well.

  it('vanilla-cookieconsent v3: a site defining only necessary + analytics, Accept all → the Meta Pixel is before consent', () => {
    // cc_cookie as vanilla-cookieconsent 3.1.0 writes it (cookieconsent.esm.js: {categories, revision, data,
    // consentTimestamp, consentId, services (a key per category the site defined), languageCode, …}), the same
    // shape as CC_ACCEPT in lib/consent/__fixtures__/managers.ts with the site's two categories.
    const value = encodeURIComponent(
      JSON.stringify({
        categories: ['necessary', 'analytics'],
        revision: 0,
        data: null,
        consentTimestamp: '2025-11-25T09:15:09.433Z',
        consentId: '7f0b8a1e-5c2d-4e3f-9a6b-1c2d3e4f5a6b',
        services: { necessary: [], analytics: [] },
        languageCode: 'en',
        lastConsentTimestamp: '2025-11-25T09:15:09.433Z',
        expirationTime: 1779787309433,
      }),
    );
    const signal = signalFromCookie('cc_cookie', value)!;
    const d = deriveVisit(visit(), [
      carried(signal),
      request('https://connect.facebook.net/en_US/fbevents.js', T0 + 900),
    ]);
    expect(d.findings[0]).toMatchObject({ phase: 'before-consent', violation: true });
    expect(signal.choice!.granted).not.toContain('advertising');
  });

  it('Fides: notices essential + analytics only, Accept all → the Meta Pixel is before consent', () => {
    // fides_consent as fides-js saves it (lib/consent/fides.ts; the same shape as more-parsers.test.ts `record`).
    const value = encodeURIComponent(
      JSON.stringify({
        consent: { essential: true, analytics: true },
        identity: { fides_user_device_id: '8a46c3ee-d6c3-4518-9b6c-074528b7bfd0' },
        fides_meta: {
          version: '0.9.0',
          createdAt: '2024-05-01T10:00:00.000Z',
          updatedAt: '2024-05-01T10:00:05.000Z',
          consentMethod: 'accept',
        },
        tcf_consent: {},
        non_applicable_notice_keys: [],
      }),
    );
    const signal = signalFromCookie('fides_consent', value)!;
    const d = deriveVisit(visit(), [
      carried(signal),
      request('https://connect.facebook.net/en_US/fbevents.js', T0 + 900),
    ]);
    expect(d.findings[0]).toMatchObject({ phase: 'before-consent', violation: true });
    expect(signal.choice!.granted).not.toContain('advertising');
  });
});

describe('an accept-all whose own fields say it is not all (any decoder, or a record an earlier version stored)', () => {
  const at = (
    choice: Parameters<typeof phaseAt>[0][number]['choice'],
    category: 'advertising' | 'analytics',
  ) => phaseAt([{ at: 0, tool: 't', choice, carriedOver: false }], 10, category);

  it.each<[string, Partial<ConsentChoice>]>([
    ['a switch it offers left off', { offered: ['analytics', 'advertising'] }],
    ['a service refused by name', { refused: ['meta-pixel'] }],
    ['a US sale opt-out', { saleOptOut: true }],
  ])('%s: read by its categories, not its kind', (_, extra) => {
    const choice = {
      kind: 'accept-all' as const,
      granted: ['necessary' as const, 'analytics' as const],
      ...extra,
    };
    expect([at(choice, 'advertising'), at(choice, 'analytics')]).toEqual(['after-reject', 'after-accept']);
  });

  it('nothing that needs consent allowed: nothing is after accept', () => {
    expect(at({ kind: 'accept-all', granted: ['necessary'] }, 'analytics')).toBe('after-reject');
  });

  it('a whole accept stays one', () => {
    expect(
      at({ kind: 'accept-all', granted: ['necessary', 'analytics', 'advertising'] }, 'advertising'),
    ).toBe('after-accept');
  });
});
