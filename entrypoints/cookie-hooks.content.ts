import { defineContentScript } from 'wxt/utils/define-content-script';
import { PAGE_SOURCE, scriptFromStack } from '@/lib/page-bridge';
import type { CookieWrite } from '@/lib/messages';

/**
 * Main world, document_start: reports document.cookie writes and cookieStore.set calls with the script that
 * made them, so a first-party `_cio` can be shown as set by assets.customer.io. Never throws into the page.
 */
export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_start',
  world: 'MAIN',
  main() {
    const MAX_TEXT = 8192;
    const report = (write: CookieWrite) => {
      window.postMessage(
        { source: PAGE_SOURCE, message: { type: 'cookieWrites', args: { writes: [write] } } },
        '*',
      );
    };
    const nameOf = (text: string) => text.split(';', 1)[0]!.split('=', 1)[0]!.trim();

    try {
      const desc = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
      if (desc?.get && desc.set) {
        const { get, set } = desc;
        Object.defineProperty(Document.prototype, 'cookie', {
          configurable: true,
          enumerable: desc.enumerable,
          get() {
            return get.call(this);
          },
          set(value: unknown) {
            try {
              const text = String(value).slice(0, MAX_TEXT);
              report({
                api: 'document.cookie',
                text,
                name: nameOf(text),
                scriptUrl: scriptFromStack(new Error().stack),
                at: Date.now(),
              });
            } catch {
              // Reporting must never break the page's own write.
            }
            set.call(this, value);
          },
        });
      }
    } catch {
      // A page that froze Document.prototype keeps working; its writes still show via cookies.onChanged.
    }

    try {
      const store = (globalThis as any).CookieStore?.prototype;
      const original = store?.set;
      if (typeof original === 'function') {
        store.set = function (this: unknown, ...args: unknown[]) {
          try {
            const [a, b] = args;
            const opts = (typeof a === 'object' && a !== null ? a : { name: a, value: b }) as Record<
              string,
              unknown
            >;
            const parts = [`${String(opts.name ?? '')}=${String(opts.value ?? '')}`];
            if (opts.domain) parts.push(`Domain=${String(opts.domain)}`);
            if (opts.path) parts.push(`Path=${String(opts.path)}`);
            if (typeof opts.expires === 'number')
              parts.push(`Expires=${new Date(opts.expires).toUTCString()}`);
            const text = parts.join('; ').slice(0, MAX_TEXT);
            report({
              api: 'cookieStore',
              text,
              name: String(opts.name ?? ''),
              scriptUrl: scriptFromStack(new Error().stack),
              at: Date.now(),
            });
          } catch {
            // As above: never interfere with the page.
          }
          return original.apply(this, args);
        };
      }
    } catch {
      // cookieStore is optional (Chromium only).
    }
  },
});
