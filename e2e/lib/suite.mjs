// One fixture server and one browser per test file, with artifacts and service-worker error capture.
import fs from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import { loadSites } from '../fixtures/index.mjs';
import { ARTIFACTS_DIR, writeJsonArtifact } from './artifacts.mjs';
import { readDb } from './db.mjs';
import { launchWithExtension } from './launch.mjs';
import { watchExtensionNetwork } from './net-watch.mjs';
import { startServer } from './server.mjs';
import { warmUp } from './warmup.mjs';

/**
 * Registers before/after hooks in the calling test file and returns a handle filled in by `before`.
 * @param {{ warm?: boolean, launch?: object }} [opts] warm: run the warm-up (default true)
 */
export function useBrowser(opts = {}) {
  const h = {
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
    h.browser = await launchWithExtension({
      hostResolverRules: h.server.resolverRules,
      onWorkerConsole: (m) => {
        const line = `${m.type()}: ${m.text()}`;
        h.swLog.push(line);
        if (m.type() === 'error') h.swErrors.push(line);
      },
      ...opts.launch,
    });
    h.net = await watchExtensionNetwork(h.browser);
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
