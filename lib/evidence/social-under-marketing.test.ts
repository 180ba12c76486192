// consent managers with no separate "social media" switch file social networks' trackers under their
// Marketing category. A visitor who switches Marketing ON has consented to them; the derivation must not call a
// social tracker fired after that choice "after consent was refused".
import { describe, expect, it } from 'vitest';
import { signalFromCookie, signalsFromJar } from '../consent/signals';
import type { ConsentSignal } from '../consent/types';
import { T0, consentEntry, entry, visit } from '../report/__fixtures__/visit';
import { loadNodeVendorIndex } from '../../scripts/node-vendor-db';
import { classifyRequest } from '../vendor-db/match';
import { deriveVisit } from './derive';
import type { EvidenceEntry } from './types';

const index = loadNodeVendorIndex();
const PAGE = 'https://shop.example/';

/** A request as the real database classifies it. */
const request = (url: string, at: number): EvidenceEntry => {
  const host = new URL(url).hostname;
  return entry({ host, at, url, classification: classifyRequest(index, url, PAGE) });
};

/** A choice the visitor brought from an earlier visit (sent in the main-frame request). */
const carried = (signal: ConsentSignal): EvidenceEntry =>
  consentEntry(signal, { at: T0, via: 'cookie-header', frame: 'main', consent: { signal, mainFrame: true } });

// Cookiebot has exactly three optional categories, `Cookiebot.consent.preferences / statistics / marketing`
// (https://support.cookiebot.com/hc/en-us/articles/360003816233-Adobe-Dynamic-Tag-Management-deployment), and its
// automatic blocking "allows cookies in the approved categories to be set"
// (https://support.cookiebot.com/hc/en-us/articles/360009074960-Automatic-cookie-blocking): a social network's
// button, embed or tag on a Cookiebot site is in one of them, Marketing ("used to track visitors across
// websites"). Cookie format: {stamp:'…',necessary:true,preferences:…,statistics:…,marketing:…,method:'explicit',…}
// URL-encoded, as in lib/consent/__fixtures__/cookies.ts.
const COOKIEBOT_MARKETING_AND_STATISTICS_NO_PREFERENCES =
  '{stamp:%27dGhpc2lzYXN0YW1wZm9ydGVzdGluZ29ubHk9PQ==%27%2Cnecessary:true%2Cpreferences:false%2Cstatistics:true%2Cmarketing:true%2Cmethod:%27explicit%27%2Cver:1%2Cutc:1764062109433%2Cregion:%27de%27}';

describe('Marketing consent covers social-network trackers where the manager has no social switch', () => {
  it('Cookiebot: marketing and statistics accepted (preferences off) → an Instagram embed / Twitter widget is not "after reject"', () => {
    const signal = signalFromCookie('CookieConsent', COOKIEBOT_MARKETING_AND_STATISTICS_NO_PREFERENCES)!;
    expect(signal.choice?.kind).toBe('custom');
    const instagram = request('https://www.instagram.com/embed.js', T0 + 800);
    const twitter = request('https://platform.twitter.com/widgets.js', T0 + 900);
    // Sanity: the database files both as social.
    expect([instagram.classification?.category, twitter.classification?.category]).toEqual([
      'social',
      'social',
    ]);
    const d = deriveVisit(visit(), [carried(signal), instagram, twitter]);
    // The visitor switched Marketing on: neither fired after a refusal.
    expect(d.findings.map((f) => [f.host, f.phase, f.violation])).toEqual([
      ['www.instagram.com', 'after-accept', false],
      ['platform.twitter.com', 'after-accept', false],
    ]);
    expect(d.verdict.severity).not.toBe('violation');
  });

  // Complianz (WordPress) has four categories, functional / preferences / statistics / marketing, one cookie each
  // (`cmplz_marketing=allow|deny`, read by complianz.ts). Its own Twitter integration files platform.twitter.com
  // under 'marketing': 'category' => 'marketing', 'urls' => ['platform.twitter.com', …]
  // (https://github.com/Really-Simple-Plugins/complianz-gdpr/blob/0f745936b02481956cd2483a45c2344530f9e9eb/integrations/services/twitter.php), so the
  // widget is released exactly when marketing is allowed. Statistics refused, marketing allowed.
  it('Complianz: marketing allowed, statistics denied → the Twitter widget Complianz releases under marketing is not "after reject"', () => {
    const jar = [
      { name: 'cmplz_banner-status', value: 'dismissed' },
      { name: 'cmplz_functional', value: 'allow' },
      { name: 'cmplz_preferences', value: 'allow' },
      { name: 'cmplz_statistics', value: 'deny' },
      { name: 'cmplz_marketing', value: 'allow' },
    ];
    const signal = signalsFromJar(jar).find((s) => s.tool === 'complianz' && s.choice)!;
    expect(signal.choice?.granted).toContain('advertising');
    const twitter = request('https://platform.twitter.com/widgets.js', T0 + 700);
    expect(twitter.classification?.category).toBe('social');
    const d = deriveVisit(visit(), [carried(signal), twitter]);
    expect(d.findings.map((f) => [f.phase, f.violation])).toEqual([['after-accept', false]]);
  });
});
