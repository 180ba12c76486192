// Real consent manager from npm: klaro, on a leaky and a clean shop, five scenarios (e2e/lib/cmp-scenarios.mjs),
// and Klaro's own per-service choice.
import assert from 'node:assert/strict';
import { MANAGERS, shopHost } from '../lib/cmp-pages.mjs';
import {
  choiceCookie,
  cmpSuite,
  openShop,
  popupView,
  scenario,
  waitForTrackers,
} from '../lib/cmp-scenarios.mjs';
import { waitFor } from '../lib/db.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();
cmpSuite(h, 'klaro');

// The shop's Klaro services are named ga4, meta-pixel and customerio (cmp-pages.mjs). The visitor opens "Let me
// choose", switches Analytics (Google Analytics) on and saves: Klaro stores {"ga4":true,"meta-pixel":false,"customerio":false}.
// `customerio` is exactly Customer.io's name, so its tracking after the choice is after a refusal (a violation);
// ga4 and meta-pixel name no vendor exactly, so GA4's and Meta's tracking after it is left for review.
scenario('Klaro 0.7.22 · leaky shop · custom choice: a service switched off by name', {}, async (pages) => {
  const m = MANAGERS.klaro;
  const host = shopHost('klaro', 'leaky', 'custom');
  const { page } = await openShop(h, m, host, pages);
  await page.waitForSelector('.klaro .cn-learn-more', { state: 'visible', timeout: 15_000 });
  await page.waitForTimeout(1500); // a visitor reads the banner first
  await page.click('.klaro .cn-learn-more');
  // Klaro lists services under their purposes; ga4 is the Analytics purpose's only service.
  await page.click('label[for="purpose-item-analytics"]', { timeout: 10_000 });
  const savedAt = Date.now();
  await page.click('.klaro .cm-btn-accept', { timeout: 10_000 });
  await waitFor(async () => /ga4%22%3Atrue|"ga4":true/.test((await choiceCookie(h, m, host)) ?? ''), {
    timeout: 10_000,
    message: 'Klaro stored the custom choice',
  });
  const stored = decodeURIComponent((await choiceCookie(h, m, host)) ?? '');
  assert.deepEqual(JSON.parse(stored), { ga4: true, 'meta-pixel': false, customerio: false }, stored);
  await waitForTrackers(h, host, savedAt, 'trackers after the choice');
  const { popup, view } = await popupView(
    h,
    host,
    (v) => /fired after consent was refused/.test(v.verdict) && /needs review/.test(v.verdict),
    'popup verdict',
    pages,
  );
  await h.snap(popup, 'cmp-klaro-leaky-custom-popup');
  assert.ok(view, 'the popup showed a verdict');
  const text = `verdict "${view.verdict}" · consent "${view.consent}"`;
  assert.match(view.verdict, /1 marketing tracker fired after consent was refused/, text);
  assert.match(
    view.verdict,
    /2 after a consent choice that does not say whether it covers them: needs review/,
    text,
  );
  assert.match(
    view.consent,
    /Klaro · custom choice \(on, purpose unknown: ga4; switched off: meta-pixel, customerio\)/,
    text,
  );
  // Customer.io's row says after reject; the popup lists it with that phase.
  const row = await popup.textContent('[data-vendor="customer-io"]');
  assert.match(row ?? '', /after reject/, `Customer.io's row: ${row}`);
});
