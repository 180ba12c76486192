// ConsentChoice.offered (choice.ts choiceFromToggles) on records that list only what was ACCEPTED.
//
// phaseAt files a needs-consent category "none of the record's switches covers" as 'before-consent' ("never asked").
// But some decoders build their switches from the accepted categories alone, so `offered` = granted and every
// category the visitor switched OFF reads as never asked:
//  - Porsche's cookie-consent-banner 4.1.0 (`cookies_accepted_categories`: "the keys of the *accepted* categories
//    … The categories refused or never offered are not in the record", porsche-cookie-consent-banner.ts, from
//    src/components/cookie-consent-banner/cookie-consent-banner.tsx persistSelection); npm-managers.test.ts itself
//    pins `offered: ['analytics']` for "technically_required,analytics";
//  - vanilla-cookieconsent v2 (`cc_cookie` with `level`, no `services`: cookieconsent.ts).
// A visitor who opened the dialog, left Marketing off and saved "Analytics" was asked and refused: a marketing
// tracker after that fired "after reject" (as before this change, and as for every decoder whose record lists the
// refused switches too). Filing it "before consent" tells the regulator the site never asked, which is false.
import { describe, expect, it } from 'vitest';
import { signalFromCookie } from '../consent/signals';
import type { ConsentSignal } from '../consent/types';
import { T0, cioEntry, consentEntry, visit } from '../report/__fixtures__/visit';
import { deriveVisit } from './derive';
import type { EvidenceEntry } from './types';

const carried = (signal: ConsentSignal): EvidenceEntry =>
  consentEntry(signal, { at: T0, via: 'cookie-header', frame: 'main', consent: { signal, mainFrame: true } });

describe('a record listing only the accepted categories: what it leaves out was refused, not unasked', () => {
  it('Porsche banner, "Save selection" with Analytics only: Customer.io (marketing) fired after a refusal', () => {
    const signal = signalFromCookie('cookies_accepted_categories', 'technically_required%2Canalytics')!;
    expect(signal.choice?.kind).toBe('custom');
    const d = deriveVisit(visit(), [carried(signal), cioEntry(T0 + 1_000)]);
    expect(d.findings.map((f) => [f.phase, f.violation])).toEqual([['after-reject', true]]);
  });

  it('vanilla-cookieconsent v2, level ["necessary","analytics"]: marketing fired after a refusal', () => {
    const value = encodeURIComponent(JSON.stringify({ level: ['necessary', 'analytics'], revision: 0 }));
    const signal = signalFromCookie('cc_cookie', value)!;
    expect(signal.choice?.kind).toBe('custom');
    const d = deriveVisit(visit(), [carried(signal), cioEntry(T0 + 1_000)]);
    expect(d.findings.map((f) => [f.phase, f.violation])).toEqual([['after-reject', true]]);
  });
});
