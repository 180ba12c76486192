// Partitioned cookies (CHIPS in Chromium, Total Cookie Protection in Firefox): a tracker's cookie set under site A
// is evidence of A's visits only, even while a visit of site B that contacted the same tracker is open; the
// partition is kept with the cookie. Firefox can deliver a cookie change before the request that set it
// (lib/late-cookies.ts replays such changes).
// e2e-browsers: chromium firefox
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tabIdFor } from '../lib/browser-util.mjs';
import { waitForDb } from '../lib/db.mjs';
import { visitsOf } from '../lib/records.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();

const cid = (db, visitId) => db.evidence.filter((e) => e.visitId === visitId && e.cookie?.name === 'cid');

test('a partitioned cookie belongs only to visits of its top-level site', async () => {
  const b = await h.context.newPage();
  await b.goto('https://chips-b.example/');
  await b.waitForFunction(() => window.__px === 'loaded');
  const a = await h.context.newPage();
  await a.goto('https://chips-a.example/');
  await a.waitForFunction(() => window.__px === 'loaded');
  const tabA = await tabIdFor(h.browser, 'https://chips-a.example/*');
  const tabB = await tabIdFor(h.browser, 'https://chips-b.example/*');
  let va;
  let vb;
  const db = await waitForDb(
    h.browser,
    (db) => {
      va = visitsOf(db, { tabId: tabA, url: 'https://chips-a.example/' }).at(-1);
      vb = visitsOf(db, { tabId: tabB, url: 'https://chips-b.example/' }).at(-1);
      return (
        va &&
        vb &&
        cid(db, va.id).some((e) => e.via === 'cookies-api') &&
        cid(db, vb.id).some((e) => e.via === 'cookies-api')
      );
    },
    { timeout: 30_000, message: 'the partitioned cookie seen by both visits' },
  );
  h.dump('partition', { a: cid(db, va.id), b: cid(db, vb.id) });
  // Set-Cookie (Partitioned attribute) and cookies.onChanged (partitionKey) both name the partition.
  for (const e of cid(db, va.id)) assert.equal(e.cookie.partition, 'chips-a.example', `${e.via} in A`);
  for (const e of cid(db, vb.id)) assert.equal(e.cookie.partition, 'chips-b.example', `${e.via} in B`);
  // B's visit was open and had contacted the tracker when A's partition got its cookie: not B's evidence.
  assert.ok(!cid(db, vb.id).some((e) => e.cookie.partition === 'chips-a.example'));
  await a.close();
  await b.close();
});
