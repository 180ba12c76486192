// A → B → C in one tab (link click, then a location change): three visits, each with its own findings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tabIdFor } from '../lib/browser-util.mjs';
import { waitForDb } from '../lib/db.mjs';
import { findingsOf, requestFindings, visitsOf } from '../lib/records.mjs';
import { useBrowser } from '../lib/suite.mjs';
import { PIXEL } from '../fixtures/sites/chain.mjs';

const h = useBrowser();
const STEPS = ['a', 'b', 'c'];
const urlOf = (step) => `https://chain.example/${step}`;

test('each page of a navigation chain is its own visit with its own findings', async () => {
  const page = await h.context.newPage();
  await page.goto(urlOf('a'));
  await page.waitForFunction(() => document.getElementById('px').complete);
  await Promise.all([page.waitForURL(urlOf('b')), page.click('#next')]);
  await page.waitForFunction(() => document.getElementById('px').complete);
  await Promise.all([page.waitForURL(urlOf('c')), page.click('#next')]);
  await page.waitForFunction(() => document.getElementById('px').complete);
  const tabId = await tabIdFor(h.browser, 'https://chain.example/*');

  const visitOf = (db, step) => visitsOf(db, { tabId, url: urlOf(step) })[0];
  const db = await waitForDb(
    h.browser,
    (db) => STEPS.every((s) => visitOf(db, s) && requestFindings(db, visitOf(db, s).id, PIXEL[s]).length),
    { message: 'three chain visits, each with its pixel' },
  );
  h.dump('navigation-db', db);
  const visits = STEPS.map((s) => visitOf(db, s));
  assert.equal(new Set(visits.map((v) => v.id)).size, 3, 'three distinct visits');
  assert.ok(
    visits[0].startedAt <= visits[1].startedAt && visits[1].startedAt <= visits[2].startedAt,
    'in order',
  );
  assert.ok(visits[0].endedAt && visits[1].endedAt, 'earlier visits ended when the tab moved on');
  STEPS.forEach((s, i) => {
    const hosts = findingsOf(db, visits[i].id, 'request').map((f) => f.host);
    assert.ok(hosts.includes(PIXEL[s]), `visit ${s} has its own pixel`);
    for (const other of STEPS.filter((o) => o !== s))
      assert.ok(!hosts.includes(PIXEL[other]), `visit ${s} lacks pixel ${other}`);
    // The document request belongs to the visit it opened.
    assert.ok(
      requestFindings(db, visits[i].id, 'chain.example').length,
      `visit ${s} has its main-frame request`,
    );
  });
  await h.snap(page, 'navigation-c');
  await page.close();
});
