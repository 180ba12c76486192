// In Chrome a sub-request is recorded from onSendHeaders (README, "How events are attributed"), which must fire for
// HTTP-cache hits and for requests whose connection fails, and its `extraHeaders` listeners must show the Cookie
// and Set-Cookie of every request, not only of the page. The second visit is in a new tab: in the same tab Blink
// may serve the script from its in-memory cache, which makes no request any webRequest listener could see
// (README, Known gaps).
import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { waitForDb } from '../lib/db.mjs';
import { requestFindings } from '../lib/records.mjs';
import { useBrowser } from '../lib/suite.mjs';
import { CACHED_SCRIPT, scriptFetched } from '../fixtures/sites/cache.mjs';

const h = useBrowser();
const CDN = new URL(CACHED_SCRIPT).hostname;
const DEAD = 'dead.cache-tracker.example';

/** A loopback port nothing listens on (the fixture resolver sends every other port to loopback). */
async function deadPort() {
  const server = net.createServer();
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

async function load(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.__lib === true && window.__api === 'done');
  await page.waitForFunction(() => document.getElementById('dead')?.complete !== false);
}

/** How a visit's evidence saw a cookie: its channels (set-cookie, cookie-header, cookies-api …), sorted. */
const channels = (db, visit, name) =>
  [
    ...new Set(
      db.evidence
        .filter((e) => e.visitId === visit.id && e.kind === 'cookie' && e.cookie.name === name)
        .map((e) => e.via),
    ),
  ].sort();

test('a cached script, a request whose connection fails, and every request’s cookie headers are recorded', async () => {
  const url = `http://cache.example/?dead=${await deadPort()}`;
  const before = scriptFetched();
  // Twice: the second visit takes the script from the HTTP cache, and its API request carries the cookie the
  // first visit's API answer set.
  for (let i = 0; i < 2; i++) {
    const page = await h.context.newPage();
    await load(page, url);
    await page.close();
  }
  assert.equal(scriptFetched() - before, 1, 'the second visit took the script from the HTTP cache');
  const visitsOf = (db) => db.visits.filter((v) => v.url === url).sort((a, b) => a.startedAt - b.startedAt);
  const db = await waitForDb(
    h.browser,
    (db) => {
      const visits = visitsOf(db);
      return (
        visits.length === 2 &&
        visits.every(
          (v) => requestFindings(db, v.id, CDN).length && requestFindings(db, v.id, DEAD).length,
        ) &&
        channels(db, visits[1], 'api_seen').includes('cookie-header')
      );
    },
    { message: 'two visits, each with the cached script and the failed image' },
  );
  const visits = visitsOf(db);
  h.dump('request-events', { visits, evidence: db.evidence.filter((e) => e.visitId === visits[1].id) });
  // The page's cookie as its request sent it and its response set it; the API's as its request sent it and its
  // answer set it (the cookie store's report of each may join them: lib/set-cookie-claims.ts).
  for (const name of ['cache_uid', 'api_seen']) {
    const seen = channels(db, visits[1], name);
    assert.ok(
      ['cookie-header', 'set-cookie'].every((via) => seen.includes(via)),
      `${name}: ${seen}`,
    );
  }
});
