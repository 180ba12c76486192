// The popup's site audit, end to end: the start page plus the same-site pages linked from it, each cleared,
// recorded before consent and after refusal, aggregated into one site report the popup summarises. The fixture's
// pages never stop writing cookies (a 20 ms timer and pagehide), and the server logs what every request carried:
// no cookie from before a page's clean-up may reach that page's audited load.
// e2e-browsers: chromium firefox
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tabIdFor } from '../lib/browser-util.mjs';
import { DEEP, LINKED, SITE, state } from '../fixtures/sites/site-popup.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();

/** The names of the cookies a request carried. */
const cookiesOf = (header) =>
  header
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean)
    .map((c) => c.split('=')[0]);

test(
  'site audit from the popup: finds the tracker only a deep page loads; nothing from before a clean-up leaks',
  { timeout: 400_000 },
  async () => {
    const page = await h.context.newPage();
    await page.goto(`${SITE}/`);
    // A visitor's earlier state: a cookie of their own, and the page's writer running in the tab.
    await page.evaluate(() => {
      document.cookie = 'pre_audit=1; path=/; max-age=31536000';
    });
    await page.waitForFunction(() => document.cookie.includes('lw_'));
    const tabId = await tabIdFor(h.browser, `${SITE}/*`);
    const firstAuditedLoad = state.loads + 1;
    const logFrom = state.log.length;

    const popup = await h.context.newPage();
    await popup.setViewportSize({ width: 460, height: 600 });
    await popup.goto(h.extensionUrl(`popup.html?tabId=${tabId}`));
    await popup.click('#audit-start');
    await popup.waitForSelector('#audit-confirm');
    await popup.click('#audit-site');
    await popup.fill('#audit-pages', '3');
    await popup.click('#audit-confirm');
    await popup.waitForSelector('#audit-site-progress', { timeout: 60_000 });
    // The audited tab must be the active one for the screenshots (as a visitor's would be).
    await page.bringToFront();
    await popup.waitForSelector('#site-summary', { timeout: 360_000 });
    await h.snap(popup, 'audit-site-popup-result');

    const summary = await popup.textContent('#site-summary');
    assert.match(summary, /^4 pages audited/, summary);
    const pages = await popup.evaluate(() =>
      [...document.querySelectorAll('#site-pages li')].map((li) => [
        li.querySelector('code')?.textContent,
        li.dataset.status,
      ]),
    );
    // Same-site links in page order; the other site, the fragment and the PDF are left out.
    assert.deepEqual(pages, [['/', 'done'], ...[...LINKED, DEEP].map((p) => [p, 'done'])]);

    // Hotjar is loaded only by the deep page, and the site report says so.
    const vendorText = (key) =>
      popup.evaluate((k) => document.querySelector(`[data-vendor="${k}"]`)?.textContent ?? null, key);
    const hotjar = await vendorText('hotjar');
    assert.ok(hotjar, `Hotjar listed: ${await popup.textContent('#audit-panel')}`);
    assert.match(hotjar, new RegExp(`on ${DEEP.replace(/\//g, '\\/')}$`), hotjar);
    assert.match(hotjar, /violation: before consent/, hotjar);
    const cio = await vendorText('customer-io');
    assert.match(cio, /violation: before consent/, cio);
    assert.match(cio, /on \/$/, 'Customer.io only on the start page');

    // The clean-up: each audited page's document request carried no cookie at all, and nothing a request of an
    // audited load carried came from an earlier load (the pre-audit visit or an earlier audited page).
    const audited = state.log.slice(logFrom).filter((e) => e.load >= firstAuditedLoad);
    const documents = audited.filter((e) => e.dest === 'document');
    const firstLoads = new Set();
    for (const path of ['/', ...LINKED, DEEP]) {
      const first = documents.find((e) => e.path === path);
      assert.ok(first, `${path} was loaded by the audit: ${JSON.stringify(documents)}`);
      assert.equal(first.cookie, '', `${path}: the audited load's document request carried no cookie`);
      firstLoads.add(first.load);
    }
    // Each page's "before consent" load: its beacon carries only what that very load wrote.
    const beacons = audited.filter((e) => e.path === '/beacon' && firstLoads.has(e.load));
    assert.equal(
      new Set(beacons.map((e) => e.load)).size,
      4,
      `every page sent its beacon: ${JSON.stringify(beacons)}`,
    );
    for (const e of beacons) {
      const written = cookiesOf(e.cookie).filter((n) => /^lw_\d+$/.test(n));
      assert.deepEqual(written, [`lw_${e.load}`], `only this load's own cookie: ${JSON.stringify(e)}`);
    }
    for (const e of audited) {
      for (const name of cookiesOf(e.cookie)) {
        assert.notEqual(name, 'pre_audit', `the visitor's earlier cookie leaked into ${JSON.stringify(e)}`);
        const m = /^lw_(\d+)$/.exec(name);
        if (m) assert.ok(Number(m[1]) >= firstAuditedLoad, `a pre-audit cookie leaked: ${JSON.stringify(e)}`);
      }
    }

    // The exports are offered; the declaration is built from the same report.
    assert.equal(await popup.evaluate(() => document.querySelectorAll('.site-exports button').length), 5);
    await Promise.all([popup.close(), page.close()]);
  },
);
