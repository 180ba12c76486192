// A visit stored before a vendor database update is shown as the current database files its evidence: a request
// an earlier database misfiled (a shop platform's asset CDN as advertising) is no longer a violation in the report
// or the site history, the report says the visit was classified again, and what was recorded stays visible.
// e2e-browsers: chromium firefox
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evalInExtension } from '../lib/driver.mjs';
import { putRowsVia } from '../lib/seed.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();
const SITE = 'refile.example';
const VISIT = 'e2e-refile-visit';

/** An evidence row as an earlier build stored it: a request, with the classification of that build's database. */
function recordedRequest(url, at, classification) {
  const host = new URL(url).hostname;
  return {
    id: `${VISIT}|request|${host}`,
    visitId: VISIT,
    kind: 'request',
    provenance: 'browser',
    via: 'webRequest',
    key: host,
    host,
    site: host.split('.').slice(-2).join('.'),
    frame: 'main',
    at,
    lastAt: at,
    count: 1,
    times: [at],
    url,
    resourceTypes: ['script'],
    classification: { company: null, thirdParty: true, ...classification },
  };
}

test('a visit recorded with an earlier vendor database is classified again with the current one', async () => {
  const start = Date.now() - 60_000;
  // Runs `fn(arg)` in the extension (Chromium's worker, a Firefox extension page): the seeding helper's shape.
  const inExtension = (fn, arg) => evalInExtension(h.browser, `(api, a) => (${fn})(a)`, arg);
  await putRowsVia(inExtension, 'visits', [
    {
      id: VISIT,
      tabId: 987_654,
      url: `https://${SITE}/`,
      site: SITE,
      startedAt: start,
      endedAt: start + 5_000,
      incognito: false,
      loose: 1,
      touchedAt: start + 5_000,
      classifiedWith: 'an-earlier-vendor-database',
    },
  ]);
  await putRowsVia(inExtension, 'evidence', [
    recordedRequest('https://cdn.shopify.com/s/files/1/0001/t/1/assets/theme.js', start + 100, {
      vendor: 'shopify',
      vendorName: 'Shopify',
      category: 'advertising',
      reason: 'host cdn.shopify.com matches shopify.com (Shopify)',
    }),
    recordedRequest('https://securepubads.g.doubleclick.net/tag/js/gpt.js', start + 200, {
      vendor: 'google-doubleclick-ads',
      vendorName: 'Google/Doubleclick Ads',
      category: 'advertising',
      reason: 'host securepubads.g.doubleclick.net matches doubleclick.net (Google/Doubleclick Ads)',
    }),
  ]);

  const report = await h.context.newPage();
  await report.goto(h.extensionUrl(`report.html?visit=${VISIT}`));
  await report.waitForSelector('#refiled');
  await report.waitForSelector('#vendors .vendor-row');
  const shown = await report.evaluate(() => ({
    refiled: document.getElementById('refiled').textContent,
    timeline: [...document.querySelectorAll('#report tbody tr')].map((r) => r.textContent),
    rows: Object.fromEntries(
      [...document.querySelectorAll('#vendors .vendor-row')].map((r) => [r.dataset.vendor, r.className]),
    ),
  }));
  await h.snap(report, 'stored-refile-report');
  assert.match(
    shown.refiled,
    /classified again with the current one: 1 observation is classified differently/,
  );
  // The platform CDN is functional now (Shopify's own docs); the ad server still fired before any choice.
  assert.ok(shown.rows.shopify, `Shopify row shown: ${JSON.stringify(shown.rows)}`);
  assert.doesNotMatch(shown.rows.shopify, /violation/);
  assert.match(shown.rows['google-doubleclick-ads'] ?? '', /violation/);
  // Its timeline row says what it was recorded as; the unchanged one says nothing.
  const cdnRow = shown.timeline.find((t) => t.includes('cdn.shopify.com')) ?? '';
  assert.match(cdnRow, /recorded as Shopify, advertising/);
  assert.doesNotMatch(shown.timeline.find((t) => t.includes('doubleclick')) ?? '', /recorded as/);

  // The site history counts the same: one violating vendor, not two.
  await report.goto(h.extensionUrl('report.html'));
  await report.waitForSelector(`[data-site="${SITE}"]`);
  const violating = await report.evaluate(
    (site) => document.querySelector(`[data-site="${site}"] .badge`)?.textContent ?? 'none',
    SITE,
  );
  assert.equal(violating, '1 violating vendor');
  await report.close();
});
