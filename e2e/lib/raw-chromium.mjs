// Chromium with the built extension and no DevTools client on its pages while they load. Playwright attaches to
// every page it sees and sets up its own script worlds there before the page runs, which adds tens of milliseconds
// to an extension page's start; a user's popup has none of that. Pages are opened over the DevTools protocol and
// attached to only afterwards, to read what they recorded (performance marks).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { BASE_ARGS, DEFAULT_EXTENSION_PATH, seedProfile } from './launch.mjs';

/** @returns {Promise<{ extensionId: string, open: Function, evaluate: Function, evaluateInWorker: Function, closePage: Function, close: Function }>} */
export async function launchRawChromium({ hostResolverRules, port = 9333 } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-raw-'));
  seedProfile(dir);
  const ext = path.resolve(process.env.E2E_EXTENSION_PATH ?? DEFAULT_EXTENSION_PATH);
  const proc = spawn(
    process.env.CHROME_PATH || '/usr/bin/chromium',
    [
      ...BASE_ARGS,
      '--headless=new',
      `--user-data-dir=${dir}`,
      `--remote-debugging-port=${port}`,
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      ...(hostResolverRules ? [`--host-resolver-rules=${hostResolverRules}`] : []),
      '--ignore-certificate-errors',
      'about:blank',
    ],
    // Its own process group, so closing ends its helper processes too (they write to the profile).
    { stdio: 'ignore', detached: true },
  );
  const close = async () => {
    ws?.close();
    const exited = new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
    try {
      process.kill(-proc.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    await exited;
    // A figure measured is not lost to a profile a late helper process still writes to.
    try {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
    } catch (err) {
      console.error(`raw Chromium: could not remove ${dir}: ${err.message}`);
    }
  };
  let ws;
  try {
    let version = null;
    for (let i = 0; i < 150 && !version; i++) {
      await sleep(200);
      version = await fetch(`http://127.0.0.1:${port}/json/version`)
        .then((r) => r.json())
        .catch(() => null);
    }
    if (!version) throw new Error('raw Chromium: no DevTools endpoint after 30 s');
    ws = new WebSocket(version.webSocketDebuggerUrl, { maxPayload: 1 << 30 });
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    let lastId = 0;
    const pending = new Map();
    ws.on('message', (m) => {
      const d = JSON.parse(m);
      if (!d.id || !pending.has(d.id)) return;
      pending.get(d.id)(d);
      pending.delete(d.id);
    });
    const cdp = (method, params = {}, sessionId) =>
      new Promise((resolve, reject) => {
        const id = ++lastId;
        pending.set(id, (d) =>
          d.error ? reject(new Error(`${method}: ${d.error.message}`)) : resolve(d.result),
        );
        ws.send(JSON.stringify({ id, method, params, sessionId }));
      });
    /** Runs `fn(arg)` in a target (attached only for this call; `fn` a function or its source) and returns its JSON result. */
    const evaluate = async (targetId, fn, arg) => {
      const { sessionId } = await cdp('Target.attachToTarget', { targetId, flatten: true });
      try {
        const r = await cdp(
          'Runtime.evaluate',
          { expression: `(${fn})(${JSON.stringify(arg)})`, awaitPromise: true, returnByValue: true },
          sessionId,
        );
        if (r.exceptionDetails) throw new Error(`evaluate: ${r.exceptionDetails.exception?.description}`);
        return r.result.value;
      } finally {
        await cdp('Target.detachFromTarget', { sessionId }).catch(() => {});
      }
    };
    let worker = null;
    for (let i = 0; i < 100 && !worker; i++) {
      await sleep(200);
      worker = (await cdp('Target.getTargets')).targetInfos.find(
        (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
      );
    }
    if (!worker) throw new Error("raw Chromium: the extension's service worker did not start");
    const extensionId = new URL(worker.url).host;
    return {
      extensionId,
      open: async (url) => (await cdp('Target.createTarget', { url })).targetId,
      evaluate,
      // The worker a popup wakes may be a new one after a restart: look it up each time.
      evaluateInWorker: async (fn, arg) => {
        const sw = (await cdp('Target.getTargets')).targetInfos.find(
          (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
        );
        if (!sw) throw new Error("raw Chromium: the extension's service worker is not running");
        return evaluate(sw.targetId, fn, arg);
      },
      closePage: (targetId) => cdp('Target.closeTarget', { targetId }),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
