// Issue 15: a finished visit is packed into the compact stored form (lib/store/pack.ts) once it has been quiet,
// its evidence rows go, and the verdict read back from the packed form is the one recorded.
// e2e-browsers: chromium firefox
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tabIdFor } from '../lib/browser-util.mjs';
import { readDb, waitForDb } from '../lib/db.mjs';
import { requestFindings, visitsOf } from '../lib/records.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();
const URL = 'https://shop.example/';
const NEXT = 'https://shop.example/?next=1';

/** What the verdict rests on: parties, findings with their phases and counts, the verdict text. */
const verdictOf = (db, visitId) => {
  const d = db.derived[visitId];
  return {
    verdict: d.verdict,
    parties: d.parties,
    findings: d.findings.map((f) => [f.id, f.phase, f.count, f.violation]),
  };
};

test('a finished visit is packed once quiet and reads back with the same verdict', async () => {
  const page = await h.context.newPage();
  await page.goto(URL);
  await page.waitForFunction(() => window.__cio?.state === 'sent');
  const tabId = await tabIdFor(h.browser, 'https://shop.example/*');
  const recorded = await waitForDb(
    h.browser,
    (db) => {
      const [v] = visitsOf(db, { tabId, url: URL });
      return v && requestFindings(db, v.id, 'track.customer.io').length && db.rowVisits.has(v.id);
    },
    { message: 'the shop visit recorded in evidence rows' },
  );
  const [visit] = visitsOf(recorded, { tabId, url: URL });
  // End the visit by moving on; what reaches it around the navigation (the cookie the next response sets
  // again) lands before the snapshot, taken while its evidence is still in rows.
  await page.goto(NEXT);
  await page.waitForFunction(() => window.__cio?.state === 'sent');
  await waitForDb(h.browser, (db) => db.visits.find((v) => v.id === visit.id)?.endedAt, {
    message: 'the first visit to end',
  });
  await new Promise((r) => setTimeout(r, 3000));
  const rows = await readDb(h.browser);
  assert.ok(rows.rowVisits.has(visit.id) && !rows.packedVisits.has(visit.id), 'not packed yet');
  const before = verdictOf(rows, visit.id);

  // Packed 15 s after its last write, at the next sweep. Each reload keeps the background busy (and awake).
  let packed = null;
  for (let i = 0; i < 12 && !packed; i++) {
    const db = await readDb(h.browser);
    if (db.packedVisits.has(visit.id) && !db.rowVisits.has(visit.id)) packed = db;
    else {
      await new Promise((r) => setTimeout(r, 10_000));
      await page.goto(`${NEXT}&poll=${i}`);
    }
  }
  assert.ok(packed, 'the ended visit was packed within 2 minutes, its rows removed');
  h.dump('storage-pack-db', packed);
  assert.deepEqual(verdictOf(packed, visit.id), before, 'the packed visit derives the same verdict');
  assert.ok(packed.visits.find((v) => v.id === visit.id).endedAt, 'the packed visit had ended');
  // The visit of the tab's current page may still be written to: it is not packed.
  const current = visitsOf(packed, { tabId }).at(-1);
  assert.ok(current.id !== visit.id && !current.endedAt, 'the tab has moved on to an open visit');
  assert.ok(!packed.packedVisits.has(current.id), 'the open visit is not packed');
  assert.deepEqual(h.swErrors, [], 'no errors in the service worker console');
});
