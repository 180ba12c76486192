import { describe, expect, it } from 'vitest';
import { changeLines, compareSiteReports } from './compare';
import { buildSiteReport } from './site-report';
import { cls, cookie, page, request, stored } from './__fixtures__/site';
import { T0 } from '../report/__fixtures__/visit';

const CIO = cls('customer-io', 'marketing', true, 'Customer.io');
const SEG = cls('segment', 'analytics', false, 'Segment');
const NEC = cls(null, 'necessary', false);

const site = (entries: Parameters<typeof page>[2], at = T0) =>
  buildSiteReport({
    site: 'shop.example',
    startUrl: 'https://shop.example/',
    auditedAt: at,
    pages: [
      { url: 'https://shop.example/', report: null, derived: page('v', 'https://shop.example/', entries) },
    ],
  });

describe('compareSiteReports', () => {
  const older = site([
    request('v', 'track.customer.io', CIO),
    cookie('v', 'sid', 'shop.example', NEC, 3600),
    cookie('v', 'lang', 'shop.example', NEC, 86_400),
  ]);
  const newer = site(
    [stored('v', 'localStorage', 'ajs_anonymous_id', SEG), cookie('v', 'sid', 'shop.example', NEC, 7200)],
    T0 + 1000,
  );

  it('names added and removed vendors, cookies, storage and changed lifetimes', () => {
    const c = compareSiteReports(older, newer);
    expect(c.vendors.added.map((v) => v.key)).toEqual(['segment']);
    expect(c.vendors.removed.map((v) => v.key)).toEqual(['customer-io']);
    expect(c.storage.added.map((i) => i.key)).toEqual(['localStorage:ajs_anonymous_id']);
    expect(c.cookies.removed.map((i) => i.name)).toEqual(['lang']);
    expect(c.cookies.lifetimeChanged).toEqual([
      expect.objectContaining({ name: 'sid', oldSeconds: 3600, newSeconds: 7200 }),
    ]);
    expect(c.unchanged).toBe(false);
  });

  it('reports violations new and fixed per vendor and phase', () => {
    const c = compareSiteReports(older, newer);
    expect(c.violations.new).toEqual([expect.objectContaining({ key: 'segment', phase: 'before-consent' })]);
    expect(c.violations.fixed).toEqual([
      expect.objectContaining({ key: 'customer-io', phase: 'before-consent' }),
    ]);
    const lines = changeLines(c);
    expect(lines).toContain('+ vendor Segment (analytics)');
    expect(lines).toContain('- vendor Customer.io (marketing)');
    expect(lines).toContain('! new violation: Segment before consent');
  });

  it('an audit compared with itself is unchanged', () => {
    const c = compareSiteReports(older, older);
    expect(c.unchanged).toBe(true);
    expect(changeLines(c)).toEqual([]);
  });
});
