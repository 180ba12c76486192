// Synthetic evidence written straight into the extension's database, for benchmarks and tests that need a
// large stored visit without making a page fire tens of thousands of requests.
import fs from 'node:fs';
import path from 'node:path';
import { tabIdFor } from './browser-util.mjs';
import { DB_NAME, waitForDb } from './db.mjs';
import { DEFAULT_EXTENSION_PATH, extensionWorker } from './launch.mjs';
import { syntheticEntries } from './synthetic.mjs';

export { syntheticEntries };

/** Real vendor ids and categories from the built vendor DB, so the popup shows real rows. */
export function realVendors(n) {
  const dir = path.resolve(process.env.E2E_EXTENSION_PATH ?? DEFAULT_EXTENSION_PATH);
  const shards = path.join(dir, 'vendor-details');
  const out = [];
  for (const f of fs.readdirSync(shards)) {
    for (const v of Object.values(JSON.parse(fs.readFileSync(path.join(shards, f), 'utf8')).vendors))
      out.push({ id: v.id, name: v.name, category: v.category });
    if (out.length >= n) break;
  }
  return out.slice(0, n);
}

/** Stores rows in the extension's database; packed parts' bytes travel as plain arrays and become Uint8Array again. */
export async function putRows(browser, store, rows) {
  const sw = await extensionWorker(browser.context);
  await putRowsVia((fn, arg) => sw.evaluate(fn, arg), store, rows);
}

/** putRows through any way of running a function in the extension's worker (`evaluate(fn, arg)`). */
export async function putRowsVia(evaluate, store, rows) {
  const plain = store === 'packed' ? rows.map((p) => ({ ...p, data: Array.from(p.data) })) : rows;
  for (let i = 0; i < plain.length; i += 5000) {
    await evaluate(
      ({ name, store, rows }) =>
        new Promise((resolve, reject) => {
          const req = indexedDB.open(name);
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const tx = req.result.transaction(store, 'readwrite');
            for (const r of rows)
              tx.objectStore(store).put(store === 'packed' ? { ...r, data: Uint8Array.from(r.data) } : r);
            tx.oncomplete = () => (req.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      { name: DB_NAME, store, rows: plain.slice(i, i + 5000) },
    );
  }
}

/**
 * Opens shop.example in a new tab and stores `n` synthetic entries for its visit, then makes the page send one
 * more request (`tag` in its query): that batch makes the worker derive the now large visit again.
 */
export async function largeShopVisit(browser, n, tag) {
  const page = await browser.context.newPage();
  await page.goto('https://shop.example/');
  const tabId = await tabIdFor(browser, 'https://shop.example/*');
  const db = await waitForDb(browser, (d) => d.visits.some((v) => v.tabId === tabId), {
    message: 'the shop.example visit recorded',
  });
  const visit = db.visits.filter((v) => v.tabId === tabId).at(-1);
  await putRows(browser, 'evidence', syntheticEntries(visit, n, realVendors(80)));
  await page.evaluate(
    (tag) => fetch(`https://track.customer.io/api/v1/events?${tag}=1`, { method: 'POST', mode: 'no-cors' }),
    tag,
  );
  return { page, tabId, visit };
}
