// The regression set from vendors' own documentation (data/regression/vendor-docs.json) against the real database.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadNodeVendorIndex } from '../../scripts/node-vendor-db';
import { evaluateEntry, type RegressionEntry } from './regression-eval';

const set = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'data', 'regression', 'vendor-docs.json'), 'utf8'),
) as { vendors: RegressionEntry[] };
const index = loadNodeVendorIndex();

describe('regression set from vendor documentation', () => {
  it('says for every entry where it comes from, and quotes the page for every checked one', () => {
    for (const v of set.vendors) {
      expect(v.docs, v.vendor).toMatch(/^https:\/\/\S+$/);
      expect(typeof v.checked, v.vendor).toBe('boolean');
      // A checked entry is only as good as the sentence that supports it and the day it was read.
      if (v.checked) {
        expect(v.evidence?.trim(), `${v.vendor} evidence`).toBeTruthy();
        expect(v.checkedOn, `${v.vendor} checkedOn`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      expect(v.requests.length + v.cookies.length, `${v.vendor} asserts something`).toBeGreaterThan(0);
    }
  });

  it.each(set.vendors.map((v) => [v.vendor, v] as const))('%s', (_, v) => {
    // Every failing host or cookie of the entry at once, with what the classifier answered instead.
    expect(evaluateEntry(index, v)).toEqual([]);
  });
});
