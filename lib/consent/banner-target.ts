/**
 * Whether the visitor's input could have answered a consent banner, by where it landed in the page: the detector
 * (entrypoints/consent.content.ts) asks it for each trusted click, tap or key press until one could. A site that
 * stores "accept" on the visitor's first click anywhere ("by continuing to browse you accept") stores it after an
 * input that could not, and the derivation does not count that as consent (lib/evidence/consent.ts). Generous on
 * purpose: anything that may be a banner (the manager's own elements, a dialog, a fixed or sticky overlay, an
 * element named cookie / consent / privacy, a shadow host we cannot see into, a button naming an answer) could.
 */
import { actionFromText, someSelector } from './click';
import type { ClickRule } from './click-rules';

/** The part of an Element this needs (a real Element fits; tests pass fakes). */
export interface TargetElement {
  tagName: string;
  matches(selector: string): boolean;
}

/** What only the browser can tell of an element (computed style, a closed shadow root). */
export interface TargetFacts {
  /** Its computed position is fixed or sticky, and it does not fill the viewport: an overlay, as banners are. */
  overlay(el: TargetElement): boolean;
  /** It hosts a shadow root (open or closed): the input landed inside something we cannot see. */
  shadowHost(el: TargetElement): boolean;
}

/** Elements that may be a banner whatever the manager: named so, or a dialog. */
const BANNER_HINTS = [
  ...['cookie', 'consent', 'gdpr', 'privacy', 'cmp', 'notice', 'banner', 'modal', 'popup', 'overlay'].flatMap(
    (w) => [`[id*="${w}" i]`, `[class*="${w}" i]`],
  ),
  'dialog',
  '[role="dialog"]',
  '[role="alertdialog"]',
  '[aria-modal="true"]',
];

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
  const selectors = rule
    ? [...BANNER_HINTS, ...rule.accept, ...rule.reject, ...rule.other, ...rule.containers]
    : BANNER_HINTS;
  // The composed path holds every ancestor, across shadow roots too: each is asked once.
  return path.some((el) => someSelector(selectors, (s) => el.matches(s)) || facts.overlay(el));
}

/** How the detector names where an outside input landed: the clicked button's or link's text, else its tag. */
export function targetLabel(buttonText: string, tagName: string): string {
  const text = buttonText.replace(/\s+/g, ' ').trim().slice(0, 60);
  return text || `<${tagName.toLowerCase().slice(0, 20)}>`;
}
