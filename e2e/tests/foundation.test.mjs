// Issue 2 proof: shop.example's Customer.io requests and cookies land in IndexedDB for that tab's visit.
// e2e-browsers: chromium firefox
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { badgeOf, jarCookies, tabIdFor } from '../lib/browser-util.mjs';
import { waitFor, waitForDb } from '../lib/db.mjs';
import { cookieFindings, requestFindings, visitsOf } from '../lib/records.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();
const URL = 'https://shop.example/';

test("shop.example's Customer.io requests and cookies are stored for the tab's visit", async () => {
  const page = await h.context.newPage();
  await page.goto(URL);
  await page.waitForFunction(() => window.__cio?.state === 'sent');
  const tabId = await tabIdFor(h.browser, 'https://shop.example/*');
  const ready = (db) => {
    const [visit] = visitsOf(db, { tabId, url: URL });
    if (!visit) return false;
    const hosts = ['assets.customer.io', 'track.customer.io'].every(
      (host) => requestFindings(db, visit.id, host).length,
    );
    const names = ['_cio', '_cioid', '_cioanonid'].every((n) => cookieFindings(db, visit.id, n).length);
    return hosts && names;
  };
  const db = await waitForDb(h.browser, ready, {
    timeout: 30_000,
    message: 'shop.example visit with Customer.io findings',
  });
  h.dump('foundation-db', db);
  await h.snap(page, 'foundation-shop');

  const visits = visitsOf(db, { tabId, url: URL });
  // One load, one visit, whatever order the browser reports commit and main-frame response in.
  assert.equal(visits.length, 1, 'one page load is one visit');
  const [visit] = visits;
  assert.equal(visit.site, 'shop.example');
  for (const host of ['assets.customer.io', 'track.customer.io']) {
    const [f] = requestFindings(db, visit.id, host);
    assert.equal(f.vendorId, 'customer-io', `${host} vendor`);
    assert.equal(f.category, 'marketing', `${host} category`);
    assert.equal(f.thirdParty, true);
    assert.equal(f.count, 1, `${host} requested once`);
  }
  const scriptFinding = requestFindings(db, visit.id, 'assets.customer.io')[0];
  assert.equal(scriptFinding.url, 'https://assets.customer.io/assets/track.js');
  for (const name of ['_cio', '_cioid', '_cioanonid']) {
    const [f] = cookieFindings(db, visit.id, name);
    assert.equal(f.vendorId, 'customer-io', `${name} vendor`);
    assert.equal(f.category, 'marketing', `${name} category`);
  }
  assert.equal(cookieFindings(db, visit.id, '_cioid')[0].cookieDomain.replace(/^\./, ''), 'shop.example');
  assert.equal(cookieFindings(db, visit.id, '_cio')[0].cookieDomain.replace(/^\./, ''), 'customer.io');
  // Cookie records keep the attributes the browser stored.
  const cio = db.cookies.find((c) => c.visitId === visit.id && c.name === '_cio');
  assert.ok(cio, '_cio cookie record');
  assert.equal(cio.secure, true);
  const [jarCio] = await jarCookies(h.browser, { name: '_cio' });
  assert.equal(cio.valueLength, jarCio.value.length, 'value length matches the jar');
  assert.ok(
    cio.expiresAt > Date.now() + 20 * 3600_000 && cio.expiresAt < Date.now() + 25 * 3600_000,
    '_cio lives one day',
  );
  // The first-party _cioid is shown as written by the Customer.io script (main-world cookie hook).
  assert.equal(cookieFindings(db, visit.id, '_cioid')[0].setBy, 'https://assets.customer.io/assets/track.js');
  // Cookie values are kept as length and hash only unless the user opts in.
  assert.ok(
    db.findings.every((f) => f.value === undefined) && db.cookies.every((c) => c.value === undefined),
  );
  // Toolbar badge: the distinct violating vendors of the verdict (one derivation for both).
  const expected = db.derived[visit.id].verdict.violating;
  assert.ok(expected >= 1);
  const readBadge = () => badgeOf(h.browser, tabId);
  // The badge follows the writer's flush; poll rather than race it.
  const badge = await waitFor(
    async () => {
      const b = await readBadge();
      // Text and colour are two calls: wait for the pair (a count may arrive before its colour is read back).
      return b.text === String(expected) && b.color?.[0] === 198 ? b : null;
    },
    { message: `badge text ${expected}` },
  );
  assert.equal(badge.text, String(expected));
  assert.deepEqual(badge.color, [198, 40, 40, 255], 'red: fired before consent');
  await page.close();
});
