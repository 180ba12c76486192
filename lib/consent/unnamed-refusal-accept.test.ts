// Found in review: banner-target.ts unnamedRefusal (commit 742dcd90): a Reject all in an unnamed dialog now counts only when
// one of the dialog's buttons reads as 'accept-all' through actionFromText. The Accept vocabulary is narrower than what
// cookie banners write: ACCEPT has no "zulassen" (DE) and no "autoriser" (FR), and ACCEPT_EVERYTHING's all-word-first
// branch has no "autoriser" either, so "Alle zulassen" / "Tout autoriser" (the usual DE / FR Accept-all wordings of
// Cookiebot-style banners, copied by hand-made ones) read as nothing. In such a dialog the visitor's "Ablehnen" /
// "Tout refuser" is no longer reported (it was before the commit). The refusal unheard, an accept the site stores after
// it is counted as the visitor's (no banner click → overBrought → 'counted'), trackers after it "after accept": a site
// keeps a cookie banner nothing names and words its Accept this way, and its overriding of Reject all goes unseen.
import { describe, expect, it } from 'vitest';
import { unnamedRefusal, type TargetElement, type TargetFacts } from './banner-target';
import { actionFromText } from './click';

function el(tagName: string, matching: string[] = []): TargetElement {
  return { tagName, matches: (s) => matching.includes(s) };
}
const body = el('BODY');
const html = el('HTML');

function dialogWith(text: string, buttons: string[]): { dialog: TargetElement; facts: TargetFacts } {
  const dialog = el('DIALOG', ['dialog']);
  return {
    dialog,
    facts: {
      overlay: () => false,
      shadowHost: () => false,
      shell: (e) => e === body || e === html,
      text: (e) => (e === dialog ? text : ''),
      buttonLabels: (e) => (e === dialog ? buttons : []),
    },
  };
}

describe('unnamedRefusal: Accept wordings banners use beside a refusal', () => {
  it.each([
    [
      'DE',
      'Wir verwenden Cookies und ähnliche Technologien für Statistik und Marketing. Ablehnen Alle zulassen',
      ['Ablehnen', 'Alle zulassen'],
    ],
    [
      'FR',
      'Nous utilisons des cookies pour la mesure d’audience et la publicité. Tout refuser Tout autoriser',
      ['Tout refuser', 'Tout autoriser'],
    ],
  ])('%s: the refusal beside its Accept is reported', (_lang, text, buttons) => {
    const { dialog, facts } = dialogWith(text, buttons);
    // The accept button is an Accept all…
    expect(actionFromText(buttons[1]!)).toBe('accept-all');
    // …so the visitor's refusal in the dialog is theirs.
    expect(unnamedRefusal([el('BUTTON'), dialog, body, html], buttons[0]!, facts)).toBe(true);
  });
});
