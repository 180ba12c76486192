import { describe, expect, it } from 'vitest';
import { compareSiteReports } from './compare';
import { AUDIT_FILE_FORMAT, compareAudits, parseAuditFile } from './compare-file';
import { buildSiteReport, type SiteReport } from './site-report';
import { cls, cookie, page, request, stored } from './__fixtures__/site';
import { T0 } from '../report/__fixtures__/visit';
import { exportMeta, exportSample } from '../report/__fixtures__/export';
import { exportJson } from '../export/json';

const CIO = cls('customer-io', 'marketing', true, 'Customer.io');
const SEG = cls('segment', 'analytics', false, 'Segment');
const NEC = cls(null, 'necessary', false);

const site = (entries: Parameters<typeof page>[2], at = T0, name = 'shop.example') =>
  buildSiteReport({
    site: name,
    startUrl: `https://${name}/`,
    auditedAt: at,
    pages: [{ url: `https://${name}/`, report: null, derived: page('v', `https://${name}/`, entries) }],
  });

const older = site([request('v', 'track.customer.io', CIO), cookie('v', 'sid', 'shop.example', NEC, 3600)]);
const newer = site(
  [stored('v', 'localStorage', 'ajs_anonymous_id', SEG), cookie('v', 'sid', 'shop.example', NEC, null)],
  T0 + 86_400_000,
);

/** The shape `cli audit` writes as `<site>.json` (scripts/audit/batch.mjs), through a JSON round trip. */
const auditFile = (s: SiteReport | undefined, extra: object = {}) =>
  JSON.stringify({
    format: AUDIT_FILE_FORMAT,
    audit: {},
    visit: {},
    vendors: [],
    site: s,
    pages: [],
    ...extra,
  });

function damaged(edit: (s: any) => void): string {
  const s = JSON.parse(JSON.stringify(older));
  edit(s);
  return auditFile(s);
}

describe('parseAuditFile', () => {
  it('reads the site report of a cli audit file, of a popup site audit file, and a bare one', () => {
    const a = parseAuditFile(auditFile(older));
    expect(a).toEqual({ ok: true, report: JSON.parse(JSON.stringify(older)) });
    const b = parseAuditFile(JSON.stringify(newer));
    expect(b.ok && b.report.site).toBe('shop.example');
    // The popup's site audit, saved as JSON.
    const c = parseAuditFile(
      JSON.stringify({ format: 'cookie-inspector/site-audit', toolVersion: '1', site: newer }),
    );
    expect(c.ok && c.report.auditedAt).toBe(newer.auditedAt);
  });

  it('reads a visit exported by the report page as a one-page site report of its derivation', () => {
    const sample = exportSample();
    const r = parseAuditFile(exportJson(sample, [], exportMeta));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { visit } = sample.derived;
    expect(r.report).toMatchObject({ site: visit.site, startUrl: visit.url, auditedAt: visit.startedAt });
    expect(r.report.pages.map((p) => p.url)).toEqual([visit.url]);
    expect(r.report.vendors.map((v) => v.key)).toEqual(sample.derived.parties.map((p) => p.key).sort());
    // The import's own checks apply, with its message.
    const doc = JSON.parse(exportJson(sample, [], exportMeta));
    doc.evidence[0].id = 1;
    const bad = parseAuditFile(JSON.stringify(doc));
    expect(bad).toEqual({ ok: false, error: 'Invalid report: evidence[0].id: expected a string' });
  });

  it('refuses what is not an audit, saying what it is', () => {
    const error = (text: string) => {
      const r = parseAuditFile(text);
      return r.ok ? 'accepted' : r.error;
    };
    expect(error('')).toBe('The file is empty.');
    expect(error('{"format":')).toMatch(/^Not valid JSON: /);
    expect(error('[1,2]')).toMatch(/^Not a Cookie Inspector audit: open a <site>\.json written by cli audit/);
    expect(error('null')).toMatch(/^Not a Cookie Inspector audit/);
    const cmp = JSON.stringify(compareSiteReports(older, newer));
    expect(error(cmp)).toMatch(/This is a comparison .*open the two audit files/);
    expect(error('{"format":"cookie-inspector/declaration"}')).toMatch(
      /"cookie-inspector\/declaration" file, not an audit/,
    );
    expect(error(auditFile(undefined))).toMatch(/has no site report/);
  });

  it('names the damaged field, so nothing malformed reaches the view', () => {
    const error = (text: string) => {
      const r = parseAuditFile(text);
      return r.ok ? 'accepted' : r.error;
    };
    expect(error(damaged((s) => (s.vendors[0].name = { html: '<b>' })))).toBe(
      'Invalid audit file: site.vendors[0].name: expected a string',
    );
    expect(error(damaged((s) => (s.vendors[0].violationPhases = ['later'])))).toMatch(
      /site\.vendors\[0\]\.violationPhases\[0\]: expected one of before-consent/,
    );
    expect(error(damaged((s) => (s.cookies[0].lifetimeSeconds = '1 year')))).toBe(
      'Invalid audit file: site.cookies[0].lifetimeSeconds: expected a number',
    );
    expect(error(damaged((s) => (s.cookies[0].category = 'tracking')))).toMatch(
      /site\.cookies\[0\]\.category: expected one of advertising/,
    );
    expect(error(damaged((s) => (s.storage = {})))).toBe(
      'Invalid audit file: site.storage: expected an array',
    );
    expect(error(damaged((s) => (s.version = 2)))).toMatch(/not a version 1 site report/);
    expect(error(damaged((s) => delete s.auditedAt))).toBe(
      'Invalid audit file: site.auditedAt: expected a number',
    );
  });
});

describe('compareAudits', () => {
  it('compares the earlier audit with the later one, in either order, through compareSiteReports', () => {
    const expected = compareSiteReports(older, newer);
    expect(compareAudits(older, newer)).toEqual({ ok: true, comparison: expected });
    expect(compareAudits(newer, older)).toEqual({ ok: true, comparison: expected });
    const c = expected;
    expect(c.vendors.added.map((v) => v.name)).toEqual(['Segment']);
    expect(c.vendors.removed.map((v) => v.name)).toEqual(['Customer.io']);
    expect(c.cookies.lifetimeChanged).toEqual([
      expect.objectContaining({ name: 'sid', oldSeconds: 3600, newSeconds: null }),
    ]);
  });

  it('refuses audits of two different sites', () => {
    const other = site([request('v', 'track.customer.io', CIO)], T0, 'other.example');
    expect(compareAudits(older, other)).toEqual({
      ok: false,
      error:
        'These are audits of two different sites (shop.example and other.example); pick two audits of the same site.',
    });
  });
});
