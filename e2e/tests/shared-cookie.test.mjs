// A cookie name several vendors list: Customer.io's CDP client keeps Segment's `ajs_*` names. On a page where only
// Customer.io's requests were seen, the cookies are Customer.io's, and no Segment appears in the verdict or popup.
// e2e-browsers: chromium firefox
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tabIdFor } from '../lib/browser-util.mjs';
import { waitForDb } from '../lib/db.mjs';
import { cookieFindings, visitsOf } from '../lib/records.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();
const URL = 'https://cdp.example/';
const NAMES = ['ajs_anonymous_id', 'ajs_user_id'];

test("Segment's cookie names written by Customer.io's client are Customer.io's", async () => {
  const page = await h.context.newPage();
  await page.goto(URL);
  await page.waitForFunction(() => window.__sent === true);
  const tabId = await tabIdFor(h.browser, `${URL}*`);
  const visitOf = (db) => visitsOf(db, { tabId, url: URL }).at(-1);
  const db = await waitForDb(
    h.browser,
    (d) => {
      const v = visitOf(d);
      return v && NAMES.every((n) => cookieFindings(d, v.id, n).length);
    },
    { timeout: 30_000, message: 'the two ajs_* cookies' },
  );
  h.dump('shared-cookie-db', db);
  const visit = visitOf(db);
  for (const name of NAMES) {
    const [f] = cookieFindings(db, visit.id, name);
    assert.equal(f.vendorId, 'customer-io', `${name} vendor`);
    assert.equal(f.phase, 'before-consent', name);
    assert.equal(f.violation, true, name);
    assert.match(
      f.reason,
      /^named Customer\.io, .*requests were seen on this page \(Segment's were not\)/,
      name,
    );
  }
  const parties = db.derived[visit.id].parties.map((p) => p.key);
  assert.ok(parties.includes('customer-io'), 'Customer.io is a party');
  assert.ok(!parties.includes('segment'), `no Segment party: ${parties.join(', ')}`);

  const popup = await h.context.newPage();
  await popup.goto(h.extensionUrl(`popup.html?tabId=${tabId}`));
  await popup.waitForSelector('[data-vendor="customer-io"]');
  assert.equal(await popup.locator('[data-vendor="segment"]').count(), 0, 'no Segment row in the popup');
  await popup.click('[data-vendor="customer-io"] > button.vendor-head');
  assert.match(
    await popup.locator('[data-vendor="customer-io"] .vendor-body').textContent(),
    /ajs_anonymous_id/,
  );
  await h.snap(popup, 'shared-cookie-popup');
});
