import { describe, expect, it } from 'vitest';
import { decodeGcd, decodeGcs, signalFromGoogleRequest } from './google-consent-mode';
import { signalFromHeaders, signalFromNavigatorGpc } from './gpc';
import { mergeComplianz, parseComplianz } from './complianz';
import { parseTrustArc } from './trustarc';
import { parseKlaro } from './klaro';
import { parseBorlabs } from './borlabs';
import { parseAxeptio } from './axeptio';
import { parseIubenda } from './iubenda';
import { signalFromCookie } from './signals';
import { consentToolForRule, consentToolForScript, identifyTool } from './tools';

const GA =
  'https://region1.google-analytics.com/g/collect?v=2&tid=G-ABC123XYZ9&gtm=45je5bi0v9&_p=1764062109433&cid=1180734553.1764062101&ul=de-de&sr=1920x1080&_s=1&sid=1764062101&sct=1&seg=0&dl=https%3A%2F%2Fshop.example%2F&en=page_view';

describe('Google Consent Mode', () => {
  it('decodes gcs', () => {
    expect(decodeGcs('G100')).toEqual({ ad_storage: 'denied', analytics_storage: 'denied' });
    expect(decodeGcs('G101')).toEqual({ ad_storage: 'denied', analytics_storage: 'granted' });
    expect(decodeGcs('G111')).toEqual({ ad_storage: 'granted', analytics_storage: 'granted' });
    expect(decodeGcs('G2xx')).toBeNull();
  });
  it('decodes gcd letters into default and update', () => {
    const gcd = decodeGcd('11p1p1p1p5');
    expect(gcd?.ad_storage).toEqual({ default: 'denied', update: 'unset' });
    const after = decodeGcd('13r3r3r3r5');
    expect(after?.analytics_storage).toEqual({ default: 'denied', update: 'granted' });
    expect(decodeGcd('11t1t1t1t5')?.ad_personalization).toEqual({ default: 'granted', update: 'unset' });
    expect(decodeGcd('13q3q3q3q5')?.ad_user_data).toEqual({ default: 'denied', update: 'denied' });
    expect(decodeGcd('11l1l1l1l5')?.ad_storage).toEqual({ default: 'unset', update: 'unset' });
    expect(decodeGcd('short')).toBeNull();
  });
  it('makes default-denied requests "banner" evidence and updated ones "choice" evidence', () => {
    const before = signalFromGoogleRequest(`${GA}&gcs=G100&gcd=13p3p3p3p5`);
    expect(before).toMatchObject({ tool: 'google-consent-mode', state: 'banner', evidence: 'consent-mode' });
    const after = signalFromGoogleRequest(`${GA}&gcs=G111&gcd=13r3r3r3r5`);
    expect(after).toMatchObject({
      state: 'choice',
      evidence: 'consent-mode',
      choice: { kind: 'accept-all' },
    });
    const mixed = signalFromGoogleRequest(`${GA}&gcs=G101`);
    expect(mixed?.choice).toEqual({ kind: 'custom', granted: ['necessary', 'analytics'] });
  });
  it('ignores other hosts, missing params and bad URLs', () => {
    expect(signalFromGoogleRequest('https://evil.example/collect?gcs=G111')).toBeNull();
    expect(signalFromGoogleRequest('https://notgoogle-analytics.com/collect?gcs=G111')).toBeNull();
    expect(signalFromGoogleRequest(GA)).toBeNull();
    expect(signalFromGoogleRequest('::not a url')).toBeNull();
  });
});

describe('Global Privacy Control', () => {
  it('reads Sec-GPC: 1 in both header shapes, nothing else', () => {
    expect(
      signalFromHeaders([
        { name: 'Accept', value: '*/*' },
        { name: 'Sec-GPC', value: '1' },
      ]),
    ).toMatchObject({ evidence: 'gpc' });
    expect(signalFromHeaders({ 'sec-gpc': '1' })?.tool).toBe('gpc');
    expect(signalFromHeaders([{ name: 'Sec-GPC', value: '0' }])).toBeNull();
    expect(signalFromHeaders([])).toBeNull();
    expect(signalFromNavigatorGpc(true)?.via).toBe('navigator.globalPrivacyControl');
    expect(signalFromNavigatorGpc('true')).toBeNull();
  });
});

describe('Complianz', () => {
  it('reads banner status and merges category cookies', () => {
    expect(parseComplianz('cmplz_banner-status', 'dismissed')?.state).toBe('choice');
    expect(parseComplianz('cmplz_banner-status', 'show')).toBeNull();
    expect(parseComplianz('cmplz_marketing', 'allow')).toBeNull();
    const jar = new Map([
      ['cmplz_functional', 'allow'],
      ['cmplz_preferences', 'deny'],
      ['cmplz_statistics', 'allow'],
      ['cmplz_marketing', 'deny'],
    ]);
    expect(mergeComplianz(jar)?.choice).toEqual({
      kind: 'custom',
      granted: ['necessary', 'analytics'],
      offered: ['functional', 'analytics', 'advertising', 'marketing'],
    });
    expect(mergeComplianz(new Map())).toBeNull();
  });
});

describe('TrustArc', () => {
  it('tells "required only" apart and keeps other levels undecided', () => {
    expect(parseTrustArc('cmapi_cookie_privacy', 'permit 1')?.choice?.kind).toBe('reject-all');
    expect(parseTrustArc('notice_gdpr_prefs', '0:')?.choice?.kind).toBe('reject-all');
    const all = parseTrustArc('cmapi_cookie_privacy', 'permit 1,2,3');
    expect(all).toMatchObject({ state: 'choice', decoded: { levels: [1, 2, 3] } });
    expect(all?.choice).toBeUndefined();
    expect(parseTrustArc('notice_preferences', '2:')?.decoded).toEqual({ levels: [0, 1, 2] });
    expect(parseTrustArc('notice_preferences', 'x')).toBeNull();
  });
});

describe('Klaro and Borlabs', () => {
  it('reads klaro service maps', () => {
    const all = parseKlaro(
      'klaro',
      encodeURIComponent('{"klaro":true,"google-analytics":true,"matomo":true}'),
    );
    expect(all?.choice?.kind).toBe('accept-all');
    // A mix: the granted services have no known category, so they stay unmapped (never a refusal we cannot show).
    const some = parseKlaro('klaro', encodeURIComponent('{"klaro":true,"google-analytics":false}'));
    expect(some?.choice).toEqual({
      kind: 'custom',
      granted: ['necessary'],
      unmapped: ['klaro'],
      refused: ['google-analytics'],
    });
    expect(parseKlaro('klaro', '%7Bbroken')).toBeNull();
  });
  it('reads borlabs-cookie consents', () => {
    const v = encodeURIComponent(
      JSON.stringify({
        consents: { essential: ['borlabs-cookie'], statistics: ['google-analytics'] },
        domainPath: 'shop.example/',
        expires: 'Wed, 25 Nov 2026 09:15:09 GMT',
        uid: 'x1y2z3',
        version: '1',
      }),
    );
    expect(parseBorlabs('borlabs-cookie', v)?.choice).toEqual({
      kind: 'custom',
      granted: ['necessary', 'analytics'],
      offered: ['analytics', 'advertising', 'marketing', 'social'],
    });
    const none = encodeURIComponent(
      JSON.stringify({ consents: { essential: ['borlabs-cookie'] }, version: '1' }),
    );
    expect(parseBorlabs('borlabs-cookie', none)?.choice?.kind).toBe('reject-all');
    expect(parseBorlabs('borlabs-cookie', '{"consents":[1]}')).toBeNull();
  });
});

describe('presence-only cookies', () => {
  it('marks iubenda/axeptio choices without claiming content, except an empty Axeptio vendor list', () => {
    expect(parseIubenda('_iub_cs-12345678', '%7B%22timestamp%22%3A%222025-11-25%22%7D')).toMatchObject({
      tool: 'iubenda',
      state: 'choice',
    });
    expect(parseAxeptio('axeptio_authorized_vendors', '%2C%2C')?.choice?.kind).toBe('reject-all');
    expect(parseAxeptio('axeptio_authorized_vendors', '%2Cgoogle_analytics%2C')?.choice).toBeUndefined();
    expect(parseIubenda('_iub_cs-abc', '1')).toBeNull();
  });
});

describe('Securiti (__privaci_cookie_consents)', () => {
  // As real sites send it after Accept all (status and flags as captured).
  const accepted = JSON.stringify({
    consents: { '97': 1, '98': 1, '99': 1, '100': 1 },
    location: '30#KE',
    lang: 'en',
    status: 'record-consent-success',
    implicit_consent: false,
    gcm: { '1': 1, '2': 1, '3': 1, '4': 1, '5': 1, '6': 1, '7': 1 },
  });
  const parse = (value: string) => signalFromCookie('__privaci_cookie_consents', value);
  it('every category on = accept-all, as sent, URL-encoded or base64', () => {
    for (const value of [accepted, encodeURIComponent(accepted), btoa(accepted)])
      expect(parse(value)).toMatchObject({
        tool: 'securiti',
        state: 'choice',
        choice: { kind: 'accept-all' },
      });
    expect(parse(accepted.replace(/":1/g, '":0'))?.choice?.kind).toBe('reject-all');
  });
  it('a mix (the essential category on after a refusal, or a custom choice) and implicit consent are not read', () => {
    expect(parse('{"consents":{"1207":1,"1208":0,"1209":0,"1210":0},"implicit_consent":false}')).toBeNull();
    expect(parse(accepted.replace('"implicit_consent":false', '"implicit_consent":true'))).toBeNull();
    expect(parse('{"consents":{}}')).toBeNull();
    expect(parse('{"consents":[1,1]}')).toBeNull();
    expect(parse('{"consents":')).toBeNull();
  });
  it('names Securiti by its cookies and its loader', () => {
    expect(identifyTool({ cookies: ['__privaci_cookie_consent_uuid'] })).toBe('securiti');
    expect(consentToolForScript('https://cdn-prod.securiti.ai/consent/cookie-consent-sdk-loader.js')).toBe(
      'securiti',
    );
  });
});

describe('Tealium Consent Manager (CONSENTMGR)', () => {
  const parse = (value: string) => signalFromCookie('CONSENTMGR', value);
  it('reads the shapes real sites send: consent:true alone or with every category on = accept-all', () => {
    for (const value of [
      'consent:true%7Cts:1672327544395',
      'c1:1%7Cc2:1%7Cc3:1%7Cc4:1%7Cc5:1%7Cc6:1%7Cc7:1%7Cc8:1%7Cc9:1%7Cc10:1%7Cc11:1%7Cc12:1%7Cc13:1%7Cc14:1%7Cc15:1%7Cts:1700677133212%7Cconsent:true',
      'ts:1525369619|consent:true',
      // A site's own extra pair is ignored (as Tealium's reader ignores it).
      '1642664878603:undefined%7Cconsent:true%7Cc1:1%7Cc2:1%7Cc3:1%7Cts:1642664878605',
    ])
      expect(parse(value)).toMatchObject({
        tool: 'tealium',
        state: 'choice',
        via: 'cookie:CONSENTMGR',
        choice: { kind: 'accept-all' },
      });
  });
  it('consent:false is declined, whatever the categories say (Tealium blocks every tag)', () => {
    for (const value of [
      'ts:1525369619%7Cconsent:false',
      'c6:1|c1:0|c2:0|ts:1587133550264|consent:false|c3:0',
      'consent:false%7Cts:1%7Cc1:0%7Cc3:0',
    ])
      expect(parse(value)?.choice).toEqual({ kind: 'reject-all', granted: ['necessary'] });
  });
  it('a custom choice is read per Tealium category; a category of ours Tealium splits is granted only whole', () => {
    const mix = parse('consent:true%7Cts:1678332400820%7Cc1:1%7Cc3:0%7Cc5:1%7Cc6:1%7Cc7:0%7Cc8:1%7Cc9:1');
    expect(mix?.choice).toEqual({
      kind: 'custom',
      granted: ['necessary', 'analytics', 'marketing'],
      unmapped: ['personalization', 'big_data', 'misc'],
      offered: ['analytics', 'advertising', 'marketing', 'social'],
    });
    expect(mix?.decoded?.categories).toMatchObject({ analytics: true, display_ads: false, social: false });
    // Display ads on, search off: advertising is not granted, display ads stay unmapped (an unclear choice).
    expect(parse('consent:true|c1:0|c3:1|c4:0|c7:1')?.choice).toEqual({
      kind: 'custom',
      granted: ['necessary', 'social'],
      unmapped: ['display_ads'],
      offered: ['analytics', 'social'],
    });
    expect(parse('consent:true|c1:0|c3:1|c4:1|c10:1')?.choice?.granted).toEqual(['necessary', 'advertising']);
  });
  it('no answer, a contradiction, the Do Not Sell record and malformed values are not read', () => {
    for (const value of [
      'ts:1525369619|dns:true', // the opt-out popup's record
      'consent:true|ts:1525369619|dns:false',
      'c1:1|c2:0|ts:1', // no consent key: no answer given
      'consent:true|c1:0|c2:0', // Tealium reads this as full consent, the flags say none
      'consent:1|ts:1',
      'consent:TRUE',
      'consent:true|c1:yes',
      'consent:true|c01:1|c2:0',
      'consent:true|consent:false',
      'consent:true|ts',
      'consent:true|',
      '1',
      '',
      '%E0%A4%A',
    ])
      expect(parse(value), value).toBeNull();
    expect(parse('c1:1|'.repeat(3000))).toBeNull(); // over 100 pairs
  });
  it('names Tealium by its cookie and its autoconsent rule, never by utag', () => {
    expect(identifyTool({ cookies: ['CONSENTMGR'] })).toBe('tealium');
    expect(identifyTool({ autoconsentRule: 'Tealium' })).toBe('tealium');
    expect(identifyTool({ globals: ['utag'] })).toBeNull();
  });
});

describe('Fides (fides_consent)', () => {
  // The shape fides-js saves (cookie.ts makeFidesCookie + saveFidesCookie), URL-encoded by its cookie converter.
  const record = (consent: Record<string, unknown>, consentMethod?: string, extra: object = {}) =>
    JSON.stringify({
      consent,
      identity: { fides_user_device_id: '8a46c3ee-d6c3-4518-9b6c-074528b7bfd0' },
      fides_meta: {
        version: '0.9.0',
        createdAt: '2024-05-01T10:00:00.000Z',
        updatedAt: '2024-05-01T10:00:05.000Z',
        ...(consentMethod ? { consentMethod } : {}),
      },
      tcf_consent: {},
      non_applicable_notice_keys: [],
      ...extra,
    });
  const parse = (value: string) => signalFromCookie('fides_consent', value);
  const notices = { essential: true, analytics: true, marketing: true };
  it('Accept all = accept-all, as saved: URL-encoded JSON, base64 (base64Cookie) or plain', () => {
    const accepted = record(notices, 'accept');
    for (const value of [encodeURIComponent(accepted), encodeURIComponent(btoa(accepted)), accepted])
      expect(parse(value)).toMatchObject({
        tool: 'fides',
        state: 'choice',
        via: 'cookie:fides_consent',
        choice: { kind: 'accept-all' },
        decoded: { consentMethod: 'accept' },
      });
  });
  it('Reject all = reject-all; the notices it cannot switch off (notice-only) stay on', () => {
    for (const consent of [
      { essential: true, analytics: false, marketing: false },
      { cookie_notice: true, analytics: false }, // a notice-only key of the site's own
      { analytics: 'opt_out', marketing: 'opt_out', essential: 'acknowledge' }, // fidesConsentFlagType consent_mechanism
    ])
      expect(parse(encodeURIComponent(record(consent, 'reject')))?.choice).toEqual({
        kind: 'reject-all',
        granted: ['necessary'],
      });
  });
  it('Save is read per notice by its name; an unknown notice key stays unmapped', () => {
    const saved = record(
      { essential: true, analytics: true, marketing: false, loyalty_program: true },
      'save',
    );
    expect(parse(encodeURIComponent(saved))?.choice).toEqual({
      kind: 'custom',
      granted: ['necessary', 'analytics'],
      unmapped: ['loyalty_program'],
      offered: ['analytics', 'advertising', 'marketing'],
    });
    expect(
      parse(record({ analytics: 'opt_in', marketing: 'opt_out', essential: 'acknowledge' }, 'save'))?.choice,
    ).toEqual({
      kind: 'custom',
      granted: ['necessary', 'analytics'],
      offered: ['analytics', 'advertising', 'marketing'],
    });
    expect(parse(record({ essential: true, analytics: false, marketing: false }, 'save'))?.choice?.kind).toBe(
      'reject-all',
    );
    expect(parse(record(notices, 'save'))?.choice?.kind).toBe('accept-all');
    // A notice not applicable in the visitor's region (listed, or flagged) asked nothing.
    const na = record({ analytics: false, data_sales: true }, 'save', {
      non_applicable_notice_keys: ['data_sales'],
    });
    expect(parse(na)?.choice?.kind).toBe('reject-all');
    expect(parse(record({ analytics: false, data_sales: 'not_applicable' }, 'save'))?.choice?.kind).toBe(
      'reject-all',
    );
  });
  it('defaults (no method), dismiss, GPC, acknowledge, script and migrations are not the visitor’s answer', () => {
    // makeFidesCookie's defaults, and the same saved by setIdentity (updatedAt set, still no method).
    const defaults = JSON.stringify({
      consent: notices,
      identity: { fides_user_device_id: 'x' },
      fides_meta: { version: '0.9.0', createdAt: '2024-05-01T10:00:00.000Z', updatedAt: '' },
      tcf_consent: {},
    });
    expect(parse(encodeURIComponent(defaults))).toBeNull();
    expect(parse(record(notices))).toBeNull();
    expect(parse(JSON.stringify({ data_sales: true, analytics: false }))).toBeNull(); // the pre-0.9 cookie
    for (const method of [
      'gpc',
      'dismiss',
      'acknowledge',
      'script',
      'ot_migration',
      'external_provider',
      'button',
      'individual_notice',
      'ACCEPT',
    ])
      expect(parse(record({ analytics: false, marketing: false }, method)), method).toBeNull();
  });
  it('contradictions, a record with no notice (TCF) and malformed values are not read', () => {
    for (const value of [
      record({ essential: true, analytics: false }, 'accept'),
      record({ essential: true, analytics: true }, 'reject'),
      record({}, 'accept', { fides_string: 'CPzHq4APzHq4AAMABBENAUEAALAAAEOAAAAAAEAEACACAAAA,1~61.70' }),
      record({ analytics: 1 }, 'save'),
      record({ analytics: 'yes' }, 'save'),
      record({ analytics: null }, 'save'),
      JSON.stringify({ consent: [true], fides_meta: { consentMethod: 'accept' } }),
      JSON.stringify({ consent: notices, fides_meta: { consentMethod: ['accept'] } }),
      JSON.stringify({ consent: notices, fides_meta: 'accept' }),
      JSON.stringify({ consent: notices }),
      record(Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`n${i}`, true])), 'accept'),
      '{"consent":',
      '[]',
      '',
      '%E0%A4%A',
    ])
      expect(parse(value), value).toBeNull();
  });
  it('names Fides by its cookie, its global and its autoconsent rule', () => {
    expect(identifyTool({ cookies: ['fides_consent'] })).toBe('fides');
    expect(identifyTool({ globals: ['Fides'] })).toBe('fides');
    expect(consentToolForRule('fides')).toBe('fides');
    expect(identifyTool({ autoconsentRule: 'Fides' })).toBe('fides');
  });
});

describe('Segment Consent Manager (tracking-preferences)', () => {
  // The value as @segment/consent-manager's js-cookie 2 writes it: JSON, percent-encoded except these characters.
  const jsCookie = (record: object) =>
    encodeURIComponent(JSON.stringify(record)).replace(
      /%(23|24|26|2B|3A|3C|3E|3D|2F|3F|40|5B|5D|5E|60|7B|7D|7C)/g,
      decodeURIComponent,
    );
  const parse = (record: object) => signalFromCookie('tracking-preferences', jsCookie(record));
  const destinations = (on: Record<string, boolean>) => on;
  const all = (v: boolean) => ({ marketingAndAnalytics: v, advertising: v, functional: v });
  it('Allow all and Deny all of its default banner', () => {
    const allowed = { 'Google Analytics 4 Web': true, 'Facebook Pixel': true, 'Customer.io': true };
    expect(parse({ version: 1, destinations: allowed, custom: all(true) })).toMatchObject({
      tool: 'segment-consent-manager',
      state: 'choice',
      via: 'cookie:tracking-preferences',
      choice: { kind: 'accept-all' },
    });
    const denied = { 'Google Analytics 4 Web': false, 'Facebook Pixel': false, 'Customer.io': false };
    expect(parse({ version: 1, destinations: denied, custom: all(false) })?.choice).toEqual({
      kind: 'reject-all',
      granted: ['necessary'],
    });
  });
  it('a saved dialog is read per category; the destinations it switched off are refused by name', () => {
    const choice = parse({
      version: 1,
      destinations: destinations({
        'Google Analytics 4 Web': true,
        'Facebook Pixel': false,
        'Customer.io': true,
      }),
      custom: { marketingAndAnalytics: true, advertising: false, functional: true },
    })?.choice;
    expect(choice).toMatchObject({ kind: 'custom', refused: ['Facebook Pixel'] });
    expect([...choice!.granted].sort()).toEqual(['analytics', 'functional', 'marketing', 'necessary']);
  });
  it('every category on with a destination kept off is not an accept of everything', () => {
    const choice = parse({
      version: 1,
      destinations: { Hotjar: false, 'Google Analytics 4 Web': true },
      custom: all(true),
    })?.choice;
    expect(choice).toMatchObject({ kind: 'custom', refused: ['Hotjar'] });
  });
  it("a site's own category names are read by their names; unknown ones stay unmapped", () => {
    const choice = parse({
      version: 1,
      destinations: {},
      custom: { statistics: true, ads: false, extras: true },
    })?.choice;
    expect(choice?.granted).toContain('analytics');
    expect(choice?.granted).not.toContain('advertising');
    expect(choice?.unmapped).toEqual(['extras']);
  });
  it('destinations only (ConsentManagerBuilder without categories): all, none, or a mix by name', () => {
    expect(parse({ version: 1, destinations: { Amplitude: true, Intercom: true } })?.choice?.kind).toBe(
      'accept-all',
    );
    expect(parse({ version: 1, destinations: { Amplitude: false } })?.choice?.kind).toBe('reject-all');
    expect(parse({ version: 1, destinations: { Amplitude: true, Intercom: false } })?.choice).toEqual({
      kind: 'custom',
      granted: ['necessary'],
      unmapped: ['Amplitude'],
      refused: ['Intercom'],
    });
  });
  it("reads nothing from another script's cookie of that name, an empty record or garbage", () => {
    for (const value of [
      jsCookie({ destinations: { Amplitude: true } }), // no version
      jsCookie({ version: 2, custom: all(true) }),
      jsCookie({ version: 1, destinations: {}, custom: {} }),
      jsCookie({ version: 1, custom: { marketingAndAnalytics: null, advertising: 'N/A' } }),
      'true',
      '%7B%22version',
      '',
    ])
      expect(signalFromCookie('tracking-preferences', value)).toBeNull();
  });
  it('is named by its cookie and its CDN script', () => {
    expect(identifyTool({ cookies: ['tracking-preferences'] })).toBe('segment-consent-manager');
    expect(
      consentToolForScript('https://unpkg.com/@segment/consent-manager@5.8.1/standalone/consent-manager.js'),
    ).toBe('segment-consent-manager');
  });
});

describe('cookie-consent-js (cookie-consent-tracking-allowed)', () => {
  const parse = (value: string) => signalFromCookie('cookie-consent-tracking-allowed', value);
  it('its two buttons: true = accept-all, false = reject-all; anything else is not its record', () => {
    expect(parse('true')).toMatchObject({
      tool: 'cookie-consent-js',
      state: 'choice',
      via: 'cookie:cookie-consent-tracking-allowed',
      choice: { kind: 'accept-all' },
    });
    expect(parse('false')?.choice).toEqual({ kind: 'reject-all', granted: ['necessary'] });
    for (const v of ['', 'yes', '1', '{"analytics":true}']) expect(parse(v)).toBeNull();
  });
  it('is named by its cookie and its CDN script', () => {
    expect(identifyTool({ cookies: ['cookie-consent-tracking-allowed'] })).toBe('cookie-consent-js');
    expect(
      consentToolForScript('https://cdn.jsdelivr.net/npm/cookie-consent-js@2.1.12/src/cookie-consent.js'),
    ).toBe('cookie-consent-js');
  });
});
