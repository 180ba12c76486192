// Hostile cookie names/values and a huge header: stored intact or safely truncated, nothing crashes.
// e2e-browsers: chromium firefox
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jarCookies, tabIdFor } from '../lib/browser-util.mjs';
import { readDb, waitForDb } from '../lib/db.mjs';
import { findingsOf, visitsOf } from '../lib/records.mjs';
import { useBrowser } from '../lib/suite.mjs';
import { SCRIPT_COOKIES, SERVER_COOKIES } from '../fixtures/sites/hostile.mjs';

const h = useBrowser();
const URL = 'https://hostile.example/';

/** A stored name is fine if equal to the original or a prefix of it (safe truncation). */
const sameOrPrefix = (stored, original) =>
  stored === original || (stored.length > 0 && original.startsWith(stored));

// One page load shared by both tests: the first checks the fixture, the second the extension.
let page;

test('the browser accepted the hostile cookies (fixture check)', async () => {
  page = await h.context.newPage();
  await page.goto(URL);
  await page.waitForFunction(() => window.__hostile === 'done');
  const jar = await jarCookies(h.browser, { domain: 'hostile.example' });
  // Firefox's cookies API gives a non-ASCII name as its UTF-8 bytes read as Latin-1 ("emojiðª"), so compare
  // the decoded name there.
  const names = jar.map((c) =>
    h.name === 'firefox' ? Buffer.from(c.name, 'latin1').toString('utf8') : c.name,
  );
  h.dump(
    'hostile-jar',
    jar.map((c) => ({ name: c.name, value: c.value })),
  );
  for (const c of [...SERVER_COOKIES, ...SCRIPT_COOKIES])
    assert.ok(names.includes(c.name), `jar has ${c.name.slice(0, 40)}`);
});

test('hostile cookies are recorded with their names intact or truncated, and recording goes on', async () => {
  assert.ok(page, 'the fixture test loaded the page');
  const tabId = await tabIdFor(h.browser, `${URL}*`);
  const jarNames = (await jarCookies(h.browser, { domain: 'hostile.example' })).map((c) =>
    h.name === 'firefox' ? Buffer.from(c.name, 'latin1').toString('utf8') : c.name,
  );
  const expected = [...SERVER_COOKIES, ...SCRIPT_COOKIES].filter((c) => jarNames.includes(c.name));
  let visit;
  const db = await waitForDb(
    h.browser,
    (db) => {
      visit = visitsOf(db, { tabId, url: URL }).at(-1);
      if (!visit) return false;
      const names = findingsOf(db, visit.id, 'cookie').map((f) => f.cookieName);
      return expected.every((c) => names.some((n) => sameOrPrefix(n, c.name)));
    },
    { timeout: 30_000, message: 'every hostile cookie as a finding' },
  );
  h.dump('hostile-db', db);
  // One load, one visit. Firefox often commits this page before its (200 KB) response headers reach the
  // extension; a main-frame event after the commit must not open a second, never-committed visit.
  assert.equal(visitsOf(db, { tabId, url: URL }).length, 1, 'one page load is one visit');
  for (const f of findingsOf(db, visit.id, 'cookie')) {
    assert.equal(typeof f.cookieName, 'string');
    assert.ok(f.key.length <= 8192, 'keys stay bounded');
  }
  const records = db.cookies.filter((c) => c.visitId === visit.id);
  for (const c of expected) {
    const rec = records.find((r) => sameOrPrefix(r.name, c.name));
    assert.ok(rec, `cookie record for ${c.name.slice(0, 40)}`);
    if (rec.value !== undefined) assert.ok(sameOrPrefix(rec.value, c.value), 'value intact or truncated');
    // Length as UTF-16 units or UTF-8 bytes; a truncated name may report the truncated value's length.
    const lengths = [c.value.length, Buffer.byteLength(c.value)];
    if (rec.name === c.name)
      assert.ok(lengths.includes(rec.valueLength), `${c.name.slice(0, 40)} value length ${rec.valueLength}`);
  }
  // A non-ASCII name is never recorded as its UTF-8 bytes read as Latin-1 (Firefox's cookies API gives it so).
  const garbled = expected
    .map((c) => Buffer.from(c.name, 'utf8').toString('latin1'))
    .filter((g) => !expected.some((c) => c.name === g));
  assert.ok(garbled.length > 0, 'the fixture has non-ASCII cookie names');
  for (const r of records)
    assert.ok(!garbled.includes(r.name), `garbled name recorded: ${r.name.slice(0, 40)}`);
  assert.deepEqual(h.swErrors, [], 'no errors in the service worker console');
  // Still recording afterwards: the worker did not choke.
  await page.goto('https://shop.example/');
  await waitForDb(
    h.browser,
    (db) => db.visits.some((v) => v.tabId === tabId && v.url === 'https://shop.example/'),
    {
      message: 'a visit recorded after the hostile page',
    },
  );
  await h.snap(page, 'hostile-after');
  await page.close();
  assert.ok((await readDb(h.browser)).visits.length > 0);
});
