// The regression set from vendors' own documentation (data/regression/vendor-docs.json) against the real database.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { needsConsent, type CategoryOrUnknown } from '../category';
import { loadNodeVendorIndex } from '../../scripts/node-vendor-db';
import { classifyCookie, classifyRequest } from './match';

interface Entry {
  vendor: string;
  docs: string;
  /** True only when the listed hosts and cookies were found in the `docs` page's text (quoted in `evidence`). */
  checked: boolean;
  checkedOn?: string;
  evidence?: string;
  /** The stored copy actually read, when it was not the `docs` URL itself (e.g. an http:// copy). */
  via?: string;
  requests: string[];
  cookies: string[];
  category?: CategoryOrUnknown;
  cookieCategory?: CategoryOrUnknown;
}
const set = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'data', 'regression', 'vendor-docs.json'), 'utf8'),
) as { vendors: Entry[] };
const index = loadNodeVendorIndex();
const PAGE = 'https://shop.example/';

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
    for (const url of v.requests) {
      const c = classifyRequest(index, url, PAGE);
      expect(c.vendor, url).toBe(v.vendor);
      if (v.category) expect(c.category, url).toBe(v.category);
    }
    for (const spec of v.cookies) {
      // "name" is set first-party on the site by the vendor's script; "name@domain" is a third-party cookie there.
      const [name, domain = 'shop.example'] = spec.split('@') as [string, string?];
      const c = classifyCookie(index, {
        name,
        domain,
        pageUrl: PAGE,
        lifetimeSeconds: 86_400 * 90,
      });
      expect(c.vendor, name).toBe(v.vendor);
      if (v.cookieCategory) expect(c.category, name).toBe(v.cookieCategory);
      else expect(needsConsent(c.category), `${name} needs consent`).toBe(true);
    }
  });
});
