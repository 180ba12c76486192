// One block per consent manager: each decoder on the value shapes its manager writes (__fixtures__/managers.ts).
import { describe, expect, it } from 'vitest';
import * as M from './__fixtures__/managers';
import { phaseAt, type CountedChoice } from '../evidence/consent';
import { customChoiceText } from '../evidence/consent-text';
import { signalFromCookie, signalsFromJar } from './signals';
import type { ConsentSignal } from './types';

const kind = (name: string, value: string) => signalFromCookie(name, value)?.choice?.kind;
/** The phase a marketing tracker gets right after this signal (what the popup finally shows). */
const phaseAfter = (
  s: ConsentSignal | null,
  category: 'marketing' | 'analytics' | 'advertising' = 'marketing',
) => {
  // As the evidence derivation counts a stored choice: from its time on.
  const choices: CountedChoice[] = [{ at: 10_000, tool: s!.tool, choice: s!.choice, carriedOver: false }];
  return phaseAt(choices, 20_000, category);
};

describe('Klaro and Orejime (service maps)', () => {
  it('all on = accept-all, all off = reject-all (a declined Klaro is never an acceptance)', () => {
    expect(kind('klaro', M.KLARO_ACCEPT)).toBe('accept-all');
    const declined = signalFromCookie('klaro', M.KLARO_DECLINE);
    expect(declined?.choice).toEqual({ kind: 'reject-all', granted: ['necessary'] });
    expect(phaseAfter(declined)).toBe('after-reject');
    expect(kind('eu-consent', M.OREJIME_DECLINE)).toBe('reject-all');
    expect(signalFromCookie('eu-consent', M.OREJIME_DECLINE)?.tool).toBe('orejime');
  });
  it('per service: custom, the granted services unmapped (the cookie names no purpose)', () => {
    const s = signalFromCookie('klaro', M.KLARO_CUSTOM);
    expect(s?.choice).toEqual({
      kind: 'custom',
      granted: ['necessary'],
      unmapped: ['google-analytics'],
      refused: ['facebook-pixel', 'customerio'],
    });
    // Whether the unmapped services cover this category is unknown: needs review, neither exempt nor a violation.
    expect(phaseAfter(s)).toBe('after-unknown-choice');
  });
  it('a tracker whose vendor is exactly a service the visitor switched off is after a refusal', () => {
    const s = signalFromCookie('klaro', M.KLARO_CUSTOM);
    const choices: CountedChoice[] = [{ at: 10_000, tool: 'klaro', choice: s!.choice, carriedOver: false }];
    const at = (vendor: { id: string; name: string }, category: 'marketing' | 'analytics' | 'advertising') =>
      phaseAt(choices, 20_000, category, vendor);
    // `customerio` names Customer.io (id customer-io): case, spaces and punctuation aside.
    expect(at({ id: 'customer-io', name: 'Customer.io' }, 'marketing')).toBe('after-reject');
    // A granted service never exempts by name: the site chose the names (needs review, as before).
    expect(at({ id: 'google-analytics', name: 'Google Analytics' }, 'analytics')).toBe(
      'after-unknown-choice',
    );
    // `facebook-pixel` is not exactly Meta's vendor: no guess.
    expect(at({ id: 'facebook', name: 'Facebook' }, 'advertising')).toBe('after-unknown-choice');
  });
  it('ignores values that are not service maps', () => {
    expect(signalFromCookie('eu-consent', 'yes')).toBeNull();
    expect(signalFromCookie('klaro', '%7B%7D')).toBeNull();
  });
});

describe('vanilla-cookieconsent (cc_cookie)', () => {
  it('only necessary = reject-all, v3 and v2', () => {
    expect(kind('cc_cookie', M.CC_REJECT)).toBe('reject-all');
    expect(kind('cc_cookie', M.CC_V2_REJECT)).toBe('reject-all');
    expect(phaseAfter(signalFromCookie('cc_cookie', M.CC_REJECT))).toBe('after-reject');
  });
  it('every defined category accepted = accept-all (v3 services map); v2 acceptances stay custom', () => {
    const all = signalFromCookie('cc_cookie', M.CC_ACCEPT);
    expect(all?.choice?.kind).toBe('accept-all');
    const v2 = signalFromCookie(
      'cc_cookie',
      encodeURIComponent('{"level":["necessary","analytics"],"revision":0}'),
    );
    expect(v2?.choice?.kind).toBe('custom');
    expect(all?.choice?.granted).toEqual(expect.arrayContaining(['analytics', 'marketing', 'advertising']));
    expect(phaseAfter(all)).toBe('after-accept');
    const analytics = signalFromCookie('cc_cookie', M.CC_ANALYTICS_ONLY);
    expect(phaseAfter(analytics, 'analytics')).toBe('after-accept');
    expect(phaseAfter(analytics, 'advertising')).toBe('after-reject');
  });
});

describe("Osano's open-source Cookie Consent (cookieconsent_status)", () => {
  it('allow / deny; a notice dismissal is no consent', () => {
    expect(kind('cookieconsent_status', 'allow')).toBe('accept-all');
    expect(kind('cookieconsent_status', 'deny')).toBe('reject-all');
    expect(signalFromCookie('cookieconsent_status', 'deny')?.tool).toBe('osano');
    expect(signalFromCookie('cookieconsent_status', 'dismiss')).toBeNull();
  });
});

describe('react-cookie-consent (CookieConsent true / false, the name Cookiebot uses too)', () => {
  it('true = accept-all, false = reject-all; a Cookiebot record stays Cookiebot', () => {
    expect(kind('CookieConsent', 'true')).toBe('accept-all');
    expect(kind('CookieConsent', 'false')).toBe('reject-all');
    expect(kind('CookieConsent-legacy', 'false')).toBe('reject-all');
    expect(signalFromCookie('CookieConsent', 'false')?.tool).toBe('react-cookie-consent');
    expect(phaseAfter(signalFromCookie('CookieConsent', 'false'))).toBe('after-reject');
    expect(phaseAfter(signalFromCookie('CookieConsent', 'true'))).toBe('after-accept');
    const cookiebot = signalFromCookie(
      'CookieConsent',
      "{stamp:'x',necessary:true,preferences:false,statistics:false,marketing:false}",
    );
    expect(cookiebot?.tool).toBe('cookiebot');
    expect(signalFromCookie('CookieConsent', '-1')?.tool).toBe('cookiebot');
    // Other values are no record of either: no choice is invented.
    for (const v of ['yes', 'TRUE', '1', '', 'true;x'])
      expect(signalFromCookie('CookieConsent', v), v).toBeNull();
  });
});

describe('tarteaucitron', () => {
  it('maps services through their tarteaucitron type', () => {
    expect(kind('tarteaucitron', M.TAC_DENY)).toBe('reject-all');
    expect(kind('tarteaucitron', M.TAC_ACCEPT)).toBe('accept-all');
    const some = signalFromCookie('tarteaucitron', M.TAC_ANALYTICS_ONLY);
    expect(phaseAfter(some, 'analytics')).toBe('after-accept');
    expect(phaseAfter(some, 'advertising')).toBe('after-reject');
    expect(signalFromCookie('tarteaucitron', M.TAC_WAITING)).toBeNull();
  });
  it('a service switched off stays refused though another service grants its category', () => {
    const s = signalFromCookie('tarteaucitron', '!gtag=true!hotjar=false');
    expect(s?.choice).toMatchObject({ kind: 'custom', refused: ['hotjar'] });
    const choices: CountedChoice[] = [
      { at: 10_000, tool: 'tarteaucitron', choice: s!.choice, carriedOver: false },
    ];
    // Analytics is allowed (gtag), but Hotjar was switched off by name: after a refusal.
    expect(phaseAt(choices, 20_000, 'analytics', { id: 'hotjar', name: 'Hotjar' })).toBe('after-reject');
    expect(phaseAt(choices, 20_000, 'analytics', { id: 'google-analytics', name: 'Google Analytics' })).toBe(
      'after-accept',
    );
  });
});

describe('iubenda and Axeptio', () => {
  it('reads iubenda purposes and the legacy consent flag', () => {
    expect(kind('_iub_cs-12345678', M.IUB_REJECT)).toBe('reject-all');
    const measure = signalFromCookie('_iub_cs-12345678', M.IUB_MEASURE_ONLY);
    expect(phaseAfter(measure, 'analytics')).toBe('after-accept');
    expect(phaseAfter(measure, 'advertising')).toBe('after-reject');
    expect(kind('_iub_cs-12345678', M.IUB_LEGACY_ACCEPT)).toBe('accept-all');
  });
  it('reads Axeptio vendor booleans', () => {
    expect(kind('axeptio_cookies', M.AXEPTIO_REJECT)).toBe('reject-all');
  });
});

describe('HubSpot cookie banner (numbered categories)', () => {
  it('all on = accept-all, all off = reject-all, with either separator', () => {
    expect(kind('__hs_cookie_cat_pref', M.HUBSPOT_ACCEPT)).toBe('accept-all');
    expect(kind('__hs_cookie_cat_pref', M.HUBSPOT_ACCEPT_UNDERSCORE)).toBe('accept-all');
    expect(kind('__hs_cookie_cat_pref', encodeURIComponent(M.HUBSPOT_ACCEPT))).toBe('accept-all');
    const rejected = signalFromCookie('__hs_cookie_cat_pref', M.HUBSPOT_REJECT);
    expect(rejected).toMatchObject({
      tool: 'hubspot',
      choice: { kind: 'reject-all', granted: ['necessary'] },
    });
    expect(phaseAfter(rejected, 'analytics')).toBe('after-reject');
  });
  it('a mix is custom with its categories unmapped (nothing says which number is which purpose)', () => {
    const s = signalFromCookie('__hs_cookie_cat_pref', M.HUBSPOT_ONE);
    expect(s?.choice).toEqual({ kind: 'custom', granted: ['necessary'], unmapped: ['category 1'] });
  });
  it('anything else is not read', () => {
    for (const v of ['', 'yes', '1:yes,2:true', '1:true;2:false', 'a:true', `${'1:true,'.repeat(30)}1:true`])
      expect(signalFromCookie('__hs_cookie_cat_pref', v), v).toBeNull();
    expect(signalFromCookie('__hs_opt_out', 'yes')).toBeNull();
  });
});

describe('Cookie-Script, CookieFirst, Civic Cookie Control', () => {
  it('Cookie-Script: action and accepted categories', () => {
    expect(kind('CookieScriptConsent', M.COOKIESCRIPT_ACCEPT)).toBe('accept-all');
    expect(kind('CookieScriptConsent', M.COOKIESCRIPT_REJECT)).toBe('reject-all');
    const perf = signalFromCookie('CookieScriptConsent', M.COOKIESCRIPT_PERFORMANCE);
    expect(phaseAfter(perf, 'analytics')).toBe('after-accept');
    expect(phaseAfter(perf, 'marketing')).toBe('after-reject');
  });
  it('CookieFirst: one boolean per category', () => {
    expect(kind('cookiefirst-consent', M.COOKIEFIRST_ACCEPT)).toBe('accept-all');
    expect(kind('cookiefirst-consent', M.COOKIEFIRST_REJECT)).toBe('reject-all');
  });
  it('Civic: accepted/revoked per category; untouched defaults are no choice', () => {
    expect(kind('CookieControl', M.CIVIC_REJECT)).toBe('reject-all');
    expect(phaseAfter(signalFromCookie('CookieControl', M.CIVIC_ANALYTICS), 'marketing')).toBe(
      'after-reject',
    );
    expect(signalFromCookie('CookieControl', M.CIVIC_UNTOUCHED)).toBeNull();
  });
});

describe('Ketch and Piwik PRO', () => {
  it('Ketch: purposes through their canonical purposes', () => {
    expect(kind('_ketch_consent_v1_', M.KETCH_ACCEPT)).toBe('accept-all');
    expect(kind('_ketch_consent_v1_', M.KETCH_DENY)).toBe('reject-all');
  });
  it('Piwik PRO: decided consent types only', () => {
    expect(kind('ppms_privacy_6c58358e-1595-4533-8cf8-9b1c061871d0', M.PIWIK_ANALYTICS)).toBe('accept-all');
    expect(
      signalFromCookie('ppms_privacy_283ac5bc-49a7-4696-ac18-648eb17a43f4', M.PIWIK_UNDECIDED),
    ).toBeNull();
    const s = signalFromCookie('ppms_privacy_x1', M.PIWIK_REMARKETING_REFUSED);
    expect(phaseAfter(s, 'advertising')).toBe('after-reject');
    expect(phaseAfter(s, 'analytics')).toBe('after-accept');
  });
});

describe('TC strings inside manager cookies', () => {
  it('Funding Choices FCCDCF', () => {
    const s = signalFromCookie('FCCDCF', M.FCCDCF_REJECT);
    expect(s?.tool).toBe('funding-choices');
    expect(s?.choice?.kind).toBe('reject-all');
    expect(signalFromCookie('FCCDCF', M.FCCDCF_NO_TC)).toBeNull();
  });
  it('consentmanager.net __cmpconsentx<id>', () => {
    const s = signalFromCookie('__cmpconsentx17155', M.CMP_CONSENTX);
    expect(s?.tool).toBe('consentmanager');
    expect(s?.choice?.kind).toBe('reject-all');
    expect(signalFromCookie('__cmpconsentx17155', 'Ab_cd_efgh')).toBeNull();
  });
});

describe('Real Cookie Banner', () => {
  it('only the essential group = reject-all; more groups are unmapped', () => {
    expect(kind('real_cookie_banner-v:3_blog:1_path:da22278', M.RCB_ESSENTIAL_ONLY)).toBe('reject-all');
    const two = signalFromCookie('real_cookie_banner-v:3_blog:1_path:da22278', M.RCB_TWO_GROUPS);
    expect(two?.choice).toMatchObject({ kind: 'custom', unmapped: ['60', '61'] });
    expect(signalFromCookie('real_cookie_banner-blog:1-tcf', M.RCB_TWO_GROUPS)).toBeNull();
  });
});

describe("Shopify's Customer Privacy record (_tracking_consent)", () => {
  it('a record with no purpose answered is no choice: the banner where the region shows one, else nothing', () => {
    expect(signalFromCookie('_tracking_consent', M.SHOPIFY_21_UNASKED)).toBeNull();
    expect(signalFromCookie('_tracking_consent', M.SHOPIFY_3_UNASKED)).toBeNull();
    expect(signalFromCookie('_tracking_consent', M.SHOPIFY_21_BANNER)).toMatchObject({
      tool: 'shopify',
      state: 'banner',
    });
  });
  it('reads the answers in both versions', () => {
    expect(kind('_tracking_consent', M.SHOPIFY_21_ACCEPT)).toBe('accept-all');
    expect(kind('_tracking_consent', M.SHOPIFY_3_ACCEPT)).toBe('accept-all');
    expect(signalFromCookie('_tracking_consent', M.SHOPIFY_21_REJECT)?.choice).toEqual({
      kind: 'reject-all',
      granted: ['necessary'],
    });
    expect(kind('_tracking_consent', M.SHOPIFY_3_REJECT)).toBe('reject-all');
    const custom = signalFromCookie('_tracking_consent', M.SHOPIFY_21_ANALYTICS_ONLY);
    expect(custom?.choice).toEqual({
      kind: 'custom',
      granted: ['necessary', 'analytics'],
      offered: ['analytics', 'advertising', 'marketing', 'functional'],
    });
    expect(phaseAfter(custom, 'analytics')).toBe('after-accept');
    expect(phaseAfter(custom, 'advertising')).toBe('after-reject');
  });
  it('a declined sale of data withdraws advertising, not the rest of marketing', () => {
    const s = signalFromCookie('_tracking_consent', M.SHOPIFY_3_NO_SALE);
    expect(s?.choice?.kind).toBe('custom');
    expect(s?.choice?.granted).not.toContain('advertising');
    expect(s?.choice?.granted).toEqual(expect.arrayContaining(['analytics', 'marketing', 'functional']));
    expect(s?.decoded).toMatchObject({ version: '3', region: 'USCA', sale_of_data: '0' });
  });
  it("other versions and shapes are not read (as Shopify's own script ignores them)", () => {
    const v20 = encodeURIComponent('{"lim":["GDPR"],"v":"2.0","con":{"GDPR":"1"},"reg":"CCPA"}');
    expect(signalFromCookie('_tracking_consent', v20)).toBeNull();
    expect(signalFromCookie('_tracking_consent', '{"v":"2.1"')).toBeNull();
    expect(signalFromCookie('_tracking_consent', '3<script>_x')).toBeNull();
    expect(signalFromCookie('_tracking_consent', 'yes')).toBeNull();
  });
});

describe("Wix's cookie banner (consent-policy)", () => {
  it('reads accept and reject; data to third parties never grants, and at 0 withdraws advertising', () => {
    expect(kind('consent-policy', M.WIX_ACCEPT)).toBe('accept-all');
    expect(signalFromCookie('consent-policy', M.WIX_REJECT)?.choice).toEqual({
      kind: 'reject-all',
      granted: ['necessary'],
    });
    const noSale = signalFromCookie('consent-policy', M.WIX_ANALYTICS_NO_SALE);
    expect(noSale?.choice?.granted).toEqual(expect.arrayContaining(['analytics', 'marketing', 'functional']));
    expect(noSale?.choice?.granted).not.toContain('advertising');
    expect(signalFromCookie('consent-policy', M.WIX_ACCEPT)).toMatchObject({
      tool: 'wix',
      decoded: { ts: 29372852 },
    });
  });
  it("a value without the choice's time is the site's default, not the visitor's choice", () => {
    expect(signalFromCookie('consent-policy', M.WIX_DEFAULT_HEADER)).toBeNull();
    expect(signalFromCookie('consent-policy', 'strict-origin')).toBeNull();
  });
});

describe('Cookie Information (CookieInformationConsent)', () => {
  it('reads approved and denied categories; unclassified is unmapped', () => {
    expect(kind('CookieInformationConsent', M.CI_ACCEPT)).toBe('accept-all');
    expect(signalFromCookie('CookieInformationConsent', M.CI_ACCEPT)?.choice?.unmapped).toEqual([
      'cookie_cat_unclassified',
    ]);
    expect(signalFromCookie('CookieInformationConsent', M.CI_REJECT)?.choice).toEqual({
      kind: 'reject-all',
      granted: ['necessary'],
    });
    const statistic = signalFromCookie('CookieInformationConsent', M.CI_STATISTIC_ONLY);
    expect(statistic?.choice).toEqual({
      kind: 'custom',
      granted: ['necessary', 'analytics'],
      offered: ['analytics', 'functional', 'advertising', 'marketing'],
    });
    expect(phaseAfter(statistic, 'analytics')).toBe('after-accept');
    expect(phaseAfter(statistic)).toBe('after-reject');
  });
  it('ignores values that are not its record', () => {
    expect(signalFromCookie('CookieInformationConsent', '{"consents_approved":"all"}')).toBeNull();
    expect(signalFromCookie('CookieInformationConsent', 'true')).toBeNull();
  });
});

/** A Cookie header as the jar the background decodes. */
const jar = (header: string) =>
  header
    .split('; ')
    .map((kv) => ({ name: kv.slice(0, kv.indexOf('=')), value: kv.slice(kv.indexOf('=') + 1) }));
const fromJar = (header: string, tool: string) => signalsFromJar(jar(header)).find((s) => s.tool === tool);

describe('Cookie Notice (cookie_notice_accepted, hu-consent)', () => {
  it('true / false (any case) is accept-all / reject-all', () => {
    expect(kind('cookie_notice_accepted', 'true')).toBe('accept-all');
    expect(kind('cookie_notice_accepted', 'TRUE')).toBe('accept-all');
    expect(kind('cookie_notice_accepted', 'false')).toBe('reject-all');
    expect(signalFromCookie('cookie_notice_accepted', 'yes')).toBeNull();
  });
  it('hu-consent: category 1 is Essential, the others stay unmapped; the lowest level is a refusal', () => {
    expect(kind('hu-consent', M.HU_CONSENT_ALL)).toBe('accept-all');
    expect(signalFromCookie('hu-consent', M.HU_CONSENT_ESSENTIAL)?.choice).toEqual({
      kind: 'reject-all',
      granted: ['necessary'],
    });
    expect(signalFromCookie('hu-consent', encodeURIComponent(M.HU_CONSENT_ALL))?.tool).toBe('cookie-notice');
    expect(signalFromCookie('hu-consent', '{"consent":false,"categories":{"1":true}}')).toBeNull();
  });
});

describe('GDPR Cookie Compliance (Moove)', () => {
  it('reads each tab; Reject keeps only the strictly necessary one', () => {
    expect(kind('moove_gdpr_popup', M.MOOVE_ACCEPT)).toBe('accept-all');
    expect(signalFromCookie('moove_gdpr_popup', M.MOOVE_REJECT)?.choice).toEqual({
      kind: 'reject-all',
      granted: ['necessary'],
    });
    const custom = signalFromCookie('moove_gdpr_popup', M.MOOVE_5_ANALYTICS);
    expect(custom?.choice).toEqual({
      kind: 'custom',
      granted: ['necessary', 'analytics', 'functional'],
      offered: ['analytics', 'advertising', 'marketing', 'functional'],
    });
    expect(phaseAfter(custom)).toBe('after-reject');
    expect(signalFromCookie('moove_gdpr_popup', '%7B%22strict%22%3A%221%22%7D')).toBeNull();
  });
});

describe("GDPR Cookie Consent's legacy banner (CookieLawInfo)", () => {
  it('Reject is viewed_cookie_policy=no: reject-all on its own', () => {
    expect(signalFromCookie('viewed_cookie_policy', 'no')?.choice).toEqual({
      kind: 'reject-all',
      granted: ['necessary'],
    });
  });
  it('an answer takes its categories from the jar beside it', () => {
    expect(fromJar(M.CLI_ACCEPT_JAR, 'cookie-law-info')?.choice?.kind).toBe('accept-all');
    expect(fromJar(M.CLI_ALL_OFF_SAVED_JAR, 'cookie-law-info')?.choice).toMatchObject({
      kind: 'reject-all',
      granted: ['necessary'],
    });
    const analytics = fromJar(M.CLI_ANALYTICS_ONLY_JAR, 'cookie-law-info');
    expect(analytics?.choice).toEqual({
      kind: 'custom',
      granted: ['necessary', 'analytics'],
      offered: ['analytics', 'advertising', 'marketing'],
    });
    expect(phaseAfter(analytics ?? null, 'advertising')).toBe('after-reject');
  });
  it("the boxes' defaults on a first page view are no answer", () => {
    expect(fromJar(M.CLI_FIRST_VIEW_JAR, 'cookie-law-info')).toBeUndefined();
    expect(signalFromCookie('cookielawinfo-checkbox-analytics', 'yes')).toBeNull();
    expect(signalFromCookie('CookieLawInfoConsent', 'eyJuZWNlc3NhcnkiOnRydWV9')).toBeNull();
  });
  it('a US opt-out in the record withdraws advertising', () => {
    const record = btoa(
      JSON.stringify({ necessary: true, analytics: true, advertisement: true, ccpaOptout: true }),
    );
    const s = fromJar(`CookieLawInfoConsent=${record}; viewed_cookie_policy=yes`, 'cookie-law-info');
    expect(s?.choice?.granted).toContain('analytics');
    expect(s?.choice?.granted).not.toContain('advertising');
  });
});

describe('CookieHub (cookiehub)', () => {
  it('reads accept-all, per-category answers and an answer allowing nothing', () => {
    expect(kind('cookiehub', M.CH_ACCEPT)).toBe('accept-all');
    const custom = signalFromCookie('cookiehub', M.CH_ANALYTICS_DENIED);
    expect(custom?.choice).toEqual({
      kind: 'custom',
      granted: ['necessary', 'functional', 'advertising', 'marketing'],
      offered: ['functional', 'analytics', 'advertising', 'marketing'],
    });
    expect(phaseAfter(custom, 'analytics')).toBe('after-reject');
    expect(kind('cookiehub', M.CH_NOTHING_ALLOWED)).toBe('reject-all');
  });
  it("an implied-consent region's unanswered default is no choice", () => {
    expect(signalFromCookie('cookiehub', M.CH_IMPLIED_UNANSWERED)).toBeNull();
    expect(signalFromCookie('cookiehub', 'not base64!')).toBeNull();
  });
});

describe('Commanders Act TrustCommander (TC_PRIVACY)', () => {
  it('opted out of everything is reject-all, in to ALL accept-all, in to site categories custom', () => {
    expect(kind('TC_PRIVACY', M.TC_OPTOUT_ALL)).toBe('reject-all');
    expect(kind('TC_PRIVACY', M.TC_OPTIN_ALL)).toBe('accept-all');
    const some = signalFromCookie('TC_PRIVACY', M.TC_OPTIN_SOME);
    expect(some?.choice).toEqual({
      kind: 'custom',
      granted: ['necessary'],
      unmapped: ['category 2', 'category 3', 'category 4', 'category 5'],
    });
    expect(signalFromCookie('TC_PRIVACY', M.TC_BANG)?.decoded).toMatchObject({
      optIn: true,
      categories: ['2', '5'],
    });
    expect(signalFromCookie('TC_PRIVACY', 'yes')).toBeNull();
  });
});

describe('Squarespace cookie banner (ss_*CookiesAllowed)', () => {
  it('both cookies in the jar are one choice', () => {
    expect(
      fromJar('ss_performanceCookiesAllowed=true; ss_marketingCookiesAllowed=true', 'squarespace')?.choice
        ?.kind,
    ).toBe('accept-all');
    expect(
      fromJar('ss_performanceCookiesAllowed=false; ss_marketingCookiesAllowed=false', 'squarespace')?.choice,
    ).toEqual({ kind: 'reject-all', granted: ['necessary'] });
    expect(
      fromJar('ss_performanceCookiesAllowed=true; ss_marketingCookiesAllowed=false', 'squarespace')?.choice,
    ).toEqual({
      kind: 'custom',
      granted: ['necessary', 'analytics'],
      offered: ['analytics', 'advertising', 'marketing'],
    });
  });
  it('one cookie alone never grants the other half', () => {
    const refusal = signalFromCookie('ss_marketingCookiesAllowed', 'false');
    expect(phaseAfter(refusal)).toBe('after-reject');
    expect(phaseAfter(refusal, 'analytics')).toBe('after-reject');
    expect(signalFromCookie('ss_performanceCookiesAllowed', 'true')?.choice).toBeUndefined();
  });
});

describe('Finsweet Cookie Consent (fs-cc)', () => {
  it('Allow is accept-all, Deny keeps only essential, a saved form is custom', () => {
    expect(signalFromCookie('fs-cc', M.FS_ALLOW)?.choice).toEqual({
      kind: 'accept-all',
      granted: ['necessary', 'functional', 'analytics', 'advertising', 'marketing'],
      unmapped: ['uncategorized'],
      offered: ['functional', 'analytics', 'advertising', 'marketing'],
    });
    expect(signalFromCookie('fs-cc', M.FS_DENY)?.choice).toEqual({
      kind: 'reject-all',
      granted: ['necessary'],
    });
    expect(signalFromCookie('fs-cc', M.FS_ANALYTICS_ONLY)?.choice).toEqual({
      kind: 'custom',
      granted: ['necessary', 'analytics'],
      offered: ['functional', 'analytics', 'advertising', 'marketing'],
    });
    // Encoded once (a site writing the record itself) reads the same.
    expect(kind('fs-cc', decodeURIComponent(M.FS_DENY))).toBe('reject-all');
    // Finsweet Attributes' Consent keeps the same record under its own name.
    expect(signalFromCookie('fs-consent', M.FS_DENY)).toMatchObject({
      tool: 'finsweet',
      via: 'cookie:fs-consent',
      choice: { kind: 'reject-all' },
    });
  });
  it('anything else is not read', () => {
    expect(signalFromCookie('fs-cc', '%7B%22id%22%3A%22x%22%7D')).toBeNull();
    expect(signalFromCookie('fs-cc', '{"consents":{"analytics":"yes"}}')).toBeNull();
    expect(signalFromCookie('fs-cc', 'true')).toBeNull();
    expect(signalFromCookie('fs-cc-updated', 'true')).toBeNull();
    expect(signalFromCookie('fs-consent-ad_storage', 'true')).toBeNull();
  });
});

describe('TermsFeed Cookie Consent (cookie_consent_level)', () => {
  it('Agree is accept-all, Reject keeps strictly-necessary only, toggles are custom', () => {
    expect(kind('cookie_consent_level', M.TF_AGREE)).toBe('accept-all');
    expect(signalFromCookie('cookie_consent_level', M.TF_REJECT)?.choice).toEqual({
      kind: 'reject-all',
      granted: ['necessary'],
    });
    const tracking = encodeURIComponent(
      JSON.stringify({ 'strictly-necessary': true, functionality: false, tracking: true, targeting: false }),
    );
    expect(signalFromCookie('cookie_consent_level', tracking)?.choice).toEqual({
      kind: 'custom',
      granted: ['necessary', 'analytics'],
      offered: ['functional', 'analytics', 'advertising', 'marketing'],
    });
  });
  it('"user accepted" is said after Reject too: it is no choice; other shapes are not read', () => {
    expect(signalFromCookie('cookie_consent_user_accepted', 'true')).toBeNull();
    expect(signalFromCookie('cookie_consent_level', '%7B%22strictly-necessary%22%3Atrue%7D')).toBeNull();
    expect(signalFromCookie('cookie_consent_level', 'true')).toBeNull();
  });
});

describe('refused never becomes accepted', () => {
  it('every reject fixture gives after-reject for marketing', () => {
    const rejects: Array<[string, string]> = [
      ['klaro', M.KLARO_DECLINE],
      ['eu-consent', M.OREJIME_DECLINE],
      ['cc_cookie', M.CC_REJECT],
      ['cookieconsent_status', 'deny'],
      ['tarteaucitron', M.TAC_DENY],
      ['_iub_cs-1', M.IUB_REJECT],
      ['axeptio_cookies', M.AXEPTIO_REJECT],
      ['CookieScriptConsent', M.COOKIESCRIPT_REJECT],
      ['cookiefirst-consent', M.COOKIEFIRST_REJECT],
      ['CookieControl', M.CIVIC_REJECT],
      ['_ketch_consent_v1_', M.KETCH_DENY],
      ['FCCDCF', M.FCCDCF_REJECT],
      ['__cmpconsentx1', M.CMP_CONSENTX],
      ['real_cookie_banner-blog:1', M.RCB_ESSENTIAL_ONLY],
      ['__hs_cookie_cat_pref', M.HUBSPOT_REJECT],
      ['_tracking_consent', M.SHOPIFY_21_REJECT],
      ['_tracking_consent', M.SHOPIFY_3_REJECT],
      ['consent-policy', M.WIX_REJECT],
      ['CookieInformationConsent', M.CI_REJECT],
      ['cookie_notice_accepted', 'false'],
      ['hu-consent', M.HU_CONSENT_ESSENTIAL],
      ['moove_gdpr_popup', M.MOOVE_REJECT],
      ['viewed_cookie_policy', 'no'],
      ['cookiehub', M.CH_NOTHING_ALLOWED],
      ['TC_PRIVACY', M.TC_OPTOUT_ALL],
      ['ss_marketingCookiesAllowed', 'false'],
      ['fs-cc', M.FS_DENY],
      ['cookie_consent_level', M.TF_REJECT],
    ];
    for (const [name, value] of rejects)
      expect(phaseAfter(signalFromCookie(name, value)), name).toBe('after-reject');
  });
});

// A US "do not sell or share" switch kept beside the categories: Wix's `dt3`, CookieHub's `allowSale`,
// CookieLawInfo's `ccpaOptout`, Transcend's `SaleOfInfo`. Before, an accept-all with it stayed an accept-all, and
// the phase, which reads an accept-all's kind first, put an advertising tracker after it "after accept".
describe('an accept-all with a US sale opt-out', () => {
  const acceptAllNoSale = (): [string, ConsentSignal | null | undefined][] => [
    [
      'Wix',
      signalFromCookie(
        'consent-policy',
        encodeURIComponent(JSON.stringify({ ess: 1, func: 1, anl: 1, adv: 1, dt3: 0, ts: 29468392 })),
      ),
    ],
    [
      'CookieHub (all allowed)',
      signalFromCookie(
        'cookiehub',
        btoa(JSON.stringify({ ...JSON.parse(atob(M.CH_ACCEPT)), allowSale: false })),
      ),
    ],
    [
      'CookieLawInfo',
      fromJar(
        `CookieLawInfoConsent=${btoa(JSON.stringify({ necessary: true, functional: true, analytics: true, advertisement: true, ccpaOptout: true }))}; viewed_cookie_policy=yes`,
        'cookie-law-info',
      ),
    ],
  ];

  it.each(acceptAllNoSale())(
    '%s: advertising after it is after a refusal, analytics after an accept',
    (_, s) => {
      expect(s?.choice).toMatchObject({ kind: 'custom', saleOptOut: true });
      expect(s?.choice?.granted).not.toContain('advertising');
      expect([phaseAfter(s!, 'advertising'), phaseAfter(s!, 'analytics')]).toEqual([
        'after-reject',
        'after-accept',
      ]);
      expect(customChoiceText(s!.choice!)).toMatch(/; opted out of the sale or sharing of their data\)$/);
    },
  );

  it('the same record allowing the sale stays an accept-all', () => {
    expect(kind('consent-policy', M.WIX_ACCEPT)).toBe('accept-all');
    expect(phaseAfter(signalFromCookie('cookiehub', M.CH_ACCEPT), 'advertising')).toBe('after-accept');
  });
});
