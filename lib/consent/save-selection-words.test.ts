// Found in review: 5b6c5e15 (Save with every optional switch off = refusal) against click.ts's vocabulary: the switch count
// is taken only when actionFromText says 'save-settings' (consent.content.ts: `action === 'save-settings' ?
// savedSwitches(…) : null`). SAVE knows the English "allow selection" and the Spanish "aceptar la selección", but
// Cookiebot's own "Allow selection" button in its other languages ("Permitir la selección" ES, "Consenti la
// selezione" IT, "Selectie toestaan" NL, "Permitir seleção" PT) falls through to ACCEPT (permitir / consenti /
// toestaan) and reads as Accept all. On a page where autoconsent has not named the manager yet (the rule is
// UNNAMED_BANNER_RULE, whose containers match `#CybotCookiebotDialog` by its id containing "cookie"), classifyClick returns the
// text's reading; in any rule's `other` / container branch likewise. The visitor unticking everything and saving
// is then an "Accept all" click: a site storing accept-all on that Save is not contradicted (the bend 5b6c5e15 closed),
// and an honest site storing the refusal is "contradicted" (contradictsClick('accept-all', reject) within 10 s) —
// a violation verdict. (Pre-existing in ACCEPT; in scope as the reading 5b6c5e15's rule depends on.)
import { describe, expect, it } from 'vitest';
import { actionFromText } from './click';

describe('Cookiebot’s "Allow selection" in its other languages is a save', () => {
  it.each(['Permitir la selección', 'Consenti la selezione', 'Selectie toestaan', 'Permitir seleção'])(
    '"%s" is saved settings',
    (label) => {
      expect(actionFromText(label)).toBe('save-settings');
    },
  );
});
