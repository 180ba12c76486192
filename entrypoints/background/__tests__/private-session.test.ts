// A private window's consent records describe its cookie store, which the browser drops when the last private window
// closes: they stay in storage.session (never on disk) and go when that window closes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { signalFromCookie } from '@/lib/consent/signals';
import { OPTANON_ACCEPT_ALL } from '@/lib/consent/__fixtures__/cookies';
import { ACTIVATION_GRACE_MS } from '@/lib/evidence/consent';
import type { SignalSource } from '@/lib/record';
import { visitRow } from '@/lib/store/__fixtures__/sighting';

vi.mock('../context', () => ({ ready: async () => ({}) }));

const T = 1_800_000_000_000;
const SITE = 'shop.example';
const accept = signalFromCookie('OptanonConsent', OPTANON_ACCEPT_ALL)!;
const stored = (at: number): SignalSource =>
  ({ provenance: 'browser', via: 'cookies-api', site: SITE, at }) as SignalSource;
const carried = (at: number): SignalSource =>
  ({ provenance: 'browser', via: 'jar', site: SITE, at }) as SignalSource;

let n = 0;
const visitOf = (incognito: boolean) => visitRow(`v${++n}`, SITE, T, { incognito });

/** A worker started afresh: module state gone, storage and windows kept; its listeners registered. */
async function worker() {
  vi.resetModules();
  const unprompted = await import('../unprompted');
  const memories = await import('../memories');
  (await import('../private-session')).registerPrivateSessionEnd();
  await memories.loadMemories();
  return unprompted;
}

/** The site stores an accept-all on an untouched page of a window (private or not); the grace passes. */
async function storeUnprompted(w: typeof import('../unprompted'), incognito: boolean) {
  const visit = visitOf(incognito);
  w.noteActivation(visit, false, Date.now());
  w.noteSignal(visit, accept, stored(Date.now() + 1_000));
  await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 2_000);
}

const remembered = (w: typeof import('../unprompted'), incognito: boolean) =>
  w.noteSignal(visitOf(incognito), accept, carried(Date.now())).unpromptedOn !== undefined;

const keysIn = async (area: 'local' | 'session', key = 'unpromptedConsent') =>
  Object.keys(((await fakeBrowser.storage[area].get(key))[key] as object | undefined) ?? {});

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: T });
});
afterEach(() => vi.useRealTimers());

describe('a private window’s consent records', () => {
  it('are kept in storage.session, never storage.local, and go when the last private window closes', async () => {
    const win = (await fakeBrowser.windows.create({ incognito: true }))!;
    const w = await worker();
    await storeUnprompted(w, false);
    await storeUnprompted(w, true);
    expect(await keysIn('local')).toEqual([`${SITE}|${accept.tool}`]);
    expect(await keysIn('session')).toEqual([`private|${SITE}|${accept.tool}`]);
    expect(remembered(w, true)).toBe(true);

    await fakeBrowser.windows.remove(win.id!);
    await vi.advanceTimersByTimeAsync(0);
    expect(remembered(w, true)).toBe(false);
    expect(await keysIn('session')).toEqual([]);
    // The normal window's record describes a cookie store that is still there.
    expect(remembered(w, false)).toBe(true);
    expect(await keysIn('local')).toEqual([`${SITE}|${accept.tool}`]);
  });

  it('outlive a worker restart and a normal window closing while a private one is open', async () => {
    const win = (await fakeBrowser.windows.create({ incognito: true }))!;
    const other = (await fakeBrowser.windows.create({ incognito: false }))!;
    await storeUnprompted(await worker(), true);
    const w = await worker();
    await fakeBrowser.windows.remove(other.id!);
    await vi.advanceTimersByTimeAsync(0);
    expect(remembered(w, true)).toBe(true);
    await fakeBrowser.windows.remove(win.id!);
    await vi.advanceTimersByTimeAsync(0);
    expect(remembered(w, true)).toBe(false);
  });

  it('a worker started after the private session ended forgets what it left', async () => {
    const win = (await fakeBrowser.windows.create({ incognito: true }))!;
    await storeUnprompted(await worker(), true);
    // The window closes with no worker listening (its listener gone with the module state).
    fakeBrowser.windows.onRemoved.removeAllListeners();
    await fakeBrowser.windows.remove(win.id!);
    const w = await worker();
    expect(remembered(w, true)).toBe(false);
    expect(await keysIn('session')).toEqual([]);
  });

  it('answers known from a click go too, and a click window still open on one', async () => {
    const win = (await fakeBrowser.windows.create({ incognito: true }))!;
    const record = { at: T - 1_000, action: 'accept-all', cookies: [] };
    await fakeBrowser.storage.local.set({ answeredByClick: { [`${SITE}|`]: record } });
    await fakeBrowser.storage.session.set({
      answeredByClick: { [`private|${SITE}|`]: record },
      answerWindows: {
        p: {
          visitId: 'p',
          key: `private|${SITE}|`,
          at: T,
          action: 'accept-all',
          tool: 'x',
          writes: { recent: [], storedAt: [] },
        },
      },
    });
    await worker();
    await fakeBrowser.windows.remove(win.id!);
    await vi.advanceTimersByTimeAsync(0);
    expect(await keysIn('session', 'answeredByClick')).toEqual([]);
    expect(await keysIn('session', 'answerWindows')).toEqual([]);
    expect(await keysIn('local', 'answeredByClick')).toEqual([`${SITE}|`]);
  });

  it.each([
    [true, [`private|${SITE}|onetrust`]],
    [false, []],
  ])(
    'records an earlier version kept on disk leave it (a private window open: %s)',
    async (open, inSession) => {
      if (open) await fakeBrowser.windows.create({ incognito: true });
      await fakeBrowser.storage.local.set({
        unpromptedConsent: {
          [`private|${SITE}|onetrust`]: { visitId: 'old', at: T - 1_000 },
          [`${SITE}|onetrust`]: { visitId: 'old2', at: T - 1_000 },
        },
      });
      await worker();
      await vi.advanceTimersByTimeAsync(0);
      expect(await keysIn('local')).toEqual([`${SITE}|onetrust`]);
      expect(await keysIn('session')).toEqual(inSession);
    },
  );
});

describe('siteMemory areas', () => {
  it('a record pushed out past the bound leaves the area that held it', async () => {
    const { siteMemory } = await import('../site-memory');
    const m = siteMemory<{ at: number }>('m', 2);
    await m.load();
    m.save('a.example|x', { at: 1 });
    m.save('private|b.example|x', { at: 2 });
    m.save('c.example|x', { at: 3 });
    await vi.advanceTimersByTimeAsync(0);
    expect(await keysIn('local', 'm')).toEqual(['c.example|x']);
    expect(await keysIn('session', 'm')).toEqual(['private|b.example|x']);
    m.save('d.example|x', { at: 4 });
    await vi.advanceTimersByTimeAsync(0);
    expect(await keysIn('session', 'm')).toEqual([]);
    expect(await keysIn('local', 'm')).toEqual(['c.example|x', 'd.example|x']);
  });

  it('forgetPrivate keeps the disk’s records', async () => {
    const { siteMemory } = await import('../site-memory');
    const m = siteMemory<{ at: number }>('m', 10);
    await m.load();
    m.save('a.example|x', { at: 1 });
    m.save('private|a.example|x', { at: 2 });
    m.forgetPrivate();
    await vi.advanceTimersByTimeAsync(0);
    expect(m.get('private|a.example|x')).toBeUndefined();
    expect(m.get('a.example|x')).toEqual({ at: 1 });
    expect(await keysIn('local', 'm')).toEqual(['a.example|x']);
  });
});
