// Small helpers that ask the extension's service worker about tabs and cookies.
import { extensionWorker } from './launch.mjs';

/** Tab id of the tab whose URL matches `pattern` (a chrome.tabs.query match pattern). */
export async function tabIdFor(browser, pattern) {
  const sw = await extensionWorker(browser.context);
  const tabs = await sw.evaluate((url) => chrome.tabs.query({ url }), pattern);
  if (tabs.length !== 1) throw new Error(`Expected one tab matching ${pattern}, found ${tabs.length}`);
  return tabs[0].id;
}

/** The browser's cookie jar as the extension sees it (chrome.cookies.getAll). */
export async function jarCookies(browser, filter = {}) {
  const sw = await extensionWorker(browser.context);
  return sw.evaluate((f) => chrome.cookies.getAll(f), filter);
}
