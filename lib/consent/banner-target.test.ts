import { describe, expect, it } from 'vitest';
import { couldAnswerBanner, targetLabel, type TargetElement, type TargetFacts } from './banner-target';
import type { ClickRule } from './click-rules';

/** A fake element: its tag, and the selectors it matches (exact strings, as a rule or hint spells them). */
function el(tagName: string, matching: string[] = []): TargetElement {
  return { tagName, matches: (s) => matching.includes(s) };
}

const PLAIN: TargetFacts = { overlay: () => false, shadowHost: () => false };
const body = el('BODY');
const html = el('HTML');

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

describe('targetLabel', () => {
  it('names the place by its text, else by its tag', () => {
    expect(targetLabel('  Read\n  more ', 'A')).toBe('Read more');
    expect(targetLabel('', 'P')).toBe('<p>');
    expect(targetLabel('x'.repeat(100), 'A')).toHaveLength(60);
  });
});
