// The report page: one visit (timeline, filters, vendors), exports (HTML/JSON/CSV), import, history and deletion.
// e2e-browsers: chromium firefox
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { reportPage, tabIdFor } from '../lib/browser-util.mjs';
import { waitForDb } from '../lib/db.mjs';
import { findingsOf, visitsOf } from '../lib/records.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ui-report-'));

/** Loads `url`, waits until `ready(findings)` holds for its visit, returns the visit id. */
async function visitOf(url, ready, setup = async () => {}) {
  const page = await h.context.newPage();
  await page.goto(url);
  await setup(page);
  const tabId = await tabIdFor(h.browser, `${url}*`);
  let id;
  await waitForDb(
    h.browser,
    (db) => {
      const v = visitsOf(db, { tabId, url }).at(-1);
      id = v?.id;
      return v && ready(findingsOf(db, v.id));
    },
    { message: `findings for ${url}` },
  );
  return { page, id };
}

async function openReport(query) {
  const { report, dialogs } = await reportPage(h.context);
  await report.goto(h.extensionUrl(`report.html${query}`));
  return { report, dialogs };
}

/** Clicks an export button and returns the downloaded file's path and text. */
async function download(report, selector) {
  const [dl] = await Promise.all([report.waitForEvent('download'), report.click(selector)]);
  const file = path.join(tmp, dl.suggestedFilename());
  await dl.saveAs(file);
  return { file, name: dl.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

test('shop.example report: verdict, timeline with filters, vendor details, exports and import', async () => {
  const { page, id } = await visitOf(
    'https://shop.example/',
    // Every Customer.io request and cookie, so the filters below see the whole page.
    (f) =>
      ['assets.customer.io', 'track.customer.io'].every((h) => f.some((x) => x.host === h)) &&
      ['_cio', '_cioid', '_cioanonid'].every((n) => f.some((x) => x.cookieName === n)),
    (p) => p.waitForFunction(() => window.__cio?.state === 'sent'),
  );
  const { report, dialogs } = await openReport(`?visit=${encodeURIComponent(id)}`);
  await report.waitForSelector('#verdict');
  assert.match(await report.textContent('#verdict'), /^1 marketing tracker fired before consent/);
  assert.match(
    await report.textContent('#consent-events, .report'),
    /No consent signal was recorded|banner shown/,
  );

  // Timeline: every finding, in time order; filters narrow it.
  const count = async () => Number((await report.textContent('#timeline-count')).match(/Showing (\d+)/)[1]);
  const total = await count();
  assert.ok(total >= 5, `timeline has the page's events (${total})`);
  await report.selectOption('#vendor-filter', 'customer-io');
  const cio = await count();
  assert.ok(cio >= 3 && cio < total, 'vendor filter keeps Customer.io only');
  for (const row of await report
    .locator('#timeline tbody tr:not(.t-consent) td:nth-child(4)')
    .allTextContents())
    assert.match(row, /^Customer\.io/);
  await report.selectOption('#vendor-filter', '');
  await report.fill('#search', '_cioid');
  assert.equal(await count(), 1, 'text search finds the one _cioid cookie');
  await report.fill('#search', '');
  await report.getByLabel('necessary', { exact: true }).check();
  assert.ok((await count()) < total, 'category filter narrows');
  await report.getByLabel('necessary', { exact: true }).uncheck();

  await report.click('[data-vendor="customer-io"] > button.vendor-head');
  assert.match(
    await report.textContent('[data-vendor="customer-io"] .vendor-body'),
    /Legal basis[\s\S]*Transfer mechanism/,
  );
  await h.snap(report, 'ui-report-shop');

  // HTML export: one self-contained file with the verdict, vendor details and no scripts.
  const html = await download(report, '#export-html');
  assert.match(html.name, /^cookie-inspector_shop\.example_.*\.html$/);
  assert.match(html.text, /1 marketing tracker fired before consent/);
  assert.match(html.text, /Peaberry Software Inc\./);
  assert.match(html.text, /Method and limitations/);
  assert.match(html.text, /Open Cookie Database/);
  assert.doesNotMatch(html.text, /<script/i);
  assert.doesNotMatch(html.text, /<link /i, 'no external stylesheet');

  // CSV export: header plus one row per finding.
  const csv = await download(report, '#export-csv');
  const lines = csv.text.trimEnd().split('\r\n');
  assert.match(lines[0], /^visit_id,site,page_url,phase,violation,category,vendor_id,vendor,/);
  assert.ok(lines.some((l) => l.includes(',customer-io,Customer.io,')));

  // JSON export round-trips through the import.
  const json = await download(report, '#export-json');
  const doc = JSON.parse(json.text);
  assert.equal(doc.format, 'cookie-inspector/visit-report');
  assert.equal(doc.visit.id, id);
  assert.ok(doc.vendors.some((v) => v.id === 'customer-io' && v.gdpr.legalBasis.source));
  assert.ok(doc.timeline.every((t) => /^\d{4}-\d\d-\d\dT/.test(t.time)));
  assert.ok(doc.attribution.text?.length > 100, 'ATTRIBUTION.txt is included');

  const { report: viewer } = await openReport('');
  await viewer.setInputFiles('#import-file', json.file);
  await viewer.waitForSelector('#report');
  assert.match(await viewer.textContent('.report .note'), /^Imported from cookie-inspector_shop\.example_/);
  assert.equal(await viewer.textContent('#verdict'), await report.textContent('#verdict'));
  assert.equal(await viewer.locator('#refiled').count(), 0, 'exported by this database: shown as exported');
  // An export made by an earlier vendor database that filed Customer.io's script as functional: filed again by
  // the one in use, as a stored visit is, so the violation shows and the timeline says what it was recorded as.
  const cioAt = doc.evidence.findIndex(
    (e) => e.kind === 'request' && e.classification?.vendor === 'customer-io',
  );
  assert.ok(cioAt >= 0, 'the export holds a Customer.io request');
  const stale = structuredClone(doc);
  stale.visit.classifiedWith = 'an-earlier-vendor-database';
  stale.evidence[cioAt].classification.category = 'functional';
  const staleFile = path.join(tmp, 'earlier-database.json');
  fs.writeFileSync(staleFile, JSON.stringify(stale));
  await viewer.setInputFiles('#import-file', staleFile);
  await viewer.waitForSelector('#refiled');
  assert.match(await viewer.textContent('#refiled'), /1 observation is classified differently/);
  assert.equal(await viewer.textContent('#verdict'), await report.textContent('#verdict'));
  assert.match(await viewer.textContent('#timeline'), /recorded as Customer\.io, functional/);
  // A broken file: clear error, and the imported report stays on screen.
  const bad = path.join(tmp, 'bad.json');
  fs.writeFileSync(bad, JSON.stringify({ ...doc, evidence: [{ id: 1 }] }));
  await viewer.setInputFiles('#import-file', bad);
  await viewer.waitForSelector('#import-error');
  assert.match(
    await viewer.textContent('#import-error'),
    /bad\.json: Invalid report: evidence\[0\]\.id: expected a string/,
  );
  assert.equal(await viewer.locator('#report').count(), 1, 'nothing lost');
  await h.snap(viewer, 'ui-report-import-error');
  assert.deepEqual(dialogs, []);
  await Promise.all([viewer.close(), report.close(), page.close()]);
});

test('hostile.example: markup-named cookies stay text in the report and the exported HTML', async () => {
  let markup = [];
  const { page, id } = await visitOf('https://hostile.example/', (f) => {
    markup = f.map((x) => x.cookieName).filter((n) => n?.includes('<'));
    return markup.some((n) => n.includes('<script>')) && markup.some((n) => n.startsWith('<img'));
  });
  const { report, dialogs } = await openReport(`?visit=${encodeURIComponent(id)}`);
  await report.waitForSelector('#timeline');
  const text = await report.evaluate(() => document.body.textContent);
  for (const n of markup) assert.ok(text.includes(n), `${n} shown as text`);
  assert.equal(await report.locator('img').count(), 0);
  assert.equal(await report.locator('body script').count(), 0);

  const html = await download(report, '#export-html');
  assert.doesNotMatch(html.text, /<img/i);
  assert.doesNotMatch(html.text, /<script/i);
  // The renderer escapes < and & in text (enough: no tag can open); > stays literal.
  assert.ok(html.text.includes('&lt;script>alert(6)&lt;/script>'));
  // Open the exported file itself: no element from page data, no dialog.
  const viewer = await h.context.newPage();
  viewer.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await viewer.goto(`file://${html.file}`);
  assert.equal(await viewer.locator('img').count(), 0);
  assert.equal(await viewer.locator('script').count(), 0);
  const shown = await viewer.evaluate(() => document.body.textContent);
  for (const n of markup) assert.ok(shown.includes(n), `${n} shown as text in the export`);
  await h.snap(viewer, 'ui-report-hostile-export');
  await report.waitForTimeout(300);
  assert.deepEqual(dialogs, []);
  await Promise.all([viewer.close(), report.close(), page.close()]);
});

test('history: sites grouped with their visits, delete one site and then all, each after confirmation', async () => {
  const { report } = await openReport('');
  await report.waitForSelector('#history');
  const shop = report.locator('[data-site="shop.example"]');
  await shop.locator('button.site-head').click();
  await shop.locator('.visits a').first().waitFor();
  assert.match(await shop.locator('.visits a').first().getAttribute('href'), /^\?visit=/);
  await h.snap(report, 'ui-report-history');
  await shop.getByRole('button', { name: 'Delete' }).click();
  assert.match(
    await shop.locator('[role="alertdialog"]').textContent(),
    /Delete \d+ visits of shop\.example\?/,
  );
  await shop.locator('.confirm-yes').click();
  await report.waitForFunction(() => !document.querySelector('[data-site="shop.example"]'));
  assert.equal(await report.locator('[data-site="hostile.example"]').count(), 1, 'other sites stay');

  await report.click('#delete-all');
  await report.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await report.locator('[data-site="hostile.example"]').count(), 1, 'cancel keeps everything');
  await report.click('#delete-all');
  await report.locator('.confirm-yes').click();
  await report.waitForSelector('text=No page visits are stored');
  await report.close();
});

test('options: settings persist and the attribution is shown', async () => {
  const page = await h.context.newPage();
  await page.goto(h.extensionUrl(`options.html`));
  await page.waitForSelector('#retention');
  assert.equal(await page.inputValue('#retention'), '30');
  assert.equal(await page.isChecked('#incognito'), false);
  assert.equal(await page.isChecked('#store-values'), false);
  await page.fill('#retention', '7');
  await page.press('#retention', 'Tab');
  await page.waitForSelector('text=Saved.');
  await page.reload();
  await page.waitForSelector('#retention');
  assert.equal(await page.inputValue('#retention'), '7');
  assert.match(await page.textContent('#attribution'), /Open Cookie Database/);
  await h.snap(page, 'ui-options');
  await page.close();
});
