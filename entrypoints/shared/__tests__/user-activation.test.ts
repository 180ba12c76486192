// Later inputs reported by the detector must come from the visitor, not from the page's own script.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

class FakeIframe {}

let win: EventTarget;
let doc: { activeElement: unknown };

beforeEach(() => {
  vi.useFakeTimers({ now: 1_800_000_000_000 });
  win = new EventTarget();
  doc = { activeElement: null };
  vi.stubGlobal('window', win);
  vi.stubGlobal('document', doc);
  vi.stubGlobal('HTMLIFrameElement', FakeIframe);
  vi.stubGlobal('KeyboardEvent', class extends Event {});
  // The visitor touched the page once (sticky activation), long ago.
  vi.stubGlobal('navigator', { userActivation: { hasBeenActive: true, isActive: false } });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** Starts the watcher (every input landing where `place` says) and returns what it reported as later inputs. */
async function watch(place: { answer: boolean; label?: string }) {
  const { watchUserActivation } = await import('../user-activation');
  const later = vi.fn();
  watchUserActivation(
    () => undefined,
    () => place,
    later,
  );
  return later;
}

describe('later inputs', () => {
  it('a blur the page dispatches itself, with its own frame focused, is no later input of the visitor', async () => {
    const later = await watch({ answer: true });
    // The page's script, with no input of the visitor's: focuses its frame and fires `blur` on the window, every 6 s
    // for a minute (a script's iframe.focus() gives a trusted blur the same way).
    for (let i = 0; i < 10; i++) {
      doc.activeElement = new FakeIframe();
      const blur = new Event('blur');
      expect(blur.isTrusted).toBe(false);
      win.dispatchEvent(blur);
      await vi.advanceTimersByTimeAsync(6_000);
      doc.activeElement = null;
    }
    expect(later).not.toHaveBeenCalled();
  });

  /** An event as the browser gives it (trusted). */
  const trustedEvent = (type: string) => {
    const e = new Event(type);
    Object.defineProperty(e, 'isTrusted', { value: true });
    return e;
  };
  /** A blur as the browser gives it (trusted), with the page's frame focused then. */
  const trustedBlur = () => {
    doc.activeElement = new FakeIframe();
    win.dispatchEvent(trustedEvent('blur'));
  };
  /** The page's transient activation as the watcher reads it (the same object it was given). */
  const setActive = (isActive: boolean) => {
    (navigator as unknown as { userActivation: { isActive: boolean } }).userActivation.isActive = isActive;
  };

  it('focus moving into a frame right after a real input there is a later input; with no real input, none', async () => {
    const later = await watch({ answer: true });
    // The site's own iframe.focus(), long after any input: a trusted blur, but no transient activation.
    trustedBlur();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(later).not.toHaveBeenCalled();
    // The visitor clicks in the frame: the page has transient activation (it reaches the ancestors).
    setActive(true);
    trustedBlur();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(later).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['at once (the page’s own handler of that click focusing its frame): no later input', 200, 0],
    ['600 ms later (the handler waiting, within the click’s transient activation): none either', 600, 0],
    // The price of that: an answer in a consent manager's frame this soon after a click on the page is not reported.
    ['2 s later (an Accept in a consent manager’s frame): not reported either', 2_000, 0],
    ['6 s later, past the click’s transient activation: a later input', 6_000, 1],
  ])('a click on the page’s own content, then focus moving into a frame %s', async (_, after, reported) => {
    const later = await watch({ answer: false, label: 'article text' });
    setActive(true);
    win.dispatchEvent(trustedEvent('pointerdown'));
    await vi.advanceTimersByTimeAsync(after);
    // Focus moves into the frame (a trusted blur), with the transient activation of a real input.
    trustedBlur();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(later).toHaveBeenCalledTimes(reported);
  });
});
