// Small helpers that ask the extension about tabs and cookies (in Chromium or Firefox).
import { evalInExtension } from './driver.mjs';

/** Tab id of the tab whose URL matches `pattern` (a tabs.query match pattern). */
export async function tabIdFor(browser, pattern) {
  const tabs = await evalInExtension(browser, (api, url) => api.tabs.query({ url }), pattern);
  if (tabs.length !== 1) throw new Error(`Expected one tab matching ${pattern}, found ${tabs.length}`);
  return tabs[0].id;
}

/**
 * The browser's cookie jar as the extension sees it (cookies.getAll). In Firefox, Total Cookie Protection
 * keeps third-party cookies in partitions that getAll only returns with `partitionKey: {}`.
 */
export async function jarCookies(browser, filter = {}) {
  const f =
    browser.name === 'firefox' && !('partitionKey' in filter) ? { ...filter, partitionKey: {} } : filter;
  return evalInExtension(browser, (api, f) => api.cookies.getAll(f), f);
}

/** Toolbar badge text and colour of a tab (`action` in MV3, `browserAction` in Firefox's MV2 build). */
export async function badgeOf(browser, tabId) {
  return evalInExtension(
    browser,
    async (api, tabId) => {
      const action = api.action ?? api.browserAction;
      const [text, color] = await Promise.all([
        action.getBadgeText({ tabId }),
        action.getBadgeBackgroundColor({ tabId }),
      ]);
      return { text, color };
    },
    tabId,
  );
}

/** A new 1100×900 page whose dialogs are dismissed and collected, for the report page's tests. */
export async function reportPage(context) {
  const report = await context.newPage();
  const dialogs = [];
  report.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await report.setViewportSize({ width: 1100, height: 900 });
  return { report, dialogs };
}
