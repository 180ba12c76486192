// One cookie name, several vendors: Segment's `ajs_*` cookies are written by Customer.io's and other CDP clients
// too. The real database, the recorder, the merge and the derivation: the page's requests say which vendor wrote it.
import { describe, expect, it } from 'vitest';
import { loadNodeVendorIndex } from '../../scripts/node-vendor-db';
import { indexClassifier } from '../classifier';
import { T0, observedRequest, visit } from '../report/__fixtures__/visit';
import { cookieSighting, requestSighting } from '../record';
import { attributed, deriveVisit, deriveVisitUpdate } from './derive';
import type { EvidenceEntry } from './types';
import { folded } from './__fixtures__/fold';

const classifier = indexClassifier(loadNodeVendorIndex());
const v = visit();

const request = (url: string, at: number) => requestSighting(v, observedRequest(url, at), classifier);
const cookie = (name: string, at: number) =>
  cookieSighting(
    v,
    {
      name,
      value: 'a1b2c3',
      domain: v.site,
      via: 'document.cookie',
      provenance: 'page',
      at,
      lifetimeSeconds: 3e7,
    },
    classifier,
    false,
  );

const vendorOf = (entries: EvidenceEntry[], name: string) =>
  deriveVisit(v, entries).findings.find((f) => f.cookieName === name)?.vendorId;

describe('a cookie name several vendors list', () => {
  it('the classifier names the first claimant and lists the others it could be', () => {
    const c = cookie('ajs_anonymous_id', T0).classification!;
    expect(c.vendor).toBe('segment');
    expect(c.alternatives?.map((a) => a.vendor)).toContain('customer-io');
  });

  it("is Customer.io's when only Customer.io's requests were seen on the page", () => {
    const entries = folded(
      request('https://cdp.customer.io/v1/analytics-js/snippet/abc/analytics.min.js', T0 + 10),
      cookie('ajs_anonymous_id', T0 + 20),
      cookie('ajs_user_id', T0 + 20),
    );
    const d = deriveVisit(v, entries);
    const f = d.findings.find((x) => x.cookieName === 'ajs_anonymous_id')!;
    expect(f).toMatchObject({ vendorId: 'customer-io', vendorName: 'Customer.io', violation: true });
    expect(f.reason).toMatch(/^named Customer\.io, .*requests were seen on this page \(Segment's were not\)/);
    expect(vendorOf(entries, 'ajs_user_id')).toBe('customer-io');
    // One vendor on the page, not a Segment that never loaded.
    expect(d.parties.map((p) => p.vendorId)).toEqual(['customer-io']);
  });

  it("stays Segment's when Segment's requests were seen, or nobody's were", () => {
    const both = folded(
      request('https://cdp.customer.io/v1/analytics-js/snippet/abc/analytics.min.js', T0 + 10),
      request('https://cdn.segment.com/analytics.js/v1/abc/analytics.min.js', T0 + 11),
      cookie('ajs_anonymous_id', T0 + 20),
    );
    expect(vendorOf(both, 'ajs_anonymous_id')).toBe('segment');
    // With both loaded the name cannot tell which wrote it: the finding says so.
    const f = deriveVisit(v, both).findings.find((x) => x.cookieName === 'ajs_anonymous_id')!;
    expect(f.reason).toMatch(
      /; Customer\.io lists the name too and its requests were also seen on this page/,
    );
    expect(vendorOf(folded(cookie('ajs_anonymous_id', T0 + 20)), 'ajs_anonymous_id')).toBe('segment');
  });

  it("follows a claimant's first request that arrives in a later batch", () => {
    const first = folded(cookie('ajs_anonymous_id', T0 + 20));
    const prev = deriveVisit(v, first);
    const later = request('https://cdp.customer.io/v1/p', T0 + 30);
    const all = [...first, ...folded(later)];
    const next = deriveVisitUpdate(prev, v, all, new Set([later.id]));
    expect(next.findings.find((f) => f.cookieName === 'ajs_anonymous_id')?.vendorId).toBe('customer-io');
    expect(next).toEqual(deriveVisit(v, all));
  });

  it("names F5's firewall for TS01*, and Wix only on a Wix site", () => {
    const ts = (at: number) =>
      cookieSighting(
        v,
        { name: 'TS01a2b3c4', value: '01ab', domain: v.site, via: 'set-cookie', provenance: 'browser', at },
        classifier,
        false,
      );
    expect(vendorOf(folded(ts(T0 + 5)), 'TS01a2b3c4')).toBe('f5-big-ip-asm');
    const wix = folded(
      request('https://static.parastorage.com/services/wix-thunderbolt/dist/main.js', T0),
      ts(T0 + 5),
    );
    expect(vendorOf(wix, 'TS01a2b3c4')).toBe('wix');
  });

  it('never moves a cookie that needs consent to a claimant whose category would exempt it', () => {
    const c = {
      vendor: 'ads',
      vendorName: 'Ads',
      company: null,
      category: 'advertising' as const,
      thirdParty: false,
      reason: 'cookie ts is a known cookie of Ads',
      alternatives: [{ vendor: 'pay', vendorName: 'Pay', company: null, category: 'functional' as const }],
    };
    // The page chooses its requests: one to a payment provider must not make an ad cookie functional.
    expect(attributed(c, new Set(['pay']))).toBe(c);
    const analytics = { ...c.alternatives[0]!, category: 'analytics' as const };
    expect(attributed({ ...c, alternatives: [analytics] }, new Set(['pay']))).toMatchObject({
      vendor: 'pay',
      category: 'analytics',
    });
  });
});
