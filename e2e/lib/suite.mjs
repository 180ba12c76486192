// One fixture server and one browser per test file, with artifacts and service-worker error capture.
import fs from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import { loadSites } from '../fixtures/index.mjs';
import { ARTIFACTS_DIR, writeJsonArtifact } from './artifacts.mjs';
import { readDb } from './db.mjs';
import { BROWSER, launchDriver } from './driver.mjs';
import { watchExtensionNetwork } from './net-watch.mjs';
import { startServer } from './server.mjs';
import { warmUp } from './warmup.mjs';

/**
 * Registers before/after hooks in the calling test file and returns a handle filled in by `before`.
 * The browser is Chromium, or Firefox when E2E_BROWSER=firefox (see driver.mjs); `h.extensionUrl(path)`
 * gives an extension page's URL in either.
 * @param {{ warm?: boolean, launch?: object }} [opts] warm: run the warm-up (default true)
 */
export function useBrowser(opts = {}) {
  const h = {
    /** 'chromium' or 'firefox'. */
    name: BROWSER,
    server: null,
    browser: null,
    /** Errors the service worker logged or threw. */
    swErrors: [],
    swLog: [],
    /** Network requests made by the extension itself (must stay empty). */
    net: null,
    get context() {
      return h.browser.context;
    },
    extensionUrl(p) {
      return h.browser.extensionUrl(p);
    },
    /** Screenshot into e2e/artifacts/<name>.png (never fails the test). */
    async snap(page, name) {
      fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
      await page
        .screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true })
        .catch(() => {});
    },
    /** Writes a JSON artifact, e.g. a DB dump, for post-mortems. */
    dump(name, value) {
      writeJsonArtifact(name, value);
    },
  };
  before(async () => {
    h.server = await startServer({ sites: await loadSites() });
    h.browser = await launchDriver({
      server: h.server,
      onConsole: (type, text) => {
        const line = `${type}: ${text}`;
        h.swLog.push(line);
        if (type === 'error') h.swErrors.push(line);
      },
      launch: opts.launch,
    });
    // The extension-network watch is CDP (Chromium); in Firefox the fixture proxy sees every request, and
    // no-network.test.mjs (Chromium) holds the rule for the shared code.
    if (h.name === 'chromium') h.net = await watchExtensionNetwork(h.browser);
    if (opts.warm !== false) {
      try {
        await warmUp(h.browser);
      } catch (err) {
        // Keep what the worker said and what it stored: a silent worker is otherwise undiagnosable.
        const db = await readDb(h.browser).catch((e) => String(e));
        err.message += ` (diagnostics: ${writeJsonArtifact(`warmup-failure-${Date.now()}`, { swLog: h.swLog, db })})`;
        throw err;
      }
    }
  });
  after(async () => {
    const leaked = [...(h.net?.requests ?? [])];
    await h.net?.stop();
    await h.browser?.close();
    await h.server?.close();
    // Every file guards the no-network rule; the dedicated test only adds more pages to the watch.
    if (leaked.length) {
      h.dump(`network-violation-${Date.now()}`, leaked);
      throw new Error(`The extension made network requests: ${leaked.map((r) => r.url).join(', ')}`);
    }
  });
  return h;
}
