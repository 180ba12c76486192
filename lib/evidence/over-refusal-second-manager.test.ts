// Found in review: the over-refusal rule (commit 742dcd90, lib/evidence/consent.ts deriveConsent, the `unprompted` loop):
// `overRefusal` is only a carried-over refusal *of the same tool* (`c.tool === g.tool`). A choice allowing tracking
// stored with no banner click (overBrought) of ANOTHER tool is counted as the visitor's ('counted') and becomes the
// choice in force (supersedes(): a later choice with content wins), so every tracker after it is "after accept".
//
// The tool is the record's format, not the site's manager: a TC string (`euconsent-v2`, tool 'tcf') can be written
// by any script of the page. A returning visitor who refused in the site's OneTrust banner (OptanonConsent sent with
// the document) touches the page (types in its search box); the site writes an accept-all TC string. No click in any
// banner, a refusal brought and in force — exactly what the new rule says "is not counted as theirs" — yet the
// trackers after it are after accept, verdict clean. The same visit with the accept written as OptanonConsent is
// (correctly) 'over-refusal' / needs review; the site only has to pick the other format.
import { describe, expect, it } from 'vitest';
import { signalFromCookie } from '../consent/signals';
import { OPTANON_ACCEPT_ALL, OPTANON_REJECT_ALL, TC_ACCEPT_ALL } from '../consent/__fixtures__/cookies';
import type { ConsentSignal } from '../consent/types';
import { T0, activationEntry, cioEntry, consentEntry, visit } from '../report/__fixtures__/visit';
import { deriveVisit } from './derive';
import type { EvidenceEntry } from './types';

const carried = (signal: ConsentSignal): EvidenceEntry =>
  consentEntry(signal, { at: T0, via: 'cookie-header', frame: 'main', consent: { signal, mainFrame: true } });

describe('a brought refusal of one manager, then an accept of another format stored with no banner click', () => {
  const refused = signalFromCookie('OptanonConsent', OPTANON_REJECT_ALL)!;

  it('the control: OneTrust’s own accept over it is over-refusal (needs review)', () => {
    const accepted = signalFromCookie('OptanonConsent', OPTANON_ACCEPT_ALL)!;
    const d = deriveVisit(visit(), [
      carried(refused),
      activationEntry(T0 + 10, false),
      activationEntry(T0 + 5_000, true),
      consentEntry(accepted, { at: T0 + 5_200, via: 'cookies-api' }),
      cioEntry(T0 + 6_000),
    ]);
    expect(d.findings[0]!.phase).toBe('after-unknown-choice');
  });

  it('a TC string accept written over the OneTrust refusal is not "after accept"', () => {
    const tc = signalFromCookie('euconsent-v2', TC_ACCEPT_ALL)!;
    expect(refused.choice?.kind).toBe('reject-all');
    expect(tc.choice?.kind).toBe('accept-all');
    const d = deriveVisit(visit(), [
      carried(refused),
      activationEntry(T0 + 10, false),
      activationEntry(T0 + 5_000, true), // input somewhere in the page, no banner click
      consentEntry(tc, { at: T0 + 5_200, via: 'cookies-api' }),
      cioEntry(T0 + 6_000),
    ]);
    // It was 'after-accept', verdict clean (found in review). Needs review, as the same manager's accept over it.
    expect(d.findings[0]!.phase).toBe('after-unknown-choice');
    expect(d.verdict.text).toMatch(/stored over the visitor’s earlier refusal.*needs review/);
  });
});
