import { describe, expect, it } from 'vitest';
import { render } from 'preact-render-to-string';
import type { VendorRow } from '@/lib/report/vendor-row';
import type { VendorRecord } from '@/lib/vendor-db/types';
import { VendorDetails } from './VendorDetails';

const matomo = {
  id: 'matomo',
  name: 'Matomo',
  company: 'InnoCraft Ltd',
  country: 'NZ',
  category: 'analytics',
  domains: ['matomo.cloud'],
  cookies: [],
  gdpr: {},
  sources: [],
} as unknown as VendorRecord;

function row(siteHosted: boolean): VendorRow {
  return {
    key: 'matomo',
    vendorId: 'matomo',
    name: 'Matomo',
    category: 'analytics',
    vendor: matomo,
    phases: ['before-consent'],
    violationPhases: ['before-consent'],
    beforeConsent: true,
    afterReject: false,
    violation: true,
    hosts: ['shop.example'],
    cookies: [],
    hostTotal: 1,
    cookieTotal: 0,
    requestCount: 1,
    firstSeenAt: 0,
    siteHosted,
  };
}

describe('VendorDetails', () => {
  it("warns that a self-hostable tracker seen only on the site may not send data to the vendor's company", () => {
    const html = render(<VendorDetails row={row(true)} />);
    expect(html).toContain('software a site can run itself');
    expect(html).toContain('InnoCraft Ltd');
    expect(html).toContain('Who processes the data needs review');
    expect(render(<VendorDetails row={row(false)} />)).not.toContain('software a site can run itself');
  });
});
