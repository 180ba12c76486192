import { describe, expect, it } from 'vitest';
import {
  consentSighting,
  cookieSighting,
  frameOf,
  requestSighting,
  storageSighting,
  type Classifier,
} from './record';
import { newVisit } from './tab-state';
import { indexClassifier } from './classifier';
import { loadNodeVendorIndex } from '../scripts/node-vendor-db';

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

const request = (url: string, host: string, type = 'ping') => ({
  requestId: '1',
  url,
  host,
  type,
  tabId: 3,
  frameId: 0,
  topFrame: type === 'main_frame',
  at: 1234,
  initiator: null,
  documentId: null,
  prerender: false,
});

describe('record', () => {
  it('makes a browser-provenance request sighting keyed by host, with frame scope and site', () => {
    const s = requestSighting(visit, request('https://track.customer.io/x', 'track.customer.io'), classifier);
    expect(s).toMatchObject({
      id: 'v1|request|track.customer.io',
      visitId: 'v1',
      kind: 'request',
      provenance: 'browser',
      via: 'webRequest',
      key: 'track.customer.io',
      site: 'customer.io',
      frame: 'sub',
      at: 1234,
      resourceType: 'ping',
      classification: { vendor: 'customer-io' },
    });
    expect(s.ownOrganisation).toBeUndefined();
  });

  it("marks a host-matched vendor that owns the page's own site as the site's own organisation", () => {
    const own: Classifier = {
      ...classifier,
      request: () => ({ ...classifier.request('https://x.customer.io/', visit.url), vendor: 'shop' }),
    };
    const s = requestSighting(visit, request('https://rover.shop.example/x', 'rover.shop.example'), own);
    expect(s.ownOrganisation).toBe(true);
    const signature: Classifier = {
      ...own,
      request: (url) => ({
        ...own.request(url, visit.url),
        ...(url.includes('rover') && { signature: 'ga4' }),
      }),
    };
    expect(
      requestSighting(visit, request('https://rover.shop.example/g/collect', 'rover.shop.example'), signature)
        .ownOrganisation,
    ).toBeUndefined();
  });

  it('keys cookies by name and site and channel, hashes values and keeps them only on opt-in', () => {
    const seen = {
      name: '_cio',
      value: 'secret',
      domain: '.track.customer.io',
      via: 'set-cookie',
      provenance: 'browser' as const,
      at: 2000,
      lifetimeSeconds: 86400,
      secure: true,
    };
    const a = cookieSighting(visit, seen, classifier, false);
    expect(a).toMatchObject({
      id: 'v1|cookie|_cio@customer.io|set-cookie|set|',
      key: '_cio@customer.io',
      site: 'customer.io',
      cookie: {
        name: '_cio',
        domain: 'track.customer.io',
        action: 'set',
        valueLength: 6,
        lifetimeSeconds: 86400,
      },
    });
    expect(a.cookie!.value).toBeUndefined();
    expect(a.cookie!.valueHash).toMatch(/^[0-9a-f]{14}$/);
    expect(cookieSighting(visit, seen, classifier, true).cookie!.value).toBe('secret');
    const sent = cookieSighting(visit, { ...seen, via: 'cookie-header' }, classifier, false);
    expect(sent.cookie!.action).toBe('sent');
    expect(sent.id).not.toBe(a.id);
    const partitioned = cookieSighting(visit, { ...seen, partition: 'other.example' }, classifier, false);
    expect(partitioned.cookie!.partition).toBe('other.example');
    expect(partitioned.id).not.toBe(a.id);
  });

  it('records a consent signal with its provenance; repeats of the same value share an id', () => {
    const signal = {
      tool: 'onetrust',
      state: 'choice' as const,
      via: 'cookie:OptanonConsent',
      raw: 'groups=C0004:0',
    };
    const src = {
      provenance: 'browser' as const,
      via: 'cookie-header',
      at: 5,
      site: 'shop.example',
      host: 'shop.example',
      mainFrame: true,
    };
    const a = consentSighting(visit, signal, src);
    expect(a).toMatchObject({ kind: 'consent', provenance: 'browser', consent: { signal, mainFrame: true } });
    expect(consentSighting(visit, signal, { ...src, at: 9 }).id).toBe(a.id);
    expect(consentSighting(visit, { ...signal, raw: 'groups=C0004:1' }, src).id).not.toBe(a.id);
    expect(frameOf({ tabId: -1, type: 'xmlhttprequest', topFrame: false })).toBe('worker');
  });
});

describe('consent managers’ own records', () => {
  // The real classifier: the consent manager registry is part of it (lib/vendor-db/match.ts classifyCookie).
  const real = indexClassifier(loadNodeVendorIndex());
  const seen = {
    name: 'klaro',
    value: '{}',
    domain: 'shop.example',
    via: 'cookies-api',
    provenance: 'browser' as const,
    at: 1,
  };

  it('are consent records of their manager, not unknown identifiers', () => {
    // TermsFeed's record: no list names it, a name guess would say "likely consent" with no manager.
    expect(
      cookieSighting(visit, { ...seen, name: 'cookie_consent_level' }, real, false).classification,
    ).toMatchObject({
      vendor: 'cmp:termsfeed',
      vendorName: 'TermsFeed Cookie Consent',
      category: 'consent',
    });
    // Klaro's: the database lists it (of no stated purpose); it keeps that vendor, as consent management.
    expect(cookieSighting(visit, seen, real, false).classification).toMatchObject({
      vendor: 'klaro',
      category: 'consent',
    });
    const item = { area: 'localStorage' as const, name: 'uc_settings', valueLength: 2, valueHash: 'h' };
    expect(storageSighting(visit, item, 5, real).classification).toMatchObject({
      vendor: 'cmp:usercentrics',
      category: 'consent',
    });
    expect(storageSighting(visit, { ...item, name: 'tcmConsent' }, 5, real).classification).toMatchObject({
      category: 'consent',
    });
    // Usercentrics' Google consent-mode state, from its Browser SDK's key list.
    expect(storageSighting(visit, { ...item, name: 'uc_gcm' }, 5, real).classification).toMatchObject({
      vendor: 'cmp:usercentrics',
      category: 'consent',
    });
  });

  it('only where the manager keeps them: a storage key is not read as a cookie name, nor a database as either', () => {
    const item = { area: 'indexedDB' as const, name: 'uc_settings', valueLength: 2, valueHash: 'h' };
    expect(storageSighting(visit, item, 5, real).classification!.category).not.toBe('consent');
    // tcmConsent lives in localStorage only (Transcend keeps no cookie): a cookie of that name is not its record.
    expect(
      cookieSighting(visit, { ...seen, name: 'tcmConsent' }, real, false).classification!.vendor,
    ).not.toBe('cmp:transcend');
  });

  it('a known vendor’s cookie keeps its classification', () => {
    expect(cookieSighting(visit, { ...seen, name: '_cio' }, classifier, false).classification!.vendor).toBe(
      'customer-io',
    );
    expect(cookieSighting(visit, { ...seen, name: '_ga' }, real, false).classification).toMatchObject({
      vendor: 'google-analytics',
      category: 'analytics',
    });
  });
});
