import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CATEGORIES, type CategoryOrUnknown } from '../category';
import { signalFromCookie } from '../consent/signals';
import { signalFromStorage } from '../consent/storage-signals';
import { UC3_ACCEPT_ALL, UC3_ESSENTIAL_ONLY } from '../consent/__fixtures__/managers';
import { signalFromTcString } from '../consent/tcf';
import { signalFromGoogleRequest } from '../consent/google-consent-mode';
import type { ConsentSignal } from '../consent/types';
import {
  COOKIEBOT_ACCEPT_ALL,
  OPTANON_ACCEPT_ALL,
  OPTANON_REJECT_ALL,
  TC_ACCEPT_ALL,
} from '../consent/__fixtures__/cookies';
import {
  T0,
  activationEntry,
  cioEntry,
  clickEntry,
  consentEntry,
  entry,
  visit,
} from '../report/__fixtures__/visit';
import { consentEventText, statusText } from '../report/consent';
import { groupVendors } from '../report/vendors';
import { deriveVisit } from './derive';
import type { EvidenceEntry } from './types';

const cio = cioEntry;

const optanon = (value: string): ConsentSignal => signalFromCookie('OptanonConsent', value)!;

describe('deriveVisit: trust rules', () => {
  it('a page-reported accept never overturns what the browser saw, and says it is not confirmed', () => {
    const forged = signalFromTcString(TC_ACCEPT_ALL, 'tcfapi')!;
    const d = deriveVisit(visit(), [
      consentEntry(forged, { at: T0 + 100, provenance: 'page', via: 'tcfapi' }),
      cio(T0 + 500),
    ]);
    expect(d.findings.map((f) => [f.phase, f.violation])).toEqual([['before-consent', true]]);
    expect(d.consent.lines.map((l) => l.status)).toEqual(['not-confirmed']);
    expect(d.consent.unconfirmed).toBe(1);
    expect(d.consentState).toContain('reported by the page, not confirmed');
    expect(d.verdict.severity).toBe('violation');
  });

  it('a page report confirmed by a browser-observed cookie is shown as confirmed; the cookie dates the choice', () => {
    const accept = optanon(OPTANON_ACCEPT_ALL);
    const d = deriveVisit(visit(), [
      consentEntry(signalFromTcString(TC_ACCEPT_ALL, 'tcfapi')!, {
        at: T0 + 4000,
        provenance: 'page',
        via: 'tcfapi',
      }),
      consentEntry(accept, { at: T0 + 5000 }),
      cio(T0 + 4500),
      cio(T0 + 6000, { id: 'late' }),
    ]);
    expect(d.findings.map((f) => f.phase).sort()).toEqual(['after-accept', 'before-consent']);
    expect(d.consent.lines.find((l) => l.provenance === 'page')?.status).toBe('confirmed');
  });

  it("another site's consent cookie (an embedded widget's) is not this site's choice", () => {
    const d = deriveVisit(visit(), [
      consentEntry(signalFromTcString(TC_ACCEPT_ALL, 'cookie:euconsent-v2')!, {
        at: T0 + 300,
        via: 'cookie-header',
        site: 'widget.example',
        host: 'cmp.widget.example',
      }),
      cio(T0 + 800),
    ]);
    expect(d.consent.lines[0]!.status).toBe('third-party');
    expect(d.findings[0]).toMatchObject({ phase: 'before-consent', violation: true });
  });

  it('consent set by the main-frame response of a first visit is stored without interaction and flagged', () => {
    const accept = optanon(OPTANON_ACCEPT_ALL);
    const d = deriveVisit(visit(), [
      consentEntry(accept, {
        at: T0,
        via: 'set-cookie',
        frame: 'main',
        consent: { signal: accept, mainFrame: true },
      }),
      consentEntry(accept, { at: T0 + 5, via: 'jar', frame: 'main' }),
      consentEntry(accept, { at: T0 + 20, via: 'cookies-api' }),
      cio(T0 + 900),
    ]);
    expect(d.consent.withoutInteraction).toBe(true);
    expect(d.consent.choices).toEqual([]);
    expect(d.findings[0]).toMatchObject({ phase: 'before-consent', violation: true });
    expect(d.verdict.text).toContain('consent was stored without any interaction');
  });

  describe('a choice stored before the visitor touched the page', () => {
    const activation = activationEntry;
    const accept = optanon(OPTANON_ACCEPT_ALL);
    const reject = optanon(OPTANON_REJECT_ALL);

    it('an accept a script stored with no click, tap or key press anywhere is not the visitor’s', () => {
      const d = deriveVisit(visit(), [
        activation(T0 + 10, false),
        consentEntry(accept, { at: T0 + 800, via: 'cookies-api' }),
        cio(T0 + 900),
      ]);
      expect(d.consent.withoutInteraction).toBe(true);
      expect(d.consent.choices).toEqual([]);
      expect(d.consent.lines.map((l) => l.status)).toEqual(['without-interaction']);
      expect(d.findings[0]).toMatchObject({ phase: 'before-consent', violation: true });
      expect(d.verdict.text).toContain('consent was stored without any interaction');
      // The visitor's first interaction long after it does not make it theirs.
      const later = deriveVisit(visit(), [
        activation(T0 + 10, false),
        consentEntry(accept, { at: T0 + 800, via: 'cookies-api' }),
        activation(T0 + 5000, true),
        cio(T0 + 6000),
      ]);
      expect(later.consent.withoutInteraction).toBe(true);
      expect(later.findings[0]).toMatchObject({ phase: 'before-consent', violation: true });
    });

    it('counts once the visitor interacted (in the page or a frame), even seen a moment after the choice', () => {
      for (const activeAt of [T0 + 700, T0 + 800, T0 + 800 + 1_400]) {
        const d = deriveVisit(visit(), [
          activation(T0 + 10, false),
          activation(activeAt, true),
          consentEntry(accept, { at: T0 + 800, via: 'cookies-api' }),
          cio(T0 + 3000),
        ]);
        expect(d.consent.withoutInteraction, String(activeAt)).toBe(false);
        expect(d.findings[0]).toMatchObject({ phase: 'after-accept', violation: false });
        // The timeline shows when the visitor first interacted.
        expect(d.consent.lines.find((l) => l.state === 'interaction')).toMatchObject({
          at: activeAt,
          status: 'interaction',
          provenance: 'detector',
        });
      }
    });

    it('not where another tab of the site was open: the choice may be the visitor’s answer there', () => {
      const shared = consentEntry(accept, { at: T0 + 800, via: 'cookies-api' });
      const d = deriveVisit(visit(), [
        activation(T0 + 10, false),
        { ...shared, consent: { ...shared.consent!, otherTab: true } },
        cio(T0 + 900),
      ]);
      expect(d.consent.withoutInteraction).toBe(false);
      expect(d.findings[0]).toMatchObject({ phase: 'after-accept', violation: false });
    });

    it('a refusal needs no interaction: it allows nothing', () => {
      const d = deriveVisit(visit(), [
        activation(T0 + 10, false),
        consentEntry(reject, { at: T0 + 800, via: 'cookies-api' }),
        cio(T0 + 900),
      ]);
      expect(d.consent.withoutInteraction).toBe(false);
      expect(d.findings[0]).toMatchObject({ phase: 'after-reject', violation: true });
    });

    it('a re-written carried-over choice restates it; one allowing more than the visitor brought does not', () => {
      const carried = (signal: ConsentSignal) =>
        consentEntry(signal, {
          at: T0,
          via: 'cookie-header',
          frame: 'main',
          consent: { signal, mainFrame: true },
        });
      const fresh = optanon(`${OPTANON_ACCEPT_ALL}&datestamp=later`);
      const same = deriveVisit(visit(), [
        carried(accept),
        activation(T0 + 10, false),
        consentEntry(fresh, { at: T0 + 300, via: 'cookies-api' }),
        cio(T0 + 900),
      ]);
      expect(same.consent.withoutInteraction).toBe(false);
      expect(same.findings[0]).toMatchObject({ phase: 'after-accept', violation: false });
      const flipped = deriveVisit(visit(), [
        carried(reject),
        activation(T0 + 10, false),
        consentEntry(accept, { at: T0 + 300, via: 'cookies-api' }),
        cio(T0 + 900),
      ]);
      expect(flipped.consent.withoutInteraction).toBe(true);
      expect(flipped.findings[0]).toMatchObject({ phase: 'after-reject', violation: true });
    });

    it('a record the site stored unprompted on an earlier visit is not carried over when it comes back', () => {
      const brought = (signal: ConsentSignal, unpromptedOn?: { visitId: string; at: number }) =>
        consentEntry(signal, {
          at: T0,
          via: 'cookie-header',
          frame: 'main',
          consent: { signal, mainFrame: true, ...(unpromptedOn && { unpromptedOn }) },
        });
      const d = deriveVisit(visit(), [brought(accept, { visitId: 'v0', at: T0 - 60_000 }), cio(T0 + 50)]);
      expect(d.consent.withoutInteraction).toBe(true);
      expect(d.consent.choices).toEqual([]);
      expect(d.consent.lines.map((l) => l.status)).toEqual(['without-interaction']);
      expect(d.findings[0]).toMatchObject({ phase: 'before-consent', violation: true });
      // A refusal, remembered or not, still counts; the same accept not remembered is carried over.
      const refused = deriveVisit(visit(), [brought(reject, { visitId: 'v0', at: T0 - 1 }), cio(T0 + 50)]);
      expect(refused.findings[0]).toMatchObject({ phase: 'after-reject' });
      const brought2 = deriveVisit(visit(), [brought(accept), cio(T0 + 50)]);
      expect(brought2.findings[0]).toMatchObject({ phase: 'after-accept', violation: false });
    });

    describe('input clearly outside any consent banner', () => {
      const outside = (at: number, label = '“Read more”'): EvidenceEntry => ({
        ...activation(at, true),
        id: 'activation|outside',
        key: 'outside',
        activation: { active: true, outside: true, label },
      });

      it('an accept stored on the visitor’s first click in the page’s content is not their answer', () => {
        const d = deriveVisit(visit(), [
          activation(T0 + 10, false),
          outside(T0 + 3000, 'Read more'),
          consentEntry(accept, { at: T0 + 3005, via: 'cookies-api' }),
          cio(T0 + 3500),
        ]);
        expect(d.consent.withoutInteraction).toBe(true);
        expect(d.consent.outsideInput).toEqual({ at: T0 + 3000, label: 'Read more' });
        expect(d.consent.choices).toEqual([]);
        expect(d.findings[0]).toMatchObject({ phase: 'before-consent', violation: true });
        expect(d.verdict.text).toContain('outside the consent banner (on “Read more”, ');
        expect(d.verdict.text).not.toContain('without any interaction');
        const first = d.consent.lines.find((l) => l.state === 'interaction');
        expect(first).toMatchObject({ at: T0 + 3000, outside: true, label: 'Read more' });
        expect(consentEventText(first!)).toBe(
          'the visitor first clicked or typed in the page, outside any consent banner (on “Read more”)',
        );
      });

      it('counts once an input could answer the banner, before the choice or a moment after it', () => {
        for (const answerAt of [T0 + 4000, T0 + 5000 + 1_400]) {
          const d = deriveVisit(visit(), [
            activation(T0 + 10, false),
            outside(T0 + 3000),
            activation(answerAt, true),
            consentEntry(accept, { at: T0 + 5000, via: 'cookies-api' }),
            cio(T0 + 7000),
          ]);
          expect(d.consent.withoutInteraction, String(answerAt)).toBe(false);
          expect(d.consent.outsideInput).toBeNull();
          expect(d.findings[0]).toMatchObject({ phase: 'after-accept', violation: false });
          const answer = d.consent.lines.find((l) => l.state === 'interaction' && !l.outside);
          expect(answer).toMatchObject({ at: answerAt, afterOutside: true });
        }
      });

      it('a refusal stored on such a click still counts: it allows nothing', () => {
        const d = deriveVisit(visit(), [
          activation(T0 + 10, false),
          outside(T0 + 3000),
          consentEntry(reject, { at: T0 + 3005, via: 'cookies-api' }),
          cio(T0 + 3500),
        ]);
        expect(d.consent.withoutInteraction).toBe(false);
        expect(d.findings[0]).toMatchObject({ phase: 'after-reject', violation: true });
      });

      it('a choice stored before any input is said to be without interaction, not outside', () => {
        const d = deriveVisit(visit(), [
          activation(T0 + 10, false),
          consentEntry(accept, { at: T0 + 800, via: 'cookies-api' }),
          outside(T0 + 3000),
          cio(T0 + 3500),
        ]);
        expect(d.consent.withoutInteraction).toBe(true);
        expect(d.consent.outsideInput).toBeNull();
        expect(d.verdict.text).toContain('consent was stored without any interaction');
      });
    });

    it('the audit’s opt-out is an answer: a reject that stores consent reads as the contradiction it is', () => {
      const auditClick: EvidenceEntry = {
        ...clickEntry(T0 + 2000, 'reject-all', 'onetrust'),
        via: 'audit',
        click: { tool: 'onetrust', action: 'reject-all', by: 'audit', label: 'autoconsent: Onetrust' },
      };
      const d = deriveVisit(visit(), [
        activation(T0 + 10, false),
        auditClick,
        consentEntry(accept, { at: T0 + 2300, via: 'cookies-api' }),
        cio(T0 + 2500),
      ]);
      expect(d.consent.withoutInteraction).toBe(false);
      expect(d.consent.contradicted).toMatchObject([{ action: 'reject-all', by: 'audit' }]);
      expect(d.verdict.text).toMatch(
        /the audit’s opt-out clicked reject all at .+, and OneTrust then stored: accepted/,
      );
      expect(d.consentState).toContain('contradicts the audit’s refusal');
      const click = d.consent.lines.find((l) => l.state === 'click')!;
      expect(click).toMatchObject({ status: 'click-contradicted', by: 'audit' });
      expect(consentEventText(click)).toBe(
        'OneTrust: the audit’s opt-out clicked reject all (autoconsent: Onetrust)',
      );
      // The visitor did not interact: no interaction line.
      expect(d.consent.lines.some((l) => l.state === 'interaction')).toBe(false);
      // Without the audit's click the same record is the site's own, stored without interaction.
      const alone = deriveVisit(visit(), [
        activation(T0 + 10, false),
        consentEntry(accept, { at: T0 + 2300, via: 'cookies-api' }),
        cio(T0 + 2500),
      ]);
      expect(alone.consent.withoutInteraction).toBe(true);
    });

    it('says nothing where the detector did not watch from before the choice', () => {
      for (const entries of [
        [consentEntry(accept, { at: T0 + 800, via: 'cookies-api' })],
        [consentEntry(accept, { at: T0 + 800, via: 'cookies-api' }), activation(T0 + 900, false)],
      ]) {
        const d = deriveVisit(visit(), [...entries, cio(T0 + 1000)]);
        expect(d.consent.withoutInteraction).toBe(false);
        expect(d.findings[0]).toMatchObject({ phase: 'after-accept', violation: false });
      }
    });
  });

  it("a first-party request a vendor claims with no settled purpose needs review; the site's own does not", () => {
    const firstParty = (host: string, vendor: string | null) =>
      entry({
        host,
        classification: {
          vendor,
          vendorName: vendor === null ? null : 'Cloudflare Zaraz',
          company: null,
          category: 'unknown',
          thirdParty: false,
          reason:
            vendor === null
              ? 'host shop.example matches no known vendor'
              : 'Cloudflare Zaraz on a first-party host',
        },
      });
    const d = deriveVisit(visit(), [
      firstParty('shop.example', 'cloudflare-zaraz'),
      firstParty('img.shop.example', null),
    ]);
    expect(d.parties.map((p) => [p.key, p.review, p.violation])).toEqual([
      ['cloudflare-zaraz', true, false],
      ['host:img.shop.example', false, false],
    ]);
    expect(d.verdict).toMatchObject({ review: 1, violating: 0 });
  });

  it('a tracker after a stored choice whose content could not be read needs review: neither exempt nor a violation', () => {
    // A manager's record that says a choice exists, not what it allows.
    const unread: ConsentSignal = { tool: 'didomi', state: 'choice', via: 'cookie:didomi_token', raw: 'x' };
    const d = deriveVisit(visit(), [
      consentEntry(unread, { at: T0 + 500, via: 'cookies-api' }),
      cio(T0 + 900),
    ]);
    expect(d.findings[0]).toMatchObject({ phase: 'after-unknown-choice', violation: false });
    expect(d.parties[0]).toMatchObject({ review: true, afterUnknownChoice: true, violation: false });
    expect(d.verdict).toMatchObject({ severity: 'clean', review: 1, violating: 0 });
    expect(d.verdict.text).toBe(
      'No tracker that needs consent fired before consent or after a refusal (1 after a consent choice that does not say whether it covers them: needs review)',
    );
    // Before it, the same tracker is before consent.
    const early = deriveVisit(visit(), [
      consentEntry(unread, { at: T0 + 500, via: 'cookies-api' }),
      cio(T0 + 100),
    ]);
    expect(early.findings[0]).toMatchObject({ phase: 'before-consent', violation: true });
  });

  it('a choice sent in the main-frame request is carried over and covers the whole visit', () => {
    const reject = optanon(OPTANON_REJECT_ALL);
    const d = deriveVisit(visit(), [
      consentEntry(reject, {
        at: T0,
        via: 'cookie-header',
        frame: 'main',
        consent: { signal: reject, mainFrame: true },
      }),
      cio(T0 + 50),
    ]);
    expect(d.consent.choices[0]).toMatchObject({ carriedOver: true });
    expect(d.findings[0]).toMatchObject({ phase: 'after-reject', violation: true });
    expect(d.consentState).toContain('rejected before this visit');
  });

  it('a trusted click dates a choice whose cookie reached us late (both orders, 10 ms apart)', () => {
    const klaroAccept = signalFromCookie('klaro', '{"ga":true,"fb":true}')!;
    const click = (at: number) => clickEntry(at, 'accept-all');
    // Click at +14.193 s, tracker at +14.202 s, cookie event received at +14.300 s: after accept.
    const compliant = deriveVisit(visit(), [
      click(T0 + 14_193),
      cio(T0 + 14_202),
      consentEntry(klaroAccept, { at: T0 + 14_300 }),
    ]);
    expect(compliant.findings[0]).toMatchObject({ phase: 'after-accept', violation: false });
    expect(compliant.consent.lines.find((l) => l.state === 'click')?.status).toBe('click-confirmed');
    // Tracker 10 ms before the click: before consent.
    const leaky = deriveVisit(visit(), [
      cio(T0 + 14_183),
      click(T0 + 14_193),
      consentEntry(klaroAccept, { at: T0 + 14_300 }),
    ]);
    expect(leaky.findings[0]).toMatchObject({ phase: 'before-consent', violation: true });
    // An Accept no stored choice follows is the visitor's answer of unknown reach: what follows needs review
    // (never a violation on the click alone, never exempt); what came before it stays before consent.
    const unconfirmed = deriveVisit(visit(), [
      cio(T0 + 500, { id: 'early' }),
      click(T0 + 1000),
      cio(T0 + 1010),
    ]);
    expect(unconfirmed.findings.map((f) => [f.phase, f.violation]).sort()).toEqual([
      ['after-unknown-choice', false],
      ['before-consent', true],
    ]);
    expect(unconfirmed.consent.lines.find((l) => l.state === 'click')!.status).toBe('click-not-confirmed');
    expect(unconfirmed.consent.choices).toMatchObject([{ at: T0 + 1000, clicked: { action: 'accept-all' } }]);
    expect(unconfirmed.consent.choices[0]!.choice).toBeUndefined();
    // A Reject all no stored choice follows is a refusal: what follows is after reject.
    const refused = deriveVisit(visit(), [clickEntry(T0 + 1000, 'reject-all'), cio(T0 + 1010)]);
    expect(refused.findings[0]).toMatchObject({ phase: 'after-reject', violation: true });
    expect(refused.verdict.text).toBe('1 marketing tracker fired after consent was refused');
  });

  it('a click alone in a banner nothing named, and beside a choice carried over', () => {
    // A manager nothing identifies (no rule, no cookie we know): the click's tool is empty.
    const unnamed = deriveVisit(visit(), [clickEntry(T0 + 1000, 'accept-all', ''), cio(T0 + 2000)]);
    expect(unnamed.findings[0]).toMatchObject({ phase: 'after-unknown-choice', violation: false });
    expect(unnamed.consentState).toMatch(
      /^a consent banner we could not identify · the visitor clicked accept all at \d\d:\d\d:\d\d \(no stored choice was read\): trackers after it need review$/,
    );
    expect(unnamed.verdict.severity).not.toBe('violation');
    const line = unnamed.consent.lines.find((l) => l.state === 'click')!;
    expect(consentEventText(line)).toBe('A consent banner we could not identify: clicked accept all');
    expect(statusText(line.status)).toBe(
      'click, no stored choice we could read followed: the click is the answer',
    );
    // An Accept the visitor brought from an earlier visit stays in force; a later Accept click adds nothing.
    const klaroAccept = signalFromCookie('klaro', '{"ga":true,"fb":true}')!;
    const returning = deriveVisit(visit(), [
      consentEntry(klaroAccept, {
        at: T0,
        via: 'cookie-header',
        frame: 'main',
        consent: { signal: klaroAccept, mainFrame: true },
      }),
      clickEntry(T0 + 1000, 'accept-all'),
      cio(T0 + 2000),
    ]);
    expect(returning.findings[0]).toMatchObject({ phase: 'after-accept', violation: false });
    expect(returning.consentState).toBe('Klaro · accepted before this visit');
  });

  it('a stored choice that contradicts the click before it is dated when stored, and flagged', () => {
    const klaroAccept = signalFromCookie('klaro', '{"ga":true,"fb":true}')!;
    const klaroReject = signalFromCookie('klaro', '{"ga":false,"fb":false}')!;
    // Reject all clicked at +1 s; the tracker fires at +1.5 s; the manager stores accept-all at +3 s.
    const bent = deriveVisit(visit(), [
      clickEntry(T0 + 1000, 'reject-all'),
      cio(T0 + 1500),
      consentEntry(klaroAccept, { at: T0 + 3000 }),
    ]);
    expect(bent.consent.choices).toMatchObject([{ at: T0 + 3000, choice: { kind: 'accept-all' } }]);
    expect(bent.findings[0]).toMatchObject({ phase: 'before-consent', violation: true });
    expect(bent.consent.lines.find((l) => l.state === 'click')?.status).toBe('click-contradicted');
    expect(bent.consent.contradicted).toMatchObject([
      { action: 'reject-all', clickAt: T0 + 1000, storedAt: T0 + 3000 },
    ]);
    expect(bent.verdict.severity).toBe('violation');
    expect(bent.verdict.text).toMatch(
      /the visitor clicked reject all at .*, and Klaro then stored: accepted at /,
    );
    expect(bent.consentState).toContain('the stored choice contradicts the visitor’s click');
    // A site that waits past the click window to overwrite the refusal is caught too, even after storing it.
    for (const refusedFirst of [false, true]) {
      const late = deriveVisit(visit(), [
        clickEntry(T0 + 1000, 'reject-all'),
        ...(refusedFirst ? [consentEntry(klaroReject, { at: T0 + 1200 })] : []),
        consentEntry(klaroAccept, { at: T0 + 60_000 }),
        cio(T0 + 61_000),
      ]);
      expect(late.consent.contradicted, String(refusedFirst)).toMatchObject([
        { action: 'reject-all', clickAt: T0 + 1000, storedAt: T0 + 60_000 },
      ]);
      expect(late.verdict.severity).toBe('violation');
    }
    // A click of the visitor's in between (saving new settings) makes the later choice theirs.
    const changedMind = deriveVisit(visit(), [
      clickEntry(T0 + 1000, 'reject-all'),
      clickEntry(T0 + 50_000, 'save-settings'),
      consentEntry(klaroAccept, { at: T0 + 50_100 }),
    ]);
    expect(changedMind.consent.contradicted).toEqual([]);
    // The first refusal, which nothing stored, stands until then.
    expect(changedMind.consent.choices).toMatchObject([
      { at: T0 + 1000, clicked: { action: 'reject-all' }, choice: { kind: 'reject-all' } },
      { at: T0 + 50_000, choice: { kind: 'accept-all' } },
    ]);
    // Accept all clicked, nothing that needs consent stored: contradicted too.
    const inverted = deriveVisit(visit(), [
      clickEntry(T0 + 1000, 'accept-all'),
      consentEntry(klaroReject, { at: T0 + 1200 }),
    ]);
    expect(inverted.consent.contradicted).toHaveLength(1);
    // The click that agrees, and saving settings whatever they say, date the choice as before.
    for (const [action, signal] of [
      ['reject-all', klaroReject],
      ['save-settings', klaroAccept],
      ['save-settings', klaroReject],
    ] as const) {
      const d = deriveVisit(visit(), [
        clickEntry(T0 + 1000, action),
        consentEntry(signal, { at: T0 + 1200 }),
      ]);
      expect(d.consent.contradicted, action).toEqual([]);
      expect(d.consent.choices[0]!.at, action).toBe(T0 + 1000);
    }
  });

  it('settings saved with every optional switch off refuse: a stored accept after them is contradicted', () => {
    const klaroAccept = signalFromCookie('klaro', '{"ga":true,"fb":true}')!;
    const klaroReject = signalFromCookie('klaro', '{"ga":false,"fb":false}')!;
    const saved = (at: number, switches?: { on: number; off: number }) => {
      const e = clickEntry(at, 'save-settings');
      return { ...e, click: { ...e.click!, ...(switches && { switches }) } };
    };
    // The visitor saved with both switches off; the site's Save handler stored accept-all anyway.
    const bent = deriveVisit(visit(), [
      saved(T0 + 1000, { on: 0, off: 2 }),
      consentEntry(klaroAccept, { at: T0 + 1200 }),
      cio(T0 + 1500),
    ]);
    expect(bent.consent.contradicted).toMatchObject([
      { action: 'save-settings', switches: { on: 0, off: 2 }, clickAt: T0 + 1000, storedAt: T0 + 1200 },
    ]);
    expect(bent.consent.lines.find((l) => l.state === 'click')?.status).toBe('click-contradicted');
    expect(bent.verdict.severity).toBe('violation');
    expect(bent.verdict.text).toMatch(
      /the visitor clicked save settings with every optional switch off \(2\) at .*, and Klaro then stored: accepted at /,
    );
    // The same Save with a switch on, or with no switch read, is settings of unknown content: the accept is theirs.
    for (const switches of [{ on: 1, off: 1 }, undefined]) {
      const d = deriveVisit(visit(), [
        saved(T0 + 1000, switches),
        consentEntry(klaroAccept, { at: T0 + 1200 }),
        cio(T0 + 1500),
      ]);
      expect(d.consent.contradicted, JSON.stringify(switches)).toEqual([]);
      expect(d.findings[0], JSON.stringify(switches)).toMatchObject({
        phase: 'after-accept',
        violation: false,
      });
    }
    // Stored as refused: no contradiction, and the tracker after it fired after the refusal.
    const honest = deriveVisit(visit(), [
      saved(T0 + 1000, { on: 0, off: 2 }),
      consentEntry(klaroReject, { at: T0 + 1200 }),
      cio(T0 + 1500),
    ]);
    expect(honest.consent.contradicted).toEqual([]);
    expect(honest.findings[0]).toMatchObject({ phase: 'after-reject', violation: true });
    // No record we can read: the Save itself is the refusal, as Reject all would be.
    const clickOnly = deriveVisit(visit(), [saved(T0 + 1000, { on: 0, off: 3 }), cio(T0 + 1500)]);
    expect(clickOnly.findings[0]).toMatchObject({ phase: 'after-reject', violation: true });
    expect(clickOnly.consentState).toMatch(
      /the visitor clicked save settings with every optional switch off \(3\) at \d\d:\d\d:\d\d \(no stored choice was read\): trackers after it count as after a refusal/,
    );
    const line = clickOnly.consent.lines.find((l) => l.state === 'click')!;
    expect(consentEventText(line)).toBe('Klaro: clicked save settings with every optional switch off (3)');
  });

  it('sightings dropped from between the kept times count in the violating phase of their two neighbours', () => {
    const klaroAccept = signalFromCookie('klaro', '{"ga":true,"fb":true}')!;
    // 100 sightings: the first 32 kept ones before the accept, the last 32 after it, 36 dropped in between.
    const times = [
      ...Array.from({ length: 32 }, (_, i) => T0 + i),
      ...Array.from({ length: 32 }, (_, i) => T0 + 10_000 + i),
    ];
    const many = cio(T0, { times, count: 100 });
    const d = deriveVisit(visit(), [many, consentEntry(klaroAccept, { at: T0 + 5_000 })]);
    const counts = Object.fromEntries(d.findings.map((f) => [f.phase, f.count]));
    // When the 36 happened is unknown: counted before consent, not after accept.
    expect(counts).toEqual({ 'before-consent': 68, 'after-accept': 32 });
    // All kept sightings before the accept: the dropped ones too.
    const early = cio(T0, { times: times.map((t) => t - 20_000), count: 100 });
    const e = deriveVisit(visit(), [early, consentEntry(klaroAccept, { at: T0 + 5_000 })]);
    expect(e.findings.map((f) => [f.phase, f.count])).toEqual([['before-consent', 100]]);
  });

  it("hosts of the site's own organisation are first party, not tracker violations", () => {
    const own = entry({
      host: 'rover.shop.example',
      at: T0 + 10,
      ownOrganisation: true,
      classification: {
        vendor: 'shop-ads',
        vendorName: 'Shop Ads',
        company: null,
        category: 'advertising',
        thirdParty: false,
        reason: 'host',
      },
    });
    const d = deriveVisit(visit(), [own]);
    expect(d.findings[0]).toMatchObject({ vendorId: null, violation: false, thirdParty: false });
    expect(d.verdict.violating).toBe(0);
  });

  it('Google Consent Mode is an evidence line, never the visitor’s choice', () => {
    const gcm = signalFromGoogleRequest(
      'https://www.google-analytics.com/g/collect?v=2&tid=G-X&gcs=G111&gcd=13r3r3r3r5',
    )!;
    const d = deriveVisit(visit(), [
      consentEntry(gcm, {
        at: T0 + 10,
        via: 'webRequest',
        host: 'www.google-analytics.com',
        site: 'google-analytics.com',
      }),
      cio(T0 + 20),
    ]);
    expect(d.consent.choices).toEqual([]);
    expect(d.consent.signals[0]).toMatch(/^Google Consent Mode/);
    expect(d.consentState).toBe('no consent tool detected');
    expect(d.findings[0]!.violation).toBe(true);
  });

  it('Usercentrics v3: Accept all read from ucData counts; the essential-only record it keeps after Deny all or by default says nothing', () => {
    const stored = (value: string, at: number) =>
      consentEntry(signalFromStorage('ucData', value)!, { at, provenance: 'detector', via: 'localStorage' });
    const accepted = deriveVisit(visit(), [
      cio(T0 + 500),
      clickEntry(T0 + 1000, 'accept-all', 'usercentrics'),
      stored(UC3_ACCEPT_ALL, T0 + 1200),
      cio(T0 + 2000, { id: 'late' }),
    ]);
    expect(accepted.findings.map((f) => f.phase).sort()).toEqual(['after-accept', 'before-consent']);
    expect(accepted.consent.lines.map((l) => `${l.state} ${l.status}`).sort()).toEqual([
      'choice counted',
      'click click-confirmed',
    ]);
    expect(signalFromStorage('ucData', UC3_ESSENTIAL_ONLY)).toBeNull();
    const refused = deriveVisit(visit(), [
      clickEntry(T0 + 1000, 'reject-all', 'usercentrics'),
      cio(T0 + 2000),
    ]);
    // The visitor's Deny all, which no record we read states, is the refusal itself.
    expect(refused.findings[0]).toMatchObject({ phase: 'after-reject', violation: true });
    // The consent line says the visitor answered and that no stored choice was read, not "no choice yet".
    expect(refused.consentState).toMatch(
      /^Usercentrics · the visitor clicked reject all at \d\d:\d\d:\d\d \(no stored choice was read\): trackers after it count as after a refusal$/,
    );
  });

  it('a Klaro choice that switched Customer.io off by name makes its tracking after a refusal, not a choice to review', () => {
    const custom = signalFromCookie(
      'klaro',
      encodeURIComponent('{"google-analytics":true,"customerio":false}'),
    )!;
    const d = deriveVisit(visit(), [
      clickEntry(T0 + 1000, 'save-settings'),
      consentEntry(custom, { at: T0 + 1100 }),
      cio(T0 + 2000),
    ]);
    expect(d.findings[0]).toMatchObject({ phase: 'after-reject', violation: true });
    expect(d.verdict.text).toBe('1 marketing tracker fired after consent was refused');
    // The consent line says what the visitor switched on and off, by the manager's own names.
    expect(d.consentState).toContain(
      'custom choice (on, purpose unknown: google-analytics; switched off: customerio)',
    );
  });

  it('the manager’s own cookie is covered by a custom choice as strictly necessary ones are', () => {
    // Porsche's banner records Accept all as the list of the site's categories: a custom choice. Its own cookie
    // (consent category) read "after reject" under it, and "after an unclear choice" under Klaro's unmapped one.
    const own = (at: number) =>
      entry({
        host: 'shop.example',
        at,
        kind: 'cookie',
        via: 'cookies-api',
        cookie: { name: 'klaro', domain: 'shop.example', action: 'set', valueLength: 9, valueHash: 'h' },
        classification: {
          vendor: 'klaro',
          vendorName: 'Klaro',
          company: null,
          category: 'consent',
          thirdParty: false,
          reason: 'consent cookie',
        },
      });
    const custom = signalFromCookie(
      'klaro',
      encodeURIComponent('{"google-analytics":true,"customerio":false}'),
    )!;
    expect(custom.choice!.kind).toBe('custom');
    const d = deriveVisit(visit(), [consentEntry(custom, { at: T0 + 100 }), own(T0 + 200)]);
    expect(d.findings.map((f) => [f.phase, f.violation])).toEqual([['after-accept', false]]);
    // A refusal is still a refusal, for the manager's cookie too.
    const refused = signalFromCookie('klaro', encodeURIComponent('{"google-analytics":false}'))!;
    const r = deriveVisit(visit(), [consentEntry(refused, { at: T0 + 100 }), own(T0 + 200)]);
    expect(r.findings.map((f) => [f.phase, f.violation])).toEqual([['after-reject', false]]);
  });

  it('browser-only leaves out detector and page evidence', () => {
    const klaroAccept = signalFromCookie('klaro', '{"ga":true}')!;
    const entries = [
      consentEntry(klaroAccept, { at: T0 + 100, provenance: 'detector', via: 'localStorage' }),
      cio(T0 + 200),
    ];
    expect(deriveVisit(visit(), entries).findings[0]!.phase).toBe('after-accept');
    const browserOnly = deriveVisit(visit(), entries, { browserOnly: true });
    expect(browserOnly.findings[0]).toMatchObject({ phase: 'before-consent', violation: true });
    expect(browserOnly.consent.lines).toEqual([]);
  });
});

describe('deriveVisit: one rule for a distinct vendor', () => {
  it('a vendor with findings in two categories is one party, counted once', () => {
    const fb = (host: string, category: CategoryOrUnknown, at: number) =>
      entry({
        host,
        at,
        classification: {
          vendor: 'facebook',
          vendorName: 'Meta',
          company: null,
          category,
          thirdParty: true,
          reason: 'host',
        },
      });
    const d = deriveVisit(visit(), [
      fb('connect.facebook.net', 'social', T0 + 1),
      fb('www.facebook.com', 'marketing', T0 + 2),
    ]);
    expect(d.parties).toHaveLength(1);
    expect(d.parties[0]).toMatchObject({ category: 'marketing', violation: true });
    expect(d.verdict.beforeConsent).toEqual([{ category: 'marketing', vendors: 1 }]);
    expect(d.verdict.text).toBe('1 marketing tracker fired before consent');
    expect(d.badge).toMatchObject({ text: '1', color: 'violation' });
  });

  it('property: verdict counts equal the grouped vendor list, and the badge agrees', () => {
    const categories = [...CATEGORIES, 'unknown'] as const;
    const arbEntry = fc.record({
      host: fc.constantFrom('a.example', 'b.example', 'c.example', 'd.example', 'e.example'),
      vendor: fc.option(fc.constantFrom('v1', 'v2', 'v3', 'v4'), { nil: null }),
      category: fc.constantFrom(...categories),
      at: fc.integer({ min: 0, max: 20_000 }),
      kind: fc.constantFrom('request' as const, 'cookie' as const),
    });
    const arbChoice = fc.option(
      fc.record({
        at: fc.integer({ min: 0, max: 20_000 }),
        value: fc.constantFrom(OPTANON_ACCEPT_ALL, OPTANON_REJECT_ALL),
        main: fc.boolean(),
        // The visitor's click this long before the stored choice, if any (it may agree or contradict).
        click: fc.option(
          fc.record({
            before: fc.integer({ min: 0, max: 12_000 }),
            action: fc.constantFrom('accept-all' as const, 'reject-all' as const, 'save-settings' as const),
          }),
          { nil: null },
        ),
      }),
      { nil: null },
    );
    fc.assert(
      fc.property(fc.array(arbEntry, { maxLength: 40 }), arbChoice, (items, choice) => {
        const entries: EvidenceEntry[] = items.map((it, n) =>
          entry({
            id: `e${n}`,
            host: it.host,
            at: T0 + it.at,
            kind: it.kind,
            key: it.kind === 'cookie' ? `c@${it.host}` : it.host,
            ...(it.kind === 'cookie' && {
              cookie: { name: 'c', domain: it.host, action: 'set' as const, valueLength: 1, valueHash: 'h' },
            }),
            classification: {
              vendor: it.vendor,
              vendorName: null,
              company: null,
              category: it.category,
              thirdParty: true,
              reason: 'r',
            },
          }),
        );
        if (choice) {
          const s = optanon(choice.value);
          entries.push(
            consentEntry(s, {
              at: T0 + choice.at,
              via: choice.main ? 'cookie-header' : 'cookies-api',
              consent: { signal: s, ...(choice.main && { mainFrame: true }) },
            }),
          );
          if (choice.click)
            entries.push(clickEntry(T0 + choice.at - choice.click.before, choice.click.action, 'onetrust'));
        }
        const d = deriveVisit(visit(), entries);
        const rows = groupVendors(d, []).flatMap((g) => g.rows);
        const violatingRows = rows.filter((r) => r.violation);
        expect(violatingRows.length).toBe(d.verdict.violating);
        const sum = (c: { vendors: number }[]) => c.reduce((n, x) => n + x.vendors, 0);
        expect(sum(d.verdict.beforeConsent)).toBe(
          violatingRows.filter((r) => r.violationPhases.includes('before-consent')).length,
        );
        expect(sum(d.verdict.afterReject)).toBe(
          violatingRows.filter((r) => r.violationPhases.includes('after-reject')).length,
        );
        for (const c of d.verdict.beforeConsent)
          expect(
            violatingRows.filter(
              (r) => r.category === c.category && r.violationPhases.includes('before-consent'),
            ).length,
          ).toBe(c.vendors);
        if (d.verdict.violating)
          expect(d.badge).toMatchObject({ text: String(d.verdict.violating), color: 'violation' });
        else expect(d.badge.color).not.toBe('violation');
        expect(d.verdict.severity === 'violation').toBe(
          d.verdict.violating > 0 || d.consent.withoutInteraction || d.consent.contradicted.length > 0,
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('deriveVisit: page reports of an observed value', () => {
  it('join the browser line as a channel and never move its time', () => {
    const accept = optanon(OPTANON_ACCEPT_ALL);
    // The page announces the cookie at +100 ms but writes it only at +5 s; a tracker fires at +200 ms.
    const d = deriveVisit(visit(), [
      consentEntry(accept, { at: T0 + 100, provenance: 'page', via: 'document.cookie' }),
      consentEntry(accept, { at: T0 + 5000, via: 'cookies-api' }),
      cio(T0 + 200),
    ]);
    expect(d.findings[0]).toMatchObject({ phase: 'before-consent', violation: true });
    expect(d.consent.lines).toHaveLength(1);
    expect(d.consent.lines[0]).toMatchObject({
      status: 'counted',
      provenance: 'browser',
      at: T0 + 5000,
      vias: ['document.cookie', 'cookies-api'],
    });
  });
});

describe('deriveVisit: web storage', () => {
  it('a tracker key written to localStorage before consent is a violation like a cookie', () => {
    const seg = entry({
      host: 'shop.example',
      at: T0 + 400,
      kind: 'storage',
      key: 'localStorage:ajs_anonymous_id',
      provenance: 'detector',
      via: 'localStorage',
      storage: { area: 'localStorage', name: 'ajs_anonymous_id', valueLength: 38, valueHash: 'h' },
      classification: {
        vendor: 'segment',
        vendorName: 'Segment',
        company: null,
        category: 'analytics',
        thirdParty: false,
        reason: 'storage key',
      },
    });
    const d = deriveVisit(visit(), [seg]);
    expect(d.findings[0]).toMatchObject({
      kind: 'storage',
      storageArea: 'localStorage',
      phase: 'before-consent',
      violation: true,
    });
    expect(d.verdict.text).toBe('1 analytics tracker fired before consent');
    // Detector evidence: left out when the report shows browser-observed evidence only.
    expect(deriveVisit(visit(), [seg], { browserOnly: true }).findings).toEqual([]);
  });
});

describe('deriveVisit: a cookie removed', () => {
  const ga = (at: number, action: 'set' | 'removed', provenance: EvidenceEntry['provenance']) =>
    entry({
      host: 'shop.example',
      at,
      kind: 'cookie',
      via: provenance === 'page' ? 'document.cookie' : 'cookies-api',
      provenance,
      cookie: { name: '_ga', domain: 'shop.example', action, valueLength: 0, valueHash: 'h' },
      classification: {
        vendor: 'google-analytics',
        vendorName: 'Google Analytics',
        company: 'Google LLC',
        category: 'analytics',
        thirdParty: false,
        reason: 'cookie _ga',
      },
    });
  const reject = consentEntry(optanon(OPTANON_REJECT_ALL), { at: T0 + 500, via: 'cookies-api' });

  it('is not the tracker firing: a manager deleting trackers’ cookies on a refusal is no violation', () => {
    // Cookies EU banner's Reject writes `_ga=; expires=1970…` (page world) whether or not `_ga` exists.
    const d = deriveVisit(visit(), [
      reject,
      ga(T0 + 600, 'removed', 'page'),
      ga(T0 + 601, 'removed', 'browser'),
    ]);
    expect(d.findings).toEqual([]);
    expect(d.verdict.text).not.toMatch(/fired/);
  });
  it('leaves the cookie’s own sightings as they were: set before consent, then removed after the refusal', () => {
    const d = deriveVisit(visit(), [
      ga(T0 + 100, 'set', 'browser'),
      reject,
      ga(T0 + 600, 'removed', 'browser'),
    ]);
    expect(d.findings.map((f) => [f.phase, f.violation])).toEqual([['before-consent', true]]);
    // Set again after the refusal: that is the tracker's cookie after a refusal.
    const again = deriveVisit(visit(), [
      reject,
      ga(T0 + 600, 'removed', 'page'),
      ga(T0 + 700, 'set', 'browser'),
    ]);
    expect(again.findings.map((f) => [f.phase, f.violation])).toEqual([['after-reject', true]]);
  });
});

describe('deriveVisit: naming the manager', () => {
  it('falls back to the page’s own CMP API for the name, which changes no phase', () => {
    const shown: ConsentSignal = { tool: 'tcf', state: 'banner', via: 'tcfapi', raw: 'cmpuishown' };
    const d = deriveVisit(visit(), [
      consentEntry(shown, { at: T0 + 10, provenance: 'page', via: 'tcfapi' }),
      cio(T0 + 20),
    ]);
    expect(d.consent.tool).toBe('tcf');
    expect(d.consentState).toBe('IAB TCF · no choice yet');
    expect(d.findings[0]).toMatchObject({ phase: 'before-consent', violation: true });
  });
  it('a stored record names the manager whose format it is, not the first one its cookie name belongs to', () => {
    // react-cookie-consent's default cookie is `CookieConsent`, Cookiebot's name too; the detector (which sees
    // names only) reported Cookiebot on the returning visit.
    const cookie = (name: string, value: string) =>
      entry({
        host: 'shop.example',
        at: T0 + 5,
        kind: 'cookie',
        via: 'jar',
        cookie: { name, domain: 'shop.example', action: 'set', valueLength: value.length, valueHash: 'h' },
      });
    const detected = entry({
      host: 'shop.example',
      kind: 'tool',
      via: 'autoconsent',
      provenance: 'detector',
    });
    const react = deriveVisit(visit(), [
      cookie('CookieConsent', 'true'),
      { ...detected, tool: { tool: 'cookiebot', bannerShown: false } },
      consentEntry(signalFromCookie('CookieConsent', 'true')!, { at: T0 + 5, via: 'jar' }),
    ]);
    expect(react.consent.tool).toBe('react-cookie-consent');
    expect(react.consentState).toMatch(/^react-cookie-consent · accepted before this visit/);
    const cookiebot = deriveVisit(visit(), [
      cookie('CookieConsent', COOKIEBOT_ACCEPT_ALL),
      consentEntry(signalFromCookie('CookieConsent', COOKIEBOT_ACCEPT_ALL)!, { at: T0 + 5, via: 'jar' }),
    ]);
    expect(cookiebot.consentState).toMatch(/^Cookiebot · accepted/);
  });
});

describe('deriveVisit: the jar at commit', () => {
  it('carries a choice over only when nothing wrote it during the visit', () => {
    const accept = optanon(OPTANON_ACCEPT_ALL);
    const strict = deriveVisit(visit(), [
      consentEntry(accept, { at: T0, via: 'jar', frame: 'main' }),
      cio(T0 + 50),
    ]);
    expect(strict.consent.choices[0]).toMatchObject({ carriedOver: true });
    // The page's script wrote the accept-all right at load, racing our read of the jar.
    const racing = deriveVisit(visit(), [
      consentEntry(accept, { at: T0 + 30, via: 'cookies-api' }),
      consentEntry(accept, { at: T0, via: 'jar', frame: 'main' }),
      cio(T0 + 10),
    ]);
    expect(racing.consent.choices[0]).toMatchObject({ carriedOver: false, at: T0 + 30 });
    expect(racing.findings[0]).toMatchObject({ phase: 'before-consent', violation: true });
  });
});
