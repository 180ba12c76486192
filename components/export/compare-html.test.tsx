import { describe, expect, it } from 'vitest';
import { compareSiteReports } from '@/lib/audit/compare';
import { buildSiteReport } from '@/lib/audit/site-report';
import { cls, cookie, page, request, stored } from '@/lib/audit/__fixtures__/site';
import { T0 } from '@/lib/report/__fixtures__/visit';
import { compareFileStem, renderCompareHtml } from './compare-html';
import { EXPORT_CSS } from './style';

const CIO = cls('customer-io', 'marketing', true, 'Customer.io');
const SEG = cls('segment', 'analytics', false, 'Segment');
const NEC = cls(null, 'necessary', false);
const HOSTILE = '<img src=x onerror=alert(1)>';

const site = (entries: Parameters<typeof page>[2], at: number) =>
  buildSiteReport({
    site: 'shop.example',
    startUrl: 'https://shop.example/',
    auditedAt: at,
    pages: [
      { url: 'https://shop.example/', report: null, derived: page('v', 'https://shop.example/', entries) },
    ],
  });

const older = site(
  [
    request('v', 'track.customer.io', CIO),
    cookie('v', 'sid', 'shop.example', NEC, 3600),
    cookie('v', HOSTILE, 'shop.example', NEC, null),
  ],
  T0,
);
const newer = site(
  [
    stored('v', 'localStorage', 'ajs_anonymous_id', SEG),
    cookie('v', 'sid', 'shop.example', NEC, 365 * 86_400),
  ],
  T0 + 86_400_000,
);
const meta = { toolVersion: '9.9.9', generatedAt: T0 + 2 * 86_400_000 };

/** The text of the section with this id (tags dropped), for assertions on what a reader sees. */
function section(html: string, id: string): string {
  const m = html.match(new RegExp(`<section id="${id}"[^>]*>([\\s\\S]*?)</section>`));
  return m ? m[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') : '';
}

describe('renderCompareHtml', () => {
  const c = compareSiteReports(older, newer);
  const html = renderCompareHtml(c, meta, { old: 'jan.json', new: 'feb.json' });

  it('is one self-contained document: strict CSP, inline CSS, no script, no remote load', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/>`,
    );
    expect(html).toContain(`<style>${EXPORT_CSS}</style>`);
    expect(html).not.toMatch(/<script|<button|<input|<link|<img|<iframe/i);
    expect(html).toContain('Generated 2026-11-27T13:02:00.000Z by Cookie Inspector 9.9.9.');
  });

  it('names every change under its kind, with counts', () => {
    expect(section(html, 'compare-vendors-added')).toMatch(/Vendors added \(1\).*Segment analytics/);
    expect(section(html, 'compare-vendors-removed')).toMatch(/Vendors removed \(1\).*Customer\.io marketing/);
    expect(section(html, 'compare-violations-new')).toMatch(/New violations \(1\).*Segment before consent/);
    expect(section(html, 'compare-violations-fixed')).toMatch(
      /Fixed violations \(1\).*Customer\.io before consent/,
    );
    expect(section(html, 'compare-storage-added')).toMatch(/ajs_anonymous_id Local storage/);
    expect(section(html, 'compare-cookies-lifetime')).toMatch(/sid shop\.example .* 1 hour 1 year/);
    expect(section(html, 'compare-cookies-removed')).toContain('Cookies removed (1)');
    // Kinds without a change have no list; the summary table still counts them.
    expect(html).not.toContain('id="compare-pages-added"');
    expect(html).toMatch(
      /<tr data-kind="vendors"><th scope="row">Vendors<\/th><td class="added">1<\/td><td class="removed">1<\/td>/,
    );
    expect(html).toMatch(
      /<tr data-kind="pages"><th scope="row">Pages audited<\/th><td class="added">0<\/td>/,
    );
    expect(html).toMatch(
      /Earlier audit: .*2026-11-25T13:02:00.000Z.*\(<bdi class="page-text">jan\.json<\/bdi>\)/,
    );
    expect(html).toMatch(
      /Later audit: .*2026-11-26T13:02:00.000Z.*\(<bdi class="page-text">feb\.json<\/bdi>\)/,
    );
  });

  it('shows page data as text only', () => {
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('&lt;img src=x onerror=alert(1)>');
  });

  it('says so when nothing changed', () => {
    const same = renderCompareHtml(compareSiteReports(older, older), meta);
    expect(same).toContain('No change: the same vendors');
    expect(same).not.toContain('class="compare-list"');
  });

  it('names its files by site and the later audit day', () => {
    expect(compareFileStem(c)).toBe('cookie-inspector_shop.example_compare_2026-11-26');
  });
});
