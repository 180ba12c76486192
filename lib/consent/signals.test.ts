import { describe, expect, it } from 'vitest';
import * as F from './__fixtures__/cookies';
import { identifyTool } from './tools';
import {
  consentToolForCookie,
  jarToolEvidence,
  signalFromCookie,
  signalFromHeaders,
  signalFromRequestUrl,
  signalsFromJar,
} from './signals';

describe('signalFromCookie', () => {
  it('dispatches each consent cookie to its parser', () => {
    expect(signalFromCookie('OptanonConsent', F.OPTANON_ACCEPT_ALL)?.tool).toBe('onetrust');
    expect(signalFromCookie('CookieConsent', F.COOKIEBOT_REJECT_ALL)?.tool).toBe('cookiebot');
    expect(signalFromCookie('euconsent-v2', F.TC_ACCEPT_ALL)?.tool).toBe('tcf');
    expect(signalFromCookie('__gpp', F.GPP_TCF)?.tool).toBe('gpp');
    expect(signalFromCookie('didomi_token', F.DIDOMI_ACCEPT_ALL)?.tool).toBe('didomi');
    expect(signalFromCookie('cookieyes-consent', F.COOKIEYES_REJECT_ALL)?.tool).toBe('cookieyes');
    expect(signalFromCookie('cmplz_banner-status', 'dismissed')?.tool).toBe('complianz');
    expect(signalFromCookie('cmplz_marketing', 'deny')).toBeNull();
    expect(signalFromCookie('cmapi_cookie_privacy', 'permit 1')?.tool).toBe('trustarc');
    expect(signalFromCookie('_iub_cs-7654321', '%7B%7D')?.tool).toBe('iubenda');
  });
  it('returns null for other cookies, odd names and oversized values, and never throws', () => {
    expect(signalFromCookie('_ga', 'GA1.1.1180734553.1764062101')).toBeNull();
    expect(signalFromCookie('', '')).toBeNull();
    expect(signalFromCookie('OptanonConsent', 'groups=' + 'C0002:1,'.repeat(5000))).toBeNull();
    expect(signalFromCookie('<script>', 'alert(1)')).toBeNull();
    expect(() => signalFromCookie('klaro', '%E0%A4%A')).not.toThrow();
    expect(signalFromCookie(undefined as unknown as string, 'x')).toBeNull();
  });
  it('names the tool of presence-only cookies', () => {
    expect(consentToolForCookie('osano_consentmanager')).toBe('osano');
    expect(consentToolForCookie('cmplz_policy_id')).toBe('complianz');
    expect(consentToolForCookie('_gid')).toBeNull();
  });
});

describe('signalsFromJar', () => {
  // A real Complianz jar after "accept all" (names and values as sent in a Cookie header).
  const accepted =
    'cmplz_consented_services=; cmplz_policy_id=14; cmplz_marketing=allow; cmplz_statistics=allow; cmplz_preferences=allow; cmplz_functional=allow; cmplz_banner-status=dismissed';
  const parse = (header: string) =>
    header
      .split('; ')
      .map((kv) => ({ name: kv.slice(0, kv.indexOf('=')), value: kv.slice(kv.indexOf('=') + 1) }));
  it('merges Complianz category cookies once the banner was dismissed', () => {
    const signals = signalsFromJar(parse(accepted));
    expect(signals).toHaveLength(1);
    expect(signals[0]?.choice?.kind).toBe('accept-all');
    const rejected = accepted
      .replace(/=allow/g, '=deny')
      .replace('cmplz_functional=deny', 'cmplz_functional=allow');
    expect(signalsFromJar(parse(rejected))[0]?.choice?.kind).toBe('reject-all');
  });
  it('gives nothing for category defaults without a dismissed banner, and keeps other tools', () => {
    expect(signalsFromJar(parse('cmplz_marketing=deny; cmplz_statistics=deny'))).toEqual([]);
    const mixed = signalsFromJar([
      { name: 'euconsent-v2', value: F.TC_REJECT_ALL },
      { name: '_ga', value: 'GA1.1.1.1' },
    ]);
    expect(mixed.map((s) => s.tool)).toEqual(['tcf']);
  });
});

describe('jarToolEvidence', () => {
  it('names a manager by the format its parser read, before any cookie name', () => {
    // react-cookie-consent's default cookie has Cookiebot's name; `true` is its record, not Cookiebot's.
    const reactJar = [
      { name: 'CookieConsent', value: 'false' },
      { name: '_ga', value: 'GA1.1.1.1' },
    ];
    expect(jarToolEvidence(reactJar)).toEqual({ decoded: ['react-cookie-consent'], cookies: ['_ga'] });
    expect(identifyTool(jarToolEvidence(reactJar))).toBe('react-cookie-consent');
    // A name lookup alone would say Cookiebot: the rule this evidence replaces.
    expect(identifyTool({ cookies: reactJar.map((c) => c.name) })).toBe('cookiebot');
    const cookiebotJar = [{ name: 'CookieConsent', value: F.COOKIEBOT_REJECT_ALL }];
    expect(identifyTool(jarToolEvidence(cookiebotJar))).toBe('cookiebot');
  });
  it('keeps the name of a cookie a standard parser read, and of a record it could not read', () => {
    const jar = [
      { name: 'euconsent-v2', value: F.TC_REJECT_ALL },
      { name: 'OptanonAlertBoxClosed', value: 'not a date' },
      { name: 'x', value: 1 as unknown as string },
    ];
    const got = jarToolEvidence(jar);
    expect(got.decoded).toEqual([]);
    expect(got.cookies).toEqual(['euconsent-v2', 'OptanonAlertBoxClosed']);
    expect(identifyTool(got)).toBe('onetrust');
  });
});

describe('signalFromRequestUrl / signalFromHeaders', () => {
  it('reads Consent Mode only on Google hosts', () => {
    expect(signalFromRequestUrl('https://www.google-analytics.com/g/collect?v=2&gcs=G100')?.state).toBe(
      'banner',
    );
    expect(signalFromRequestUrl('https://ad.doubleclick.net/activity;src=1?gcd=13r3r3r3r5')?.state).toBe(
      'choice',
    );
    expect(signalFromRequestUrl('https://cdn.example/app.js?gcs=G111')).toBeNull();
    expect(signalFromRequestUrl(42 as unknown as string)).toBeNull();
  });
  it('reads GPC headers', () => {
    expect(signalFromHeaders([{ name: 'sec-gpc', value: '1' }])?.evidence).toBe('gpc');
  });
});
