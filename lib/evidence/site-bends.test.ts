// Records a site can store to bend the verdict without the visitor: each must leave the trackers a violation.
import { describe, expect, it } from 'vitest';
import { signalFromCookie, signalsFromJar } from '../consent/signals';
import {
  COOKIEBOT_REJECT_ALL,
  OPTANON_ACCEPT_ALL,
  OPTANON_ALERT_BOX_CLOSED,
  OPTANON_REJECT_ALL,
} from '../consent/__fixtures__/cookies';
import type { ConsentSignal } from '../consent/types';
import {
  T0,
  bannerEntry,
  activationEntry,
  cioEntry,
  clickEntry,
  consentEntry,
  observedRequest,
  visit,
} from '../report/__fixtures__/visit';
import { deriveVisit } from './derive';
import { consentEventText } from '../report/consent';
import type { EvidenceEntry } from './types';
import { decideStored, EMPTY_INTERACTION } from './unprompted';
import { actionFromText, classifyClick } from '../consent/click';
import { CODE_RULES } from '../consent/click-rules';
import { mergeSighting } from './merge';
import type { Sighting } from './types';
import { cookieSighting, requestSighting } from '../record';
import { indexClassifier } from '../classifier';
import { loadNodeVendorIndex } from '../../scripts/node-vendor-db';

const activation = activationEntry;
const carried = (signal: ConsentSignal): EvidenceEntry =>
  consentEntry(signal, { at: T0, via: 'cookie-header', frame: 'main', consent: { signal, mainFrame: true } });
const phases = (d: ReturnType<typeof deriveVisit>) => d.findings.map((f) => [f.phase, f.violation]);
const outcome = (d: ReturnType<typeof deriveVisit>) => ({
  phases: phases(d),
  without: d.consent.withoutInteraction,
  severity: d.verdict.severity,
});
/** One tracker before consent, the record stored without interaction, and the verdict a violation. */
const FLAGGED_BEFORE_CONSENT = { phases: [['before-consent', true]], without: true, severity: 'violation' };

// OneTrust with every known group off and one group of the site's own (which we cannot map) on.
const ownPurposeOnly = signalFromCookie(
  'OptanonConsent',
  OPTANON_REJECT_ALL.replace('C0005%3A0', 'C0005%3A0%2CBG42%3A1'),
)!;

describe('records a site stores on its own', () => {
  it('"only our own purpose on", stored with no interaction: stored without interaction, trackers before consent', () => {
    expect(ownPurposeOnly.choice).toMatchObject({
      kind: 'custom',
      granted: ['necessary'],
      unmapped: ['BG42'],
    });
    const d = deriveVisit(visit(), [
      activation(T0 + 10, false),
      consentEntry(ownPurposeOnly, { at: T0 + 50, via: 'cookies-api' }),
      cioEntry(T0 + 2_000),
    ]);
    expect(outcome(d)).toEqual(FLAGGED_BEFORE_CONSENT);
    // Remembered as the site's, so a later visit bringing it back does not carry it over as the visitor's.
    expect(
      decideStored(
        { ...EMPTY_INTERACTION, watchedAt: T0 },
        ownPurposeOnly,
        { via: 'cookies-api' },
        T0 + 50,
        T0 + 9e3,
      ),
    ).toBe('remember');
  });

  it('a Reject all click followed only by a record we cannot read stays a refusal', () => {
    const closed = signalFromCookie('OptanonAlertBoxClosed', OPTANON_ALERT_BOX_CLOSED)!;
    expect(closed.choice).toBeUndefined();
    const d = deriveVisit(visit(), [
      activation(T0 + 10, false),
      activation(T0 + 1_000, true),
      clickEntry(T0 + 1_000, 'reject-all', 'onetrust'),
      consentEntry(closed, { at: T0 + 1_300, via: 'cookies-api' }),
      cioEntry(T0 + 5_000),
    ]);
    expect({ phases: phases(d), severity: d.verdict.severity }).toEqual({
      phases: [['after-reject', true]],
      severity: 'violation',
    });
  });

  it("re-writing the visitor's choice with a service switched back on is not restating it", () => {
    const klaro = (cio: boolean) =>
      signalFromCookie(
        'klaro',
        encodeURIComponent(JSON.stringify({ youtube: true, 'customer-io': cio, matomo: false })),
      )!;
    const brought = deriveVisit(visit(), [
      carried(klaro(false)),
      activation(T0 + 10, false),
      cioEntry(T0 + 5_000),
    ]);
    expect(phases(brought)).toEqual([['after-reject', true]]);
    const d = deriveVisit(visit(), [
      carried(klaro(false)),
      activation(T0 + 10, false),
      consentEntry(klaro(true), { at: T0 + 300, via: 'cookies-api' }),
      cioEntry(T0 + 5_000),
    ]);
    expect({ phases: phases(d), without: d.consent.withoutInteraction }).toEqual({
      phases: [['after-reject', true]],
      without: true,
    });
  });

  it("re-writing it with a purpose of the site's own added is not restating it either", () => {
    const base = 'interactionCount=1&groups=C0001%3A1%2CC0002%3A1%2CC0003%3A0%2CC0004%3A0%2CC0005%3A0';
    const brought = signalFromCookie('OptanonConsent', base)!;
    const widened = signalFromCookie('OptanonConsent', `${base}%2CBG42%3A1&datestamp=later`)!;
    const d = deriveVisit(visit(), [
      carried(brought),
      activation(T0 + 10, false),
      consentEntry(widened, { at: T0 + 300, via: 'cookies-api' }),
      cioEntry(T0 + 5_000),
    ]);
    expect({ phases: phases(d), without: d.consent.withoutInteraction }).toEqual({
      phases: [['after-reject', true]],
      without: true,
    });
  });
});

describe('a cookie re-set to look harmless', () => {
  const classifier = indexClassifier(loadNodeVendorIndex());
  const v = visit();
  const set = (name: string, value: string, at: number, lifetimeSeconds: number) =>
    cookieSighting(
      v,
      { name, value, domain: 'shop.example', via: 'set-cookie', provenance: 'browser', at, lifetimeSeconds },
      classifier,
      false,
    );
  const folded = (...sightings: Sighting[]): EvidenceEntry[] => {
    const byId = new Map<string, EvidenceEntry>();
    for (const x of sightings) byId.set(x.id, mergeSighting(byId.get(x.id), x));
    return [...byId.values()];
  };
  const found = (entries: EvidenceEntry[]) =>
    deriveVisit(v, entries).findings.map((f) => [f.category, f.phase, f.violation]);

  it('an identifier set long-lived before consent, re-set short-lived later, stays what it was', () => {
    const id = '6f1c3a52-8a2e-4b0a-9f4e-2d6c0b7e1a44';
    expect(found(folded(set('k9x', id, T0 + 100, 3e7)))).toEqual([['analytics', 'before-consent', true]]);
    expect(found(folded(set('k9x', id, T0 + 100, 3e7), set('k9x', id, T0 + 60_000, 3_600)))).toEqual([
      ['analytics', 'before-consent', true],
    ]);
  });

  it("a tracker's cookie overwritten with a value shaped like a consent record stays the tracker's", () => {
    const record = Buffer.from(JSON.stringify({ choices: { necessary: true } }))
      .toString('base64')
      .replace(/=+$/, '');
    expect(
      found(folded(set('_cio', 'a1b2c3d4e5', T0 + 100, 3e7), set('_cio', record, T0 + 60_000, 3e7))),
    ).toEqual([['marketing', 'before-consent', true]]);
  });
});

describe('a cookie name two vendors list', () => {
  const classifier = indexClassifier(loadNodeVendorIndex());
  const v = visit();
  const marketingOnly = signalFromCookie(
    'OptanonConsent',
    'interactionCount=1&groups=C0001%3A1%2CC0002%3A0%2CC0003%3A0%2CC0004%3A1%2CC0005%3A0',
  )!;
  const cookie = cookieSighting(
    v,
    {
      name: 'ajs_anonymous_id',
      value: '6f1c3a52-8a2e-4b0a-9f4e-2d6c0b7e1a44',
      domain: 'shop.example',
      via: 'set-cookie',
      provenance: 'browser',
      at: T0 + 9_000,
      lifetimeSeconds: 3e7,
    },
    classifier,
    false,
  );
  const base = [
    activationEntry(T0 + 10, false),
    activationEntry(T0 + 4_000, true),
    consentEntry(marketingOnly, { at: T0 + 4_100, via: 'cookies-api' }),
    mergeSighting(undefined, cookie),
  ];
  const cookieFinding = (d: ReturnType<typeof deriveVisit>) =>
    d.findings.filter((f) => f.kind === 'cookie').map((f) => [f.vendorId, f.category, f.phase, f.violation]);

  it("is not given to the claimant whose requests the page shows when the choice allows only that one's purpose", () => {
    // Segment's name; no Segment request seen (proxied), Customer.io's seen: the choice refuses analytics only.
    expect(cookieFinding(deriveVisit(v, base))).toEqual([['segment', 'analytics', 'after-reject', true]]);
    const cio = mergeSighting(
      undefined,
      requestSighting(v, observedRequest('https://track.customer.io/v1/e', T0 + 5_000), classifier),
    );
    const d = deriveVisit(v, [...base, cio]);
    expect(cookieFinding(d)).toEqual([[null, 'unknown', 'after-reject', false]]);
    expect(d.findings.find((f) => f.kind === 'cookie')!.reason).toMatch(
      /which of them wrote it is not known/,
    );
  });
});

describe('sightings whose times were not kept', () => {
  it('a refusal in force only between the kept times still counts them as after the refusal', () => {
    const classifier = indexClassifier(loadNodeVendorIndex());
    const accept = signalFromCookie('OptanonConsent', OPTANON_ACCEPT_ALL)!;
    const reject = signalFromCookie('OptanonConsent', OPTANON_REJECT_ALL)!;
    const v = visit();
    const beacon = (at: number) =>
      requestSighting(v, observedRequest('https://track.customer.io/v1/e', at), classifier);
    const R = T0 + 40_000; // the visitor's Reject all
    const O = T0 + 60_000; // the site stores accept again, 20 s later
    const times = [
      ...Array.from({ length: 39 }, (_, i) => T0 + 1_000 * (i + 1)),
      ...Array.from({ length: 19 }, (_, i) => R + 1_000 * (i + 1)),
      ...Array.from({ length: 40 }, (_, i) => O + 1_000 * (i + 1)),
    ];
    let entry: EvidenceEntry | undefined;
    for (const t of times) entry = mergeSighting(entry, beacon(t));
    // Only the first and last 32 times are kept: none of those inside the refusal.
    expect(entry!.times.some((t) => t > R && t < O)).toBe(false);
    const d = deriveVisit(v, [
      carried(accept),
      activationEntry(T0 + 10, false),
      activationEntry(R, true),
      clickEntry(R, 'reject-all', 'onetrust'),
      consentEntry(reject, { at: R + 300, via: 'cookies-api' }),
      consentEntry(signalFromCookie('OptanonConsent', `${OPTANON_ACCEPT_ALL}&x=1`)!, {
        at: O,
        via: 'cookies-api',
      }),
      entry!,
    ]);
    expect(d.consent.contradicted).toHaveLength(1);
    const cio = d.parties.find((p) => p.vendorId === 'customer-io')!;
    expect(cio.violationPhases).toEqual(['after-reject']);
    expect(d.findings.reduce((n, f) => n + f.count, 0)).toBe(times.length);
  });
});

describe('a consent record another site seeded', () => {
  it('brought back as remembered from that seeding: stored without interaction, said where it came from', () => {
    const accept = signalFromCookie('OptanonConsent', OPTANON_ACCEPT_ALL)!;
    const seededAt = T0 - 86_400_000;
    const brought = consentEntry(accept, {
      at: T0,
      via: 'cookie-header',
      frame: 'main',
      consent: {
        signal: accept,
        mainFrame: true,
        unpromptedOn: { visitId: 'blog-visit', at: seededAt, onSite: 'blog.example' },
      },
    });
    const d = deriveVisit(visit(), [activation(T0 + 10, false), brought, cioEntry(T0 + 2_000)]);
    expect({ phases: phases(d), without: d.consent.withoutInteraction }).toEqual({
      phases: [['before-consent', true]],
      without: true,
    });
    const line = d.consent.lines.find((l) => l.status === 'without-interaction')!;
    expect(line.storedUnprompted).toEqual({ at: seededAt, onSite: 'blog.example' });
    expect(consentEventText(line)).toMatch(
      /accepted all, as the site stored it without interaction on an earlier visit \(.+, by a request of a page of blog\.example\)$/,
    );
  });
});

describe('a consent record stored while no page of the site was open', () => {
  it('brought back: stored without interaction, said when and that no page was open', () => {
    const accept = signalFromCookie('OptanonConsent', OPTANON_ACCEPT_ALL)!;
    const storedAt = T0 - 3_600_000;
    const brought = consentEntry(accept, {
      at: T0,
      via: 'cookie-header',
      frame: 'main',
      consent: { signal: accept, mainFrame: true, unpromptedOn: { visitId: '', at: storedAt, noPage: true } },
    });
    const d = deriveVisit(visit(), [activation(T0 + 10, false), brought, cioEntry(T0 + 2_000)]);
    expect({ phases: phases(d), without: d.consent.withoutInteraction }).toEqual({
      phases: [['before-consent', true]],
      without: true,
    });
    const line = d.consent.lines.find((l) => l.status === 'without-interaction')!;
    expect(line.storedUnprompted).toEqual({ at: storedAt, noPage: true });
    expect(consentEventText(line)).toMatch(
      /accepted all, as the site stored it while no page of it was open \(.+\), with no input of the visitor's on the site just before$/,
    );
  });
});

const accept = signalFromCookie('OptanonConsent', OPTANON_ACCEPT_ALL)!;
const reject = signalFromCookie('OptanonConsent', OPTANON_REJECT_ALL)!;

describe('a main-frame redirect that stores the accept it then sends', () => {
  // Reachable: the returning visitor refused, so `OptanonConsent=<reject>` goes with the navigation to
  // https://shop.example/. The site answers `302 Location: /home` with `Set-Cookie: OptanonConsent=<accept-all>`;
  // the browser follows the redirect in the same navigation (same webRequest requestId, so the same pending visit:
  // lib/tab-state.ts onMainFrameRequest) and the redirected main-frame request carries the new cookie in its
  // Cookie header, recorded `cookie-header` with `mainFrame: true`. Nothing of the visitor's was involved: a value
  // sent with the document only after a main-frame response of the visit set it is this visit's, not brought.
  const entries = () => [
    activationEntry(T0 + 5, false),
    // The visitor's refusal, sent with the first main-frame request.
    consentEntry(reject, {
      at: T0,
      via: 'cookie-header',
      frame: 'main',
      consent: { signal: reject, mainFrame: true },
    }),
    // The 302's Set-Cookie (a main-frame response of this visit) ...
    consentEntry(accept, {
      at: T0 + 40,
      via: 'set-cookie',
      frame: 'main',
      consent: { signal: accept, mainFrame: true },
    }),
    // ... and the redirected main-frame request sending it back.
    consentEntry(accept, {
      at: T0 + 60,
      via: 'cookie-header',
      frame: 'main',
      consent: { signal: accept, mainFrame: true },
    }),
    cioEntry(T0 + 2_000),
  ];

  it('is stored without interaction, not carried over: the trackers stay a violation after the refusal', () => {
    const d = deriveVisit(visit(), entries());
    expect({
      phases: phases(d),
      without: d.consent.withoutInteraction,
      severity: d.verdict.severity,
      carriedAccept: d.consent.lines.some(
        (l) => l.status === 'carried-over' && l.choice?.kind === 'accept-all',
      ),
    }).toEqual({
      phases: [['after-reject', true]],
      without: true,
      severity: 'violation',
      carriedAccept: false,
    });
  });

  it('on a first visit too: a value the visit’s own main-frame response set is not a choice the visitor brought', () => {
    // Same redirect, no earlier choice: the derivation alone says so, without the background memory's stamp
    // (which races the webRequest handlers, and is absent from any visit whose memory was cleared).
    const d = deriveVisit(visit(), entries().slice(0, 1).concat(entries().slice(2)));
    expect({ phases: phases(d), without: d.consent.withoutInteraction }).toEqual({
      phases: [['before-consent', true]],
      without: true,
    });
  });
});

describe('an accept stored just before the visitor’s click on Reject all (on hover, on pointerdown)', () => {
  // Reachable: the site's banner listens for `pointerenter` on its "Reject all" button (no activation: hover is not
  // input) and then writes `OptanonConsent=<accept-all>` and releases its trackers. The visitor's pointer reaches the
  // button ~300 ms before they click it: the page's first input (pointerdown, reported at once by the detector's
  // window listener) comes 300 ms after the accept, inside ACTIVATION_GRACE_MS (1.5 s, meant for a tap in a frame
  // seen by the detector's 1 s poll). No click made the accept, and the visitor's next one refuses: the accept was
  // the site's, and what fired between it and the click is before consent.
  it('is stored without interaction: what fired between it and the click is before consent', () => {
    const d = deriveVisit(visit(), [
      activationEntry(T0 + 10, false),
      consentEntry(accept, { at: T0 + 5_000, via: 'cookies-api' }),
      cioEntry(T0 + 5_100),
      activationEntry(T0 + 5_300, true),
      clickEntry(T0 + 5_300, 'reject-all', 'onetrust'),
      consentEntry(reject, { at: T0 + 5_400, via: 'cookies-api' }),
    ]);
    expect(outcome(d)).toEqual(FLAGGED_BEFORE_CONSENT);
  });

  it('stored just before a click on Accept all (a manager storing on pointerdown), it is the visitor’s', () => {
    const d = deriveVisit(visit(), [
      activationEntry(T0 + 10, false),
      consentEntry(accept, { at: T0 + 5_000, via: 'cookies-api' }),
      activationEntry(T0 + 5_300, true),
      clickEntry(T0 + 5_300, 'accept-all', 'onetrust'),
      cioEntry(T0 + 5_400),
    ]);
    expect({ phases: phases(d), without: d.consent.withoutInteraction }).toEqual({
      phases: [['after-accept', false]],
      without: false,
    });
  });
});

describe('two records of one manager sent with the document, one refusing, one accepting', () => {
  // Reachable: the visitor's refusal is `OptanonConsent=<reject>` (host-only, Path=/). On an earlier visit the site
  // wrote a second cookie of the same name it chose: `document.cookie = "OptanonConsent=<accept-all>;
  // Domain=.shop.example; Path=/; Max-Age=31536000"`. Both are sent with every later document (`Cookie:
  // OptanonConsent=<reject>; OptanonConsent=<accept>`, same path: oldest first) and both are carried over. Which
  // record the manager honours is not known; the visitor's refusal must not be overturned by a record the site
  // planted beside it, in either order.
  const sent = (signal: typeof accept, at: number) =>
    consentEntry(signal, { at, via: 'cookie-header', frame: 'main', consent: { signal, mainFrame: true } });

  it('a tracker after them is not after accept: the planted accept does not overturn the refusal beside it', () => {
    for (const records of [
      [sent(reject, T0), sent(accept, T0)],
      [sent(accept, T0), sent(reject, T0)],
    ]) {
      const d = deriveVisit(visit(), [...records, activationEntry(T0 + 10, false), cioEntry(T0 + 2_000)]);
      expect(phases(d)).toEqual([['after-reject', true]]);
    }
  });
});

const mainHeader = (signal: ConsentSignal, at: number) =>
  consentEntry(signal, { at, via: 'cookie-header', frame: 'main', consent: { signal, mainFrame: true } });
const mainSetCookie = (signal: ConsentSignal, at: number) =>
  consentEntry(signal, { at, via: 'set-cookie', frame: 'main', consent: { signal, mainFrame: true } });

describe('a main-frame redirect that stores the accept it then sends, on a manager spreading its choice', () => {
  // The redirect bend above, on Complianz: keeps its choice in
  // one cookie per category (`cmplz_marketing=allow|deny`, `cmplz_statistics=…`, complianz-gdpr
  // cookiebanner/js/complianz.js cmplz_set_cookie) plus `cmplz_banner-status=dismissed`. The site answers the
  // navigation `302 Location: /home` with `Set-Cookie: cmplz_marketing=allow`, `cmplz_statistics=allow`,
  // `cmplz_preferences=allow`, `cmplz_banner-status=dismissed`. web-request.ts decodes each Set-Cookie alone
  // (signalFromCookie: only banner-status decodes, raw "dismissed", no content), but the redirected request's Cookie
  // header as a whole (signalsFromJar → mergeComplianz: raw "cmplz_marketing=allow; …"): no single Set-Cookie holds
  // that value, so what a main-frame response set is known by manager, not by value.
  const jar = [
    { name: 'cmplz_functional', value: 'allow' },
    { name: 'cmplz_preferences', value: 'allow' },
    { name: 'cmplz_statistics', value: 'allow' },
    { name: 'cmplz_marketing', value: 'allow' },
    { name: 'cmplz_banner-status', value: 'dismissed' },
  ];
  const merged = signalsFromJar(jar).find((s) => s.tool === 'complianz')!;
  const status = signalFromCookie('cmplz_banner-status', 'dismissed')!;

  it('a first visit: the accept the 302 set is stored without interaction, not carried over', () => {
    expect(merged.choice?.kind).toBe('accept-all');
    const d = deriveVisit(visit(), [
      activationEntry(T0 + 5, false),
      // The 302's Set-Cookie headers (only banner-status decodes on its own) ...
      mainSetCookie(status, T0 + 40),
      // ... and the redirected main-frame request sending the whole set back.
      mainHeader(merged, T0 + 60),
      cioEntry(T0 + 2_000),
    ]);
    expect({
      phases: phases(d),
      without: d.consent.withoutInteraction,
      carriedAccept: d.consent.lines.some(
        (l) => l.status === 'carried-over' && l.choice?.kind === 'accept-all',
      ),
    }).toEqual({ phases: [['before-consent', true]], without: true, carriedAccept: false });
  });
});

describe('carried-over choices of different managers', () => {
  // An honest site that moved from Cookiebot to OneTrust: a returning visitor who refused on the old Cookiebot banner
  // months ago, and accepted all on the new OneTrust banner since, sends both (oldest first in the Cookie header).
  // The least-permissive order is for records of one manager disagreeing (a planted duplicate under another Domain
  // or Path); across managers the header's order stands, and the newer record, the visitor's latest answer, is in
  // force.
  const oneTrustAccept = signalFromCookie('OptanonConsent', OPTANON_ACCEPT_ALL)!;
  const cookiebotReject = signalFromCookie('CookieConsent', COOKIEBOT_REJECT_ALL)!;

  it('the stale refusal of a manager the site no longer runs, older, does not override the newer accept', () => {
    expect(cookiebotReject.tool).toBe('cookiebot');
    expect(cookiebotReject.choice?.kind).toBe('reject-all');
    const d = deriveVisit(visit(), [
      mainHeader(cookiebotReject, T0),
      mainHeader(oneTrustAccept, T0),
      bannerEntry(T0 + 100, 'onetrust'),
      cioEntry(T0 + 2_000),
    ]);
    expect(d.consent.tool).toBe('onetrust');
    expect(phases(d)).toEqual([['after-accept', false]]);
  });
});

describe('a Reject all button carrying a visually hidden "save" word', () => {
  // OneTrust's own "Reject All" with a screen-reader span: `Reject All<span class="sr-only"> and save my
  // choices</span>`. innerText keeps clipped text, so the label read "… save …" and the click was filed as saved
  // settings, which contradict nothing: the accept stored 200 ms later counted from the visitor's click.
  const label = 'Reject All and save my choices';
  const button = { closest: (s: string) => (s === '#onetrust-reject-all-handler' ? {} : null) };

  it('is the refusal the visitor saw and clicked, and an accept stored right after it contradicts it', () => {
    expect(actionFromText(label)).toBe('reject-all');
    const action = classifyClick(button, label, CODE_RULES.Onetrust!)!;
    expect(action).toBe('reject-all');
    const accept = signalFromCookie('OptanonConsent', OPTANON_ACCEPT_ALL)!;
    const d = deriveVisit(visit(), [
      activation(T0 + 10, false),
      activation(T0 + 4_000, true),
      clickEntry(T0 + 4_000, action, 'onetrust'),
      consentEntry(accept, { at: T0 + 4_200, via: 'cookies-api' }),
      cioEntry(T0 + 6_000),
    ]);
    expect(d.consent.contradicted).toHaveLength(1);
    expect(d.verdict.severity).toBe('violation');
  });
});

/** The visitor clicks Reject all at T0 + 4 s; the manager stores `record` 300 ms later; Customer.io fires at + 6 s. */
const afterRejectClick = (record: ConsentSignal, tool: string) =>
  deriveVisit(visit(), [
    activationEntry(T0 + 10, false),
    activationEntry(T0 + 4_000, true),
    clickEntry(T0 + 4_000, 'reject-all', tool),
    consentEntry(record, { at: T0 + 4_300, via: 'cookies-api' }),
    cioEntry(T0 + 6_000),
  ]);

describe('a Reject all click whose stored record keeps a purpose we cannot map switched on', () => {
  // Reachable (OneTrust): the site adds a category of its own marked "Always active" (any id that is not C0001..C0005,
  // e.g. BG42). OneTrust's Reject All switches off every optional group and keeps always-active ones on, so the record
  // after the visitor's refusal is `groups=C0001:1,C0002:0,C0003:0,C0004:0,C0005:0,BG42:1`. The parser reads it as a
  // custom choice with BG42 unmapped; contradictsClick('reject-all', …) is false (grantsTracking ignores unmapped),
  // so the record "confirms" the click (consent.ts `confirmed`: a choice is defined) and replaces the click's
  // refusal; phaseAt then files every tracker after it "after an unclear choice": needs review, not a violation.
  // The visitor clicked Reject all; a purpose of the site's own left on cannot make their refusal an unclear choice.
  it('OneTrust with an always-active group of the site’s own: trackers after the refusal stay a violation', () => {
    const record = signalFromCookie(
      'OptanonConsent',
      OPTANON_REJECT_ALL.replace('C0005%3A0', 'C0005%3A0%2CBG42%3A1'),
    )!;
    expect(record.choice).toMatchObject({ kind: 'custom', unmapped: ['BG42'] });
    const d = afterRejectClick(record, 'onetrust');
    expect({ phases: phases(d), severity: d.verdict.severity }).toEqual({
      phases: [['after-reject', true]],
      severity: 'violation',
    });
  });

  // The same with Klaro, honest sites included: a service marked `required: true` (a CDN, the session) is stored
  // `true` by Klaro's "Decline" (klaro consent-manager.js keeps required services on). The record
  // {"cloudflare-cdn":true,"google-analytics":false} is a custom choice with cloudflare-cdn unmapped; a tracker the
  // site never declared to Klaro (Customer.io here) is no service "switched off by name", so it reads "after an
  // unclear choice" although the visitor declined everything.
  it('Klaro with a required service: an undeclared tracker after Decline stays a violation', () => {
    const record = signalFromCookie(
      'klaro',
      encodeURIComponent(JSON.stringify({ 'cloudflare-cdn': true, 'google-analytics': false })),
    )!;
    expect(record.choice).toMatchObject({ kind: 'custom', unmapped: ['cloudflare-cdn'] });
    const d = afterRejectClick(record, 'klaro');
    expect({ phases: phases(d), severity: d.verdict.severity }).toEqual({
      phases: [['after-reject', true]],
      severity: 'violation',
    });
  });
});

const acceptAll = signalFromCookie('OptanonConsent', OPTANON_ACCEPT_ALL)!;
const rejectAll = signalFromCookie('OptanonConsent', OPTANON_REJECT_ALL)!;

describe('a brought refusal, then the site’s accept after the visitor closed its newsletter popup', () => {
  // Reachable: the returning visitor refused on an earlier visit (OptanonConsent=<reject> sent with the document), so
  // OneTrust shows no banner. The site opens its own newsletter popup (a fixed overlay, role=dialog) and, in its
  // "Close" button's click handler, writes `OptanonConsent=<accept-all>` and loads its trackers. That click made the
  // page active and "could answer" a banner (a dialog, a fixed overlay, and "Close" is a dismissal word:
  // banner-target.ts), but it is no click in the consent manager, so no click entry exists. deriveConsent counts the
  // accept as the visitor's (not untouched, no Reject click to contradict): trackers "after accept", verdict clean.
  // Had the same visitor refused on *this* visit (a Reject all click), the same accept would be contradicted
  // "however long the site waited" (README, Timing); the refusal they brought deserves no less.
  it('is not taken for the visitor’s answer: what follows needs review, and the consent line says why', () => {
    const d = deriveVisit(visit(), [
      carried(rejectAll),
      activationEntry(T0 + 10, false),
      activationEntry(T0 + 5_000, true), // the "Close" click on the newsletter popup
      consentEntry(acceptAll, { at: T0 + 5_100, via: 'cookies-api' }),
      cioEntry(T0 + 6_000),
    ]);
    // Not after accept (the bend), and not a violation either: the same evidence is what a visitor changing their
    // mind in a banner drawn in a frame (Sourcepoint's Privacy Manager), whose click we cannot see, leaves.
    expect(phases(d)).toEqual([['after-unknown-choice', false]]);
    expect(d.verdict.text).toBe(
      'No tracker that needs consent fired before consent or after a refusal (1 after a choice stored over the visitor’s earlier refusal, with no click of theirs in a consent banner we could see: needs review)',
    );
    expect(d.consent.lines.find((l) => l.choice?.kind === 'accept-all')?.status).toBe('over-refusal');
    expect(d.consentState).toContain(
      'stored over the refusal brought from an earlier visit, with no click in a banner we could see',
    );
  });

  it('brought again on a later visit, the accept the memory saw stored over the refusal still needs review', () => {
    const over = { visitId: 'v1', at: T0 - 86_400_000, overRefusal: true as const };
    const d = deriveVisit(visit(), [
      consentEntry(acceptAll, {
        at: T0,
        via: 'cookie-header',
        frame: 'main',
        consent: { signal: acceptAll, mainFrame: true, unpromptedOn: over },
      }),
      activationEntry(T0 + 10, false),
      cioEntry(T0 + 6_000),
    ]);
    expect(phases(d)).toEqual([['after-unknown-choice', false]]);
    const line = d.consent.lines.find((l) => l.choice?.kind === 'accept-all')!;
    expect(line.status).toBe('over-refusal');
    expect(consentEventText(line)).toMatch(
      /^OneTrust: accepted all, as the site stored it on an earlier visit \(.+\) over the refusal that visit brought, with no click of the visitor's in a consent banner we could see$/,
    );
  });

  it('an Accept all click in the banner before it makes it theirs (they changed their mind)', () => {
    const d = deriveVisit(visit(), [
      carried(rejectAll),
      activationEntry(T0 + 10, false),
      activationEntry(T0 + 5_000, true),
      clickEntry(T0 + 5_000, 'accept-all', 'onetrust'),
      consentEntry(acceptAll, { at: T0 + 5_100, via: 'cookies-api' }),
      cioEntry(T0 + 6_000),
    ]);
    expect(d.consent.withoutInteraction).toBe(false);
    expect(phases(d)).toEqual([['after-accept', false]]);
  });
});
