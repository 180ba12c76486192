// Waits until the extension really records: MV3 listeners can miss the first navigations after launch.
import { readDb } from './db.mjs';

/** True when the DB holds a visit or finding for exactly `url` (main-frame URL, not just its host). */
export function recordsUrl(db, url) {
  return db.visits.some((v) => v.url === url) || db.findings.some((f) => f.url === url);
}

/**
 * Loads `urlFor(i)` in a scratch tab until the extension's DB shows that navigation.
 * @param {{ context: import('playwright-core').BrowserContext }} browser handle from launchWithExtension
 * @param {{ urlFor?: (i: number) => string, tries?: number, interval?: number,
 *   isRecorded?: (db: object, url: string) => boolean }} [opts]
 * @returns {Promise<{ tries: number, url: string }>}
 */
export async function warmUp(browser, opts = {}) {
  const {
    urlFor = (i) => `https://warmup.example/?try=${i}`,
    tries = 20,
    interval = 250,
    isRecorded = recordsUrl,
  } = opts;
  const page = await browser.context.newPage();
  try {
    for (let i = 1; i <= tries; i++) {
      const url = urlFor(i);
      await page.goto(url, { waitUntil: 'load' });
      const deadline = Date.now() + interval * 4;
      while (Date.now() < deadline) {
        if (isRecorded(await readDb(browser), url)) return { tries: i, url };
        await new Promise((r) => setTimeout(r, interval));
      }
    }
    throw new Error(
      `Warm-up: the extension recorded none of ${tries} navigations (is the background recording?)`,
    );
  } finally {
    await page.close();
  }
}
