// "Accept all" only accepts what the banner asked for. When a manager's record lists its switches and none
// of them is advertising, an ad tracker after that accept fired without consent; phaseAt read any accept-all as
// covering every category (found in review),
// though the decoder's own `granted` says which categories were asked and given.
import { describe, expect, it } from 'vitest';
import { signalFromCookie } from '../consent/signals';
import type { ConsentSignal } from '../consent/types';
import { T0, consentEntry, entry, visit } from '../report/__fixtures__/visit';
import { loadNodeVendorIndex } from '../../scripts/node-vendor-db';
import { classifyRequest } from '../vendor-db/match';
import { deriveVisit } from './derive';
import type { EvidenceEntry } from './types';

const index = loadNodeVendorIndex();
const PAGE = 'https://shop.example/';
const request = (url: string, at: number): EvidenceEntry =>
  entry({ host: new URL(url).hostname, at, url, classification: classifyRequest(index, url, PAGE) });
const carried = (signal: ConsentSignal): EvidenceEntry =>
  consentEntry(signal, { at: T0, via: 'cookie-header', frame: 'main', consent: { signal, mainFrame: true } });

// OneTrust's OptanonConsent `groups` are "the groups for which consent was granted or not", C0001 Strictly
// Necessary, C0002 Performance, … C0004 Targeting (cookie sample and ids:
// https://npmjs.com/package/@commercetools-frontend/cookie-consent; default ids:
// https://developer.onetrust.com/onetrust/docs/when-consent-changes-new). A site whose banner has only Strictly
// Necessary and Performance writes only those two groups; "Accept all" there is consent to Performance only.
const OPTANON_ACCEPT_PERFORMANCE_ONLY_BANNER =
  'isGpcEnabled=0&datestamp=Wed+Feb+01+2023+12%3A35%3A32+GMT%2B0100+(Central+European+Standard+Time)&version=202209.1.0&isIABGlobal=false&hosts=&consentId=7f3cf16d-b3e1-4781-8db1-61482d0a9dff&interactionCount=1&landingPath=NotLandingPage&groups=C0001%3A1%2CC0002%3A1&geolocation=AT%3B9&AwaitingReconsent=false';

describe('an accept-all whose switches never covered advertising does not consent to advertising', () => {
  it('OneTrust banner with only Necessary + Performance, accepted → the Meta Pixel after it is still a violation', () => {
    const signal = signalFromCookie('OptanonConsent', OPTANON_ACCEPT_PERFORMANCE_ONLY_BANNER)!;
    // The decoder knows what was granted.
    expect(signal.choice?.granted).toEqual(['necessary', 'analytics']);
    const pixel = request('https://www.facebook.com/tr/?id=123456789&ev=PageView', T0 + 900);
    expect(pixel.classification?.category).toBe('advertising');
    const ga = request('https://www.google-analytics.com/g/collect?v=2&tid=G-ABC123&en=page_view', T0 + 950);
    const d = deriveVisit(visit(), [carried(signal), pixel, ga]);
    const byHost = Object.fromEntries(d.findings.map((f) => [f.host, [f.phase, f.violation]]));
    // Analytics was asked for and accepted.
    expect(byHost['www.google-analytics.com']).toEqual(['after-accept', false]);
    // Advertising was never asked for: no consent covers the pixel.
    expect(byHost['www.facebook.com']![0]).not.toBe('after-accept');
    expect(byHost['www.facebook.com']![1]).toBe(true);
    expect(d.verdict.severity).toBe('violation');
  });

  it('a social tracker after that accept is covered where Targeting is on and no social group exists', () => {
    // OneTrust sites without a Social Media group (C0005) file social embeds under Targeting (C0004).
    const targeting = signalFromCookie(
      'OptanonConsent',
      OPTANON_ACCEPT_PERFORMANCE_ONLY_BANNER.replace('C0002%3A1', 'C0002%3A1%2CC0004%3A1'),
    )!;
    const twitter = request('https://platform.twitter.com/widgets.js', T0 + 900);
    expect(twitter.classification?.category).toBe('social');
    const covered = deriveVisit(visit(), [carried(targeting), twitter]);
    expect(covered.findings.map((f) => [f.phase, f.violation])).toEqual([['after-accept', false]]);
    // With a social group the visitor left off, the same widget fired after their refusal of it.
    const socialOff = signalFromCookie(
      'OptanonConsent',
      OPTANON_ACCEPT_PERFORMANCE_ONLY_BANNER.replace('C0002%3A1', 'C0002%3A1%2CC0004%3A1%2CC0005%3A0'),
    )!;
    const refused = deriveVisit(visit(), [carried(socialOff), twitter]);
    expect(refused.findings.map((f) => [f.phase, f.violation])).toEqual([['after-reject', true]]);
  });
});
