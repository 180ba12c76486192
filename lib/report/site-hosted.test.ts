// A tracker's software the site can run itself (Matomo, Snowplow): when it was only seen on the site's own host,
// the vendor row says so, because the vendor company's facts (its country, transfers) may not apply. The row's
// wording is tested in components/VendorDetails.test.tsx.
import { describe, expect, it } from 'vitest';
import { loadNodeVendorIndex, readVendorSources } from '../../scripts/node-vendor-db';
import { indexClassifier } from '../classifier';
import { deriveVisit } from '../evidence/derive';
import { mergeSighting } from '../evidence/merge';
import type { EvidenceEntry } from '../evidence/types';
import { requestSighting } from '../record';
import { T0, observedRequest, visit } from './__fixtures__/visit';
import type { VendorRow } from './vendor-row';
import { groupVendors } from './vendors';

const classifier = indexClassifier(loadNodeVendorIndex());
const records = readVendorSources().records;
const v = visit();

function rowOf(vendorId: string, ...urls: string[]): VendorRow {
  const byId = new Map<string, EvidenceEntry>();
  urls.forEach((url, i) => {
    const s = requestSighting(v, observedRequest(url, T0 + 10 + i, 'image'), classifier);
    byId.set(s.id, mergeSighting(byId.get(s.id), s));
  });
  const groups = groupVendors(deriveVisit(v, [...byId.values()]), records);
  const row = groups.flatMap((g) => g.rows).find((r) => r.vendorId === vendorId);
  if (!row) throw new Error(`no row for ${vendorId}`);
  return row;
}

describe('a self-hostable tracker seen only on the site', () => {
  it("marks Matomo and Snowplow collectors on the site's own host", () => {
    expect(rowOf('matomo', `https://${v.site}/matomo.php?idsite=1&rec=1`).siteHosted).toBe(true);
    expect(rowOf('matomo', `https://stats.${v.site}/piwik.php?idsite=1&rec=1`).siteHosted).toBe(true);
    const sp = rowOf('snowplow', `https://collector.${v.site}/com.snowplowanalytics.snowplow/tp2`);
    expect(sp.siteHosted).toBe(true);
  });

  it("does not when Matomo's own cloud was reached too", () => {
    expect(rowOf('matomo', 'https://shop.matomo.cloud/matomo.php?idsite=1&rec=1').siteHosted).toBe(false);
    const both = rowOf(
      'matomo',
      `https://${v.site}/matomo.php?idsite=1&rec=1`,
      'https://shop.matomo.cloud/matomo.php?idsite=1&rec=1',
    );
    expect(both.siteHosted).toBe(false);
  });

  it('does not for a proxied vendor service that is not self-hostable (GA4 through server-side tagging)', () => {
    const row = rowOf('google-analytics', `https://${v.site}/metrics/g/collect?v=2&tid=G-ABC1234`);
    expect(row.siteHosted).toBe(false);
  });

  it("names Piwik PRO by its own endpoint through the site's tagging server, and flags the path both share", () => {
    // Piwik PRO is known to WhoTracks.me 2022 only: its overlay (the ppms.php signature) applies after that dataset.
    const row = rowOf('piwik-pro-analytics-suite', `https://sgtm.${v.site}/ppms.php?idsite=abc&rec=1`);
    expect(row).toMatchObject({ category: 'analytics', siteHosted: false });
    const shared = classifier.request(`https://${v.site}/piwik.php?idsite=1&rec=1`, `https://${v.site}/`);
    expect(shared.vendor).toBe('matomo');
    expect(shared.reason).toMatch(/Piwik PRO's trackers send to the same path, so the software needs review/);
  });
});
