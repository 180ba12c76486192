/**
 * Watches the page's sticky user activation (`navigator.userActivation.hasBeenActive`) from the isolated world: the
 * browser sets it on the visitor's real click, tap or key press in the page or in any of its frames (activation
 * reaches the ancestors), never on a script's synthetic event, and the page's own scripts cannot redefine what our
 * world reads. Reports once at the start (as it is then) and once when it turns true; nothing where the browser
 * lacks the API, so a consent choice there is judged as before (lib/evidence/consent.ts).
 */

/** How often to look while no event says the visitor may have acted (a tap in a frame that takes no focus). */
const POLL_MS = 1_000;
/** Input events that grant activation; seeing one is the moment to look. */
const INPUT_EVENTS = ['pointerdown', 'mousedown', 'keydown', 'touchend', 'pointerup'] as const;

type Report = (active: boolean, at: number) => void;

export function watchUserActivation(report: Report): void {
  const ua = (navigator as Navigator & { userActivation?: { hasBeenActive?: unknown } }).userActivation;
  if (!ua || typeof ua.hasBeenActive !== 'boolean') return;
  if (ua.hasBeenActive) {
    report(true, Date.now());
    return;
  }
  report(false, Date.now());
  let done = false;
  const poll = setInterval(() => check(), POLL_MS);
  const onInput = (event: Event): void => {
    if (!event.isTrusted) return;
    check();
    // Some browsers mark the activation while dispatching: look again once this event is done.
    setTimeout(check, 0);
  };
  // Focus moving into a frame (the visitor clicked in it) or a frame's message: look once the event is done.
  const onFrame = (): void => void setTimeout(check, 0);
  function check(): void {
    try {
      if (done || !ua!.hasBeenActive) return;
      done = true;
      clearInterval(poll);
      for (const type of INPUT_EVENTS) window.removeEventListener(type, onInput, true);
      window.removeEventListener('blur', onFrame);
      window.removeEventListener('message', onFrame);
      report(true, Date.now());
    } catch {
      // Never let our watcher disturb the page.
    }
  }
  for (const type of INPUT_EVENTS) window.addEventListener(type, onInput, { capture: true, passive: true });
  window.addEventListener('blur', onFrame);
  window.addEventListener('message', onFrame);
  window.addEventListener('pagehide', () => check());
}
