// The browser-driver abstraction shared by the Chromium and Firefox suites: one launch function and one
// handle shape, so a test file runs unchanged in both browsers (`E2E_BROWSER=firefox` picks Firefox).
// Chromium is Playwright; Firefox is puppeteer-core over WebDriver BiDi behind a Playwright-like page facade.
import { extensionWorker, launchWithExtension } from './launch.mjs';
import { launchFirefox } from './firefox.mjs';
import { firefoxContext } from './firefox-page.mjs';
import { startProxy } from './proxy.mjs';

/** Browser this test process drives: `chromium` (default) or `firefox`. */
export const BROWSER = process.env.E2E_BROWSER === 'firefox' ? 'firefox' : 'chromium';
export const isFirefox = BROWSER === 'firefox';

/**
 * Launches the browser with the built extension against the fixture server.
 * Both handles have `name`, `context` (Playwright BrowserContext, or its Firefox facade), `extensionId`,
 * `extensionUrl(path)`, `evaluate(fn, arg)` (runs `fn(api, arg)` in an extension context, `api` being the
 * promise-based `chrome`/`browser` namespace) and `close()`. Chromium's handle keeps `sw` (the worker).
 * @param {{ server: { resolverRules: string, httpPort: number, httpsPort: number },
 *   onConsole?: (type: string, text: string) => void, launch?: object }} opts
 */
export async function launchDriver({ server, onConsole, launch = {} }) {
  if (isFirefox) return launchFirefoxDriver({ server, onConsole, launch });
  const b = await launchWithExtension({
    hostResolverRules: server.resolverRules,
    onWorkerConsole: onConsole && ((m) => onConsole(m.type(), m.text())),
    ...launch,
  });
  return Object.assign(b, {
    name: 'chromium',
    extensionUrl: (p) => `chrome-extension://${b.extensionId}/${p}`,
    evaluate: (fn, arg) => evalInExtension(b, fn, arg),
  });
}

async function launchFirefoxDriver({ server, onConsole, launch }) {
  const proxy = await startProxy(server);
  let ff;
  try {
    ff = await launchFirefox({ proxyPort: proxy.port, ...launch });
  } catch (err) {
    await proxy.close();
    throw err;
  }
  const extensionUrl = (p) => `moz-extension://${ff.extensionId}/${p}`;
  const context = firefoxContext(ff.browser, { downloadDir: ff.downloadDir });
  // A persistent background page is not reachable over BiDi, so an extension page of our own answers
  // the test's questions (same origin: same IndexedDB, same APIs).
  let probe;
  const probePage = async () => {
    if (probe && !probe.isClosed()) return probe;
    probe = await context.newPage();
    await probe.goto(extensionUrl('options.html'));
    return probe;
  };
  const handle = {
    name: 'firefox',
    browser: ff.browser,
    context,
    extensionId: ff.extensionId,
    sw: undefined,
    extensionUrl,
    async evaluate(fn, arg) {
      const page = await probePage();
      return page.raw.evaluate(`(${fn})(browser, ${JSON.stringify(arg ?? null)})`);
    },
    async close() {
      await ff.close();
      await proxy.close();
    },
  };
  void onConsole; // Firefox's background console is only on stdout (dumpio), not a per-message event.
  await probePage();
  return handle;
}

/**
 * Runs `fn(api, arg)` in the extension: Chromium's service worker, or the Firefox handle's extension page.
 * `fn` is serialised, so it may use only its parameters.
 * @param {{ name?: string, context: object, evaluate?: Function }} browser
 */
export async function evalInExtension(browser, fn, arg) {
  if (browser.name === 'firefox') return browser.evaluate(fn, arg);
  const sw = await extensionWorker(browser.context);
  return sw.evaluate(`(${fn})(chrome, ${JSON.stringify(arg ?? null)})`);
}
