// Closing a tab while its resources hang: recorded data stays, the visit ends, the worker logs no error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tabIdFor } from '../lib/browser-util.mjs';
import { waitFor, waitForDb } from '../lib/db.mjs';
import { requestFindings, visitsOf } from '../lib/records.mjs';
import { useBrowser } from '../lib/suite.mjs';
import { FAST_HOST, HANGING, HANG_HOST, held } from '../fixtures/sites/slow.mjs';

const h = useBrowser();
const URL = 'https://slow.example/';

test('a tab closed mid-load keeps its data and ends its visit cleanly', async () => {
  const page = await h.context.newPage();
  await page.goto(URL, { waitUntil: 'commit' });
  // Every hanging resource has reached the server: the page is truly mid-load.
  await waitFor(() => held.size >= HANGING + 1, { message: 'hanging requests to arrive' });
  const tabId = await tabIdFor(h.browser, `${URL}*`);
  await waitForDb(
    h.browser,
    (db) => {
      const [v] = visitsOf(db, { tabId, url: URL });
      return v && requestFindings(db, v.id, FAST_HOST).length && requestFindings(db, v.id, HANG_HOST).length;
    },
    { message: 'fast and hanging requests recorded before the close' },
  );
  await page.close();
  await waitFor(() => held.size === 0, { message: 'the browser to drop the hanging requests' });
  const db = await waitForDb(h.browser, (db) => visitsOf(db, { tabId, url: URL })[0]?.endedAt, {
    message: 'the visit to be ended after the tab closed',
  });
  h.dump('tab-close-db', db);
  const [visit] = visitsOf(db, { tabId, url: URL });
  assert.equal(requestFindings(db, visit.id, FAST_HOST)[0].count, 1);
  assert.ok(requestFindings(db, visit.id, HANG_HOST)[0].count >= 1, 'hanging requests kept');
  assert.deepEqual(h.swErrors, [], 'no errors in the service worker console');
});
