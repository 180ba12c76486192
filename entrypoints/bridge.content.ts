import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { messageFromPage } from '@/lib/page-bridge';

/** Isolated-world relay: main-world scripts cannot reach extension APIs, so they post here. */
export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_start',
  main() {
    window.addEventListener('message', (event) => {
      if (event.source !== window) return;
      const message = messageFromPage(event.data);
      if (message) browser.runtime.sendMessage(message).catch(() => undefined);
    });
  },
});
