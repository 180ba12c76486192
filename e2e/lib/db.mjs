// Reads the extension's IndexedDB from inside its service worker (the bundled Dexie is not reachable).
import { writeJsonArtifact } from './artifacts.mjs';
import { extensionWorker } from './launch.mjs';

/** Database and stores written by the background (lib/store/db.ts). */
export const DB_NAME = 'cookie-inspector';
export const STORES = ['visits', 'findings', 'cookies'];

/**
 * Every record of every store, `{ visits: [], findings: [], cookies: [] }`; empty arrays until the
 * background has created the database.
 * @param {{ context: import('playwright-core').BrowserContext }} browser handle from launchWithExtension
 */
export async function readDb(browser, { dbName = DB_NAME, stores = STORES } = {}) {
  const sw = await extensionWorker(browser.context);
  return sw.evaluate(
    ({ dbName, stores }) =>
      new Promise((resolve, reject) => {
        const empty = Object.fromEntries(stores.map((s) => [s, []]));
        const req = indexedDB.open(dbName);
        // Opening without a version creates an empty v1 DB if Dexie has not made it yet; do not keep that.
        req.onupgradeneeded = () => req.transaction.abort();
        req.onerror = () => resolve(empty);
        req.onsuccess = () => {
          const db = req.result;
          const present = stores.filter((s) => db.objectStoreNames.contains(s));
          if (!present.length) {
            db.close();
            return resolve(empty);
          }
          const tx = db.transaction(present, 'readonly');
          const out = { ...empty };
          for (const s of present) tx.objectStore(s).getAll().onsuccess = (e) => (out[s] = e.target.result);
          tx.oncomplete = () => (db.close(), resolve(out));
          tx.onerror = () => (db.close(), reject(tx.error));
        };
      }),
    { dbName, stores },
  );
}

/**
 * Polls `probe` until it returns a truthy value, and returns that value.
 * @template T
 * @param {() => Promise<T> | T} probe
 * @param {{ timeout?: number, interval?: number, message?: string | (() => string) }} [opts]
 * @returns {Promise<T>}
 */
export async function waitFor(probe, { timeout = 10_000, interval = 150, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      // The worker may be restarting; keep polling until the deadline.
      lastError = err;
    }
    if (Date.now() > deadline) {
      const what = typeof message === 'function' ? message() : message;
      throw new Error(
        `Timed out after ${timeout} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * Polls the DB until `predicate(db)` is truthy; returns the DB snapshot that satisfied it. On timeout the
 * last snapshot is saved to e2e/artifacts/timeout-<time>.json and its path is in the error message.
 */
export async function waitForDb(browser, predicate, opts = {}) {
  let last;
  try {
    return await waitFor(
      async () => {
        last = await readDb(browser);
        return predicate(last) ? last : null;
      },
      {
        ...opts,
        message: () =>
          `${opts.message ?? 'DB condition'}; DB had ${last ? STORES.map((s) => `${last[s].length} ${s}`).join(', ') : 'nothing readable'}`,
      },
    );
  } catch (err) {
    if (last) err.message += ` (snapshot: ${writeJsonArtifact(`timeout-${Date.now()}`, last)})`;
    throw err;
  }
}
