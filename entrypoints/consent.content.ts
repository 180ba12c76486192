import AutoConsent from '@duckduckgo/autoconsent';
import type { BackgroundMessage, ContentScriptMessage } from '@duckduckgo/autoconsent';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import {
  AUTOCONSENT_FORWARD,
  AUTOCONSENT_OPT_OUT,
  routeAutoconsentMessage,
} from '@/lib/consent/autoconsent-protocol';
import {
  actionFromText,
  BUTTON_SELECTOR,
  classifyClick,
  clickRuleNow,
  genericRule,
  shortLabel,
  type ClickAction,
} from '@/lib/consent/click';
import {
  couldAnswerBanner,
  targetLabel,
  unnamedRefusal,
  type TargetFacts,
} from '@/lib/consent/banner-target';
import { AUTOCONSENT_CLICK_RULE, asClickRule } from '@/lib/consent/click-protocol';
import {
  countSwitches,
  MAX_SWITCHES,
  savedDialog,
  SWITCH_SELECTOR,
  type SwitchCount,
  type SwitchState,
} from '@/lib/consent/switches';
import type { ClickRule } from '@/lib/consent/click-rules';
import type { Message } from '@/lib/messages';
import { jarToolEvidence } from '@/lib/consent/signals';
import { parseCookieHeader } from '@/lib/cookie-parse';
import { identifyTool, isConsentStorageKey, isManager } from '@/lib/consent/tools';
import { watchUserActivation, type InputPlace } from './shared/user-activation';
import { whenShown } from './shared/shown';

/** localStorage values longer than this are not sent (consent records are far smaller). */
const MAX_STORAGE_VALUE = 16_384;
const MAX_STORAGE_ITEMS = 50;
/** When to re-read localStorage after load: managers write their record on init and after a click. */
const STORAGE_DELAYS_MS = [1_000, 3_000, 10_000];
/**
 * When to re-read it after the visitor's click: at once (after the page's own handlers, which most managers write
 * from), then as slower ones settle. Without this a choice made later than the load reads is seen only at pagehide,
 * and everything it released in between looks like tracking before consent.
 */
const CLICK_STORAGE_DELAYS_MS = [0, 1_000, 4_000];
/**
 * A banner in a frame (Sourcepoint's, and others) takes clicks this document never sees: the frame telling the page
 * (a message) or taking the focus (a blur) is the sign. Read soon, while a tracker the choice releases is still to
 * come, and once more for a banner slower to store.
 */
const FRAME_STORAGE_DELAYS_MS = [150, 1_500];

/**
 * The page's cookies as manager evidence (jarToolEvidence): the managers whose parsers read a record, then the
 * other cookies' names.
 */
function cookieEvidence(): { decoded: string[]; cookies: string[] } {
  return jarToolEvidence(parseCookieHeader(document.cookie).slice(0, 300));
}

/** Keys of the registry's localStorage records, with their values (capped), or [] when storage is blocked. */
function consentStorage(): { key: string; value: string }[] {
  const items: { key: string; value: string }[] = [];
  try {
    const n = Math.min(localStorage.length, 1000);
    for (let i = 0; i < n && items.length < MAX_STORAGE_ITEMS; i++) {
      const key = localStorage.key(i);
      if (key === null || !isConsentStorageKey(key)) continue;
      const value = localStorage.getItem(key);
      if (value !== null && value.length <= MAX_STORAGE_VALUE) items.push({ key, value });
    }
  } catch {
    // Storage can be blocked (privacy settings, sandboxing): nothing to read.
  }
  return items;
}

/** Text CSS generates before and after an element (`content: "Reject all"`), which innerText leaves out. */
function generatedText(el: Element): string {
  const part = (pseudo: string): string => {
    const content = getComputedStyle(el, pseudo)?.content ?? '';
    return /^".*"$/s.test(content) ? content.slice(1, -1) : '';
  };
  return `${part('::before')} ${part('::after')}`.trim();
}

/** A button's or link's own text or value (innerText keeps words drawn invisibly: see clickLabel). */
function ownText(button: Element): string {
  return (button as HTMLElement).innerText || button.textContent || (button as HTMLInputElement).value || '';
}

/**
 * The words a button or link shows: its text, its value, or the text CSS generates for it. Not its aria-label,
 * which the visitor does not see: a page could label its Reject button "Accept all" for us alone.
 */
function shownText(button: Element): string {
  try {
    return ownText(button) || generatedText(button);
  } catch {
    return '';
  }
}

/**
 * The words that decide what a click on a button was: what it shows. Its text and its CSS-generated text naming
 * different answers means one of them is drawn where the visitor cannot see it (a span at font-size 0 under a
 * `::before` that says the opposite): then the refusal, so a site's accept after it reads as contradicting it.
 */
function clickLabel(button: Element): string {
  let own = '';
  let generated = '';
  try {
    own = ownText(button);
    generated = shortLabel(generatedText(button));
  } catch {
    return shortLabel(own);
  }
  const text = own ? shortLabel(own) : generated;
  const drawn = actionFromText(generated);
  if (!drawn || drawn === actionFromText(text)) return text;
  // They disagree (or only the generated words name an answer): the refusal if either says it, else the text.
  return drawn === 'reject-all' ? generated : text;
}

/** A button's shown words, else its accessible name: enough to say an input may have answered a banner. */
function buttonText(button: Element): string {
  return shownText(button) || button.getAttribute('aria-label') || '';
}

/**
 * The shadow root `el` hosts, open or closed (extensions may look into closed ones: Firefox gives content scripts the
 * root on the element, Chrome through chrome.dom), or null. Throws where the browser's API does.
 */
function shadowRootOf(el: Element): ShadowRoot | null {
  if (el.shadowRoot) return el.shadowRoot;
  const firefox = (el as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot;
  type ChromeDom = { dom?: { openOrClosedShadowRoot?(e: Element): ShadowRoot | null } };
  return firefox ?? (globalThis as { chrome?: ChromeDom }).chrome?.dom?.openOrClosedShadowRoot?.(el) ?? null;
}

/** A shadow root the composed path cannot enter (closed), or any: the input landed somewhere we cannot see. */
function hostsShadow(el: Element): boolean {
  try {
    return !!shadowRootOf(el);
  } catch {
    return true;
  }
}

/**
 * The shadow root `el` hosts that the click's composed path did not enter: a closed one, or (once inside a closed
 * one, where the path stopped) any. Null for none.
 */
function unenteredRoot(el: Element, insideClosed: boolean): ShadowRoot | null {
  if (el.shadowRoot && !insideClosed) return null;
  try {
    const root = shadowRootOf(el);
    return root instanceof ShadowRoot ? root : null;
  } catch {
    return null;
  }
}

/**
 * The element a trusted click landed on. In a closed shadow root (Transcend's consent UI attaches one by default) the
 * event reaches the document retargeted to the host, whose text is not the button's: look inside at the click's
 * point (at the focused element for a key press, which has no point), as deep as roots nest, open ones inside a
 * closed one included (the path never entered those either).
 */
function clickedElement(event: MouseEvent): Element | null {
  let el: EventTarget | null = event.composedPath()[0] ?? event.target;
  for (let depth = 0; el instanceof Element && depth < 8; depth++) {
    const root = unenteredRoot(el, depth > 0);
    if (!root) break;
    const inner: Element | null =
      event.detail === 0 ? root.activeElement : root.elementFromPoint(event.clientX, event.clientY);
    if (!inner || inner === el) break;
    el = inner;
  }
  return el instanceof Element ? el : null;
}

/** An element covering this much of the viewport is the page's own shell (a full-page app, a wrapper), not a banner. */
const SHELL_SHARE = 0.9;
/** Elements of a saved dialog searched for open shadow roots holding more of its switches. */
const MAX_DIALOG_ELEMENTS = 5_000;
/** Elements searched for an Accept beside a refusal, per click (most are skipped by a selector test). */
const MAX_ACCEPT_SEARCH = 20_000;
/** Shadow roots of a dialog entered for them. */
const MAX_DIALOG_ROOTS = 50;
/** Longest text of an element that is no button but is drawn as one (a div with a click handler, a pointer cursor). */
const MAX_DRAWN_BUTTON_TEXT = 40;
/** How much of an element's text is read for words of consent. */
const TEXT_CHARS = 4_000;

const pinned = (el: Element): boolean => ['fixed', 'sticky'].includes(getComputedStyle(el).position);
const coversViewport = (el: Element): boolean => {
  const r = el.getBoundingClientRect();
  return r.width * r.height >= SHELL_SHARE * window.innerWidth * window.innerHeight;
};

/** What the browser tells of the elements of one input's path: each element's style and box measured once. */
function targetFacts(): TargetFacts {
  const measured = new Map<Element, { pinned: boolean; covers: boolean }>();
  // One search budget for every dialog of the path (nested dialogs would each search the same elements again).
  const budget = { left: MAX_ACCEPT_SEARCH };
  const searched = new Map<Element, string[]>();
  const measure = (el: Element) => {
    let m = measured.get(el);
    if (!m) measured.set(el, (m = { pinned: pinned(el), covers: coversViewport(el) }));
    return m;
  };
  return {
    overlay: (el) => {
      const m = measure(el as Element);
      return m.pinned && !m.covers;
    },
    shadowHost: (el) => hostsShadow(el as Element),
    // A pinned element covering the viewport is a consent wall's backdrop as often as an app's shell: a part.
    shell: (el) => {
      if (el === document.documentElement || el === document.body) return true;
      const m = measure(el as Element);
      return !m.pinned && m.covers;
    },
    text: (el) => ((el as Element).textContent ?? '').slice(0, TEXT_CHARS),
    buttonLabels: (el) => {
      let labels = searched.get(el as Element);
      if (!labels) searched.set(el as Element, (labels = dialogButtonLabels(el as Element, budget)));
      return labels;
    },
  };
}

/**
 * The labels of a dialog's buttons, in open shadow roots inside it too, and of the elements drawn as buttons (no
 * button markup, a script's click handler: a pointer cursor or a tab stop, and an Accept's few words), up to the
 * first Accept (however many links come before it), within the click's element budget.
 */
function dialogButtonLabels(dialog: Element, budget: { left: number }): string[] {
  const labels: string[] = [];
  const roots: ParentNode[] = [dialog];
  for (let i = 0; i < roots.length; i++) {
    for (const el of roots[i]!.querySelectorAll('*')) {
      if (--budget.left < 0) return labels;
      if (el.shadowRoot && roots.length < MAX_DIALOG_ROOTS) roots.push(el.shadowRoot);
      const button = el.matches(BUTTON_SELECTOR);
      if (!button && !(el.childElementCount === 0 && drawnAsAccept(el))) continue;
      const label = clickLabel(el);
      labels.push(label);
      if (actionFromText(label) === 'accept-all') return labels;
    }
  }
  return labels;
}

/**
 * An element with an Accept's few words that the visitor can click or tab to, though no markup says button. Not a
 * form's label ("I agree to receive emails" beside its checkbox, drawn with a pointer by most style resets).
 */
function drawnAsAccept(el: Element): boolean {
  const text = shortLabel(el.textContent ?? '');
  if (!text || text.length > MAX_DRAWN_BUTTON_TEXT || actionFromText(text) !== 'accept-all') return false;
  if (el.closest('label')) return false;
  return el.hasAttribute('tabindex') || getComputedStyle(el).cursor === 'pointer';
}

/** A switch's state as the visitor left it (read in the capture phase, before the page's handlers run). */
function switchState(el: Element): SwitchState {
  if (el instanceof HTMLInputElement)
    return { on: el.checked, locked: el.disabled || el.hasAttribute('readonly') };
  return {
    on: el.getAttribute('aria-checked') === 'true',
    locked: el.getAttribute('aria-disabled') === 'true' || el.hasAttribute('disabled'),
  };
}

/** The elements of an event's composed path, innermost first. */
function elementsOf(event: Event): Element[] {
  return event.composedPath().filter((t): t is Element => t instanceof Element);
}

/**
 * Switches the visitor touched on this page: the switch clicked, the control of a label clicked, and the one switch
 * inside one of the few innermost elements of a click's path when it was in sight then (a custom toggle hides its
 * box and draws a sibling; an element holding several is a section or the dialog, not a toggle; a switch never drawn
 * beside the button clicked is the site's, not touched).
 */
const touchedSwitches = new WeakSet<Element>();
/** Innermost elements of a click's path whose switch counts as touched. */
const TOUCH_DEPTH = 3;

function noteTouchedSwitches(path: readonly Element[]): void {
  for (const el of path.slice(0, TOUCH_DEPTH)) {
    if (el.matches(SWITCH_SELECTOR)) touchedSwitches.add(el);
    const control = el.tagName === 'LABEL' ? (el as HTMLLabelElement).control : null;
    if (control) touchedSwitches.add(control);
    const inside = el.querySelectorAll(SWITCH_SELECTOR);
    if (inside.length === 1 && seenSwitch(inside[0]!)) touchedSwitches.add(inside[0]!);
  }
}

/** Drawn on the page: it has a box and is not `visibility: hidden`. */
function drawn(el: Element): boolean {
  return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
}

/** A switch the visitor could see (it, a label of it, or the element holding it, drawn) or touched. */
function seenSwitch(el: Element): boolean {
  if (touchedSwitches.has(el) || drawn(el)) return true;
  const labels = el.tagName === 'INPUT' ? [...((el as HTMLInputElement).labels ?? [])] : [];
  if (labels.some(drawn)) return true;
  const holder = el.parentElement;
  return holder !== null && drawn(holder);
}

/** The switches of the dialog a Save click was in, open shadow roots inside it included; null when none. */
function savedSwitches(event: Event, rule: ClickRule | null): SwitchCount | null {
  const dialog = savedDialog(elementsOf(event), rule, targetFacts());
  if (!dialog) return null;
  const roots: ParentNode[] = [dialog];
  for (const el of [...dialog.querySelectorAll('*')].slice(0, MAX_DIALOG_ELEMENTS))
    if (el.shadowRoot) roots.push(el.shadowRoot);
  const found = roots.flatMap((r) => [...r.querySelectorAll(SWITCH_SELECTOR)]);
  return countSwitches(
    found
      .slice(0, MAX_SWITCHES)
      .map((el) => ({ ...switchState(el), ...(!seenSwitch(el) && { unseen: true }) })),
  );
}

function scriptUrls(): string[] {
  return [...document.scripts]
    .map((s) => s.src)
    .filter(Boolean)
    .slice(0, 300);
}

/**
 * Isolated world, top frame: runs autoconsent (MPL-2.0) to see which consent tool the page uses and whether its
 * banner is up (observe only: the background's config disables clicks and hiding), names the manager from its
 * own cookies, storage and script URLs (tools.ts), classifies the visitor's own (trusted) clicks in it, and
 * reports the managers' localStorage records. The background can ask for an opt-out with
 * `{ type: 'autoconsent:optOut' }` (tabs.sendMessage).
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  main() {
    if (window.top !== window) return;
    let consent: AutoConsent | null = null;
    // Reports wait while the page is prerendered (the background would drop them): shared/shown.ts.
    const report = (message: Message): void =>
      whenShown(() => void browser.runtime.sendMessage(message).catch(() => undefined));
    const reported = new Set<string>();
    /**
     * The detected manager: its autoconsent rule ('' when only its own cookies, storage or scripts named it), its
     * registry id, and the buttons to classify clicks with.
     */
    let detected: { cmp: string; tool: string; rule: ClickRule | null } | null = null;

    const identify = (cmp: string): string =>
      identifyTool({
        ...cookieEvidence(),
        storageKeys: consentStorage().map((i) => i.key),
        scriptHosts: scriptUrls(),
        autoconsentRule: cmp,
      }) ?? 'unknown';

    const reportSeen = (cmp: string, bannerShown: boolean): void => {
      if (!detected || detected.cmp !== cmp) {
        // autoconsent's rule (with its selectors) supersedes an identification by evidence alone.
        detected = { cmp, tool: identify(cmp), rule: null };
        const mine = detected;
        browser.runtime
          .sendMessage({ type: AUTOCONSENT_CLICK_RULE, cmp })
          .then((r) => {
            // A rule we hold no selectors for (some code-based ones): the manager's generic banner, by text.
            mine.rule = asClickRule(r) ?? genericRule(mine.tool);
          })
          .catch(() => undefined);
      }
      const tool = detected.tool;
      const key = `${tool}|${bannerShown}`;
      if (reported.has(key)) return;
      reported.add(key);
      report({ type: 'consentToolSeen', args: { tool, bannerShown, at: Date.now() } });
    };

    // Whether the visitor has touched the page yet, and where: a choice allowing tracking stored before any input
    // that could answer a banner is the site's.
    const placeOf = (event: Event): InputPlace => {
      const path = elementsOf(event);
      const target = path[0];
      if (!target) return { answer: true };
      const button = target.closest(BUTTON_SELECTOR);
      const text = button ? shortLabel(buttonText(button)) : '';
      if (couldAnswerBanner(path, text, detected ? clickRuleNow(detected) : null, targetFacts()))
        return { answer: true };
      return { answer: false, label: targetLabel(text, (button ?? target).tagName) };
    };
    // localStorage records of the registry's managers: on load, a little later, before and after the visitor's
    // inputs, and when the page goes.
    let lastSent = '';
    const sendStorage = (at = Date.now()): void => {
      const items = consentStorage();
      const key = JSON.stringify(items);
      if (key === lastSent || (items.length === 0 && lastSent === '')) return;
      lastSent = key;
      report({ type: 'consentStorage', args: { items, at } });
    };
    // Before the input is reported (these listeners come first): a record the page wrote while nobody looked is
    // dated before the visitor's input, not at the first read after it.
    const readBeforeInput = (event: Event): void => {
      if (event.isTrusted) sendStorage(Date.now() - 1);
    };
    for (const type of ['pointerdown', 'mousedown', 'keydown', 'touchend'])
      window.addEventListener(type, readBeforeInput, { capture: true, passive: true });
    watchUserActivation(
      (active, at, outside, initial) => {
        report({
          type: 'userActivation',
          args: {
            active,
            at,
            ...(outside && { outside: true, ...(outside.label && { label: outside.label }) }),
            ...(initial && { initial: true }),
          },
        });
      },
      placeOf,
      (at) => report({ type: 'userInput', args: { at } }),
    );

    // The visitor's own clicks: capture phase, so the button is still in the page when we look at it.
    let lastClick = { action: '' as ClickAction | '', at: 0 };
    let clickReads: ReturnType<typeof setTimeout>[] = [];
    // Frames may post many messages: at most one read per delay pending, never postponed by the next message.
    const frameReads = FRAME_STORAGE_DELAYS_MS.map(() => false);
    const readAfterFrame = (): void => {
      FRAME_STORAGE_DELAYS_MS.forEach((ms, i) => {
        if (frameReads[i]) return;
        frameReads[i] = true;
        setTimeout(() => {
          frameReads[i] = false;
          sendStorage();
        }, ms);
      });
    };
    window.addEventListener('message', (event) => {
      if (event.source !== window) readAfterFrame();
    });
    window.addEventListener('blur', () => {
      if (document.activeElement instanceof HTMLIFrameElement) readAfterFrame();
    });
    // On the window, in capture: registered at document_start, before any page script, so no listener of the page
    // can stop the visitor's click before we see it.
    window.addEventListener(
      'click',
      (event) => {
        try {
          if (!event.isTrusted) return;
          // When it happened, not after the reading below (a dialog's search may take a while on a large page).
          const at = Date.now();
          // A switch the visitor clicked counts when they save, shown or not (a tab of the dialog closed since); never
          // in the way of reporting the click.
          try {
            noteTouchedSwitches(elementsOf(event));
          } catch {
            // An element the browser will not measure: the switch is simply not marked.
          }
          // Any click may be the answer (a banner autoconsent has no rule for, a button we cannot classify).
          for (const t of clickReads) clearTimeout(t);
          clickReads = CLICK_STORAGE_DELAYS_MS.map((ms) => setTimeout(sendStorage, ms));
          const target = clickedElement(event);
          if (!target) return;
          const button = target.closest(BUTTON_SELECTOR) ?? target;
          // What the visitor saw decides what the click was.
          const label = clickLabel(button);
          // The manager's rule; nothing named one: a banner whose markup says cookie or consent still takes the answer.
          const rule = clickRuleNow(detected);
          // A Reject all in a dialog speaking of cookies is a refusal even where nothing names the banner.
          const action =
            classifyClick(button, label, rule) ??
            (!detected && unnamedRefusal(elementsOf(event), label, targetFacts()) ? 'reject-all' : null);
          if (!action || (action === lastClick.action && at - lastClick.at < 500)) return;
          lastClick = { action, at };
          // Saved settings: how the dialog's switches stood says whether the visitor refused everything.
          const switches = action === 'save-settings' ? savedSwitches(event, rule) : null;
          report({
            type: 'consentClick',
            args: { tool: detected?.tool ?? '', action, label, at, ...(switches && { switches }) },
          });
        } catch {
          // Never let our listener disturb the page's own click handling.
        }
      },
      true,
    );

    /** Page globals the isolated world can infer from the DOM: every IAB CMP stub adds its locator frame. */
    const apiGlobals = (): string[] =>
      [
        ['__tcfapiLocator', '__tcfapi'],
        ['__gppLocator', '__gpp'],
      ]
        .filter(([frame]) => document.querySelector(`iframe[name="${frame}"]`))
        .map(([, global]) => global!);

    // A manager autoconsent has no rule for is still named by its own cookies, storage or script URLs, and an
    // IAB CMP by its API's locator frame (then named by the standard, until its own evidence names it).
    const identifyByEvidence = (): void => {
      if (detected) return;
      const tool = identifyTool({
        ...cookieEvidence(),
        storageKeys: consentStorage().map((i) => i.key),
        scriptHosts: scriptUrls(),
        globals: apiGlobals(),
      });
      if (!isManager(tool) && tool !== 'tcf' && tool !== 'gpp') return;
      detected = { cmp: '', tool, rule: genericRule(tool) };
      report({ type: 'consentToolSeen', args: { tool, bannerShown: false, at: Date.now() } });
    };
    const onLoad = (): void => {
      sendStorage();
      identifyByEvidence();
      for (const ms of STORAGE_DELAYS_MS)
        setTimeout(() => {
          sendStorage();
          identifyByEvidence();
        }, ms);
    };
    if (document.readyState === 'complete') onLoad();
    else window.addEventListener('load', onLoad, { once: true });
    window.addEventListener('pagehide', () => sendStorage());

    const send = async (message: ContentScriptMessage): Promise<void> => {
      const route = routeAutoconsentMessage(message);
      if (route === 'seen' && (message.type === 'cmpDetected' || message.type === 'popupFound')) {
        reportSeen(message.cmp, message.type === 'popupFound');
        return;
      }
      if (route !== 'background') return;
      const reply = (await browser.runtime
        .sendMessage({ type: AUTOCONSENT_FORWARD, message })
        .catch(() => null)) as BackgroundMessage | null | undefined;
      // Only the two answers we asked for; anything else from the background is ignored.
      if (reply && (reply.type === 'initResp' || reply.type === 'evalResp'))
        await consent?.receiveMessageCallback(reply);
    };

    try {
      // The constructor sends 'init' at once; its answer arrives after `consent` is assigned.
      consent = new AutoConsent(send);
    } catch {
      return;
    }

    browser.runtime.onMessage.addListener((message: unknown) => {
      if ((message as { type?: unknown } | null)?.type !== AUTOCONSENT_OPT_OUT || !consent) return undefined;
      return consent.doOptOut().then(
        (ok) => ({ ok, cmp: consent?.foundCmp?.name ?? null }),
        () => ({ ok: false, cmp: null }),
      );
    });
  },
});
