import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOcdJson } from './ocd';

const FILE = join(
  import.meta.dirname,
  '../../../data/sources/open-cookie-database/open-cookie-database.json',
);

const cookie = (over: Record<string, string> = {}) => ({
  id: 'x1',
  category: 'Marketing',
  cookie: 'acm_id',
  domain: ' acme.example (3rd party) ',
  description: ' Tracks ',
  retentionPeriod: '13 months',
  dataController: ' Acme ',
  privacyLink: ' https://acme.example/privacy ',
  wildcardMatch: '0',
  ...over,
});

describe('readOcdJson', () => {
  it('reads the pinned upstream file: every row, platform and wildcard its SOURCE.txt counts', () => {
    const rows = readOcdJson(JSON.parse(readFileSync(FILE, 'utf8')));
    expect(rows).toHaveLength(2264);
    expect(new Set(rows.map((r) => r.platform)).size).toBe(354);
    expect(rows.filter((r) => r.match === 'prefix').length).toBeGreaterThanOrEqual(260);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(rows.find((r) => r.name === '_ga' && r.platform === 'Google Analytics')).toMatchObject({
      category: 'Analytics',
      match: 'exact',
    });
  });

  it('names the platform, trims text fields and keeps the row order platform by platform', () => {
    const rows = readOcdJson({
      ' Acme ': [cookie(), cookie({ id: 'x2', cookie: 'acm_', wildcardMatch: '1' })],
    });
    expect(rows).toEqual([
      {
        id: 'x1',
        platform: 'Acme',
        category: 'Marketing',
        name: 'acm_id',
        match: 'exact',
        domain: 'acme.example (3rd party)',
        description: 'Tracks',
        retention: '13 months',
        controller: 'Acme',
        privacyUrl: 'https://acme.example/privacy',
      },
      expect.objectContaining({ id: 'x2', name: 'acm_', match: 'prefix' }),
    ]);
  });

  it('decodes HTML escapes and doubled spaces in platform and controller names', () => {
    const [row] = readOcdJson({
      'Northern &amp; Shell': [cookie({ dataController: 'Northern &amp;  Shell plc' })],
    });
    expect(row).toMatchObject({ platform: 'Northern & Shell', controller: 'Northern & Shell plc' });
  });

  it('turns a non-wildcard "X_*" into a prefix and keeps a note', () => {
    const [row] = readOcdJson({ Adkernel: [cookie({ cookie: 'SSPR_*' })] });
    expect(row).toMatchObject({ name: 'SSPR_', match: 'prefix', note: 'name normalised from "SSPR_*"' });
    // A name ending in one "_" takes an id after it (Baidu's Hm_lvt_<site id>); "__exponea_etc__" is whole.
    const [open] = readOcdJson({ Baidu: [cookie({ cookie: 'Hm_lvt_' })] });
    expect(open).toMatchObject({ name: 'Hm_lvt_', match: 'prefix' });
    expect(open!.note).toMatch(/not marked wildcard/);
    expect(readOcdJson({ Exponea: [cookie({ cookie: '__exponea_etc__' })] })[0]!.match).toBe('exact');
    const [spaced] = readOcdJson({ A: [cookie({ cookie: ' a ' })] });
    expect(spaced).toMatchObject({ name: 'a', note: 'name normalised from " a "' });
  });

  it.each([
    [[], /object of platforms/],
    [null, /object of platforms/],
    [{ P: {} }, /"P" is not a list/],
    [{ P: ['x'] }, /"P"\[0\] is not an object/],
    [{ P: [{ ...cookie(), privacyLink: undefined }] }, /"P"\[0\] has no string privacyLink/],
    [{ P: [cookie(), cookie({ category: 'Weird' })] }, /"P"\[1\] has category Weird/],
  ])('rejects a file of another shape (%j)', (json, message) => {
    expect(() => readOcdJson(json)).toThrow(message);
  });
});
