import { describe, expect, it } from 'vitest';
import { buildSiteReport, isSiteReport } from './site-report';
import { cls, cookie, page, request, stored } from './__fixtures__/site';
import { T0 } from '../report/__fixtures__/visit';

const CIO = cls('customer-io', 'marketing', true, 'Customer.io');
const HOTJAR = cls('hotjar', 'analytics', true, 'Hotjar');
const HOTJAR_1P = cls('hotjar', 'analytics', false, 'Hotjar');
const UNKNOWN_1P = cls(null, 'unknown', false);

const home = page('v1', 'https://shop.example/', [
  request('v1', 'track.customer.io', CIO),
  cookie('v1', '_cio', 'customer.io', cls('customer-io', 'marketing', true, 'Customer.io'), 86_400),
  cookie('v1', 'sid', 'shop.example', cls(null, 'necessary', false), null),
  stored('v1', 'localStorage', 'cart', UNKNOWN_1P),
]);
const deep = page('v2', 'https://shop.example/a/b/c', [
  request('v2', 'static.hotjar.com', HOTJAR),
  cookie('v2', '_hjSession_1', 'shop.example', HOTJAR_1P, 1800),
  cookie('v2', 'sid', 'shop.example', cls(null, 'necessary', false), 3600),
  stored('v2', 'localStorage', 'cart', UNKNOWN_1P),
]);

const report = () =>
  buildSiteReport({
    site: 'shop.example',
    startUrl: 'https://shop.example/',
    auditedAt: T0,
    pages: [
      { url: 'https://shop.example/', report: null, derived: home },
      { url: 'https://shop.example/a/b/c', report: null, derived: deep },
      { url: 'https://shop.example/gone', report: null, derived: null, error: 'timeout' },
    ],
  });

describe('buildSiteReport', () => {
  it('lists each vendor once with the pages it appeared on and the first page', () => {
    const r = report();
    const hotjar = r.vendors.find((v) => v.key === 'hotjar')!;
    expect(hotjar).toMatchObject({
      pages: ['https://shop.example/a/b/c'],
      firstPage: 'https://shop.example/a/b/c',
      category: 'analytics',
      violation: true,
      violationPhases: ['before-consent'],
      violationPages: ['https://shop.example/a/b/c'],
      hosts: ['static.hotjar.com'],
      cookies: ['_hjSession_1'],
    });
    expect(r.vendors.find((v) => v.key === 'customer-io')!.firstPage).toBe('https://shop.example/');
    expect(r.counts).toMatchObject({ pages: 3, failedPages: 3, violating: 2, beforeConsent: 2 });
  });

  it('takes phases and violations from the derivation, not its own rule', () => {
    const r = report();
    // The derived parties of each page say who violated: the site report only unions them.
    const derivedViolators = new Set(
      [...home.parties, ...deep.parties].filter((p) => p.violation).map((p) => p.key),
    );
    expect(new Set(r.vendors.filter((v) => v.violation).map((v) => v.key))).toEqual(derivedViolators);
  });

  it('merges a cookie seen on two pages, keeping the longest lifetime and both pages', () => {
    const sid = report().cookies.find((c) => c.name === 'sid')!;
    expect(sid).toMatchObject({
      key: 'cookie:sid@shop.example',
      type: 'cookie',
      lifetimeSeconds: 3600,
      pages: ['https://shop.example/', 'https://shop.example/a/b/c'],
      firstPage: 'https://shop.example/',
      vendorId: null,
      category: 'necessary',
    });
  });

  it('lists storage keys with their area and pages', () => {
    const r = report();
    expect(r.storage).toEqual([
      expect.objectContaining({
        key: 'localStorage:cart',
        type: 'localStorage',
        name: 'cart',
        domain: 'shop.example',
        pages: ['https://shop.example/', 'https://shop.example/a/b/c'],
        category: 'unknown',
      }),
    ]);
    expect(r.counts.storage).toBe(1);
  });

  it('keeps a failed page with its error', () => {
    const gone = report().pages.find((p) => p.url.endsWith('/gone'))!;
    expect(gone).toMatchObject({ status: 'failed', error: 'timeout', visitId: null });
  });

  it('recognises its own format', () => {
    expect(isSiteReport(JSON.parse(JSON.stringify(report())))).toBe(true);
    expect(isSiteReport({ format: 'cookie-inspector/audit' })).toBe(false);
  });
});
