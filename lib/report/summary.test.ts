import { describe, expect, it } from 'vitest';
import { deriveVisit } from '../evidence/derive';
import { CUSTOMER_IO, T0, entry, visit } from './__fixtures__/visit';
import { visitSummary, POPUP_LIMITS } from './summary';
import { hasDetails } from './vendor-row';
import { groupVendors, vendorRowOf } from './vendors';

describe('visitSummary', () => {
  it('carries vendor rows without details, and vendorRowOf gives an opened row the details groupVendors would', () => {
    const v = visit();
    const entries = Array.from({ length: 40 }, (_, i) =>
      entry({
        host: `h${i}.customer.io`,
        at: T0 + i,
        classification: {
          vendor: CUSTOMER_IO.id,
          vendorName: CUSTOMER_IO.name,
          company: null,
          category: 'marketing',
          thirdParty: true,
          reason: 'host',
        },
      }),
    );
    const derived = deriveVisit(v, entries);
    const vendors = [CUSTOMER_IO];
    const summary = visitSummary(derived, vendors);
    const head = summary.groups[0]!.rows[0]!;
    expect(hasDetails(head)).toBe(false);
    expect(head).toMatchObject({ key: CUSTOMER_IO.id, name: CUSTOMER_IO.name, hostTotal: 40 });
    expect(JSON.stringify(summary)).not.toContain('"gdpr"');
    const row = vendorRowOf(derived, vendors, CUSTOMER_IO.id, POPUP_LIMITS)!;
    expect(hasDetails(row)).toBe(true);
    expect(row).toEqual(groupVendors(derived, vendors, POPUP_LIMITS)[0]!.rows[0]);
    expect(row.hosts).toHaveLength(POPUP_LIMITS.itemsPerRow);
    expect(vendorRowOf(derived, vendors, 'nobody')).toBeNull();
  });
});
