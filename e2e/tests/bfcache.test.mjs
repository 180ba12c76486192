// Pages restored from the back/forward cache come back with no request (Playwright turns the cache off by default;
// this file's browser keeps it on). A consent record the page left stores in its pagehide handler as the visitor goes
// back is consent without interaction on the restored page, not a choice the visitor brought.
// e2e-browsers: chromium
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tabIdFor } from '../lib/browser-util.mjs';
import { readDb, waitForDb } from '../lib/db.mjs';
import { requestFindings, visitsOf } from '../lib/records.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser({ launch: { contextOptions: { ignoreDefaultArgs: ['--disable-back-forward-cache'] } } });
const TRACKER = 'track.customer.io';

test('an accept-all the page left stores as the visitor goes back is consent without interaction on the restored page', async () => {
  const page = await h.context.newPage();
  const url = 'https://pagehide-back.example/';
  // Nothing is evaluated in the pages before the verdict is read (Playwright evaluates with a user gesture).
  await page.goto(url);
  await new Promise((r) => setTimeout(r, 1_000));
  await page.click('#next');
  await page.waitForURL('**/next');
  await new Promise((r) => setTimeout(r, 1_000));
  // A restore fires no load event.
  await page.goBack({ waitUntil: 'commit' });
  const tabId = await tabIdFor(h.browser, `${url}*`);
  let visit;
  await waitForDb(
    h.browser,
    (db) => {
      visit = visitsOf(db, { tabId, url }).at(-1);
      return visit && requestFindings(db, visit.id, TRACKER).length > 0;
    },
    { timeout: 30_000, message: 'the restored page’s tracker request recorded' },
  );
  // Read once the activation grace has passed: a memory of the record is decided after it.
  await new Promise((r) => setTimeout(r, 2_500));
  const db = await readDb(h.browser);
  const derived = db.derived[visit.id];
  h.dump('bfcache-pagehide', { visit, derived, evidence: db.evidence.filter((e) => e.kind === 'consent') });
  const phases = requestFindings(db, visit.id, TRACKER).map((f) => [f.phase, f.violation]);
  assert.deepEqual(phases, [['before-consent', true]]);
  // Asked last: Playwright evaluates with a user gesture, which would be input on the restored page.
  assert.equal(await page.evaluate(() => window.__restored), true, 'restored from the back/forward cache');
  assert.equal(derived.consent.withoutInteraction, true);
  await page.close();
});
