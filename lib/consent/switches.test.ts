import { describe, expect, it } from 'vitest';
import type { TargetElement } from './banner-target';
import {
  clickAnswer,
  clickWords,
  countSwitches,
  MAX_SWITCHES,
  savedAsRefusal,
  savedDialog,
  switchCountOf,
} from './switches';

/** A fake element: its tag, and the selectors it matches (exact strings, as a rule or hint spells them). */
function el(tagName: string, matching: string[] = []): TargetElement {
  return { tagName, matches: (s) => matching.includes(s) };
}

describe('savedDialog', () => {
  const body = el('BODY');
  const html = el('HTML');
  const facts = { overlay: () => false, shell: (e: TargetElement) => e === body || e === html };

  it('is the outermost banner of the path below the page, so every tab of the dialog counts', () => {
    const tab = el('DIV', ['[role="dialog"]']);
    const wrapper = el('DIV', ['[id*="consent" i]']);
    const path = [el('BUTTON'), el('DIV'), tab, wrapper, body, html];
    expect(savedDialog(path, null, facts)).toBe(wrapper);
  });

  it('takes the detected manager’s container and a fixed overlay too', () => {
    const box = el('DIV', ['#cmpbox']);
    const rule = { accept: [], reject: [], other: [], containers: ['#cmpbox'] };
    expect(savedDialog([el('BUTTON'), box, body], rule, facts)).toBe(box);
    const pinned = el('DIV');
    expect(savedDialog([el('BUTTON'), pinned, body], null, { ...facts, overlay: (e) => e === pinned })).toBe(
      pinned,
    );
  });

  it('is none when only the page itself is named like a banner (its switches are the page’s forms)', () => {
    const named = el('BODY', ['[class*="privacy" i]']);
    const shellFacts = { overlay: () => false, shell: (e: TargetElement) => e === named || e === html };
    expect(savedDialog([el('BUTTON'), el('FORM'), named, html], null, shellFacts)).toBeNull();
    expect(savedDialog([el('BUTTON'), el('FORM'), body, html], null, facts)).toBeNull();
  });
});

describe('countSwitches and savedAsRefusal', () => {
  it('counts the switches the visitor could change; a locked one (strictly necessary) is not a choice', () => {
    const count = countSwitches([
      { on: true, locked: true },
      { on: false, locked: false },
      { on: false, locked: false },
    ]);
    expect(count).toEqual({ on: 0, off: 2 });
    expect(savedAsRefusal(count)).toBe(true);
  });

  it('a switch the visitor neither saw nor touched is not theirs: a hidden checked one does not undo the refusal', () => {
    const count = countSwitches([
      { on: true, locked: false, unseen: true },
      { on: false, locked: false },
      { on: false, locked: false },
    ]);
    expect(count).toEqual({ on: 0, off: 2 });
    expect(savedAsRefusal(count)).toBe(true);
    expect(countSwitches([{ on: true, locked: false, unseen: true }])).toBeNull();
  });

  it('a switch on, or no switch to change, is not a refusal', () => {
    const mixed = countSwitches([
      { on: true, locked: false },
      { on: false, locked: false },
    ]);
    expect(savedAsRefusal(mixed)).toBe(false);
    expect(countSwitches([{ on: true, locked: true }])).toBeNull();
    expect(countSwitches([])).toBeNull();
    expect(savedAsRefusal(null)).toBe(false);
    expect(savedAsRefusal(undefined)).toBe(false);
  });
});

describe('switchCountOf (what the background accepts from the detector)', () => {
  it('keeps two whole numbers within bounds, and nothing else', () => {
    expect(switchCountOf({ on: 0, off: 4 })).toEqual({ on: 0, off: 4 });
    for (const bad of [
      null,
      'x',
      { on: -1, off: 2 },
      { on: 0.5, off: 2 },
      { on: 0, off: MAX_SWITCHES + 1 },
      { on: '0', off: 2 },
      { on: 0, off: 0 },
      { off: 3 },
    ])
      expect(switchCountOf(bad), JSON.stringify(bad)).toBeUndefined();
  });
});

describe('clickAnswer and clickWords', () => {
  it('a Save with every optional switch off answers as Reject all, and says so', () => {
    expect(clickAnswer('save-settings', { on: 0, off: 3 })).toBe('reject-all');
    expect(clickWords('save-settings', { on: 0, off: 3 })).toBe(
      'save settings with every optional switch off (3)',
    );
  });

  it('any other click answers as it was clicked', () => {
    expect(clickAnswer('save-settings', { on: 2, off: 1 })).toBe('save-settings');
    expect(clickAnswer('save-settings')).toBe('save-settings');
    expect(clickAnswer('accept-all', { on: 0, off: 3 })).toBe('accept-all');
    expect(clickWords('save-settings', { on: 2, off: 1 })).toBe('save settings');
    expect(clickWords('reject-all')).toBe('reject all');
  });
});
