// Web storage is device access (ePrivacy art. 5(3)): a tracker that writes localStorage before any consent is a
// violation, even with no request or cookie of its vendor. The verdict comes from the one derivation.
// e2e-browsers: chromium firefox
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tabIdFor } from '../lib/browser-util.mjs';
import { waitForDb } from '../lib/db.mjs';
import { visitsOf } from '../lib/records.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();
const URL = 'https://storage.example/';
const KEY = 'localStorage:ajs_anonymous_id';

test('a first-party script writing ajs_anonymous_id to localStorage before consent is a Segment violation', async () => {
  const page = await h.context.newPage();
  await page.goto(URL);
  await page.waitForFunction(() => window.__stored === true);
  const tabId = await tabIdFor(h.browser, `${URL}*`);
  const storageFinding = (db) => {
    const visit = visitsOf(db, { tabId, url: URL }).at(-1);
    return visit && db.derived[visit.id]?.findings.find((f) => f.kind === 'storage' && f.key === KEY);
  };
  const db = await waitForDb(h.browser, storageFinding, {
    timeout: 30_000,
    message: `a ${KEY} storage finding`,
  });
  h.dump('storage-tracker-db', db);
  const visit = visitsOf(db, { tabId, url: URL }).at(-1);
  const derived = db.derived[visit.id];
  const f = storageFinding(db);
  assert.equal(f.storageArea, 'localStorage');
  assert.equal(f.vendorId, 'segment');
  assert.equal(f.category, 'analytics');
  assert.equal(f.thirdParty, false, 'the key lives in the page origin');
  assert.equal(f.phase, 'before-consent');
  assert.equal(f.violation, true);
  assert.deepEqual(f.provenance, ['detector'], 'read by our isolated-world script');
  assert.ok(f.valueLength > 0 && f.valueHash, 'length and hash, no value');
  assert.equal(f.value, undefined);
  // The page made no request to Segment: the violation rests on the storage evidence alone.
  assert.ok(!derived.findings.some((x) => x.kind === 'request' && x.vendorId === 'segment'));
  const party = derived.parties.find((p) => p.key === 'segment');
  assert.ok(party?.violation, 'Segment is a violating party');
  assert.equal(derived.verdict.severity, 'violation');
  assert.match(derived.verdict.text, /^1 analytics tracker fired before consent/);

  // The popup shows the same verdict.
  const popup = await h.context.newPage();
  await popup.goto(h.extensionUrl(`popup.html?tabId=${tabId}`));
  await popup.waitForSelector('#verdict');
  await popup.waitForFunction(
    (text) => document.querySelector('#verdict')?.textContent?.includes(text),
    '1 analytics tracker fired before consent',
    { timeout: 30_000 },
  );
  await popup.waitForSelector('[data-vendor="segment"]');
  await h.snap(popup, 'storage-tracker-popup');
});
