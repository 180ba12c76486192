// A page restored from the back/forward cache is a new visit (README "How events are attributed":
// "Reloads and back/forward-cache restores are new visits"; tab-state.ts onCommit makes one on the restore's commit),
// but content scripts do not run again in it: the watcher's one `active: false` report went to the visit that ended.
// deriveConsent's `untouched` needs an activation report of *this* visit from before the choice ("Without reports …
// nothing is untouched"), and unprompted.ts decideStored returns null while `watchedAt` is null. So on a restored
// visit a consent record the site stores by itself is counted as the visitor's answer and never remembered as the
// site's, and every later visit carries it over as the visitor's choice.
//
// Reachable without the visitor's help: page A (untouched) runs `location.href = '/b'`; /b runs `history.back()`;
// A comes back from the bfcache (pageshow.persisted), and on `pageshow` writes OptanonConsent=<accept-all> and loads
// its trackers. Evidence of the restored visit: the jar read at commit, the cookie store's report of the accept,
// the trackers, and no activation report at all → "after accept", clean, and the accept is laundered for good.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

class FakeIframe {}

let win: EventTarget;

beforeEach(() => {
  vi.useFakeTimers({ now: 1_800_000_000_000 });
  win = new EventTarget();
  vi.stubGlobal('window', win);
  vi.stubGlobal('document', { activeElement: null });
  vi.stubGlobal('HTMLIFrameElement', FakeIframe);
  vi.stubGlobal('KeyboardEvent', class extends Event {});
  // The visitor has not touched the page.
  vi.stubGlobal('navigator', { userActivation: { hasBeenActive: false, isActive: false } });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** A `pageshow` as the browser fires it on a back/forward-cache restore. */
function restoredFromBfcache(): Event {
  const e = new Event('pageshow');
  Object.defineProperty(e, 'isTrusted', { value: true });
  Object.defineProperty(e, 'persisted', { value: true });
  return e;
}

describe('a page restored from the back/forward cache', () => {
  it('reports the activation state again, so the restored visit is watched from its start', async () => {
    const { watchUserActivation } = await import('../user-activation');
    const report = vi.fn();
    watchUserActivation(
      report,
      () => ({ answer: true }),
      () => undefined,
    );
    expect(report).toHaveBeenCalledTimes(1); // document_start: (false, t) for the first visit
    // The page navigates away and is restored 3 s later: a new visit, still untouched.
    await vi.advanceTimersByTimeAsync(3_000);
    win.dispatchEvent(restoredFromBfcache());
    await vi.advanceTimersByTimeAsync(100);
    expect(report).toHaveBeenCalledTimes(2);
    expect(report.mock.calls[1]![0]).toBe(false);
    expect(report.mock.calls[1]![1]).toBeGreaterThanOrEqual(1_800_000_003_000);
    // The restored visit's first report, as document_start's is: the background files it on the page now shown, never
    // on the page left by its time (Firefox's reports carry no document id: bfcache-restore.test.ts).
    expect(report.mock.calls[1]![3]).toBe(true);
  });

  it('a page the visitor had touched before leaving is untouched again until an input seen after the restore', async () => {
    const ua = { hasBeenActive: true, isActive: false };
    vi.stubGlobal('navigator', { userActivation: ua });
    const { watchUserActivation } = await import('../user-activation');
    const report = vi.fn();
    watchUserActivation(
      report,
      () => ({ answer: true }),
      () => undefined,
    );
    expect(report.mock.calls[0]!.slice(0, 2)).toEqual([true, 1_800_000_000_000]);
    await vi.advanceTimersByTimeAsync(3_000);
    win.dispatchEvent(restoredFromBfcache());
    // The sticky flag is the earlier visit's: this one starts untouched.
    expect(report.mock.calls[1]!.slice(0, 2)).toEqual([false, 1_800_000_003_000]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(report).toHaveBeenCalledTimes(2);
    // A page's synthetic pageshow changes nothing.
    const forged = new Event('pageshow');
    Object.defineProperty(forged, 'persisted', { value: true });
    win.dispatchEvent(forged);
    expect(report).toHaveBeenCalledTimes(2);
    // The visitor's first input after the restore makes this visit active.
    const input = new Event('pointerdown');
    Object.defineProperty(input, 'isTrusted', { value: true });
    win.dispatchEvent(input);
    await vi.advanceTimersByTimeAsync(10);
    expect(report.mock.calls[2]!.slice(0, 2)).toEqual([true, 1_800_000_008_000]);
  });
});
