import { describe, expect, it } from 'vitest';
import { isCategory } from '../category';
import { compileDir, readVendorSources } from '../../scripts/node-vendor-db';
import { INDEX_BUDGET_BYTES } from '../../scripts/build-vendor-db';
import { CompileError, compileVendors, domainKey } from './compile';
import { cookie, FIXTURE_VENDORS, vendor } from './__fixtures__/vendors';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof CompileError) return e.problems;
    throw e;
  }
  return [];
}

describe('compileVendors (fixtures)', () => {
  const { index, details, conflicts, stats } = compileVendors(FIXTURE_VENDORS, 'h');

  it('numbers vendors by sorted id and keeps the classification fields only in the index', () => {
    expect(index.vendors.ids).toEqual(['acme-analytics', 'beta-ads', 'gamma-cmp']);
    expect(index.vendors.categories).toEqual(['analytics', 'advertising', 'consent']);
    expect(JSON.stringify(index)).not.toContain('legalBasis');
    expect(details.vendors['beta-ads']?.gdpr.legalBasis.value).toBe('consent');
    expect(index.sourceHash).toBe('h');
  });

  it("carries CDN customer namespaces (two-label domains only) for unattributed hosts' reasons", () => {
    const withNs = compileVendors(FIXTURE_VENDORS, 'h', [], new Set(), { 'zones.test': 'Zone CDN' });
    expect(withNs.index.namespaces).toEqual([['zones.test', 'Zone CDN']]);
    expect(
      problemsOf(() => compileVendors(FIXTURE_VENDORS, 'h', [], new Set(), { 'a.zones.test': 'X' })),
    ).toEqual(['customer namespace "a.zones.test" is not a two-label domain']);
  });

  it('normalises domains (wildcards, case) and maps each to its owner', () => {
    const owner = (h: string) => index.vendors.ids[index.hosts.vendors[index.hosts.names.indexOf(h)]!];
    expect(owner('acmecdn.test')).toBe('acme-analytics');
    expect(owner('gamma.example')).toBe('gamma-cmp');
    expect(owner('pixel.gamma.example')).toBe('beta-ads');
    expect(stats.hosts).toBe(5);
  });

  it('groups prefixes by length, longest first', () => {
    expect(index.prefixes.map((g) => [g.length, g.names])).toEqual([
      [8, ['_acme_s_']],
      [6, ['_acme_']],
    ]);
  });

  it('reports cookie names claimed by several vendors without failing', () => {
    expect(conflicts).toEqual(
      expect.arrayContaining([
        { name: '_acme', match: 'exact', vendors: ['acme-analytics', 'gamma-cmp'] },
        { name: 'shared_id', match: 'exact', vendors: ['acme-analytics', 'beta-ads'] },
      ]),
    );
    expect(conflicts).toHaveLength(2);
  });

  it('fails loudly on duplicate ids', () => {
    const dup = [...FIXTURE_VENDORS, vendor('beta-ads', 'advertising', ['other.example'])];
    expect(problemsOf(() => compileVendors(dup, '', ['a.json', 'b.json', 'c.json', 'd.json']))).toEqual([
      'duplicate vendor id beta-ads (b.json and d.json)',
    ]);
  });

  it('fails loudly on a domain owned by two vendors, even when spelled differently', () => {
    const clash = [...FIXTURE_VENDORS, vendor('delta', 'social', ['*.BETA-ADS.example'])];
    expect(problemsOf(() => compileVendors(clash))).toEqual([
      'domain beta-ads.example is owned by both beta-ads and delta',
    ]);
  });

  it('lists every bad record at once', () => {
    const bad = [
      vendor('x', 'nonsense' as never, ['ok.example']),
      vendor('y', 'social', ['bad domain.example']),
      vendor('z', 'social', ['z.example'], [cookie('')]),
      { nope: true } as never,
    ];
    const problems = problemsOf(() => compileVendors(bad));
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/x: category "nonsense"[\s\S]*y: unreadable domain[\s\S]*z: cookie/);
  });

  it('domainKey strips wildcards and rejects what is not a host', () => {
    expect(domainKey('*.doubleclick.net')).toBe('doubleclick.net');
    expect(domainKey('.Example.COM')).toBe('example.com');
    expect(domainKey('microsoft.com (3rd party)')).toBeNull();
    expect(domainKey('a.*.example')).toBeNull();
  });
});

// Compiles the real data/vendors: the invariants the extension relies on.
const real = readVendorSources();
describe.skipIf(real.files.length === 0)('compile real data/vendors', () => {
  const result = compileDir();
  const { index } = result;

  it('has unique ids and a category for every vendor', () => {
    expect(new Set(index.vendors.ids).size).toBe(index.vendors.ids.length);
    expect(index.vendors.ids.length).toBe(real.files.length);
    // 'unknown' is a category a record may carry: no source names the vendor's consent purpose.
    expect(index.vendors.categories.every((c) => isCategory(c) || c === 'unknown')).toBe(true);
  });

  it('gives every domain and cookie exactly one valid owner', () => {
    expect(new Set(index.hosts.names).size).toBe(index.hosts.names.length);
    const n = index.vendors.ids.length;
    expect(index.hosts.vendors.every((v) => v >= 0 && v < n)).toBe(true);
    const entries = [...index.cookies.entries, ...index.prefixes.flatMap((g) => g.entries)].flat();
    expect(entries.every((e) => e[0] >= 0 && e[0] < n)).toBe(true);
    // A Set, not toContain per domain: 6,000 domains against a 6,000-entry array is quadratic.
    const hosts = new Set(index.hosts.names);
    const missing = real.records.flatMap((r) => r.domains.filter((d) => !hosts.has(domainKey(d) ?? '')));
    expect(missing).toEqual([]);
  });

  it('lists cookie conflicts with at least two vendors each', () => {
    for (const c of result.conflicts) expect(c.vendors.length).toBeGreaterThan(1);
  });

  it(`keeps the index under ${INDEX_BUDGET_BYTES} bytes`, () => {
    expect(JSON.stringify(index).length).toBeLessThan(INDEX_BUDGET_BYTES);
  });
});
