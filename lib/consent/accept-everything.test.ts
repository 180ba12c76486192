// Found in review: click.ts ACCEPT_EVERYTHING (commit 742dcd90: "accepting everything in a save's words is an accept").
//
// ACCEPT_EVERYTHING = `(accept|allow|agree|confirm|bestätigen|confirmar|conferma|bevestig|…)\w* (all|alle|alles|tous|
// todas|todos|…)` is tested BEFORE SAVE. "confirm/confirmar/bevestig + all-word" is not only "confirm everything": a
// save button confirming *all the visitor's choices* ("Confirm all choices", "Confirm all settings", "Bevestig alle
// keuzes", "Confirmar todas las preferencias", "Confirmer tous mes choix") says nothing of accepting; what it stores is
// how the switches stand. Before this commit SAVE caught the English, Spanish and Dutch ones (`\bconfirm\b`,
// `confirmar`, `bevestig`); now they read as Accept all, which undoes 5b6c5e15 (Save with every optional switch off =
// refusal) in both directions:
//  - bend (lenient): the visitor switches everything off and clicks "Confirm all settings"; the site stores accept-all.
//    The click reads as Accept all, the stored accept agrees with it: no contradiction, trackers "after accept".
//  - accusation: an honest site stores the refusal the visitor saved. contradictsClick('accept-all', reject) is true
//    within CLICK_CONFIRM_MS, so the verdict says the site stored a refusal against the visitor's Accept all:
//    severity 'violation' on a site that did exactly what the visitor asked.
// The content script only counts switches when the action is 'save-settings' (consent.content.ts, savedSwitches), so an
// accept-all reading also loses the switch count the derivation would need.
import { describe, expect, it } from 'vitest';
import { actionFromText } from './click';
import { signalFromCookie } from './signals';
import { deriveVisit } from '../evidence/derive';
import { T0, cioEntry, clickEntry, consentEntry, visit } from '../report/__fixtures__/visit';
import type { EvidenceEntry } from '../evidence/types';

// Save-button wordings that confirm the visitor's own selection, several languages.
const SAVE_WORDS = [
  'Confirm all choices',
  'Confirm all settings',
  'Confirm all preferences',
  'Bevestig alle keuzes', // NL "confirm all choices" (bevestig was SAVE before the commit)
  'Confirmar todas las preferencias', // ES (confirmar was SAVE before the commit)
];

/** The detector's report of a click on this label, as consent.content.ts builds it (switches only on a Save). */
function clickOn(label: string, at: number, switches: { on: number; off: number }): EvidenceEntry {
  const action = actionFromText(label)!;
  const e = clickEntry(at, action);
  return {
    ...e,
    click: { ...e.click!, label, ...(action === 'save-settings' && { switches }) },
  };
}

describe('ACCEPT_EVERYTHING: a save confirming all the visitor’s choices is not an Accept all', () => {
  it.each(SAVE_WORDS)('"%s" is saved settings', (label) => {
    expect(actionFromText(label)).toBe('save-settings');
  });

  it('honest site: every switch off, "Confirm all settings", the refusal stored: no contradiction, no violation', () => {
    const klaroReject = signalFromCookie('klaro', '{"ga":false,"fb":false}')!;
    const d = deriveVisit(visit(), [
      clickOn('Confirm all settings', T0 + 1_000, { on: 0, off: 2 }),
      consentEntry(klaroReject, { at: T0 + 1_200 }),
    ]);
    // Today: the click reads as Accept all and the stored refusal "contradicts" it.
    expect(d.consent.contradicted).toEqual([]);
    expect(d.verdict.severity).not.toBe('violation');
  });

  it('bending site: every switch off, "Confirm all settings", the site stores accept-all: contradicted', () => {
    const klaroAccept = signalFromCookie('klaro', '{"ga":true,"fb":true}')!;
    const d = deriveVisit(visit(), [
      clickOn('Confirm all settings', T0 + 1_000, { on: 0, off: 2 }),
      consentEntry(klaroAccept, { at: T0 + 1_200 }),
      cioEntry(T0 + 1_500),
    ]);
    // Today: the accept agrees with the misread Accept all click; the tracker is "after accept", verdict clean.
    expect(d.consent.contradicted).toHaveLength(1);
    expect(d.verdict.severity).toBe('violation');
  });
});
