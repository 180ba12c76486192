// No network calls of our own: across many pages (and the extension's own pages) nothing leaves the
// extension's origin, and the fixture server (where all DNS points) sees only fixture hosts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DEFAULT_EXTENSION_PATH } from '../lib/launch.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();

/**
 * The browser's own housekeeping, sent by the browser process whatever the flags (not by the extension:
 * it carries no extension origin and the worker/page watcher sees nothing): the signed-in account check
 * (IdentityManager ListAccounts, which no switch disables) and the update client's check-in.
 */
const BROWSER_HOUSEKEEPING = [
  { host: 'accounts.google.com', path: /^\/ListAccounts\?/ },
  { host: 'update.googleapis.com', path: /^\/service\/update2\/json\?/ },
];
const isHousekeeping = (r) =>
  BROWSER_HOUSEKEEPING.some((k) => k.host === r.host && k.path.test(r.path) && !r.cookie);

/** HTML pages the extension ships (popup, options, dashboard…), read from its manifest and folder. */
function extensionPages() {
  const dir = process.env.E2E_EXTENSION_PATH ?? DEFAULT_EXTENSION_PATH;
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .map((f) => path.basename(f));
}

test('the watcher sees a request the extension makes (self-check)', async () => {
  const before = h.net.requests.length;
  const seen = await h.browser.sw.evaluate(() =>
    fetch('https://self-check.invalid:1/').then(
      () => 'ok',
      () => 'failed',
    ),
  );
  assert.equal(seen, 'failed', 'nothing answers on that host');
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(
    h.net.requests.slice(before).some((r) => r.url === 'https://self-check.invalid:1/'),
    'watcher caught it',
  );
  // Port 1 is not mapped to the fixture server, so the request dies locally. Remove the planted request so the suite-wide guard only judges the extension's own behaviour.
  h.net.requests.splice(before);
});

test('browsing fixture sites and opening extension pages causes no request from the extension', async () => {
  const page = await h.context.newPage();
  for (const url of [
    'https://shop.example/',
    'https://ot-before.example/',
    'https://tcf-before.example/',
    'https://hostile.example/',
    'https://chain.example/a',
  ]) {
    await page.goto(url);
  }
  await page.goto('https://ot-accept.example/');
  await page.click('#onetrust-accept-btn-handler');
  await page.waitForFunction(() => window.__cio?.state === 'sent');
  for (const file of extensionPages()) {
    const ext = await h.context.newPage();
    await ext.goto(`chrome-extension://${h.browser.extensionId}/${file}`);
    await ext.waitForTimeout(500);
    await h.snap(ext, `no-network-${file.replace(/\.html$/, '')}`);
    await ext.close();
  }
  // Give late timers (alarms, flushes) a moment to misbehave.
  await page.waitForTimeout(1000);
  await page.close();
  assert.deepEqual(h.net.requests, [], 'no request from the extension origin');
  const strangers = h.server.log.filter((r) => !h.server.knownHost(r.host) && !isHousekeeping(r));
  assert.deepEqual(
    strangers.map((r) => `${r.host}${r.path}`),
    [],
    'the server saw only fixture hosts',
  );
  const fromExtension = h.server.log.filter((r) =>
    [r.origin, r.referer].some((v) => v?.startsWith('chrome-extension://')),
  );
  assert.deepEqual(fromExtension, [], 'no request carried the extension as origin or referrer');
});
