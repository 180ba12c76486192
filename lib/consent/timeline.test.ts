import { describe, expect, it } from 'vitest';
import * as F from './__fixtures__/cookies';
import { signalFromCookie, signalFromRequestUrl } from './signals';
import { signalFromTcData } from './tcf';
import { applySignal, evidenceAt, isViolation, phaseAt, stateAt } from './timeline';
import type { ConsentEvent, ConsentSignal } from './types';

const START = 1_764_062_100_000;
const opts = { visitStartedAt: START };

/** Applies signals in order, keeping the timeline when a step changes nothing. */
function run(steps: Array<[ConsentSignal | null, number]>): ConsentEvent[] {
  let timeline: ConsentEvent[] = [];
  for (const [signal, at] of steps) {
    if (!signal) throw new Error('fixture did not parse');
    timeline = applySignal(timeline, signal, at, opts) ?? timeline;
  }
  return timeline;
}

const banner = signalFromCookie('OptanonConsent', F.OPTANON_FIRST_VISIT);
const accept = signalFromCookie('OptanonConsent', F.OPTANON_ACCEPT_ALL);
const reject = signalFromCookie('OptanonConsent', F.OPTANON_REJECT_ALL);
const custom = signalFromCookie('OptanonConsent', F.OPTANON_CUSTOM);
const closed = signalFromCookie('OptanonAlertBoxClosed', F.OPTANON_ALERT_BOX_CLOSED);
const gcmDefault = signalFromRequestUrl(
  'https://www.google-analytics.com/g/collect?v=2&gcs=G100&gcd=13p3p3p3p5',
);
const gcmGranted = signalFromRequestUrl(
  'https://www.google-analytics.com/g/collect?v=2&gcs=G111&gcd=13r3r3r3r5',
);

describe('consent timeline', () => {
  it('tool loads → banner → accept: before-consent until the click, then after-accept', () => {
    const t = run([
      [banner, START + 300],
      [gcmDefault, START + 900],
      [accept, START + 8000],
      [closed, START + 8001],
    ]);
    expect(t.map((e) => e.state)).toEqual(['banner', 'banner', 'choice']);
    expect(phaseAt(t, START + 100, 'advertising')).toBe('before-consent');
    expect(phaseAt(t, START + 5000, 'analytics')).toBe('before-consent');
    expect(phaseAt(t, START + 8000, 'advertising')).toBe('after-accept');
    expect(isViolation(phaseAt(t, START + 5000, 'advertising'), 'advertising')).toBe(true);
    expect(isViolation(phaseAt(t, START + 9000, 'advertising'), 'advertising')).toBe(false);
    expect(t.some((e) => e.carriedOver)).toBe(false);
  });
  it('reject: trackers after the refusal are after-reject violations, necessary ones are not', () => {
    const t = run([
      [banner, START + 300],
      [reject, START + 6000],
    ]);
    expect(phaseAt(t, START + 7000, 'marketing')).toBe('after-reject');
    expect(isViolation('after-reject', 'marketing')).toBe(true);
    expect(isViolation(phaseAt(t, START + 7000, 'necessary'), 'necessary')).toBe(false);
    expect(isViolation(phaseAt(t, START + 7000, 'unknown'), 'unknown')).toBe(false);
  });
  it('custom: granted categories are after-accept, the rest after-reject', () => {
    const t = run([
      [banner, START + 300],
      [custom, START + 6000],
    ]);
    expect(phaseAt(t, START + 7000, 'analytics')).toBe('after-accept');
    expect(phaseAt(t, START + 7000, 'advertising')).toBe('after-reject');
    expect(phaseAt(t, START + 7000, 'social')).toBe('after-reject');
  });
  it('returning visitor: a choice already in the jar at load is carried over and covers the whole visit', () => {
    const t = run([
      [reject, START - 40], // main-frame request's Cookie header, before commit
      [reject, START + 20], // same cookie from the jar: a repeat
    ]);
    expect(t).toHaveLength(1);
    expect(t[0]?.carriedOver).toBe(true);
    expect(phaseAt(t, START - 500, 'advertising')).toBe('after-reject');
    expect(phaseAt(t, START + 60_000, 'analytics')).toBe('after-reject');
  });
  it('a stored TCF choice (tcloaded) is carried over however late the CMP reports it', () => {
    const stored = signalFromTcData({
      eventStatus: 'tcloaded',
      gdprApplies: true,
      tcString: F.TC_REJECT_ALL,
      cmpId: 10,
    });
    const fresh = signalFromTcData({
      eventStatus: 'useractioncomplete',
      gdprApplies: true,
      tcString: F.TC_REJECT_ALL,
      cmpId: 10,
    });
    const t = run([[stored, START + 4000]]);
    expect(t[0]?.carriedOver).toBe(true);
    expect(phaseAt(t, START + 100, 'advertising')).toBe('after-reject');
    // The same string after a user action on this page is a choice made now.
    const u = run([[fresh, START + 4000]]);
    expect(u[0]?.carriedOver).toBeUndefined();
    expect(phaseAt(u, START + 100, 'advertising')).toBe('before-consent');
    // A banner shown first means the visitor is choosing now, whatever the event says.
    const v = run([
      [signalFromTcData({ eventStatus: 'cmpuishown', cmpId: 10 }), START + 300],
      [stored, START + 4000],
    ]);
    expect(v[1]?.carriedOver).toBeUndefined();
  });

  it('a choice after a banner is never carried over, even if quick', () => {
    const t = run([
      [banner, START + 100],
      [accept, START + 900],
    ]);
    expect(t[1]?.carriedOver).toBeUndefined();
    expect(phaseAt(t, START + 500, 'analytics')).toBe('before-consent');
  });
  it('ignores repeats, and a content-less "choice exists" never hides a known choice', () => {
    const base = run([
      [banner, START + 300],
      [reject, START + 6000],
    ]);
    expect(applySignal(base, reject!, START + 9000, opts)).toBeNull();
    expect(applySignal(base, closed!, START + 9000, opts)).toBeNull();
    const withTcf = applySignal(
      base,
      { tool: 'iubenda', state: 'choice', via: 'x', raw: '' },
      START + 9500,
      opts,
    )!;
    expect(stateAt(withTcf, START + 10_000)?.choice?.kind).toBe('reject-all');
  });
  it('Consent Mode alone never counts as the visitor’s choice', () => {
    const t = run([
      [gcmDefault, START + 500],
      [gcmGranted, START + 7000],
    ]);
    expect(t).toHaveLength(2);
    expect(stateAt(t, START + 8000)).toBeNull();
    expect(phaseAt(t, START + 8000, 'advertising')).toBe('before-consent');
    expect(evidenceAt(t, START + 8000).map((e) => e.state)).toEqual(['choice']);
    expect(t.every((e) => !e.carriedOver)).toBe(true);
  });
  it('an unknown-content choice is after-accept (we never claim a refusal we cannot show)', () => {
    const t = run([
      [
        { tool: 'trustarc', state: 'choice', via: 'cookie:cmapi_cookie_privacy', raw: 'permit 1,2,3' },
        START + 5000,
      ],
    ]);
    expect(phaseAt(t, START + 6000, 'advertising')).toBe('after-accept');
  });
  it('unmapped purposes granted in a custom choice keep other categories after-accept', () => {
    const didomi = signalFromCookie('didomi_token', F.DIDOMI_CUSTOM)!;
    const t = run([[didomi, START + 5000]]);
    expect(phaseAt(t, START + 6000, 'advertising')).toBe('after-accept');
  });
  it('rejects invalid input', () => {
    expect(applySignal([], { tool: '', state: 'banner', via: '', raw: '' }, START, opts)).toBeNull();
    expect(applySignal([], banner!, Number.NaN, opts)).toBeNull();
    expect(
      applySignal([], { tool: 'x', state: 'maybe' } as unknown as ConsentSignal, START, opts),
    ).toBeNull();
  });
  it('inserts late-arriving events in time order', () => {
    const t = run([
      [accept, START + 8000],
      [banner, START + 300],
    ]);
    expect(t.map((e) => e.at)).toEqual([START + 300, START + 8000]);
  });
});
