// Private windows: a visit in an incognito window leaves nothing on disk. Its evidence is not written to IndexedDB
// (unless the user opted in, `recordIncognito`, off by default), and what the extension remembers of its consent
// records (`private|…` keys of unpromptedConsent, seededConsent, answeredByClick and plantedPartitioned) lives in
// storage.session, never storage.local, until the last incognito window closes. A normal window's visit is the
// control: its record is remembered in storage.local.
// implied.example's first response stores OneTrust's accept-all on its own: a record the site stored unprompted.
// The extension is allowed in incognito on its chrome://extensions page, and the private tab is opened, navigated
// and closed from the extension's worker, with no script run in its page (lib/incognito.mjs).
// e2e-browsers: chromium
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitFor, waitForDb } from '../lib/db.mjs';
import {
  allowInIncognito,
  closeWindow,
  extensionStorage,
  navigateTab,
  openIncognitoWindow,
} from '../lib/incognito.mjs';
import { recordsUrl, warmUp } from '../lib/warmup.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();
/** The per-site consent memories (entrypoints/background: unprompted.ts, answered.ts). */
const MEMORIES = ['unpromptedConsent', 'seededConsent', 'answeredByClick', 'plantedPartitioned'];
const PRIVATE_RECORD = 'private|implied.example|onetrust';

/**
 * Allows the extension in incognito, once per file (the first test to need it waits; a `before` of its own would
 * not wait for useBrowser's). Allowing it reloads the extension: the new worker records only once a warm-up of
 * its own shows it.
 */
let allowed;
const incognitoAllowed = () =>
  (allowed ??= (async () => {
    await allowInIncognito(h.browser);
    await warmUp(h.browser, { urlFor: (i) => `https://warmup.example/?incognito-allowed=${i}` });
  })());

/** The `private|…` keys of the consent memories in a storage area: `{ unpromptedConsent: [...], … }` (non-empty). */
async function privateKeys(area) {
  const stored = await extensionStorage(h.browser, area, MEMORIES);
  const found = {};
  for (const name of MEMORIES) {
    const keys = Object.keys(stored[name] ?? {}).filter((k) => k.startsWith('private|'));
    if (keys.length) found[name] = keys;
  }
  return found;
}

/** Waits until the extension follows a visit of `url` in the tab (its live state in storage.session); the visit. */
async function liveVisit(tabId, url, ready = () => true) {
  const key = `tab:${tabId}`;
  return waitFor(
    async () => {
      const state = (await extensionStorage(h.browser, 'session', key))[key];
      const visit = state?.current?.visit;
      return visit?.url === url && ready(state) ? visit : null;
    },
    { timeout: 30_000, message: `the extension following ${url} in tab ${tabId}` },
  );
}

/** Loads a normal-window page and waits until the DB holds it: writes queued before it are flushed by then. */
async function dbBarrier(tag) {
  const url = `https://warmup.example/?after=${tag}`;
  const page = await h.context.newPage();
  await page.goto(url);
  const db = await waitForDb(h.browser, (db) => recordsUrl(db, url), {
    timeout: 30_000,
    message: `the normal-window page ${url} stored`,
  });
  await page.close();
  return db;
}

test('a page in an incognito window is followed as private, and none of its evidence is stored', async () => {
  const url = 'https://shop.example/?window=private';
  await incognitoAllowed();
  const { windowId, tabId } = await openIncognitoWindow(h.browser);
  try {
    await navigateTab(h.browser, tabId, url);
    // The extension sees the page and its Customer.io requests, in a tab it knows is private.
    const visit = await liveVisit(tabId, url, (s) => s.current.sites?.includes('customer.io'));
    assert.equal(visit.incognito, true, 'the visit is marked incognito');
    assert.equal(visit.site, 'shop.example');
    const db = await dbBarrier('private-shop');
    h.dump('private-window-db', { visit, visits: db.visits.map((v) => [v.url, v.incognito]) });
    assert.ok(!recordsUrl(db, url), 'the private visit is not in the DB');
    assert.ok(!db.visits.some((v) => v.incognito || v.id === visit.id), 'no incognito visit is stored');
    assert.ok(!db.evidence.some((e) => e.visitId === visit.id), 'none of its evidence is stored');
  } finally {
    await closeWindow(h.browser, windowId);
  }
});

test('an accept-all stored on its own in an incognito window is remembered in storage.session only, until the window closes', async () => {
  const url = 'https://implied.example/?window=private';
  await incognitoAllowed();
  const { windowId, tabId } = await openIncognitoWindow(h.browser);
  let closed = false;
  try {
    await navigateTab(h.browser, tabId, url);
    const visit = await liveVisit(tabId, url);
    assert.equal(visit.incognito, true, 'the visit is marked incognito');
    // Nothing is done in the page: after the 1.5 s activation grace the record is remembered as stored unprompted.
    let where;
    await waitFor(
      async () => {
        const [local, session] = await Promise.all(
          ['local', 'session'].map((a) => extensionStorage(h.browser, a, 'unpromptedConsent')),
        );
        where = {
          local: Object.keys(local.unpromptedConsent ?? {}),
          session: Object.keys(session.unpromptedConsent ?? {}),
        };
        return where.local.includes(PRIVATE_RECORD) || where.session.includes(PRIVATE_RECORD);
      },
      { timeout: 30_000, message: () => `${PRIVATE_RECORD} remembered (keys: ${JSON.stringify(where)})` },
    );
    h.dump('private-window-memory', {
      local: await extensionStorage(h.browser, 'local', MEMORIES),
      session: await extensionStorage(h.browser, 'session', MEMORIES),
    });
    const db = await dbBarrier('private-implied');
    assert.ok(!db.evidence.some((e) => e.visitId === visit.id), 'none of its evidence is stored');
    assert.deepEqual(await privateKeys('local'), {}, 'no private record is in storage.local');
    assert.deepEqual(
      (await privateKeys('session')).unpromptedConsent,
      [PRIVATE_RECORD],
      'the private record is in storage.session',
    );
    await closeWindow(h.browser, windowId);
    closed = true;
    // The last incognito window is closed: the private session's memories go with it.
    let left;
    await waitFor(async () => !Object.keys((left = await privateKeys('session'))).length, {
      timeout: 30_000,
      message: () => `private records dropped from storage.session (left: ${JSON.stringify(left)})`,
    });
    assert.deepEqual(await privateKeys('local'), {}, 'and none was written to storage.local');
  } finally {
    if (!closed) await closeWindow(h.browser, windowId);
  }
});

test('the same accept-all in a normal window is remembered in storage.local (control)', async () => {
  const url = 'https://implied.example/?window=normal';
  await incognitoAllowed();
  // A Playwright page, but nothing evaluated in it (an evaluate would be a user gesture).
  const page = await h.context.newPage();
  await page.goto(url);
  const local = await waitFor(
    async () => {
      const { unpromptedConsent } = await extensionStorage(h.browser, 'local', 'unpromptedConsent');
      return unpromptedConsent?.['implied.example|onetrust'] ? unpromptedConsent : null;
    },
    { timeout: 30_000, message: 'implied.example|onetrust remembered in storage.local' },
  );
  const db = await waitForDb(h.browser, (db) => recordsUrl(db, url), {
    timeout: 30_000,
    message: `the normal visit of ${url} stored`,
  });
  const visit = db.visits.find((v) => v.url === url);
  assert.equal(local['implied.example|onetrust'].visitId, visit.id);
  assert.equal(visit.incognito, false);
  await page.close();
});
