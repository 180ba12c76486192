// The background's memory of answers known only from a click: what it keeps after the click's window, and what a
// later visit's jar carries over.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SeenCookie, SignalSource } from '@/lib/record';
import { signalFromCookie } from '@/lib/consent/signals';
import { visitRow } from '@/lib/store/__fixtures__/sighting';
import { ANSWER_WINDOW_MS } from '@/lib/evidence/answered';
import {
  forgetAnsweredSite,
  loadAnswered,
  noteAnswerClick,
  noteAnswerCookie,
  noteAnswerStorage,
  noteReadableChoice,
  rememberedAnswer,
  rememberedStorageAnswer,
} from '../answered';

const T = 1_800_000_000_000;
const SITE = 'shop.example';
const jar = (value: string) => [{ name: 'site_consent', value, domain: SITE }];

const cookie = (name: string, value: string, at: number, domain = SITE): SeenCookie => ({
  name,
  value,
  domain,
  via: 'cookies-api',
  provenance: 'browser',
  at,
});

let n = 0;
/** A visit of the shop, its id new each time (the memory is module state shared by the tests). */
const visitOf = (site = SITE) => visitRow(`v${++n}`, site, T);

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: T });
});
afterEach(() => vi.useRealTimers());

/** The visitor clicks at T + 1 s on `visit`; `during` runs before the window closes. */
async function answer(
  visit = visitOf(),
  action: 'reject-all' | 'accept-all' = 'reject-all',
  during = (v: typeof visit) =>
    noteAnswerCookie(v, cookie('site_consent', 'necessary', T + 1_050), 'unknown'),
) {
  during(visit);
  noteAnswerClick(visit, '', action, T + 1_000);
  await vi.advanceTimersByTimeAsync(ANSWER_WINDOW_MS + 2_000);
  return visit;
}

describe('answers remembered by the background', () => {
  it('settings saved with every optional switch off are remembered as the refusal they were', async () => {
    const visit = visitOf();
    noteAnswerCookie(visit, cookie('site_consent', 'necessary', T + 1_050), 'unknown');
    noteAnswerClick(visit, '', 'save-settings', T + 1_000, undefined, { on: 0, off: 3 });
    await vi.advanceTimersByTimeAsync(ANSWER_WINDOW_MS + 2_000);
    expect(rememberedAnswer(visitOf(), jar('necessary'))).toMatchObject({
      choice: { kind: 'reject-all' },
      rememberedClick: { action: 'save-settings', switches: { on: 0, off: 3 } },
    });
    // With a switch on, the same Save is remembered as settings of unknown content.
    const other = visitOf('other.example');
    noteAnswerCookie(other, cookie('site_consent', 'necessary', T + 1_050, 'other.example'), 'unknown');
    noteAnswerClick(other, '', 'save-settings', T + 1_000, undefined, { on: 1, off: 2 });
    await vi.advanceTimersByTimeAsync(ANSWER_WINDOW_MS + 2_000);
    const kept = rememberedAnswer(visitOf('other.example'), [
      { name: 'site_consent', value: 'necessary', domain: 'other.example' },
    ]);
    expect(kept).toMatchObject({ rememberedClick: { action: 'save-settings' } });
    expect(kept!.choice).toBeUndefined();
  });

  it('a record-like cookie written right after the click (reported before the click) carries the answer', async () => {
    await answer();
    const later = visitOf();
    expect(rememberedAnswer(later, jar('necessary'))).toMatchObject({
      choice: { kind: 'reject-all' },
      rememberedClick: { action: 'reject-all', at: T + 1_000 },
    });
    expect(rememberedAnswer(later, jar('all'))).toBeNull();
    // Another site, or a private window, has its own memory.
    expect(rememberedAnswer(visitOf('other.example'), jar('necessary'))).toBeNull();
    expect(rememberedAnswer({ ...later, incognito: true }, jar('necessary'))).toBeNull();
    // Kept in storage.local: a restarted worker reads it back.
    await loadAnswered();
    expect(rememberedAnswer(later, jar('necessary'))).not.toBeNull();
    forgetAnsweredSite(SITE);
    expect(rememberedAnswer(later, jar('necessary'))).toBeNull();
  });

  it('keeps nothing that cannot be the record: another site’s cookie, a tracker’s, one from before the click', async () => {
    await answer(visitOf(), 'accept-all', (v) => {
      noteAnswerCookie(v, cookie('site_consent', 'necessary', T + 500), 'unknown');
      noteAnswerCookie(v, cookie('cmp_consent', 'x', T + 1_100, 'cmp.example'), 'unknown');
      noteAnswerCookie(v, cookie('_ga_consent', 'x', T + 1_100), 'analytics');
    });
    expect(rememberedAnswer(visitOf(), jar('necessary'))).toBeNull();
    expect(rememberedAnswer(visitOf(), [{ name: '_ga_consent', value: 'x', domain: SITE }])).toBeNull();
  });

  it('a readable choice stored after the click forgets the site’s answer: that record carries itself', async () => {
    await answer();
    const klaro = signalFromCookie('klaro', '{"ga":false}')!;
    const src: SignalSource = {
      provenance: 'browser',
      via: 'cookies-api',
      at: T + 1_200,
      site: SITE,
      host: SITE,
    };
    await answer(visitOf(), 'accept-all', (v) => {
      noteAnswerCookie(v, cookie('site_consent', 'necessary', T + 1_050), 'unknown');
      noteReadableChoice(v, klaro, src);
    });
    expect(rememberedAnswer(visitOf(), jar('necessary'))).toBeNull();
  });

  it('the visitor’s later click on the same page decides, and a visit that starts within the window settles it', async () => {
    const visit = visitOf();
    noteAnswerCookie(visit, cookie('site_consent', 'necessary', T + 1_050), 'unknown');
    noteAnswerClick(visit, '', 'reject-all', T + 1_000);
    noteAnswerCookie(visit, cookie('site_consent', 'all', T + 3_050), 'unknown');
    noteAnswerClick(visit, '', 'accept-all', T + 3_000);
    // The visitor goes on at once: the next visit's jar decides on what was written so far.
    expect(rememberedAnswer(visitOf(), jar('all'))).toMatchObject({
      rememberedClick: { action: 'accept-all' },
    });
    expect(rememberedAnswer(visitOf(), jar('necessary'))).toBeNull();
    await vi.advanceTimersByTimeAsync(ANSWER_WINDOW_MS + 5_000);
    expect(rememberedAnswer(visitOf(), jar('all'))!.choice).toBeUndefined();
  });

  it('a record-like localStorage key written after the click carries the answer, read at document_start', async () => {
    const item = (name: string, valueHash: string, valueLength = 30) => ({
      area: 'localStorage' as const,
      name,
      valueLength,
      valueHash,
    });
    await answer(visitOf(), 'reject-all', (v) => {
      noteAnswerStorage(v, item('site_choice', 'h1'), T + 1_300, 'unknown');
      // Not a record: a tracker's key, an empty value, a name that says nothing of consent, sessionStorage.
      noteAnswerStorage(v, item('_hjConsentRecord', 'h9'), T + 1_300, 'analytics');
      noteAnswerStorage(v, item('cookie_banner_seen', 'h8', 0), T + 1_300, 'unknown');
      noteAnswerStorage(v, item('cart', 'h7'), T + 1_300, 'unknown');
      noteAnswerStorage(v, { ...item('privacy_choice', 'h6'), area: 'sessionStorage' }, T + 1_300, 'unknown');
    });
    expect(rememberedStorageAnswer(visitOf(), [item('site_choice', 'h1')])).toMatchObject({
      choice: { kind: 'reject-all' },
      rememberedClick: { action: 'reject-all', storageKey: 'site_choice' },
    });
    expect(rememberedStorageAnswer(visitOf(), [item('site_choice', 'h2')])).toBeNull();
    for (const [name, hash] of [
      ['_hjConsentRecord', 'h9'],
      ['cookie_banner_seen', 'h8'],
      ['cart', 'h7'],
    ] as const)
      expect(rememberedStorageAnswer(visitOf(), [item(name, hash)])).toBeNull();
    expect(
      rememberedStorageAnswer(visitOf(), [{ ...item('privacy_choice', 'h6'), area: 'sessionStorage' }]),
    ).toBeNull();
    // The jar of a later visit does not hold it: a cookie of that name is another record.
    expect(rememberedAnswer(visitOf(), [{ name: 'site_choice', value: 'x', domain: SITE }])).toBeNull();
    // Another host of the site has its own localStorage.
    expect(
      rememberedStorageAnswer(visitRow(`v${++n}`, SITE, T, { url: `https://blog.${SITE}/` }), [
        item('site_choice', 'h1'),
      ]),
    ).toBeNull();
  });

  it('the one-click audit’s refusal is remembered as the audit’s', async () => {
    const visit = visitOf();
    noteAnswerCookie(visit, cookie('site_consent', 'necessary', T + 1_050), 'unknown');
    noteAnswerClick(visit, 'Sirdata', 'reject-all', T + 1_000, 'audit');
    await vi.advanceTimersByTimeAsync(ANSWER_WINDOW_MS + 2_000);
    expect(rememberedAnswer(visitOf(), jar('necessary'))).toMatchObject({
      tool: 'Sirdata',
      rememberedClick: { action: 'reject-all', by: 'audit' },
    });
  });

  it('a worker stopped within the click’s window picks the window up again at its next start', async () => {
    const visit = visitOf(SITE);
    noteAnswerClick(visit, '', 'reject-all', T + 1_000);
    noteAnswerCookie(visit, cookie('site_consent', 'necessary', T + 1_200), 'unknown');
    // The worker stops: its timers and module state are gone; storage.session and storage.local stay.
    vi.clearAllTimers();
    vi.resetModules();
    const restarted = await import('../answered');
    await restarted.loadAnswered();
    // The site writes the rest of its record after the restart, still within the window.
    restarted.noteAnswerCookie(visit, cookie('site_region', 'eu', T + 4_000), 'unknown');
    await vi.advanceTimersByTimeAsync(ANSWER_WINDOW_MS + 2_000);
    expect(restarted.rememberedAnswer(visitOf(SITE), jar('necessary'))).toMatchObject({
      choice: { kind: 'reject-all' },
      rememberedClick: { action: 'reject-all', at: T + 1_000 },
    });
    // Settled: the window is closed in storage.session too, so a further restart does not decide it again.
    expect((await fakeBrowser.storage.session.get('answerWindows')).answerWindows).toEqual({});
  });

  it('a window still open when the site’s data is deleted decides nothing', async () => {
    const visit = visitOf('wiped.example');
    noteAnswerClick(visit, '', 'reject-all', T + 1_000);
    noteAnswerCookie(visit, cookie('site_consent', 'necessary', T + 1_200, 'wiped.example'), 'unknown');
    forgetAnsweredSite('wiped.example');
    await vi.advanceTimersByTimeAsync(ANSWER_WINDOW_MS + 2_000);
    const later = visitOf('wiped.example');
    expect(
      rememberedAnswer(later, [{ name: 'site_consent', value: 'necessary', domain: 'wiped.example' }]),
    ).toBeNull();
  });
});
