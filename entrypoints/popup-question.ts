// A classic script in the popup's head: it asks for the popup's first answer while the popup's modules load.
import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { askTab } from './popup/first-question';

export default defineUnlistedScript(() => {
  const asking = askTab(browser);
  // The popup handles a failure where it renders it; this keeps it from being reported as unhandled meanwhile.
  asking.catch(() => undefined);
  globalThis.__cookieInspectorFirstQuestion = asking;
});
