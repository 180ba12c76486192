// The report page on a stored visit too large for one message: the verdict and the vendors show from the first
// page (the derivation and the background's summary, no items), with a line saying the rest is being read; then
// the whole visit is put together from its pages and the event timeline counts every finding.
// e2e-alone: writes and derives 12,000 synthetic entries in the worker, which loads the machine
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { largeShopVisit } from '../lib/seed.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();
/** More than two pages of PAGE_ITEMS (5,000): a first page with the derivation, then three of items. */
const ENTRIES = 12_000;

test(
  'a large stored visit shows its verdict and vendors while the rest is read, then every event',
  { timeout: 300_000 },
  async () => {
    const { page, visit } = await largeShopVisit(h.browser, ENTRIES, 'large');

    const report = await h.context.newPage();
    // What the page showed while it still said it was reading: each vendor row's head, and the unknowns' count.
    await report.addInitScript(() => {
      window.__whileReading = { rows: {}, unknowns: null };
      new MutationObserver(() => {
        if (!document.getElementById('report-loading')) return;
        for (const row of document.querySelectorAll('#vendors .vendor-row'))
          window.__whileReading.rows[row.dataset.vendor] = row.querySelector('.vendor-head').textContent;
        window.__whileReading.unknowns ??= document.querySelector('#unknowns h2')?.textContent ?? null;
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    await report.goto(h.extensionUrl(`report.html?visit=${encodeURIComponent(visit.id)}`));
    await report.waitForFunction(() => performance.getEntriesByName('ci:first-render').length > 0, null, {
      timeout: 240_000,
    });
    const shown = await report.evaluate(() => ({
      whileReading: window.__whileReading,
      rows: Object.fromEntries(
        [...document.querySelectorAll('#vendors .vendor-row')].map((r) => [
          r.dataset.vendor,
          r.querySelector('.vendor-head').textContent,
        ]),
      ),
      unknowns: document.querySelector('#unknowns h2')?.textContent ?? null,
      loading: !!document.getElementById('report-loading'),
      count: document.getElementById('timeline-count')?.textContent ?? '',
      verdict: document.getElementById('verdict')?.textContent ?? '',
      marks: ['ci:verdict', 'ci:vendors', 'ci:first-render'].map(
        (m) => performance.getEntriesByName(m)[0]?.startTime ?? null,
      ),
    }));
    await h.snap(report, 'report-large');
    // While reading: the vendor rows of the whole visit (at most 60 per group, as the popup), with their totals.
    const early = Object.entries(shown.whileReading.rows);
    assert.ok(early.length >= 20, `vendor rows shown while reading: ${early.length}`);
    for (const [vendor, head] of early)
      assert.equal(head, shown.rows[vendor], `${vendor}: same row at the end`);
    assert.equal(shown.whileReading.unknowns, shown.unknowns, 'the unknowns and their count, while reading');
    assert.match(shown.unknowns ?? '', /Unknown hosts and cookies\s*\d{4}/);
    assert.equal(shown.loading, false, 'the reading line is gone once the whole visit is read');
    // Every synthetic finding is on the timeline (the page's own findings and consent lines come on top).
    const total = Number(/of (\d+) events/.exec(shown.count)?.[1]);
    assert.ok(total >= ENTRIES && total < ENTRIES + 50, `timeline total ${total} (${shown.count})`);
    assert.match(shown.verdict, /tracker/);
    const [verdictAt, vendorsAt, wholeAt] = shown.marks;
    assert.ok(verdictAt !== null && vendorsAt !== null && wholeAt !== null, JSON.stringify(shown.marks));
    assert.ok(vendorsAt <= wholeAt, 'vendors no later than the whole report');
    console.log(
      `report on ${ENTRIES} entries: verdict ${verdictAt.toFixed(0)} ms, vendors ${vendorsAt.toFixed(0)} ms, whole ${wholeAt.toFixed(0)} ms`,
    );

    // The view read no evidence log; the complete export reads the visit again with it, in pages too.
    const [dl] = await Promise.all([report.waitForEvent('download'), report.click('#export-json')]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-large-')), dl.suggestedFilename());
    await dl.saveAs(file);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    const synthetic = doc.evidence.filter((e) => e.id.endsWith('|bench'));
    assert.equal(synthetic.length, ENTRIES, 'every stored entry in the complete export');
    assert.equal(await report.$('#export-status'), null, 'no status line left once the file is made');
    // The visit deleted while the report is open: the export says why it cannot be made.
    await report.evaluate(() =>
      chrome.runtime.sendMessage({ type: 'deleteSite', args: { site: 'shop.example' } }),
    );
    await report.click('#export-html');
    await report.waitForFunction(
      () =>
        /^Export failed: This visit is no longer stored/.test(
          document.getElementById('export-status')?.textContent ?? '',
        ),
      null,
      { timeout: 60_000 },
    );
    await report.close();
    await page.close();
  },
);
