import { describe, expect, it } from 'vitest';
import {
  couldAnswerBanner,
  speaksOfConsent,
  targetLabel,
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
