import { describe, expect, it } from 'vitest';
import { advance, msUntilTick, normalizeOptions, startAudit, type AuditRecord } from './machine';

const opts = { preConsentMs: 5_000, postRejectMs: 4_000, userWaitMs: 60_000 };
const start = () =>
  startAudit({
    id: 'a1',
    tabId: 7,
    url: 'https://shop.example/',
    site: 'shop.example',
    now: 1_000,
    options: opts,
  });

function run(r: AuditRecord, ...steps: [Parameters<typeof advance>[1], number][]): AuditRecord {
  return steps.reduce((acc, [ev, now]) => advance(acc, ev, now), r);
}

describe('audit state machine', () => {
  it('walks clear → load → pre-consent → autoconsent refusal → post-reject → done', () => {
    let r = run(
      start(),
      [{ type: 'cleared', cookies: 3, storage: true, errors: [] }, 1_100],
      [{ type: 'committed', visitId: 'v9' }, 1_500],
    );
    expect(r).toMatchObject({ step: 'pre-consent', visitId: 'v9', deadline: 6_500, cleared: { cookies: 3 } });
    expect(advance(r, { type: 'tick' }, 6_499)).toBe(r);
    r = advance(r, { type: 'tick' }, 6_500);
    expect(r).toMatchObject({ step: 'refusing', refusal: { method: 'autoconsent', requestedAt: 6_500 } });
    r = advance(r, { type: 'optOutResult', ok: true, tool: 'onetrust' }, 7_000);
    expect(r).toMatchObject({
      step: 'post-reject',
      consentTool: 'onetrust',
      deadline: 11_000,
      refusal: { at: 7_000 },
    });
    r = advance(r, { type: 'tick' }, 11_000);
    expect(r.step).toBe('done');
    expect(r.log.map((l) => l.step)).toEqual([
      'clearing',
      'loading',
      'pre-consent',
      'refusing',
      'post-reject',
      'done',
    ]);
    expect(msUntilTick(r, 12_000)).toBeNull();
  });

  it('falls back to the visitor when no tool can refuse, timing their click', () => {
    let r = run(
      start(),
      [{ type: 'cleared', cookies: 0, storage: true, errors: [] }, 1_000],
      [{ type: 'committed', visitId: 'v' }, 1_000],
      [{ type: 'tick' }, 6_000],
    );
    r = advance(r, { type: 'optOutResult', ok: false, tool: null, message: 'no CMP detected' }, 6_100);
    expect(r).toMatchObject({
      step: 'awaiting-user',
      deadline: 66_100,
      refusal: { method: 'user', message: 'no CMP detected' },
    });
    r = advance(
      r,
      { type: 'userChoice', choice: { kind: 'reject-all', granted: ['necessary'] }, at: 20_000 },
      20_050,
    );
    expect(r).toMatchObject({
      step: 'post-reject',
      refusal: { method: 'user', at: 20_000 },
      deadline: 24_050,
    });
    expect(r.refusal!.choice).toBeUndefined();
  });

  it('keeps a non-refusal click and notes it', () => {
    let r = run(
      start(),
      [{ type: 'cleared', cookies: 0, storage: true, errors: [] }, 1_000],
      [{ type: 'committed', visitId: 'v' }, 1_000],
      [{ type: 'tick' }, 6_000],
      [{ type: 'tick' }, 21_000],
    );
    expect(r).toMatchObject({ step: 'awaiting-user', refusal: { message: 'autoconsent did not answer' } });
    r = advance(
      r,
      { type: 'userChoice', choice: { kind: 'accept-all', granted: ['necessary', 'analytics'] }, at: 30_000 },
      30_000,
    );
    expect(r.refusal).toMatchObject({ method: 'user', at: 30_000, choice: { kind: 'accept-all' } });
  });

  it('ends without a choice when the visitor never clicks, and fails when the page never loads', () => {
    let r = run(
      start(),
      [{ type: 'cleared', cookies: 0, storage: true, errors: [] }, 1_000],
      [{ type: 'committed', visitId: 'v' }, 1_000],
      [{ type: 'tick' }, 6_000],
    );
    r = run(r, [{ type: 'optOutResult', ok: false, tool: null }, 6_000], [{ type: 'tick' }, 66_000]);
    expect(r).toMatchObject({
      step: 'done',
      refusal: { method: 'none', message: 'no consent choice was made in time' },
    });
    const stuck = run(
      start(),
      [{ type: 'cleared', cookies: 0, storage: true, errors: [] }, 1_000],
      [{ type: 'tick' }, 31_000],
    );
    expect(stuck).toMatchObject({ step: 'failed', error: 'the page did not load in time' });
  });

  it('ignores events that do not fit the step, and everything after the end', () => {
    const r = start();
    expect(advance(r, { type: 'committed', visitId: 'x' }, 2)).toBe(r);
    expect(advance(r, { type: 'userChoice', choice: { kind: 'reject-all', granted: [] }, at: 1 }, 2)).toBe(r);
    const cancelled = advance(r, { type: 'cancel' }, 5);
    expect(cancelled.step).toBe('cancelled');
    expect(advance(cancelled, { type: 'cleared', cookies: 1, storage: true, errors: [] }, 6)).toBe(cancelled);
  });

  it('clamps option values from untrusted messages', () => {
    expect(normalizeOptions({ preConsentMs: -5, postRejectMs: 1e12, userWaitMs: Number.NaN })).toEqual({
      preConsentMs: 1_000,
      postRejectMs: 600_000,
      userWaitMs: 120_000,
    });
    expect(normalizeOptions(undefined)).toEqual({
      preConsentMs: 10_000,
      postRejectMs: 10_000,
      userWaitMs: 120_000,
    });
  });
});
