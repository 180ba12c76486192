// Consent managers published on npm, each value built as the package's own code writes it (see each decoder's
// header for the package, version and file).
import { describe, expect, it } from 'vitest';
import { signalFromCookie, signalFromStorage } from './signals';
import { consentToolForScript, identifyTool, isConsentStorageKey } from './tools';

const REJECT = { kind: 'reject-all', granted: ['necessary'] };

describe('c15t (cookie and localStorage c15t; legacy privacy-consent-storage)', () => {
  type Consents = Record<'necessary' | 'functionality' | 'measurement' | 'experience' | 'marketing', boolean>;
  const consents = (on: Partial<Consents>): Consents => ({
    necessary: true,
    functionality: false,
    measurement: false,
    experience: false,
    marketing: false,
    ...on,
  });
  const all: Consents = consents({
    functionality: true,
    measurement: true,
    experience: true,
    marketing: true,
  });
  // c15t 1.8.6 setCookie: flattenObject (true → `1`, false left out, null → ''), COOKIE_KEY_MAP, flatToString.
  const SHORT: Record<string, string> = {
    consents: 'c',
    consentInfo: 'i',
    time: 't',
    type: 'y',
    id: 'id',
    identified: 'eid',
    subjectId: 'sid',
    materialPolicyFingerprint: 'mpf',
  };
  const flatten = (obj: object, prefix = ''): [string, string][] =>
    Object.entries(obj).flatMap(([k, v]): [string, string][] => {
      const key = prefix ? `${prefix}.${SHORT[k] ?? k}` : (SHORT[k] ?? k);
      if (v === null || v === undefined) return [[key, '']];
      if (typeof v === 'boolean') return v ? [[key, '1']] : [];
      if (typeof v === 'object') return flatten(v as object, key);
      return [[key, String(v)]];
    });
  const cookie = (record: object) =>
    flatten(record)
      .map(([k, v]) => `${k}:${v}`)
      .join(',');
  const v18 = (c: Consents) => ({
    consents: c,
    consentInfo: { time: 1767225600000, id: 'cns_8Hq2', identified: false },
  });
  // c15t 2.2.1 saveConsents / unstable_acceptPolicyConsent: every record has a subjectId.
  const v2 = (c: Consents) => ({
    consents: c,
    consentInfo: { time: 1767225600000, subjectId: 'sub_x7Yq', materialPolicyFingerprint: undefined },
  });
  // c15t 1.7.0 saveConsents: localStorage `privacy-consent-storage`.
  const v17 = (c: Consents, type: string) => ({ consents: c, consentInfo: { time: 1767225600000, type } });

  it('1.8: Accept all (every category shown) = accept-all, Reject = reject-all, in the cookie and localStorage', () => {
    expect(cookie(v18(all))).toBe(
      'c.necessary:1,c.functionality:1,c.measurement:1,c.experience:1,c.marketing:1,i.t:1767225600000,i.id:cns_8Hq2',
    );
    expect(signalFromCookie('c15t', cookie(v18(all)))).toMatchObject({
      tool: 'c15t',
      state: 'choice',
      via: 'cookie:c15t',
      choice: { kind: 'accept-all' },
    });
    expect(signalFromStorage('c15t', JSON.stringify(v18(all)))).toMatchObject({
      via: 'storage:c15t',
      choice: { kind: 'accept-all' },
    });
    expect(signalFromCookie('c15t', cookie(v18(consents({}))))?.choice).toEqual(REJECT);
    expect(signalFromStorage('c15t', JSON.stringify(v18(consents({}))))?.choice).toEqual(REJECT);
  });
  it('1.8: a mix is custom (Accept all with some categories not shown, or a saved dialog); experience stays unmapped', () => {
    const shown = consents({ measurement: true, marketing: true });
    // What c15t 1.8.6's own saveConsentToStorage writes for this record (run in Node with a stub document).
    expect(cookie(v18(shown))).toBe(
      'c.necessary:1,c.measurement:1,c.marketing:1,i.t:1767225600000,i.id:cns_8Hq2',
    );
    const choice = signalFromCookie('c15t', cookie(v18(shown)))?.choice;
    expect(choice?.kind).toBe('custom');
    expect([...choice!.granted].sort()).toEqual(['advertising', 'analytics', 'marketing', 'necessary']);
    expect(choice?.unmapped).toBeUndefined();
    const embeds = signalFromStorage('c15t', JSON.stringify(v18(consents({ experience: true }))))?.choice;
    expect(embeds).toEqual({
      kind: 'custom',
      granted: ['necessary'],
      unmapped: ['experience'],
      offered: ['functional', 'analytics', 'advertising', 'marketing'],
    });
  });
  it('1.3–1.7: privacy-consent-storage with its save type', () => {
    expect(signalFromStorage('privacy-consent-storage', JSON.stringify(v17(all, 'all')))).toMatchObject({
      tool: 'c15t',
      via: 'storage:privacy-consent-storage',
      choice: { kind: 'accept-all' },
      decoded: { saved: 'all' },
    });
    const rejected = JSON.stringify(v17(consents({}), 'necessary'));
    expect(signalFromStorage('privacy-consent-storage', rejected)?.choice).toEqual(REJECT);
    // 1.8+ moves the legacy record to `c15t` as it is.
    expect(signalFromStorage('c15t', rejected)?.choice).toEqual(REJECT);
    // A Reject that kept an optional category on contradicts itself.
    const contradiction = JSON.stringify(v17(consents({ marketing: true }), 'necessary'));
    expect(signalFromStorage('privacy-consent-storage', contradiction)).toBeNull();
  });
  it('2.x records are not read: unstable_acceptPolicyConsent saves the unanswered defaults or auto-grant', () => {
    // What c15t 2.2.1's own saveConsentToStorage writes for a Reject (or the opt-in defaults).
    expect(cookie(v2(consents({})))).toBe('c.necessary:1,i.t:1767225600000,i.sid:sub_x7Yq,i.mpf:');
    for (const c of [consents({}), all, consents({ functionality: true, experience: true })]) {
      expect(cookie(v2(c))).toContain('i.sid:sub_x7Yq');
      expect(signalFromCookie('c15t', cookie(v2(c)))).toBeNull();
      expect(signalFromStorage('c15t', JSON.stringify(v2(c)))).toBeNull();
    }
  });
  it("reads nothing from garbage, an empty record or another script's value of the same name", () => {
    for (const value of [
      '',
      'true',
      'c.necessary:1', // no time
      'i.t:1767225600000', // no consents (identify before any save)
      'c.necessary:yes,i.t:1767225600000',
      'c.marketing:1,i.t:1767225600000', // necessary off: never a c15t save
      'c.necessary:1,i.t:soon',
      '%E0%A4%A',
    ])
      expect(signalFromCookie('c15t', value), value).toBeNull();
    for (const value of [
      '{}',
      '[]',
      '{"consents":{"necessary":true}}',
      JSON.stringify({ consents: { ...all, marketing: 'yes' }, consentInfo: { time: 1 } }),
      JSON.stringify({ consents: consents({}), consentInfo: { time: 1, type: 'reject' } }),
    ])
      expect(signalFromStorage('c15t', value), value).toBeNull();
    // The legacy key is generic: only 1.3–1.7's shape with its save type is read.
    expect(signalFromStorage('privacy-consent-storage', JSON.stringify(v18(all)))).toBeNull();
    expect(signalFromStorage('privacy-consent-storage', '{"consents":{"analytics":true}}')).toBeNull();
  });
  it('is named by its cookie, storage keys, global and CDN scripts', () => {
    expect(identifyTool({ cookies: ['c15t'] })).toBe('c15t');
    expect(identifyTool({ storageKeys: ['privacy-consent-storage'] })).toBe('c15t');
    expect(identifyTool({ globals: ['c15tStore'] })).toBe('c15t');
    expect(isConsentStorageKey('c15t')).toBe(true);
    expect(consentToolForScript('https://cdn.jsdelivr.net/npm/c15t@1.8.6/dist/index.js')).toBe('c15t');
    expect(consentToolForScript('https://unpkg.com/@c15t/react@2.2.1/dist/index.js')).toBe('c15t');
  });
});

describe('Cookie Though (cookie-preferences)', () => {
  // cookie-though 1.7.3 formatToCookie: `<id>:<1|0>` joined by `|`, written unencoded.
  const write = (policies: Record<string, boolean>) =>
    Object.entries(policies)
      .map(([id, on]) => `${id}:${on ? '1' : '0'}`)
      .join('|');
  const parse = (policies: Record<string, boolean>) =>
    signalFromCookie('cookie-preferences', write(policies));
  // Its default config's policies.
  const defaults = (on: boolean) => ({
    essential: true,
    functional: on,
    statistics: on,
    marketing: on,
    social: on,
    personalisation: on,
  });
  it('Accept all = accept-all; Decline (essential policies stay on) = reject-all', () => {
    expect(parse(defaults(true))).toMatchObject({
      tool: 'cookie-though',
      state: 'choice',
      via: 'cookie:cookie-preferences',
      choice: { kind: 'accept-all' },
    });
    expect(write(defaults(false))).toBe(
      'essential:1|functional:0|statistics:0|marketing:0|social:0|personalisation:0',
    );
    expect(parse(defaults(false))?.choice).toEqual(REJECT);
  });
  it('a customised Accept is custom; a site’s own ids go by their names, unknown ones unmapped', () => {
    const choice = parse({ ...defaults(false), statistics: true })?.choice;
    expect(choice).toEqual({
      kind: 'custom',
      granted: ['necessary', 'analytics'],
      offered: ['functional', 'analytics', 'advertising', 'marketing', 'social'],
    });
    const own = parse({ required: true, 'google-analytics': true, ads: false, chat: true })?.choice;
    expect(own?.kind).toBe('custom');
    expect(own?.granted).toEqual(['necessary', 'analytics']);
    expect(own?.unmapped).toEqual(['chat']);
    // Decline where the essential policy's id names nothing: its switch stays on, so not read as a refusal.
    expect(parse({ basics: true, statistics: false })?.choice).toMatchObject({
      kind: 'custom',
      unmapped: ['basics'],
    });
  });
  it("reads nothing from another script's cookie-preferences, garbage or an empty value", () => {
    for (const value of [
      '',
      'true',
      'accepted',
      '{"analytics":true,"marketing":false}',
      encodeURIComponent('{"cookieOptions":[{"id":"essential","isEnabled":true}],"isCustomised":true}'),
      'analytics=1',
      'essential:1|analytics:2',
      'essential:1|essential:0',
      'essential:1|',
    ])
      expect(signalFromCookie('cookie-preferences', value), value).toBeNull();
  });
  it('is named by its decoded cookie, its global and its CDN script, never by the generic name alone', () => {
    expect(parse(defaults(false))?.tool).toBe('cookie-though');
    expect(identifyTool({ cookies: ['cookie-preferences'] })).toBeNull();
    expect(identifyTool({ globals: ['CookieThough'] })).toBe('cookie-though');
    expect(consentToolForScript('https://unpkg.com/cookie-though@1.7.3/dist/lib.js')).toBe('cookie-though');
    expect(consentToolForScript('https://cdn.jsdelivr.net/npm/cookie-though')).toBe('cookie-though');
  });
});

describe('Porsche Cookie Consent Banner (cookies_accepted_categories)', () => {
  // 4.1.0 stringifyCookie: encodeURIComponent, then some characters decoded back (`,` stays `%2C`); 3.x wrote it raw.
  const v4 = (keys: string[]) =>
    encodeURIComponent(keys.join(',')).replace(
      /%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g,
      decodeURIComponent,
    );
  const parse = (value: string) => signalFromCookie('cookies_accepted_categories', value);
  const ALL = ['technically_required', 'analytics', 'marketing'];
  it('Only essential (the mandatory categories) = reject-all', () => {
    expect(parse(v4(['technically_required']))).toMatchObject({
      tool: 'porsche-cookie-consent-banner',
      state: 'choice',
      via: 'cookie:cookies_accepted_categories',
      choice: REJECT,
    });
  });
  it('Accept all lists what it accepted: custom (the record does not list what was offered), granted by key', () => {
    expect(v4(ALL)).toBe('technically_required%2Canalytics%2Cmarketing');
    for (const value of [v4(ALL), ALL.join(',')]) {
      const choice = parse(value)?.choice;
      expect(choice?.kind).toBe('custom');
      expect([...choice!.granted].sort()).toEqual(['advertising', 'analytics', 'marketing', 'necessary']);
    }
    expect(parse(v4(['technically_required', 'analytics']))?.choice).toEqual({
      kind: 'custom',
      granted: ['necessary', 'analytics'],
    });
    expect(parse(v4(['technically_required', 'comfort']))?.choice).toEqual({
      kind: 'custom',
      granted: ['necessary'],
      unmapped: ['comfort'],
    });
  });
  it('reads nothing from an empty value (the library reads it as no answer) or garbage', () => {
    for (const value of [
      '',
      v4([]),
      'a;b',
      '{"analytics":true}',
      'analytics%2C%2Cmarketing',
      'x,x',
      '%E0%A4%A',
    ])
      expect(parse(value), value).toBeNull();
  });
  it('is named by its cookie and its CDN script', () => {
    expect(identifyTool({ cookies: ['cookies_accepted_categories'] })).toBe('porsche-cookie-consent-banner');
    expect(
      consentToolForScript(
        'https://unpkg.com/@porscheofficial/cookie-consent-banner@4.1.0/dist/cookie-consent-banner/cookie-consent-banner.esm.js',
      ),
    ).toBe('porsche-cookie-consent-banner');
  });
});

describe('Cookies EU banner (hasConsent)', () => {
  // setConsent: `${name}=${hasConsent.toString()}`.
  const parse = (value: string) => signalFromCookie('hasConsent', value);
  it('Reject (false) = reject-all', () => {
    expect(parse(String(false))).toMatchObject({
      tool: 'cookies-eu-banner',
      state: 'choice',
      via: 'cookie:hasConsent',
      choice: REJECT,
    });
  });
  it('true is not read: 1.x and 2.x write it when the banner is shown, before any answer', () => {
    expect(parse(String(true))).toBeNull();
  });
  it('reads nothing from garbage, an empty value or the localStorage copy', () => {
    for (const value of ['', 'no', '0', 'False ', '{"hasConsent":false}'])
      expect(parse(value), value).toBeNull();
    expect(signalFromStorage('hasConsent', 'false')).toBeNull();
    expect(isConsentStorageKey('hasConsent')).toBe(false);
  });
  it('is named by its cookie, its global and its scripts', () => {
    expect(identifyTool({ cookies: ['hasConsent'] })).toBe('cookies-eu-banner');
    expect(identifyTool({ globals: ['CookiesEuBanner'] })).toBe('cookies-eu-banner');
    expect(
      consentToolForScript('https://unpkg.com/cookies-eu-banner@3.0.0/dist/cookies-eu-banner.global.js'),
    ).toBe('cookies-eu-banner');
    expect(consentToolForScript('https://www.example.org/js/cookies-eu-banner.min.js')).toBe(
      'cookies-eu-banner',
    );
  });
});

describe('Beyonk GDPR Cookie Consent Banner (a cookie the site names, read by its value)', () => {
  // Banner.svelte 16.0.2 setCookie: btoa(JSON.stringify({ choices, fp })), `fp` a 32-character uid when analytics
  // or tracking is on; js-cookie leaves base64 as it is.
  const record = (choices: Record<string, boolean>) =>
    btoa(
      JSON.stringify({
        choices,
        ...((choices.analytics || choices.tracking) && { fp: 'a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6' }),
      }),
    );
  const defaults = { necessary: true, tracking: true, analytics: true, marketing: true };

  it('reads Reject all, Accept all and a selection, under any cookie name', () => {
    const rejected = { necessary: true, tracking: false, analytics: false, marketing: false };
    expect(signalFromCookie('site_prefs', record(rejected))).toMatchObject({
      tool: 'beyonk-gdpr-cookie-consent-banner',
      state: 'choice',
      via: 'cookie:site_prefs',
      choice: REJECT,
    });
    expect(signalFromCookie('foo', record(defaults))?.choice?.kind).toBe('accept-all');
    const analyticsOnly = signalFromCookie('gdpr', record({ ...rejected, analytics: true }))!.choice!;
    expect(analyticsOnly.kind).toBe('custom');
    expect([...analyticsOnly.granted].sort()).toEqual(['analytics', 'necessary']);
    // "Tracking cookies: used for advertising purposes".
    const tracking = signalFromCookie('gdpr', record({ ...rejected, tracking: true }))!.choice!;
    expect([...tracking.granted].sort()).toEqual(['advertising', 'necessary']);
    // A category the site added is mapped by its name, or left unmapped.
    const extra = signalFromCookie('x', record({ ...rejected, socialMedia: true, widgets: true }))!.choice!;
    expect(extra.granted).toContain('social');
    expect(extra.unmapped).toEqual(['widgets']);
  });

  it('names the manager by the format, not the name, and reads nothing that merely looks alike', () => {
    expect(identifyTool({ decoded: [signalFromCookie('prefs', record(defaults))!.tool] })).toBe(
      'beyonk-gdpr-cookie-consent-banner',
    );
    expect(
      consentToolForScript('https://cdn.jsdelivr.net/npm/@beyonk/gdpr-cookie-consent-banner/dist/index.js'),
    ).toBe('beyonk-gdpr-cookie-consent-banner');
    const bad = (json: string) => signalFromCookie('prefs', btoa(json));
    expect(bad('{"choices":{}}')).toBeNull();
    expect(bad('{"choices":{"necessary":"yes"}}')).toBeNull();
    expect(bad('{"choices":{"<script>":true}}')).toBeNull();
    expect(bad('{"choices":[true]}')).toBeNull();
    expect(signalFromCookie('prefs', 'eyJjaG9pY2VzIjp7!!!')).toBeNull();
    expect(signalFromCookie('prefs', record(defaults) + 'A'.repeat(5000))).toBeNull();
    // A registry name still goes to its own parser first.
    expect(signalFromCookie('OptanonConsent', record(defaults))?.tool).not.toBe(
      'beyonk-gdpr-cookie-consent-banner',
    );
  });
});

describe('vue-cookie-accept-decline (localStorage or cookie vue-cookie-accept-decline-<elementId>)', () => {
  it('reads accept and decline under the site’s element id, in localStorage and in a cookie', () => {
    expect(signalFromStorage('vue-cookie-accept-decline-myPanel1', 'decline')).toMatchObject({
      tool: 'vue-cookie-accept-decline',
      state: 'choice',
      via: 'storage:vue-cookie-accept-decline-myPanel1',
      choice: REJECT,
    });
    expect(signalFromStorage('vue-cookie-accept-decline-banner', 'accept')?.choice?.kind).toBe('accept-all');
    expect(signalFromCookie('vue-cookie-accept-decline-banner', 'decline')).toMatchObject({
      via: 'cookie:vue-cookie-accept-decline-banner',
      choice: REJECT,
    });
    expect(isConsentStorageKey('vue-cookie-accept-decline-myPanel1')).toBe(true);
  });

  it('reads no answer from the close button, another value, no element id or its storage check key', () => {
    expect(signalFromStorage('vue-cookie-accept-decline-myPanel1', 'postpone')).toBeNull();
    expect(signalFromStorage('vue-cookie-accept-decline-myPanel1', 'yes')).toBeNull();
    expect(signalFromStorage('vue-cookie-accept-decline-', 'accept')).toBeNull();
    expect(signalFromStorage('__vue-cookie-accept-decline-check-localStorage', 'accept')).toBeNull();
    expect(isConsentStorageKey('__vue-cookie-accept-decline-check-localStorage')).toBe(false);
  });
});
