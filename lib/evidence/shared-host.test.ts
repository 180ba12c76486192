// One host, several parties: the real database's path rules and protocol signatures, through the recorder, the
// evidence merge and the derivation. Before requests were keyed by shape, a page loaded before consent counted
// as the proxied tracker firing then.
import { describe, expect, it } from 'vitest';
import { loadNodeVendorIndex } from '../../scripts/node-vendor-db';
import { indexClassifier } from '../classifier';
import { signalFromCookie } from '../consent/signals';
import { OPTANON_ACCEPT_ALL } from '../consent/__fixtures__/cookies';
import { T0, consentEntry, observedRequest, visit } from '../report/__fixtures__/visit';
import { requestSighting } from '../record';
import { deriveVisit } from './derive';
import { mergeSighting } from './merge';
import type { EvidenceEntry } from './types';

const classifier = indexClassifier(loadNodeVendorIndex());
const v = visit();

/** The stored entries after these requests, merged as the writer merges them. */
function entries(...requests: ReturnType<typeof observedRequest>[]): EvidenceEntry[] {
  const byId = new Map<string, EvidenceEntry>();
  for (const r of requests) {
    const s = requestSighting(v, r, classifier);
    byId.set(s.id, mergeSighting(byId.get(s.id), s));
  }
  return [...byId.values()];
}

const accepted = consentEntry(signalFromCookie('OptanonConsent', OPTANON_ACCEPT_ALL)!, { at: T0 + 5000 });

describe('requests on one host that belong to different parties', () => {
  it("a same-origin GA4 tagging server firing after accept is no violation, though the site's page loaded before", () => {
    const stored = entries(
      observedRequest(`https://${v.site}/`, T0 + 10, 'main_frame'),
      observedRequest(`https://${v.site}/metrics/g/collect?v=2&tid=G-ABC1234&en=page_view`, T0 + 6000),
    );
    expect(stored.map((e) => e.key).sort()).toEqual([v.site, `${v.site} ga4-collect`]);
    const d = deriveVisit(v, [accepted, ...stored]);
    const ga = d.findings.filter((f) => f.vendorId === 'google-analytics');
    expect(ga.map((f) => [f.phase, f.violation])).toEqual([['after-accept', false]]);
    expect(d.verdict.severity).not.toBe('violation');
    // The same hit before the choice is a violation, and the page itself is still the site's unattributed host.
    const early = deriveVisit(v, [
      accepted,
      ...entries(
        observedRequest(`https://${v.site}/`, T0 + 10, 'main_frame'),
        observedRequest(`https://${v.site}/metrics/g/collect?v=2&tid=G-ABC1234`, T0 + 20),
      ),
    ]);
    expect(early.findings.find((f) => f.vendorId === 'google-analytics')).toMatchObject({
      phase: 'before-consent',
      violation: true,
    });
    expect(early.findings.find((f) => f.key === v.site)?.vendorId).toBeNull();
  });

  it("keeps Google Ads beacons on www.google.com apart from Google's other services on the same host", () => {
    const stored = entries(
      observedRequest('https://www.google.com/pagead/1p-conversion/123/?random=1', T0 + 6000),
      observedRequest('https://www.google.com/recaptcha/api2/anchor?k=x', T0 + 7000),
    );
    const byVendor = new Map(stored.map((e) => [e.classification?.vendor, e]));
    expect(byVendor.get('google-doubleclick-ads')?.classification?.category).toBe('advertising');
    expect(byVendor.size).toBe(2);
    const d = deriveVisit(v, [accepted, ...stored]);
    // Before: the later reCAPTCHA request overwrote the entry's vendor, and the Ads beacon was lost.
    expect(d.parties.find((p) => p.vendorId === 'google-doubleclick-ads')?.category).toBe('advertising');
  });
});
