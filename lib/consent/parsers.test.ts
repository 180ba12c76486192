import { describe, expect, it } from 'vitest';
import * as F from './__fixtures__/cookies';
import { parseOptanonAlertBoxClosed, parseOptanonConsent } from './onetrust';
import { parseCookiebot } from './cookiebot';
import { parseEuconsent, signalFromTcData, signalFromTcString } from './tcf';
import { gppSectionIds, signalFromGppPing, signalFromGppString } from './gpp';
import { parseDidomiToken } from './didomi';
import { parseCookieYes } from './cookieyes';

describe('OneTrust', () => {
  it('reads a first visit (interactionCount missing) as the banner, with default groups', () => {
    const s = parseOptanonConsent('OptanonConsent', F.OPTANON_FIRST_VISIT);
    expect(s?.state).toBe('banner');
    expect(s?.choice).toBeUndefined();
    expect(s?.decoded?.groups).toEqual({ C0001: true, C0002: false, C0003: false, C0004: false });
  });
  it('reads accept all, reject all and a custom choice from the groups', () => {
    expect(parseOptanonConsent('OptanonConsent', F.OPTANON_ACCEPT_ALL)?.choice?.kind).toBe('accept-all');
    const reject = parseOptanonConsent('OptanonConsent', F.OPTANON_REJECT_ALL);
    expect(reject?.choice).toEqual({ kind: 'reject-all', granted: ['necessary'] });
    const custom = parseOptanonConsent('OptanonConsent', F.OPTANON_CUSTOM);
    expect(custom?.choice?.kind).toBe('custom');
    expect(custom?.choice?.granted.sort()).toEqual(['analytics', 'functional', 'necessary']);
    expect(custom?.decoded?.isGpcEnabled).toBe(true);
    expect(custom?.decoded?.landingPath).toBe('NotLandingPage');
  });
  it('keeps site-defined groups as unmapped', () => {
    const s = parseOptanonConsent(
      'OptanonConsent',
      'interactionCount=1&groups=C0001%3A1%2CC0002%3A0%2CSPD_BG%3A1',
    );
    expect(s?.choice).toMatchObject({ kind: 'custom', unmapped: ['SPD_BG'] });
  });
  it('reads OptanonAlertBoxClosed as "a choice exists" and rejects garbage', () => {
    const s = parseOptanonAlertBoxClosed('OptanonAlertBoxClosed', F.OPTANON_ALERT_BOX_CLOSED);
    expect(s).toMatchObject({
      tool: 'onetrust',
      state: 'choice',
      decoded: { closedAt: '2025-11-25T09:15:09.433Z' },
    });
    expect(s?.choice).toBeUndefined();
    expect(parseOptanonAlertBoxClosed('OptanonAlertBoxClosed', 'not a date')).toBeNull();
    expect(parseOptanonConsent('OptanonConsent', 'hello')).toBeNull();
  });
});

describe('Cookiebot', () => {
  it('reads the four levels', () => {
    expect(parseCookiebot('CookieConsent', F.COOKIEBOT_ACCEPT_ALL)?.choice?.kind).toBe('accept-all');
    expect(parseCookiebot('CookieConsent', F.COOKIEBOT_REJECT_ALL)?.choice?.kind).toBe('reject-all');
    const stats = parseCookiebot('CookieConsent', F.COOKIEBOT_STATISTICS_ONLY);
    expect(stats?.choice).toEqual({
      kind: 'custom',
      granted: ['necessary', 'analytics'],
      offered: ['functional', 'analytics', 'advertising', 'marketing'],
    });
    expect(stats?.decoded).toMatchObject({ method: 'explicit', region: 'fr', utc: 1764062311002 });
  });
  it('reads -1 as "consent not required" (a choice of no content) and ignores other cookies', () => {
    const s = parseCookiebot('CookieConsent', '-1');
    expect(s).toMatchObject({
      state: 'choice',
      evidence: 'manager-default',
      decoded: { consentRequired: false },
    });
    expect(s?.choice).toBeUndefined();
    expect(parseCookiebot('CookieConsent', 'true')).toBeNull();
    expect(parseCookiebot('OtherCookie', F.COOKIEBOT_ACCEPT_ALL)).toBeNull();
  });
});

describe('IAB TCF v2', () => {
  it('decodes purposes, vendors and CMP of an accept-all string', () => {
    const s = parseEuconsent('euconsent-v2', F.TC_ACCEPT_ALL);
    expect(s?.choice?.kind).toBe('accept-all');
    expect(s?.decoded).toMatchObject({
      cmpId: 7,
      policyVersion: 4,
      purposeConsents: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
      specialFeatureOptins: [1, 2],
      vendorConsentCount: 23,
      created: '2025-11-25T09:15:02.000Z',
    });
    expect((s?.decoded?.vendorConsents as number[]).slice(-2)).toEqual([755, 793]);
  });
  it('maps a reject and a measurement-only string', () => {
    expect(signalFromTcString(F.TC_REJECT_ALL, 'x')?.choice).toEqual({
      kind: 'reject-all',
      granted: ['necessary'],
    });
    const m = signalFromTcString(F.TC_MEASUREMENT_ONLY, 'x');
    expect(m?.choice).toEqual({
      kind: 'custom',
      granted: ['necessary', 'analytics'],
      offered: ['advertising', 'marketing', 'analytics', 'functional'],
    });
    expect(m?.decoded?.vendorConsents).toEqual([755]);
  });
  it('rejects malformed strings without throwing', () => {
    expect(signalFromTcString('not-a-tc-string!!', 'x')).toBeNull();
    expect(signalFromTcString('AAAAAAAAAAAA', 'x')).toBeNull();
    expect(parseEuconsent('euconsent-v2', 'x'.repeat(30000))).toBeNull();
  });
  it('reads __tcfapi events', () => {
    expect(signalFromTcData({ eventStatus: 'cmpuishown', cmpId: 7 })?.state).toBe('banner');
    const done = signalFromTcData({
      eventStatus: 'useractioncomplete',
      tcString: F.TC_REJECT_ALL,
      gdprApplies: true,
    });
    expect(done).toMatchObject({
      via: 'tcfapi',
      choice: { kind: 'reject-all' },
      decoded: { eventStatus: 'useractioncomplete' },
    });
    expect(signalFromTcData({ eventStatus: 'tcloaded' })).toBeNull();
    expect(signalFromTcData({ eventStatus: 'tcloaded', tcString: '', gdprApplies: true })).toBeNull();
    expect(
      signalFromTcData({ eventStatus: 'tcloaded', tcString: F.TC_REJECT_ALL, gdprApplies: false }),
    ).toBeNull();
  });
});

describe('IAB GPP', () => {
  it('reads header section ids (single, pair)', () => {
    expect(gppSectionIds('DBABMA')).toEqual([2]);
    expect(gppSectionIds('DBACNY')).toEqual([2, 6]);
    expect(gppSectionIds('DBABTA')).toEqual([6]);
    expect(gppSectionIds('CPXxRfAP')).toBeNull();
  });
  it('decodes the TCF EU section and keeps US sections as evidence only', () => {
    const eu = signalFromGppString(F.GPP_TCF_AND_USP, 'cookie:__gpp');
    expect(eu).toMatchObject({
      tool: 'gpp',
      choice: { kind: 'reject-all' },
      decoded: { gppSections: ['tcfeuv2', 'uspv1'] },
    });
    expect(eu?.evidence).toBeUndefined();
    expect(signalFromGppString(F.GPP_USP_ONLY, 'x')).toMatchObject({
      evidence: 'gpp',
      decoded: { gppSections: ['uspv1'] },
    });
    expect(signalFromGppString('DBACNY~only-one-section', 'x')).toBeNull();
  });
  it('reads __gpp pings', () => {
    expect(signalFromGppPing({ cmpDisplayStatus: 'visible' })?.state).toBe('banner');
    expect(
      signalFromGppPing({ cmpDisplayStatus: 'hidden', signalStatus: 'ready', gppString: F.GPP_TCF })?.choice
        ?.kind,
    ).toBe('accept-all');
  });
});

describe('Didomi', () => {
  it('reads didomi_token purposes', () => {
    expect(parseDidomiToken('didomi_token', F.DIDOMI_ACCEPT_ALL)?.choice?.kind).toBe('accept-all');
    expect(parseDidomiToken('didomi_token', F.DIDOMI_REJECT_ALL)?.choice).toEqual({
      kind: 'reject-all',
      granted: ['necessary'],
    });
    const c = parseDidomiToken('didomi_token', F.DIDOMI_CUSTOM);
    expect(c?.choice).toEqual({
      kind: 'custom',
      granted: ['necessary', 'analytics'],
      unmapped: ['analytics-HpBJrrK7'],
      offered: ['analytics', 'advertising'],
    });
    expect(c?.decoded).toMatchObject({ vendorsEnabled: 3, updated: '2025-11-25T09:17:12.777Z' });
    expect(parseDidomiToken('didomi_token', '%%%')).toBeNull();
    expect(parseDidomiToken('didomi_token', btoa('[1,2'))).toBeNull();
  });
});

describe('CookieYes', () => {
  it('reads action and categories', () => {
    expect(parseCookieYes('cookieyes-consent', F.COOKIEYES_NO_ACTION)?.state).toBe('banner');
    expect(parseCookieYes('cookieyes-consent', F.COOKIEYES_ACCEPT_ALL)?.choice?.kind).toBe('accept-all');
    expect(parseCookieYes('cookieyes-consent', F.COOKIEYES_REJECT_ALL)?.choice?.kind).toBe('reject-all');
    expect(parseCookieYes('cookieyes-consent', 'garbage')).toBeNull();
  });
});
