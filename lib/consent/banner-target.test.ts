import { describe, expect, it } from 'vitest';
import { actionFromText } from './click';
import {
  couldAnswerBanner,
  speaksOfConsent,
  targetLabel,
  unnamedRefusal,
  type TargetElement,
  type TargetFacts,
} from './banner-target';
import type { ClickRule } from './click-rules';

/** A fake element: its tag, and the selectors it matches (exact strings, as a rule or hint spells them). */
function el(tagName: string, matching: string[] = []): TargetElement {
  return { tagName, matches: (s) => matching.includes(s) };
}

const body = el('BODY');
const html = el('HTML');
const PLAIN: TargetFacts = {
  overlay: () => false,
  shadowHost: () => false,
  shell: (e) => e === body || e === html,
  text: () => '',
};

describe('couldAnswerBanner', () => {
  it('a click on the page’s own content, in no banner, could not answer one', () => {
    const path = [el('P'), el('ARTICLE'), el('MAIN'), body, html];
    expect(couldAnswerBanner(path, '', null, PLAIN)).toBe(false);
    // A link of the page, whose text names no answer.
    expect(couldAnswerBanner([el('A'), el('NAV'), body, html], 'Read more', null, PLAIN)).toBe(false);
  });

  it('anything that may be a banner could', () => {
    const p = el('P');
    // Named cookie / consent / privacy by id or class, or a dialog.
    for (const hint of [
      '[id*="cookie" i]',
      '[class*="consent" i]',
      '[class*="privacy" i]',
      '[role="dialog"]',
      'dialog',
    ])
      expect(couldAnswerBanner([p, el('DIV', [hint]), body, html], '', null, PLAIN), hint).toBe(true);
    // A fixed or sticky overlay, whatever its name.
    const overlay = el('DIV');
    expect(couldAnswerBanner([p, overlay, body], '', null, { ...PLAIN, overlay: (e) => e === overlay })).toBe(
      true,
    );
    // The detected manager's own elements.
    const rule: ClickRule = { accept: ['#ok'], reject: [], other: [], containers: ['.cmp-box'] };
    expect(couldAnswerBanner([p, el('DIV', ['.cmp-box']), body], '', rule, PLAIN)).toBe(true);
    expect(couldAnswerBanner([el('SPAN', ['#ok']), body], '', rule, PLAIN)).toBe(true);
    expect(couldAnswerBanner([p, el('DIV', ['.cmp-box']), body], '', null, PLAIN)).toBe(false);
  });

  it('a button naming an answer or a dismissal could, wherever it is', () => {
    for (const label of [
      'Accept all',
      'Reject',
      'Save my choices',
      'OK',
      'Got it',
      'Close',
      '×',
      'Akzeptieren',
    ])
      expect(couldAnswerBanner([el('BUTTON'), body], label, null, PLAIN), label).toBe(true);
    expect(couldAnswerBanner([el('BUTTON'), body], 'Add to cart', null, PLAIN)).toBe(false);
  });

  it('where we cannot see (a frame element, a shadow host, no element at all) could', () => {
    expect(couldAnswerBanner([el('IFRAME'), body], '', null, PLAIN)).toBe(true);
    const host = el('DIV');
    expect(couldAnswerBanner([host, body], '', null, { ...PLAIN, shadowHost: (e) => e === host })).toBe(true);
    expect(couldAnswerBanner([], '', null, PLAIN)).toBe(true);
  });

  it('a name or a role on the page itself (the document, its body, a wrapper of the whole page) could not', () => {
    const p = el('P');
    // WordPress puts `privacy-policy` on the privacy policy's body; a site may wrap its page in a "cookie" div.
    for (const hint of [
      '[class*="privacy" i]',
      '[id*="cookie" i]',
      '[role="dialog"]',
      '[aria-modal="true"]',
    ]) {
      const named = (tag: string) => el(tag, [hint]);
      const onBody = named('BODY');
      expect(
        couldAnswerBanner([p, el('MAIN'), onBody, html], '', null, { ...PLAIN, shell: (e) => e === onBody }),
        hint,
      ).toBe(false);
      const wrapper = named('DIV');
      const shell = (e: TargetElement) => e === wrapper || e === body || e === html;
      expect(couldAnswerBanner([p, wrapper, body, html], '', null, { ...PLAIN, shell }), hint).toBe(false);
    }
    // The detected manager's own container counts even when it covers the page.
    const rule: ClickRule = { accept: [], reject: [], other: [], containers: ['#cmp-root'] };
    const root = el('DIV', ['#cmp-root']);
    expect(couldAnswerBanner([p, root, body], '', rule, { ...PLAIN, shell: () => true })).toBe(true);
  });

  it('names as common on content as on banners count only where the text speaks of cookies or consent', () => {
    // Adobe AEM's core components are all `cmp-…`; a hero "banner"; a card's stretched-link "overlay".
    for (const hint of [
      '[class*="cmp" i]',
      '[class*="banner" i]',
      '[class*="overlay" i]',
      '[id*="modal" i]',
    ]) {
      const part = el('DIV', [hint]);
      const path = [el('A'), part, el('MAIN'), body, html];
      const text = (words: string) => (e: TargetElement) => (e === part ? words : '');
      expect(couldAnswerBanner(path, '', null, { ...PLAIN, text: text('Summer sale: 20% off') }), hint).toBe(
        false,
      );
      expect(
        couldAnswerBanner(path, '', null, { ...PLAIN, text: text('Wir verwenden Cookies…') }),
        hint,
      ).toBe(true);
    }
  });

  it('a selector the engine refuses is skipped, not fatal', () => {
    const picky: TargetElement = {
      tagName: 'DIV',
      matches: (s) => {
        if (s.includes(':has')) throw new SyntaxError(s);
        return s === '.box';
      },
    };
    const rule: ClickRule = { accept: [], reject: [], other: [], containers: ['div:has(> .x)', '.box'] };
    expect(couldAnswerBanner([picky, body], '', rule, PLAIN)).toBe(true);
  });
});

describe('speaksOfConsent', () => {
  it('knows the words banners are written with, in many languages', () => {
    for (const text of [
      'We use cookies to improve your experience',
      'Wir verwenden Cookies. Mit Ihrer Einwilligung…',
      'Nous utilisons des traceurs, avec votre consentement',
      'Utilizamos cookies propias y de terceros',
      'Używamy ciasteczek',
      'Käytämme evästeitä',
      'Your privacy choices',
      'Datenschutzeinstellungen',
      'We use tracking technologies to measure visits',
      'Nous et nos partenaires utilisons des traceurs',
      'Wir nutzen Dienste für personalisierte Werbung',
    ])
      expect(speaksOfConsent(text), text).toBe(true);
    for (const text of ['Summer sale: 20% off', 'Read more', 'Sign up for our newsletter', ''])
      expect(speaksOfConsent(text), text).toBe(false);
  });
});

describe('targetLabel', () => {
  it('names the place by its text, else by its tag', () => {
    expect(targetLabel('  Read\n  more ', 'A')).toBe('Read more');
    expect(targetLabel('', 'P')).toBe('<p>');
    expect(targetLabel('x'.repeat(100), 'A')).toHaveLength(60);
  });
});

describe('an honest in-flow banner named only with a loose word, written in a language in other languages', () => {
  // A hand-made notice bar at the top of the page (in the flow, pushing the content down,
  // not fixed: no `overlay`), `<div class="site-notice">`, and a button whose words actionFromText does not know
  // (its languages are EN, DE, FR, ES, IT, NL, PT): only its text tells it is a banner, or the accept the site stores on
  // the visitor's click would be flagged as stored on a click outside the banner. The words below are how these languages' regulators and sites name cookies: Norwegian "informasjonskapsler"
  // (Datatilsynet), Swedish "kakor" (PTS), Turkish "çerez" (KVKK), Lithuanian "slapukai", Estonian "küpsised",
  // Croatian "kolačići", Slovenian "piškotki", Latvian "sīkdatnes", Bulgarian "бисквитки", Greek "μπισκότα",
  // Japanese "クッキー". (A CMP's own markup is rarely this bare; a site's own notice bar often is.)
  const cases: [string, string][] = [
    ['Vi bruker informasjonskapsler for å gi deg en bedre opplevelse.', 'Godta alle'],
    ['Vi använder kakor för att förbättra webbplatsen.', 'Godkänn alla'],
    ['Bu web sitesi çerezler kullanır.', 'Kabul et'],
    ['Ši svetainė naudoja slapukus.', 'Sutinku'],
    ['See veebileht kasutab küpsiseid.', 'Nõustun'],
    ['Ova stranica koristi kolačiće.', 'Prihvaćam'],
    ['Ta spletna stran uporablja piškotke.', 'Sprejmi vse'],
    ['Šī vietne izmanto sīkdatnes.', 'Piekrītu'],
    ['Този сайт използва бисквитки.', 'Приемам'],
    ['Αυτός ο ιστότοπος χρησιμοποιεί μπισκότα.', 'Αποδοχή'],
    ['当サイトではクッキーを使用しています。', '同意する'],
  ];
  for (const [words, button] of cases)
    it(`“${words}” with “${button}”: the click on its button could answer`, () => {
      expect(actionFromText(button)).toBeNull();
      const notice = el('DIV', ['[class*="notice" i]']);
      const facts: TargetFacts = {
        overlay: () => false,
        shadowHost: () => false,
        shell: (e) => e === body || e === html,
        text: (e) => (e === notice ? `${words} ${button}` : ''),
      };
      expect(couldAnswerBanner([el('BUTTON'), notice, body, html], button, null, facts)).toBe(true);
    });
});

describe('unnamedRefusal', () => {
  // A self-hosted banner `<div role="dialog" aria-modal="true" class="x9-b">` whose names avoid cookie and
  // consent, on a page no manager is named on when the visitor clicks "Reject all" (round-4 review): the refusal
  // was never reported, and an accept the site stored on that click read as the visitor's.
  const dialog = el('DIV', ['[role="dialog"]', '[aria-modal="true"]']);
  const factsWith = (text: string, buttons = ['Accept all', 'Reject all']): TargetFacts => ({
    ...PLAIN,
    text: (e) => (e === dialog ? text : ''),
    buttonLabels: (e) => (e === dialog ? buttons : []),
  });
  const path = [el('BUTTON'), dialog, body, html];

  it('a Reject all in a dialog that speaks of cookies is a refusal', () => {
    expect(unnamedRefusal(path, 'Reject all', factsWith('We use cookies to measure our audience.'))).toBe(
      true,
    );
    expect(unnamedRefusal(path, 'Alle ablehnen', factsWith('Wir verwenden Cookies.'))).toBe(true);
    // A fixed overlay is a dialog too.
    const bar = el('DIV');
    const overlay: TargetFacts = {
      ...PLAIN,
      overlay: (e) => e === bar,
      text: () => 'This site uses cookies',
      buttonLabels: () => ['Accept', 'Decline'],
    };
    expect(unnamedRefusal([el('BUTTON'), bar, body, html], 'Decline', overlay)).toBe(true);
  });

  it('not an accept, not a dialog speaking only of privacy, not the page itself', () => {
    const cookies = factsWith('We use cookies.');
    expect(unnamedRefusal(path, 'Accept all', cookies)).toBe(false);
    // A newsletter's "No thanks" beside "we respect your privacy".
    expect(
      unnamedRefusal(path, 'No thanks', factsWith('Join our newsletter. We respect your privacy.')),
    ).toBe(false);
    // A dialog that speaks of cookies but offers no Accept: not a cookie banner's refusal.
    expect(unnamedRefusal(path, 'No thanks', factsWith('We use cookies.', ['Subscribe', 'No thanks']))).toBe(
      false,
    );
    // The same words on the page (body) rather than in a dialog.
    const page: TargetFacts = { ...PLAIN, text: () => 'We use cookies.' };
    expect(unnamedRefusal([el('BUTTON'), el('SECTION'), body, html], 'Reject all', page)).toBe(false);
  });
});
