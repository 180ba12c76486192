/**
 * Whether the visitor's input could have answered a consent banner, by where it landed in the page: the detector
 * (entrypoints/consent.content.ts) asks it for each trusted click, tap or key press until one could. A site that
 * stores "accept" on the visitor's first click anywhere ("by continuing to browse you accept") stores it after an
 * input that could not, and the derivation does not count that as consent (lib/evidence/consent.ts). Generous on
 * purpose: anything that may be a banner (the manager's own elements, a dialog, a fixed or sticky overlay, an
 * element named cookie / consent / privacy, a shadow host we cannot see into, a button naming an answer) could.
 * But not the page itself: a name or role on the document, its body or a wrapper of the whole page would make every
 * click on the content "could answer" (a site can wrap its page in `<div class="cookie-…">`, and a privacy-policy
 * page has `privacy-policy` on its body); and words that name content as often as banners count only on an element
 * whose text speaks of cookies, consent or tracking.
 */
import { actionFromText, someSelector } from './click';
import type { ClickRule } from './click-rules';

/** The part of an Element this needs (a real Element fits; tests pass fakes). */
export interface TargetElement {
  tagName: string;
  matches(selector: string): boolean;
}

/** What only the browser can tell of an element (computed style, layout, a closed shadow root, its text). */
export interface TargetFacts {
  /** Its computed position is fixed or sticky, and it does not fill the viewport: an overlay, as banners are. */
  overlay(el: TargetElement): boolean;
  /** It hosts a shadow root (open or closed): the input landed inside something we cannot see. */
  shadowHost(el: TargetElement): boolean;
  /** The page rather than a part of it: the document or its body, or an element in the flow covering the viewport. */
  shell(el: TargetElement): boolean;
  /** The start of its text (a few thousand characters at most), for `speaksOfConsent`. */
  text(el: TargetElement): string;
  /** The labels of the buttons inside it (a few dozen at most), for `unnamedRefusal`; none when not given. */
  buttonLabels?(el: TargetElement): readonly string[];
}

const named = (words: readonly string[]): string[] =>
  words.flatMap((w) => [`[id*="${w}" i]`, `[class*="${w}" i]`]);

/** Dialogs, as elements and roles. */
const DIALOGS = ['dialog', '[role="dialog"]', '[role="alertdialog"]', '[aria-modal="true"]'];

/** Elements that may be a banner whatever the manager: named for cookies or consent, or a dialog. */
export const BANNER_HINTS = [...named(['cookie', 'consent', 'gdpr', 'privacy']), ...DIALOGS];

/**
 * Names as common on content as on banners (a hero "banner", a card's link "overlay", a "modal-open" body, and
 * `cmp-` on every component of Adobe AEM's core library): such an element may be a banner when its text says so.
 */
const LOOSE_HINTS = named(['cmp', 'notice', 'banner', 'modal', 'popup', 'overlay']);

// cookies: English and most Latin-script languages, Polish, Finnish, Hungarian, Norwegian, Swedish, Turkish,
// Lithuanian, Estonian, Croatian, Slovenian, Latvian, Bulgarian and Russian, Greek, Japanese
const COOKIE_WORDS =
  'cookie|ciastecz|eväste|süti|informasjonskaps|kakor|çerez|slapuk|küpsis|kolačić|piškot|sīkdatn|бисквитк|куки|μπισκότ|クッキー';
const COOKIE_TEXT = new RegExp(COOKIE_WORDS);

/**
 * Words banners are written with, in the languages they are written in (the start of each word, lower case):
 * cookies, consent, privacy, and what the choice is about (tracking, analytics, advertising, personalisation).
 * Generous: a content element so named that uses one (a hero banner's "Track your order") may be taken for a banner.
 */
const CONSENT_TEXT = new RegExp(
  [
    COOKIE_WORDS,
    // consent and privacy
    'consent|einwillig|zustimm|toestemming|samtyck|samtykk|suostum|zgod|souhlas|súhlas|hozzájárul|nõusolek|sutikim|piekrišan|pristanak|privolit|съглас|согласи|συγκατάθεσ|同意',
    'gdpr|dsgvo|rgpd|privacy|datenschutz|confidentialit|privacidad|riservatezza|privacidade|adatvédel|yksityisyy|integritet|personvern',
    // what the choice is about
    'track|traceur|rastreo|tracciamento|analytic|advertis|werbung|publicit|personali',
  ].join('|'),
);

/** Whether a text speaks of cookies, as only a cookie banner's (or a cookie policy's) does. */
export function speaksOfCookies(text: string): boolean {
  return COOKIE_TEXT.test(text.toLowerCase());
}

/**
 * A click whose button names a refusal, in a dialog or fixed overlay (a part of the page, not the page) whose text
 * speaks of cookies and which offers an Accept beside it: a cookie banner's refusal even where no manager is named
 * and no id or class says cookie or consent. A dialog that only mentions cookies is not one: a newsletter popup
 * carrying the site's cookie notice, a bakery's "Add a box of cookies?", each with its "No thanks".
 */
export function unnamedRefusal(path: readonly TargetElement[], label: string, facts: TargetFacts): boolean {
  if (actionFromText(label) !== 'reject-all') return false;
  // Outermost first: its search covers the dialogs nested in it (the caller bounds the search per click).
  return [...path]
    .reverse()
    .some(
      (el) =>
        !facts.shell(el) &&
        (someSelector(DIALOGS, (s) => el.matches(s)) || facts.overlay(el)) &&
        speaksOfCookies(facts.text(el)) &&
        (facts.buttonLabels?.(el) ?? []).some((b) => actionFromText(b) === 'accept-all'),
    );
}

/** Whether a text speaks of cookies, consent or tracking, as a banner's does. */
export function speaksOfConsent(text: string): boolean {
  return CONSENT_TEXT.test(text.toLowerCase());
}

/** Button texts that dismiss a notice: such a click may be the site's idea of an answer, so it is not "outside". */
const DISMISS =
  /^(ok|okay|got it|close|dismiss|continue|understood|i understand|verstanden|schließen|fermer|compris|j'ai compris|entendido|cerrar|chiudi|ho capito|sluiten|begrepen|fechar|x|×|✕)[.!]?$/;

/** Elements that embed another document: input there is the frame's, not the page's. */
const EMBEDS = new Set(['IFRAME', 'FRAME', 'OBJECT', 'EMBED']);

/**
 * True when the input whose composed path is `path` (innermost first, elements only) could be an answer to a
 * consent banner; false only when it landed in the page clearly outside any. `label` is the text of the clicked
 * button or link ('' for none); `rule` the detected manager's elements, when known.
 */
export function couldAnswerBanner(
  path: readonly TargetElement[],
  label: string,
  rule: ClickRule | null,
  facts: TargetFacts,
): boolean {
  const target = path[0];
  if (!target) return true;
  const text = label.trim().toLowerCase();
  if (text && (actionFromText(text) !== null || DISMISS.test(text))) return true;
  if (EMBEDS.has(target.tagName.toUpperCase()) || facts.shadowHost(target)) return true;
  const managers = rule ? [...rule.accept, ...rule.reject, ...rule.other, ...rule.containers] : [];
  const matches = (el: TargetElement, selectors: readonly string[]): boolean =>
    someSelector(selectors, (s) => el.matches(s));
  // The composed path holds every ancestor, across shadow roots too: each is asked once. The detected manager's
  // own elements count wherever they are; a name or a role, only on a part of the page.
  return path.some(
    (el) =>
      matches(el, managers) ||
      facts.overlay(el) ||
      (!facts.shell(el) &&
        (matches(el, BANNER_HINTS) || (matches(el, LOOSE_HINTS) && speaksOfConsent(facts.text(el))))),
  );
}

/** How the detector names where an outside input landed: the clicked button's or link's text, else its tag. */
export function targetLabel(buttonText: string, tagName: string): string {
  const text = buttonText.replace(/\s+/g, ' ').trim().slice(0, 60);
  return text || `<${tagName.toLowerCase().slice(0, 20)}>`;
}
