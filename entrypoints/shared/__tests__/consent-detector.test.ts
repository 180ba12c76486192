// The consent detector (entrypoints/consent.content.ts) against what a page's own script and markup can do to the
// visitor's trusted input before the detector reports it.
//
// The harness runs the real content script's main() against a minimal DOM. linkedom supplies elements (closest,
// textContent, attributes) but not the DOM's capture order, so clicks are dispatched as DOM §2.9 does: capture
// listeners of Window first, then of Document, and stopPropagation() on one target keeps the event from every
// later target. That order is shared by the page's main world and the extension's isolated world: they are
// listeners on the same objects, in the same dispatch.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseHTML } from 'linkedom';

vi.mock('@duckduckgo/autoconsent', () => ({
  default: class {
    foundCmp = null;
    receiveMessageCallback() {
      return Promise.resolve();
    }
    doOptOut() {
      return Promise.resolve(false);
    }
  },
}));

const T = 1_800_000_000_000;
let win: EventTarget & Record<string, unknown>;
let doc: EventTarget & Record<string, unknown>;
let sent: { type: string; args?: Record<string, unknown> }[];
let ua: { hasBeenActive: boolean; isActive: boolean };
let storage: Map<string, string>;

function page(html: string) {
  const dom = parseHTML(`<html><body>${html}</body></html>`);
  vi.stubGlobal('Element', dom.window.Element);
  return dom.document;
}

/** One trusted input event as the browser dispatches it (capture phase: Window, then Document). */
function dispatch(type: string, target: Element) {
  const path: unknown[] = [];
  for (let el: Element | null = target; el; el = el.parentElement) path.push(el);
  let stopped = false;
  for (const t of [win, doc]) {
    const e = new Event(type, { bubbles: true, cancelable: true });
    Object.defineProperty(e, 'isTrusted', { value: true });
    Object.assign(e, { detail: 1, clientX: 10, clientY: 10 });
    e.composedPath = () => path as EventTarget[];
    e.stopPropagation = () => void (stopped = true);
    e.stopImmediatePropagation = () => void (stopped = true);
    Object.defineProperty(e, 'target', { value: target });
    t.dispatchEvent(e);
    if (stopped) return;
  }
}

/** The visitor's real click: pointerdown grants the activation, then the click. */
function visitorClicks(target: Element) {
  ua.hasBeenActive = true;
  ua.isActive = true;
  dispatch('pointerdown', target);
  dispatch('click', target);
}

async function startDetector() {
  vi.resetModules();
  const script = (await import('../../consent.content')).default as unknown as { main: () => void };
  script.main();
}

/** What CSS generates before the buttons (`content`), for the shown-words case. */
let generated = 'none';

const clicks = () => sent.filter((m) => m.type === 'consentClick').map((m) => m.args!.action);

beforeEach(() => {
  vi.useFakeTimers({ now: T });
  fakeBrowser.reset();
  sent = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (m: unknown) => {
    sent.push(m as { type: string });
    return undefined;
  });
  win = new EventTarget() as typeof win;
  doc = new EventTarget() as typeof doc;
  Object.assign(win, { innerWidth: 1280, innerHeight: 800 });
  win.top = win;
  Object.assign(doc, {
    readyState: 'loading',
    cookie: '',
    scripts: [],
    querySelector: () => null,
    activeElement: null,
  });
  ua = { hasBeenActive: false, isActive: false };
  vi.stubGlobal('window', win);
  vi.stubGlobal('document', doc);
  vi.stubGlobal('navigator', { userActivation: ua });
  storage = new Map();
  vi.stubGlobal('localStorage', {
    get length() {
      return storage.size;
    },
    key: (i: number) => [...storage.keys()][i] ?? null,
    getItem: (k: string) => storage.get(k) ?? null,
  });
  vi.stubGlobal('getComputedStyle', (_el: unknown, pseudo?: string) => ({
    position: 'static',
    content: pseudo === '::before' ? generated : 'none',
  }));
  vi.stubGlobal('HTMLIFrameElement', class {});
  vi.stubGlobal('KeyboardEvent', class extends Event {});
  vi.stubGlobal('ShadowRoot', class {});
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the visitor’s click on Reject all', () => {
  it('is reported even when the page stops the click in its own window capture listener', async () => {
    // Reachable: the page's script runs after our document_start script, and adds
    //   window.addEventListener('click', (e) => { if (e.target.closest('#cookie-banner .reject')) {
    //     e.stopPropagation(); storeAcceptAll(); hideBanner(); } }, true);
    // Window capture listeners run before the detector's click listener, which is on `document` (capture). The
    // activation watcher (on window, registered first) still sees the pointerdown inside the banner, so the accept
    // the site then stores follows an input that could answer a banner, with no click to contradict it: counted as
    // the visitor's accept, trackers after accept, a clean verdict (instead of "consent stored against the
    // visitor's Reject all"). It works on a known CMP whose buttons the autoconsent rule names exactly.
    const dom = page(
      '<div id="cookie-banner"><button class="reject">Reject all</button></div><p id="a">x</p>',
    );
    await startDetector();
    const button = dom.querySelector('.reject')!;

    // Control: with no interference the detector reports the click.
    visitorClicks(button);
    await vi.advanceTimersByTimeAsync(600);
    expect(clicks()).toEqual(['reject-all']);

    // The site's own capture listener on window (a page script: registered after ours).
    win.addEventListener('click', (e) => e.stopPropagation(), { capture: true });
    vi.setSystemTime(T + 5_000);
    visitorClicks(button);
    await vi.advanceTimersByTimeAsync(600);
    expect(clicks()).toEqual(['reject-all', 'reject-all']);
  });

  it('is what its shown words say, not its aria-label', async () => {
    // <button class="reject" aria-label="Accept all"></button> with `.reject::before { content: "Reject all" }`: the
    // visitor sees and clicks "Reject all"; innerText and textContent are empty (generated content is in neither).
    // The aria-label, which the visitor does not see, would make the site's accept a "click-confirmed" one.
    generated = '"Reject all"';
    const dom = page(
      '<div id="cookie-banner"><button class="reject" aria-label="Accept all"></button></div>',
    );
    await startDetector();
    visitorClicks(dom.querySelector('.reject')!);
    await vi.advanceTimersByTimeAsync(600);
    expect(clicks()).toEqual(['reject-all']);
    generated = 'none';
  });
});

describe('a consent record in localStorage', () => {
  it('written while nobody looked is read before the visitor’s input is reported, and dated before it', async () => {
    // A Usercentrics site's script writes `uc_settings` (accept all) on its own 15 s after load, after the detector's
    // timed reads; the visitor first clicks 25 s later. Read only after the click, the record would be dated after
    // the visitor's input, and count as their answer.
    const dom = page('<p id="a">Story</p>');
    await startDetector();
    await vi.advanceTimersByTimeAsync(15_000);
    storage.set('uc_settings', '{"services":[{"id":"x","status":true}]}');
    await vi.advanceTimersByTimeAsync(25_000);
    const before = sent.length;
    visitorClicks(dom.querySelector('#a')!);
    const after = sent.slice(before);
    const read = after.findIndex((m) => m.type === 'consentStorage');
    const active = after.findIndex((m) => m.type === 'userActivation' && m.args!.active === true);
    expect(read).toBeGreaterThanOrEqual(0);
    expect(active).toBeGreaterThan(read);
    expect(after[read]!.args!.at as number).toBeLessThan(after[active]!.args!.at as number);
  });
});

describe('the visitor’s click on Reject all, shown by CSS over hidden words', () => {
  it('is what the visitor saw, not words the page rendered invisible', async () => {
    // The aria-label bend through another channel the visitor does not see: <button class="reject"><span style="font-size:0">Accept all</span></button> with
    // `.reject::before { content: "Reject all" }`. innerText keeps text rendered at font-size 0 (also opacity 0,
    // color transparent, clipped or off-screen: only display:none / visibility:hidden leave innerText), so
    // the text says "Accept all" and the generated words "Reject all": where they disagree, the refusal.
    generated = '"Reject all"';
    const dom = page(
      '<div id="cookie-banner"><button class="reject"><span style="font-size:0">Accept all</span></button></div>',
    );
    await startDetector();
    visitorClicks(dom.querySelector('.reject')!);
    await vi.advanceTimersByTimeAsync(600);
    expect(clicks()).toEqual(['reject-all']);
    generated = 'none';
  });
});
