// A page restored from the back/forward cache is a new visit (README, tab-state.ts onCommit); the activation watcher
// reports again on `pageshow` (user-activation-restore.test.ts), and so must the consent record in localStorage the
// restored visit brings: bridge.content.ts read it once, at document_start, so on a site whose manager keeps the
// choice in localStorage only (Usercentrics uc_settings / ucData, Termly, Transcend) the restored visit had no
// choice at all, and every tracker request after the restore read "before consent".
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { UC_ACCEPT_ALL } from '@/lib/consent/__fixtures__/managers';

const T = 1_800_000_000_000;
let win: EventTarget & Record<string, unknown>;
let sent: { type: string; args?: Record<string, unknown> }[];

beforeEach(() => {
  vi.useFakeTimers({ now: T });
  fakeBrowser.reset();
  sent = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (m: unknown) => {
    sent.push(m as { type: string });
    return undefined;
  });
  win = new EventTarget() as typeof win;
  win.top = win;
  vi.stubGlobal('window', win);
  vi.stubGlobal('document', new EventTarget());
  const storage = new Map([['uc_settings', UC_ACCEPT_ALL]]);
  vi.stubGlobal('localStorage', {
    get length() {
      return storage.size;
    },
    key: (i: number) => [...storage.keys()][i] ?? null,
    getItem: (k: string) => storage.get(k) ?? null,
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function restoredFromBfcache(): Event {
  const e = new Event('pageshow');
  Object.defineProperty(e, 'isTrusted', { value: true });
  Object.defineProperty(e, 'persisted', { value: true });
  return e;
}

const initialReads = () =>
  sent.filter((m) => m.type === 'consentStorage' && m.args?.initial === true).map((m) => m.args!.at);

describe('the stored choice a page restored from the back/forward cache brings', () => {
  it('is read again, as the restored visit’s own initial read', async () => {
    vi.resetModules();
    const script = (await import('../../bridge.content')).default as unknown as { main: () => void };
    script.main();
    expect(initialReads()).toEqual([T]); // the first visit's document_start read
    // The visitor goes on to another page and comes back 30 s later: a new visit, the accept still stored.
    vi.setSystemTime(T + 30_000);
    win.dispatchEvent(restoredFromBfcache());
    await vi.advanceTimersByTimeAsync(10);
    // Before the fix: nothing is read on the restore; the restored visit carries no choice.
    expect(initialReads()).toEqual([T, T + 30_000]);
  });
});
