import { defineContentScript } from 'wxt/utils/define-content-script';
import { signalFromNavigatorGpc } from '@/lib/consent/gpc';
import { signalFromGppPing } from '@/lib/consent/gpp';
import { signalFromTcData } from '@/lib/consent/tcf';
import type { ConsentSignal } from '@/lib/consent/types';
import { PAGE_SOURCE } from '@/lib/page-bridge';

/**
 * Main world, top frame, document_start: listens to the page's IAB CMP APIs (`__tcfapi`, `__gpp`) and reads
 * `navigator.globalPrivacyControl`. Cannot reach extension APIs, so it posts to the isolated-world bridge.
 * Everything is wrapped: this script must never throw into, or change the behaviour of, the page.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  world: 'MAIN',
  main() {
    const POLL_MS = 250;
    const POLL_TRIES = 60; // CMP stubs usually appear in the first seconds; stop looking after 15 s
    let lastRaw = '';

    const post = (signal: ConsentSignal | null): void => {
      if (!signal) return;
      const key = `${signal.tool}|${signal.state}|${signal.raw}`;
      if (key === lastRaw) return;
      lastRaw = key;
      try {
        window.postMessage(
          { source: PAGE_SOURCE, message: { type: 'consentSignal', args: { signal, at: Date.now() } } },
          '*',
        );
      } catch {
        // postMessage can only fail on uncloneable data; a signal is plain JSON.
      }
    };

    try {
      post(
        signalFromNavigatorGpc(
          (navigator as Navigator & { globalPrivacyControl?: unknown }).globalPrivacyControl,
        ),
      );
    } catch {
      // ignore: a page may have replaced navigator
    }

    const w = window as unknown as Record<string, unknown>;
    const hooked = { tcf: false, gpp: false };

    const hookTcf = (): void => {
      const api = w.__tcfapi;
      if (hooked.tcf || typeof api !== 'function') return;
      hooked.tcf = true;
      try {
        api('addEventListener', 2, (tcData: unknown, success: unknown) => {
          try {
            if (success) post(signalFromTcData(tcData as object));
          } catch {
            // a malformed tcData must not surface in the CMP's own callback loop
          }
        });
      } catch {
        // the CMP's stub rejected the call; nothing to observe
      }
    };

    const hookGpp = (): void => {
      const api = w.__gpp;
      if (hooked.gpp || typeof api !== 'function') return;
      hooked.gpp = true;
      try {
        api('addEventListener', (event: unknown, success: unknown) => {
          try {
            const ping = (event as { pingData?: unknown } | null)?.pingData;
            if (success !== false && ping) post(signalFromGppPing(ping as object));
          } catch {
            // ignore malformed events
          }
        });
      } catch {
        // ignore
      }
    };

    let tries = 0;
    const poll = (): void => {
      try {
        hookTcf();
        hookGpp();
      } catch {
        // never throw into the page
      }
      if ((!hooked.tcf || !hooked.gpp) && ++tries < POLL_TRIES) setTimeout(poll, POLL_MS);
    };
    poll();
  },
});
