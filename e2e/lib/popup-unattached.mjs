// The popup's time to verdict as a user opens it: in a Chromium that no DevTools client instruments while the
// popup loads (e2e/lib/raw-chromium.mjs), on the same synthetic visits as bench:scale's Playwright measurement.
import { setTimeout as sleep } from 'node:timers/promises';
import { DB_NAME, readStoresInExtension } from './db.mjs';
import { launchRawChromium } from './raw-chromium.mjs';
import { putRowsVia } from './seed.mjs';
import { median } from './stats.mjs';
import { syntheticEntries } from './synthetic.mjs';

/** The stored visit rows (read in the worker as readDb reads them; none before the extension made its database). */
async function storedVisits(raw) {
  const read = `(arg) => (${readStoresInExtension})(null, arg)`;
  return (await raw.evaluateInWorker(read, { dbName: DB_NAME, stores: ['visits'] })).visits;
}

/** Opens `url` in a new tab and waits until a visit of exactly that URL is stored; that visit, or null. */
async function visitOf(raw, url, timeoutMs) {
  const page = await raw.open(url);
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(250)) {
    const visit = (await storedVisits(raw)).find((v) => v.url === url);
    if (visit) return { page, visit };
  }
  await raw.closePage(page);
  return null;
}

/** Opens the popup on `tabId` and returns its time to verdict (the `ci:first-render` mark), read afterwards. */
async function openPopup(raw, tabId) {
  const popup = await raw.open(`chrome-extension://${raw.extensionId}/popup.html?tabId=${tabId}`);
  try {
    // Attached to only once it has rendered (or to look again a second later): never while it starts.
    for (const end = Date.now() + 120_000; Date.now() < end;) {
      await sleep(1000);
      const ms = await raw.evaluate(
        popup,
        () => performance.getEntriesByName('ci:first-render')[0]?.startTime,
      );
      if (typeof ms === 'number') return ms;
    }
    throw new Error('the popup did not render within 120 s');
  } finally {
    await raw.closePage(popup);
  }
}

/**
 * Per visit size: the popup's first open after a new batch and the median of the later opens; and the very first
 * popup after the browser started (`afterLaunchMs`, on a small visit).
 * @param {{ resolverRules: string }} server e2e/lib/server.mjs
 */
export async function popupTimesUnattached(server, sizes, vendors, opens = 5) {
  const raw = await launchRawChromium({ hostResolverRules: server.resolverRules });
  const out = {};
  try {
    // MV3 listeners can miss the first navigations after launch (as e2e/lib/warmup.mjs).
    let warm = null;
    for (let i = 1; i <= 20 && !warm; i++)
      warm = await visitOf(raw, `https://warmup.example/?try=${i}`, 1000);
    if (!warm) throw new Error('raw Chromium: the extension recorded no warm-up navigation');
    // The first popup after the browser started pays one-time costs (its code read and compiled, fonts): kept apart,
    // so they do not fall on the first size measured.
    out.afterLaunchMs = await openPopup(raw, warm.visit.tabId);
    for (const [i, n] of sizes.entries()) {
      const url = `https://shop.example/?n=${n}&unattached=${i}`;
      const found = await visitOf(raw, url, 30_000);
      if (!found) throw new Error(`raw Chromium: no visit stored for ${url}`);
      await putRowsVia(raw.evaluateInWorker, 'evidence', syntheticEntries(found.visit, n, vendors));
      // A new sighting of the visit drops any cached derivation, as a real page's next batch does.
      await raw.evaluate(found.page, () =>
        fetch('https://track.customer.io/api/v1/events?bench=1', { method: 'POST', mode: 'no-cors' }),
      );
      // Settled for every size alike: the 1k visit's page is otherwise still firing its own trackers.
      await sleep(4000);
      const times = [];
      for (let r = 0; r < opens; r++) times.push(await openPopup(raw, found.visit.tabId));
      out[n] = { firstMs: times[0], medianLaterMs: median(times.slice(1)), laterMs: times.slice(1) };
      await raw.closePage(found.page);
    }
    return out;
  } finally {
    await raw.close();
  }
}
