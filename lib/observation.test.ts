import { describe, expect, it } from 'vitest';
import { findingId, mergeObservation, type Observation } from './observation';

const cio = {
  vendor: 'customer-io',
  vendorName: 'Customer.io',
  company: 'Peaberry Software Inc.',
  category: 'marketing',
  thirdParty: true,
  reason: 'r',
} as const;
const unknown = {
  vendor: null,
  vendorName: null,
  company: null,
  category: 'unknown',
  thirdParty: true,
  reason: 'u',
} as const;

function obs(at: number, extra: Partial<Observation> = {}): Observation {
  return {
    visitId: 'v1',
    kind: 'request',
    key: 'track.customer.io',
    host: 'track.customer.io',
    url: 'https://track.customer.io/a',
    at,
    classification: cio,
    ...extra,
  };
}

describe('mergeObservation', () => {
  it('creates a finding on first sight and counts repeats', () => {
    const a = mergeObservation(undefined, obs(100, { resourceType: 'script' }), 'before-consent', true);
    expect(a).toMatchObject({
      id: findingId('v1', 'request', 'track.customer.io', 'before-consent'),
      count: 1,
      firstSeenAt: 100,
      lastSeenAt: 100,
      violation: true,
      vendorId: 'customer-io',
      resourceTypes: ['script'],
    });
    const b = mergeObservation(a, obs(300, { resourceType: 'xmlhttprequest' }), 'before-consent', true);
    const c = mergeObservation(b, obs(50, { resourceType: 'script' }), 'before-consent', true);
    expect(c).toMatchObject({
      count: 3,
      firstSeenAt: 50,
      lastSeenAt: 300,
      resourceTypes: ['script', 'xmlhttprequest'],
    });
    expect(a.count).toBe(1);
  });

  it('upgrades an unknown finding when a later observation identifies the vendor', () => {
    const a = mergeObservation(
      undefined,
      obs(1, { kind: 'cookie', key: '_cio@customer.io', classification: unknown, via: 'cookie-header' }),
      'before-consent',
      false,
    );
    const b = mergeObservation(
      a,
      obs(2, { kind: 'cookie', key: '_cio@customer.io', via: 'set-cookie', cookieDomain: 'customer.io' }),
      'before-consent',
      true,
    );
    expect(b).toMatchObject({
      vendorId: 'customer-io',
      category: 'marketing',
      violation: true,
      via: ['cookie-header', 'set-cookie'],
      cookieDomain: 'customer.io',
    });
  });
});
