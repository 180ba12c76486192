import { describe, expect, it } from 'vitest';
import { cookieObservation, requestObservation, type Classifier } from './record';
import { newVisit } from './tab-state';

const classifier: Classifier = {
  request: (url, pageUrl) => ({
    vendor: url.includes('customer.io') ? 'customer-io' : null,
    vendorName: null,
    company: null,
    category: 'marketing',
    thirdParty: !url.includes(new URL(pageUrl).host),
    reason: `req ${url}`,
  }),
  cookie: (c) => ({
    vendor: c.name === '_cio' ? 'customer-io' : null,
    vendorName: null,
    company: null,
    category: 'marketing',
    thirdParty: c.domain !== 'shop.example',
    reason: `cookie ${c.name}@${c.domain}`,
  }),
};
const visit = newVisit('v1', 3, 'https://shop.example/', 1000, false);

describe('record', () => {
  it('makes a request observation keyed by host with the event time', () => {
    const o = requestObservation(
      visit,
      {
        requestId: '1',
        url: 'https://track.customer.io/x',
        host: 'track.customer.io',
        type: 'ping',
        tabId: 3,
        frameId: 0,
        topFrame: true,
        at: 1234,
        initiator: null,
        documentId: null,
        prerender: false,
      },
      classifier,
    );
    expect(o).toMatchObject({
      visitId: 'v1',
      kind: 'request',
      key: 'track.customer.io',
      at: 1234,
      resourceType: 'ping',
      classification: { vendor: 'customer-io' },
    });
  });

  it('keys cookies by name and site, hashes values and keeps them only on opt-in', () => {
    const seen = {
      name: '_cio',
      value: 'secret',
      domain: '.track.customer.io',
      via: 'set-cookie' as const,
      at: 2000,
      lifetimeSeconds: 86400,
      secure: true,
    };
    const a = cookieObservation(visit, seen, classifier, false);
    expect(a.obs).toMatchObject({
      key: '_cio@customer.io',
      cookieDomain: 'track.customer.io',
      valueLength: 6,
      lifetimeSeconds: 86400,
    });
    expect(a.obs.value).toBeUndefined();
    expect(a.obs.valueHash).toMatch(/^[0-9a-f]{14}$/);
    expect(a.update).toMatchObject({
      domain: 'track.customer.io',
      path: '/',
      expiresAt: 2000 + 86400_000,
      removed: false,
    });
    expect(a.update!.value).toBeUndefined();
    expect(cookieObservation(visit, seen, classifier, true).obs.value).toBe('secret');
  });

  it('does not touch the cookie jar view for cookies seen only in a Cookie header', () => {
    const r = cookieObservation(
      visit,
      { name: 'sid', value: '1', domain: 'shop.example', via: 'cookie-header', at: 1 },
      classifier,
      false,
    );
    expect(r.update).toBeNull();
    expect(r.obs.key).toBe('sid@shop.example');
  });
});
