/**
 * Watches the page's sticky user activation (`navigator.userActivation.hasBeenActive`) from the isolated world: the
 * browser sets it on the visitor's real click, tap or key press in the page or in any of its frames (activation
 * reaches the ancestors), never on a script's synthetic event, and the page's own scripts cannot redefine what our
 * world reads. Reports once at the start (as it is then) and once when it turns true; nothing where the browser
 * lacks the API, so a consent choice there is judged as before (lib/evidence/consent.ts).
 *
 * `where` says whether a trusted input in this document could have answered a consent banner
 * (lib/consent/banner-target.ts). When the inputs that made the page active all landed outside any banner, the
 * activation is reported as `outside` (with where it landed), and the watcher goes on until an input that could
 * answer (or focus moving into a frame, whose inputs this document never sees) and reports that as the activation.
 *
 * After the activation, each later input that could answer a banner is reported too (`laterInput`, at most once per
 * LATER_INPUT_EVERY_MS, with the latest one's time): a choice the visitor makes in this tab long after their first
 * input is then known as theirs when another tab of the site sees it stored.
 */
import { latestEvery } from '@/lib/latest-every';
import { LATER_INPUT_EVERY_MS } from '@/lib/messages';

/** How often to look while no event says the visitor may have acted (a tap in a frame that takes no focus). */
const POLL_MS = 1_000;
/** Input events that grant activation; seeing one is the moment to look. */
const INPUT_EVENTS = ['pointerdown', 'mousedown', 'keydown', 'touchend', 'pointerup'] as const;
/** The one event of each click, tap or key press that counts as a later input. */
const LATER_INPUT_EVENTS = new Set(['pointerdown', 'keydown']);
/** Focus moving into a frame sooner than this after an input outside any banner is that input's doing. */
const FOCUS_AFTER_INPUT_MS = 500;
/** How long a real input's transient activation lasts (about 5 s in Chrome and Firefox). */
const TRANSIENT_ACTIVATION_MS = 5_000;
/** When to look for the frame that took the focus after the window lost it. */
const FOCUS_LOOKS_MS = [0, 100, 500];

/** Where an input landed: `answer` false only when clearly outside any consent banner; `label` names the place. */
export interface InputPlace {
  answer: boolean;
  label?: string;
}

/** `initial`: the report at document_start, which may reach the background before the commit of its page. */
type Report = (active: boolean, at: number, outside?: { label?: string }, initial?: boolean) => void;

export function watchUserActivation(
  report: Report,
  where: (event: Event) => InputPlace,
  laterInput: (at: number) => void,
): void {
  const ua = (navigator as Navigator & { userActivation?: { hasBeenActive?: unknown; isActive?: unknown } })
    .userActivation;
  if (!ua || typeof ua.hasBeenActive !== 'boolean') return;
  const later = latestEvery(LATER_INPUT_EVERY_MS, laterInput);
  let done = ua.hasBeenActive;
  report(done, Date.now(), undefined, true);
  /** Inputs seen in this document so far: one that could answer a banner, and the first that could not. */
  let answered = false;
  let outside: InputPlace | null = null;
  let outsideReported = false;
  let lastOutsideAt = -Infinity;
  /** The browser's sticky flag speaks for this visit (false after a restore of a page already active). */
  let sticky = true;
  let poll = done ? undefined : setInterval(() => check(), POLL_MS);
  const onInput = (event: Event): void => {
    if (!event.isTrusted || (event instanceof KeyboardEvent && event.key === 'Escape')) return;
    try {
      const place = where(event);
      if (place.answer && done && LATER_INPUT_EVENTS.has(event.type)) later(Date.now());
      if (place.answer) answered = true;
      else {
        outside ??= place;
        lastOutsideAt = Date.now();
      }
    } catch {
      answered = true; // where it landed is unknown: it may have been the banner
    }
    check();
    // Some browsers mark the activation while dispatching: look again once this event is done.
    setTimeout(check, 0);
  };
  // Focus moving into a frame (the visitor clicked in it) or a frame's message: look once the event is done.
  const onFrame = (): void => void setTimeout(check, 0);
  const onBlur = (event: Event): void => {
    // A blur the page's script dispatched itself says nothing.
    if (!event.isTrusted) return;
    // Focus moving into a frame: the visitor acted there, unless it follows an outside input at once (the page's
    // own handler of that input can move the focus). The frame is the active element only a moment later in some
    // browsers (Firefox, with the frame in another process): look again then.
    const at = Date.now();
    let inFrame = false;
    const look = (): void => {
      if (
        !inFrame &&
        document.activeElement instanceof HTMLIFrameElement &&
        at - lastOutsideAt > FOCUS_AFTER_INPUT_MS
      ) {
        inFrame = true;
        // A later input only with transient activation (a real input in the last seconds, in the page or a frame:
        // activation reaches the ancestors), and not while an input outside any banner may still be what activated
        // it: the site's own iframe.focus() (a trusted blur) alone, or a while after a click on its content, reports
        // nothing. The price: an answer in a banner's frame within 5 s of a click on the page is not reported.
        if (done && ua!.isActive === true && at - lastOutsideAt > TRANSIENT_ACTIVATION_MS) later(at);
        answered = true;
      }
      check();
    };
    for (const ms of FOCUS_LOOKS_MS) setTimeout(look, ms);
  };
  function check(): void {
    try {
      if (done || !(sticky ? ua!.hasBeenActive : answered || outside !== null)) return;
      if (outside && !answered) {
        // Active, but only by input outside any banner: say so once, and wait for one that could answer.
        if (!outsideReported) {
          outsideReported = true;
          clearInterval(poll);
          report(true, Date.now(), { ...(outside.label && { label: outside.label }) });
        }
        return;
      }
      done = true;
      clearInterval(poll);
      // The inputs and focus changes go on being watched, for later inputs (the frames' messages need not).
      window.removeEventListener('message', onFrame);
      report(true, Date.now());
    } catch {
      // Never let our watcher disturb the page.
    }
  }
  for (const type of INPUT_EVENTS) window.addEventListener(type, onInput, { capture: true, passive: true });
  window.addEventListener('blur', onBlur);
  // A restore from the back/forward cache is a new visit, which no script of ours starts: watch it from the restore.
  // The sticky flag may be the earlier visit's, so once it is set only the inputs seen from now on count.
  window.addEventListener('pageshow', (event) => {
    if (!event.isTrusted || !(event as PageTransitionEvent).persisted) return;
    sticky = !ua.hasBeenActive;
    done = false;
    answered = false;
    outside = null;
    outsideReported = false;
    lastOutsideAt = -Infinity;
    clearInterval(poll);
    poll = sticky ? setInterval(() => check(), POLL_MS) : undefined;
    window.addEventListener('message', onFrame);
    // The restored visit's first report, as document_start's is for a loaded one: it may reach us before the commit.
    report(false, Date.now(), undefined, true);
  });
  window.addEventListener('pagehide', () => check());
  if (done) return;
  window.addEventListener('message', onFrame);
}
