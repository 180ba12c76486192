// The harness itself: extension loaded, worker reachable, HTTPS fixtures served with real cookies.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jarCookies } from '../lib/browser-util.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser({ warm: false });

test('the extension service worker runs and has an id', async () => {
  assert.match(h.browser.extensionId, /^[a-p]{32}$/);
  assert.equal(await h.browser.sw.evaluate(() => chrome.runtime.getManifest().name), 'Cookie Inspector');
});

test('shop.example loads over port-less HTTPS and both first- and third-party cookies are set', async () => {
  const page = await h.context.newPage();
  const resp = await page.goto('https://shop.example/');
  assert.equal(resp.status(), 200);
  assert.equal(await page.title(), 'Shop');
  await page.waitForFunction(() => window.__cio?.state === 'sent');
  const jar = await jarCookies(h.browser);
  const byName = Object.fromEntries(jar.map((c) => [c.name, c]));
  assert.ok(byName._cioid, '_cioid set by document.cookie');
  assert.equal(byName._cioid.domain, 'shop.example');
  assert.equal(byName._cio?.domain, '.customer.io');
  assert.equal(byName._cio.secure, true);
  assert.equal(byName._cio.sameSite, 'no_restriction');
  assert.ok(
    byName._cioanonid.expirationDate * 1000 - Date.now() > 300 * 86_400_000,
    '_cioanonid lives ~1 year',
  );
  assert.ok(byName.shop_session?.httpOnly);
  const hosts = h.server.log.map((r) => `${r.scheme}://${r.host}`);
  for (const want of ['https://shop.example', 'https://assets.customer.io', 'https://track.customer.io']) {
    assert.ok(hosts.includes(want), `server saw ${want}`);
  }
  await h.snap(page, 'harness-shop');
  await page.close();
});
