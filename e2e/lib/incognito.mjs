// Chromium incognito windows for the E2E: the extension allowed in incognito, a private window opened, navigated
// and closed from the extension's worker.
import { waitFor } from './db.mjs';
import { evalInExtension } from './driver.mjs';
import { extensionWorker } from './launch.mjs';

/**
 * Allows the extension in incognito ("Allow in Incognito" on its chrome://extensions page), as a user does, and
 * resolves once the reloaded extension's worker says it is allowed. Chromium only; a no-op when already allowed.
 *
 * How, and why this way:
 * - An extension loaded with `--load-extension` is not allowed in incognito. Switching it on reloads the extension.
 *   With developer mode off, that reload leaves the unpacked extension disabled (seen in Chromium 156: state
 *   DISABLED, `disableReasons.unsupportedDeveloperExtension`, no worker ever again), although the command line's
 *   own load needs no developer mode. So developer mode is switched on first, through the page's own
 *   `chrome.developerPrivate.updateProfileConfiguration` (what its toolbar toggle calls).
 * - The toggle is `#allow-incognito` in `extensions-detail-view`, inside the WebUI's open shadow roots, which
 *   Playwright's CSS selectors pierce.
 * - The reload stops the service worker and starts a new one: `browser.sw` (and any Worker handle kept by the
 *   test) is then closed. Everything here, and evalInExtension, asks `extensionWorker(context)` for the current
 *   one. Its listeners are live once it answers; run a warm-up (warmup.mjs) with URLs of its own afterwards
 *   before relying on recordings. storage.session is emptied by the reload; IndexedDB and storage.local stay.
 * - Seeding the profile instead also works in this Chromium (checked: `extensions.settings.<id>.incognito: true`
 *   in `Default/Preferences` before launch, the id being the first 32 hex digits of SHA-256 of the extension's
 *   absolute path, mapped 0-f to a-p; no MAC is enforced for it here). It is not used: it needs a profile made
 *   before launch and relies on unprotected preferences, where the page is what users use.
 * The extension's manifest has no `incognito` key, so it runs "spanning": one worker and one storage.local for
 * both kinds of window; tabs report `incognito: true`, and the incognito tab's cookies are a separate store.
 * @param {{ context: import('playwright-core').BrowserContext, extensionId: string }} browser
 * @param {{ timeout?: number }} [opts]
 */
export async function allowInIncognito(browser, { timeout = 60_000 } = {}) {
  if (await isAllowed(browser).catch(() => false)) return;
  const page = await browser.context.newPage();
  try {
    await page.goto(`chrome://extensions/?id=${browser.extensionId}`);
    await page.evaluate(() => chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }));
    const toggle = page.locator('extensions-detail-view #allow-incognito cr-toggle');
    await toggle.waitFor({ timeout });
    if ((await toggle.getAttribute('checked')) === null) await toggle.click();
    // The old worker may still answer (false) for a moment, then closes; the new one answers true.
    await waitFor(
      async () => {
        if (await isAllowed(browser)) return true;
        // Not yet reloaded, or the click was lost on a page still rendering: make sure the setting is asked for.
        const info = await page.evaluate(
          (id) => chrome.developerPrivate.getExtensionInfo(id),
          browser.extensionId,
        );
        if (!info.incognitoAccess.isActive) await toggle.click();
        return false;
      },
      { timeout, interval: 250, message: 'the extension reloaded and allowed in incognito' },
    );
  } finally {
    await page.close().catch(() => {});
  }
}

/** Whether the extension's current worker (waited for briefly: it may be restarting) is allowed in incognito. */
async function isAllowed(browser) {
  const sw = await extensionWorker(browser.context, 5_000);
  return sw.evaluate(() => chrome.extension.isAllowedIncognitoAccess());
}

/**
 * Opens an incognito window with one `about:blank` tab (`chrome.windows.create` from the worker; the extension
 * must be allowed in incognito, or Chromium refuses). The tab is navigated with navigateTab, so the extension has
 * seen it created (its incognito flag comes from tabs.onCreated) before the page loads.
 * Playwright's persistent context does list the incognito tab's page in `context.pages()` (seen with 1.65, though
 * it is another browser context), but the tests drive it from the extension only: a Playwright evaluate in the
 * page would be a user gesture, and the scenarios are about what a site does with no visitor input.
 * @param {{ timeout?: number }} [opts]
 * @returns {Promise<{ windowId: number, tabId: number }>}
 */
export async function openIncognitoWindow(browser, { timeout = 30_000 } = {}) {
  const win = await evalInExtension(browser, (api) =>
    api.windows.create({ incognito: true, url: 'about:blank' }),
  );
  if (!win?.incognito || !win.tabs?.length) throw new Error(`No incognito window: ${JSON.stringify(win)}`);
  const tabId = win.tabs[0].id;
  // A navigation asked for while the blank tab still loads can be lost (the tab then stays "unloaded").
  await waitFor(
    async () => (await evalInExtension(browser, (api, id) => api.tabs.get(id), tabId)).status === 'complete',
    { timeout, message: `the incognito window's blank tab ${tabId} loaded` },
  );
  return { windowId: win.id, tabId };
}

/**
 * Loads `url` in the tab (`chrome.tabs.update` from the worker) and waits until the tab shows it, loaded.
 * @returns {Promise<object>} the tab (`chrome.tabs.Tab`)
 */
export async function navigateTab(browser, tabId, url, { timeout = 30_000 } = {}) {
  const go = () =>
    evalInExtension(browser, (api, { tabId, url }) => api.tabs.update(tabId, { url }), { tabId, url });
  await go();
  let tab;
  let askedAt = Date.now();
  return waitFor(
    async () => {
      tab = await evalInExtension(browser, (api, id) => api.tabs.get(id), tabId);
      if (tab.url === url && tab.status === 'complete') return tab;
      // Asked again only if the tab shows no sign of it after 5 s (so one load is one visit).
      if (tab.url !== url && tab.pendingUrl !== url && Date.now() - askedAt > 5_000) {
        askedAt = Date.now();
        await go();
      }
      return null;
    },
    {
      timeout,
      message: () =>
        `tab ${tabId} loaded ${url} (last: ${tab ? `${tab.status} ${tab.url ?? tab.pendingUrl}` : 'none'})`,
    },
  );
}

/** Closes the window (`chrome.windows.remove`) and waits until the extension no longer lists it. */
export async function closeWindow(browser, windowId, { timeout = 30_000 } = {}) {
  await evalInExtension(browser, (api, id) => api.windows.remove(id), windowId).catch(() => {});
  await waitFor(
    async () => {
      const wins = await evalInExtension(browser, (api) => api.windows.getAll());
      return !wins.some((w) => w.id === windowId);
    },
    { timeout, message: `window ${windowId} closed` },
  );
}

/** Everything in one of the extension's storage areas (`local` or `session`), or the given keys of it. */
export async function extensionStorage(browser, area, keys = null) {
  return evalInExtension(browser, (api, { area, keys }) => api.storage[area].get(keys), { area, keys });
}
