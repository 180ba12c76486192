// After the service worker stopped, the popup on a large visit is answered at once from the summary saved before
// the stop, then from the fresh derivation (entrypoints/background/saved-summary.ts).
// e2e-alone: writes and derives 20,000 synthetic entries in the worker, which loads the machine
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitFor } from '../lib/db.mjs';
import { extensionWorker } from '../lib/launch.mjs';
import { largeShopVisit } from '../lib/seed.mjs';
import { useBrowser } from '../lib/suite.mjs';
import { stopExtensionWorker } from '../lib/worker-control.mjs';

const h = useBrowser();
/** Entries that take the worker well over SAVE_AFTER_MS (100 ms) to read and derive. */
const ENTRIES = 20_000;

test(
  'a popup opened after a worker restart shows the saved summary, then the fresh one',
  { timeout: 300_000 },
  async () => {
    // The last request's batch makes the badge derive the now large visit; its summary is saved once quiet.
    const { page, tabId, visit } = await largeShopVisit(h.browser, ENTRIES, 'restart');
    const key = `popupSummary:${tabId}`;
    const saved = async () => {
      const sw = await extensionWorker(h.context);
      return sw.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key);
    };
    const before = await waitFor(saved, { timeout: 120_000, message: 'the large visit’s summary saved' });
    assert.equal(before.visitId, visit.id);
    assert.equal(before.summary.visit.site, 'shop.example');
    // Marks the saved copy, to tell it from the fresh derivation on screen.
    const sw = await extensionWorker(h.context);
    await sw.evaluate(async ({ k, entry }) => chrome.storage.local.set({ [k]: entry }), {
      k: key,
      entry: {
        ...before,
        summary: { ...before.summary, visit: { ...before.summary.visit, site: 'saved.example' } },
      },
    });

    await stopExtensionWorker(h.browser, page);
    const popup = await h.context.newPage();
    // Every title the popup shows, from its first render on.
    await popup.addInitScript(() => {
      window.__titles = [];
      new MutationObserver(() => {
        const t = document.querySelector('h1')?.textContent;
        if (t && window.__titles.at(-1) !== t) window.__titles.push(t);
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    await popup.goto(h.extensionUrl(`popup.html?tabId=${tabId}`));
    await popup.waitForFunction(() => window.__titles.includes('shop.example'), null, { timeout: 120_000 });
    const titles = await popup.evaluate(() => window.__titles);
    await h.snap(popup, 'popup-restart');
    assert.deepEqual(
      titles,
      ['saved.example', 'shop.example'],
      'first the saved summary, then the fresh one',
    );
    await popup.close();
    await page.close();
  },
);
