// Launches Chromium with the unpacked extension; shared by the E2E tests and the headless batch-audit CLI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

/** Default unpacked build (`npm run build`). */
export const DEFAULT_EXTENSION_PATH = path.resolve(import.meta.dirname, '../../.output/chrome-mv3');

/** Flags that keep Chromium quiet and offline apart from the pages we load. */
export const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--metrics-recording-only',
];

/**
 * Seeds a fresh profile so third-party cookies are allowed (Chromium blocks them by default,
 * and only this preference turns that off; see toolchain.md).
 */
export function seedProfile(userDataDir) {
  const prefs = path.join(userDataDir, 'Default', 'Preferences');
  if (fs.existsSync(prefs)) return;
  fs.mkdirSync(path.dirname(prefs), { recursive: true });
  fs.writeFileSync(prefs, JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
}

/**
 * Starts Chromium with the extension loaded and waits until its service worker answers.
 * @param {object} [opts]
 * @param {string} [opts.extensionPath] unpacked MV3 folder (default: $E2E_EXTENSION_PATH, else .output/chrome-mv3)
 * @param {boolean} [opts.headless]
 * @param {string} [opts.userDataDir] profile folder; a fresh temp folder (removed on close) when omitted
 * @param {string|null} [opts.hostResolverRules] `--host-resolver-rules` value; null = real DNS
 * @param {boolean} [opts.ignoreCertificateErrors] accept self-signed certificates (default true: the test
 *   fixtures use one; the batch-audit CLI passes false unless asked, so real audits check certificates)
 * @param {string[]} [opts.extraArgs] more Chromium flags
 * @param {object} [opts.contextOptions] more Playwright launchPersistentContext options (viewport, …)
 * @param {(msg: import('playwright-core').ConsoleMessage) => void} [opts.onWorkerConsole]
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, sw: import('playwright-core').Worker,
 *   extensionId: string, userDataDir: string, close(): Promise<void> }>}
 */
export async function launchWithExtension(opts = {}) {
  const extensionPath = path.resolve(
    opts.extensionPath ?? process.env.E2E_EXTENSION_PATH ?? DEFAULT_EXTENSION_PATH,
  );
  if (!fs.existsSync(path.join(extensionPath, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionPath} (run \`npm run build\` first)`);
  }
  const ownDir = !opts.userDataDir;
  const userDataDir = opts.userDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ci-profile-'));
  seedProfile(userDataDir);
  const ignoreCerts = opts.ignoreCertificateErrors ?? true;
  const rules = opts.hostResolverRules === undefined ? 'MAP * 127.0.0.1' : opts.hostResolverRules;
  const args = [
    ...BASE_ARGS,
    // Playwright adds --disable-extensions by default; this pair is what re-enables ours.
    `--disable-extensions-except=${extensionPath}`,
    `--load-extension=${extensionPath}`,
    // One argv element, unquoted: quotes would become part of the rule.
    ...(rules ? [`--host-resolver-rules=${rules}`] : []),
    ...(ignoreCerts ? ['--ignore-certificate-errors'] : []),
    ...(opts.extraArgs ?? []),
  ];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: opts.headless ?? true,
    ignoreHTTPSErrors: ignoreCerts,
    args,
    ...opts.contextOptions,
  });
  const close = async () => {
    await context.close().catch(() => {});
    // Chromium may still be flushing the profile right after close.
    if (ownDir) fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };
  try {
    const sw = await extensionWorker(context);
    if (opts.onWorkerConsole) {
      sw.on('console', opts.onWorkerConsole);
      context.on(
        'serviceworker',
        (w) => w.url().startsWith('chrome-extension://') && w.on('console', opts.onWorkerConsole),
      );
    }
    // A round trip proves the worker runs; listeners registered at its top level are live after this.
    await sw.evaluate(() => true);
    return { context, sw, extensionId: new URL(sw.url()).host, userDataDir, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * The extension's current service worker (it changes after the browser stops and restarts it).
 * @param {import('playwright-core').BrowserContext} context
 * @param {number} [timeout]
 */
export async function extensionWorker(context, timeout = 15_000) {
  const live = context.serviceWorkers().filter((w) => w.url().startsWith('chrome-extension://'));
  if (live.length) return live[live.length - 1];
  return context.waitForEvent('serviceworker', {
    predicate: (w) => w.url().startsWith('chrome-extension://'),
    timeout,
  });
}
