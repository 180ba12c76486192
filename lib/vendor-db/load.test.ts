import { describe, expect, it } from 'vitest';
import { compileVendors } from './compile';
import { getVendorDetails, loadVendorIndex, parseVendorDetails, VendorDbFormatError } from './load';
import { FIXTURE_VENDORS } from './__fixtures__/vendors';
import { INDEX_VERSION } from './compiled-types';

const compiled = compileVendors(FIXTURE_VENDORS, 'abc');

describe('loadVendorIndex', () => {
  it('loads the JSON text and the parsed object alike', () => {
    for (const input of [JSON.stringify(compiled.index), JSON.parse(JSON.stringify(compiled.index))]) {
      const index = loadVendorIndex(input);
      expect(index.hosts.get('beta-ads.example')).toBe(index.byId.get('beta-ads'));
      expect(index.cookies.get('_acme')?.map((e) => index.ids[e[0]])).toEqual([
        'acme-analytics',
        'gamma-cmp',
      ]);
      expect(index.prefixLengths).toEqual([8, 6]);
      expect(index.prefixMaps[0]?.has('_acme_s_')).toBe(true);
      expect(index.sourceHash).toBe('abc');
    }
  });

  it('rejects what is not a compatible index with a clear error', () => {
    expect(() => loadVendorIndex('{oops')).toThrow(/not valid JSON/);
    expect(() => loadVendorIndex({})).toThrow(/not a vendor index/);
    expect(() => loadVendorIndex({ ...compiled.index, version: 99 })).toThrow(
      new RegExp(`version 99, expected ${INDEX_VERSION}`),
    );
    const truncated = { ...compiled.index, hosts: { names: ['a.example'], vendors: [] } };
    expect(() => loadVendorIndex(truncated)).toThrow(VendorDbFormatError);
  });
});

describe('getVendorDetails', () => {
  const text = JSON.stringify(compiled.details);

  it('returns full records in the order asked, skipping unknown and repeated ids', () => {
    const got = getVendorDetails(text, ['gamma-cmp', 'nope', 'acme-analytics', 'gamma-cmp']);
    expect(got.map((r) => r.id)).toEqual(['gamma-cmp', 'acme-analytics']);
    expect(got[1]?.gdpr.risk.value).toBe('low');
  });

  it('does not answer inherited keys such as constructor or __proto__', () => {
    expect(getVendorDetails(parseVendorDetails(text), ['constructor', '__proto__', 'toString'])).toEqual([]);
  });

  it('rejects a file that is not a details file', () => {
    expect(() => getVendorDetails(JSON.stringify(compiled.index), ['x'])).toThrow(
      /not a vendor details file/,
    );
    expect(() => getVendorDetails(null, ['x'])).toThrow(VendorDbFormatError);
  });
});
