import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { messageFromPage } from '@/lib/page-bridge';
import { signalFromStorage } from '@/lib/consent/storage-signals';
import type { ConsentStorageReport } from '@/lib/messages';
import { whenShown } from './shared/shown';

/** Most localStorage keys looked at when reading stored consent choices at document_start. */
const MAX_KEYS = 500;

/**
 * Isolated world, document_start. Relays main-world reports (page provenance: the background treats them as
 * the page's claims) and, before any page script of this document runs, reads the consent choices stored in
 * localStorage: a stored choice found now was made on an earlier visit.
 */
export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_start',
  main() {
    window.addEventListener('message', (event) => {
      if (event.source !== window) return;
      const message = messageFromPage(event.data);
      if (message) whenShown(() => void browser.runtime.sendMessage(message).catch(() => undefined));
    });
    if (window.top !== window) return;
    const readStored = (): void => {
      try {
        const items: ConsentStorageReport['items'] = [];
        const n = Math.min(localStorage.length, MAX_KEYS);
        for (let i = 0; i < n; i++) {
          const key = localStorage.key(i);
          const value = key === null ? null : localStorage.getItem(key);
          if (key !== null && value !== null && value.length <= 16_384 && signalFromStorage(key, value)) {
            items.push({ key, value });
          }
        }
        if (items.length) {
          const args: ConsentStorageReport = { items: items.slice(0, 50), at: Date.now(), initial: true };
          whenShown(
            () => void browser.runtime.sendMessage({ type: 'consentStorage', args }).catch(() => undefined),
          );
        }
      } catch {
        // Storage can be blocked (sandboxed frames, privacy settings): nothing stored to read.
      }
    };
    readStored();
    // A restore from the back/forward cache is a new visit that brings what is stored now (registered before any
    // page script, so read before the page's own pageshow handlers run).
    window.addEventListener('pageshow', (event) => {
      if (event.isTrusted && (event as PageTransitionEvent).persisted) readStored();
    });
  },
});
