// A returning visitor who refused, then accepts in a consent UI drawn in a frame, whose click the detector cannot see
// (found in review, against the first form of the brought-refusal rule, which flagged this as stored without interaction).
//
// The rule needs a *classified click in the banner* for a returning visitor to change their mind. But the detector
// never sees clicks in a consent UI drawn in a frame (lib/consent/README.md, "Content scripts": "Top frame only:
// banners drawn inside iframes (Sourcepoint, TrustArc frames) are seen through their TCF API, cookies and storage").
// Sourcepoint's second layer, the "Privacy Manager" that publishers open from a footer "Privacy settings" link
// (window._sp_.gdpr.loadPrivacyManagerModal), is such a frame: its documents are served from cdn.privacy-mgmt.com
// (e.g. `us_pm/index.html`, `privacy-manager/index.html`; see IABTechLab/trusted-server PR #822 "Privacy-manager
// iframe documents (us_pm/index.html) reference assets root-absolute ... served first-party the iframe origin is the
// publisher", and Sourcepoint's loader `cdn.privacy-mgmt.com/unified/wrapperMessagingWithoutDetection.js`, whose
// surfaces are the first-layer message and the Privacy Manager, both hosted message UIs). TrustArc's preference
// manager (consent-pref.trustarc.com) is a frame too, but its accept is a record we cannot read (no choice), which
// this rule leaves alone.
//
// So a visitor who refused on an earlier visit (euconsent-v2 sent with the document), opens "Privacy settings" and
// clicks "Accept all" in the Privacy Manager makes the page active (activation reaches the ancestors; focus moves into
// the frame), no click entry exists, and Sourcepoint stores a TC string with every purpose on: deriveConsent files the
// visitor's own change of mind as "stored without interaction" and every tracker after it as after the refusal. An
// honest Sourcepoint publisher (Der Spiegel, Bild, The Guardian run it) is accused of overriding a refusal.
import { describe, expect, it } from 'vitest';
import { signalFromCookie } from '../consent/signals';
import { signalFromTcData } from '../consent/tcf';
import { TC_ACCEPT_ALL, TC_REJECT_ALL } from '../consent/__fixtures__/cookies';
import type { ConsentSignal } from '../consent/types';
import { T0, activationEntry, cioEntry, consentEntry, entry, visit } from '../report/__fixtures__/visit';
import { deriveVisit } from './derive';
import type { EvidenceEntry } from './types';

const carried = (signal: ConsentSignal): EvidenceEntry =>
  consentEntry(signal, { at: T0, via: 'cookie-header', frame: 'main', consent: { signal, mainFrame: true } });

describe('a returning visitor who refused, then accepts in a consent UI the detector cannot see into', () => {
  it('Sourcepoint Privacy Manager (a frame) opened from the footer: their Accept all is theirs, not the site’s', () => {
    const refused = signalFromCookie('euconsent-v2', TC_REJECT_ALL)!;
    const accepted = signalFromCookie('euconsent-v2', TC_ACCEPT_ALL)!;
    expect(refused.choice?.kind).toBe('reject-all');
    expect(accepted.choice?.kind).toBe('accept-all');
    // What the browser and the page's own TCF API say of the visitor's answer in the frame.
    const tcfEvent = signalFromTcData({
      eventStatus: 'useractioncomplete',
      tcString: TC_ACCEPT_ALL,
      gdprApplies: true,
    })!;
    const d = deriveVisit(visit(), [
      carried(refused),
      activationEntry(T0 + 10, false),
      // The footer link opens the Privacy Manager frame (browser-observed sub_frame load).
      entry({
        host: 'cdn.privacy-mgmt.com',
        at: T0 + 3_000,
        url: 'https://cdn.privacy-mgmt.com/privacy-manager/index.html?message_id=123',
        resourceTypes: ['sub_frame'],
      }),
      // The visitor's click on "Accept all" inside it: the page becomes active (focus moved into the frame).
      activationEntry(T0 + 5_000, true),
      consentEntry(tcfEvent, { at: T0 + 5_150, provenance: 'page', via: 'tcfapi' }),
      consentEntry(accepted, { at: T0 + 5_200, via: 'cookies-api' }),
      cioEntry(T0 + 6_000),
    ]);
    expect({
      withoutInteraction: d.consent.withoutInteraction,
      severity: d.verdict.severity,
    }).toEqual({ withoutInteraction: false, severity: expect.not.stringMatching(/^violation$/) });
  });
});
