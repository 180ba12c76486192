import { defineContentScript } from 'wxt/utils/define-content-script';
import type { PageConsentReport } from '@/lib/messages';
import { PAGE_SOURCE } from '@/lib/page-bridge';

/**
 * Main world, top frame, document_start: listens to the page's IAB CMP APIs (`__tcfapi`, `__gpp`) and reads
 * `navigator.globalPrivacyControl`. It forwards raw strings only (the TC string, the GPP string, the event
 * status); the background decodes them, so nothing decoded here can be trusted or forged into a choice.
 * Cannot reach extension APIs, so it posts to the isolated-world bridge. Everything is wrapped: this script
 * must never throw into, or change the behaviour of, the page.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  world: 'MAIN',
  main() {
    const POLL_MS = 250;
    const POLL_TRIES = 60; // CMP stubs usually appear in the first seconds; stop looking after 15 s
    const MAX_RAW = 20_000;
    const last: Record<string, string> = {};

    const post = (report: PageConsentReport): void => {
      if (typeof report.raw !== 'string' || report.raw.length > MAX_RAW) return;
      const key = `${report.raw}|${report.eventStatus ?? ''}`;
      if (last[report.api] === key) return;
      last[report.api] = key;
      try {
        window.postMessage({ source: PAGE_SOURCE, message: { type: 'pageConsent', args: report } }, '*');
      } catch {
        // postMessage can only fail on uncloneable data; a report is plain strings.
      }
    };

    try {
      const gpc = (navigator as Navigator & { globalPrivacyControl?: unknown }).globalPrivacyControl;
      if (gpc === true) post({ api: 'gpc', raw: 'true' });
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
            const d = tcData as { tcString?: unknown; eventStatus?: unknown; gdprApplies?: unknown } | null;
            const status = typeof d?.eventStatus === 'string' ? d.eventStatus.slice(0, 64) : undefined;
            // gdprApplies false: the CMP asked nothing, so its string records no visitor choice.
            if (!success || !d || d.gdprApplies === false) return;
            if (status === 'cmpuishown') post({ api: 'tcfapi', raw: '', eventStatus: status });
            else if (typeof d.tcString === 'string' && d.tcString)
              post({ api: 'tcfapi', raw: d.tcString, ...(status && { eventStatus: status }) });
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
            const ping = (event as { pingData?: { gppString?: unknown; cmpDisplayStatus?: unknown } } | null)
              ?.pingData;
            if (success === false || !ping || typeof ping.gppString !== 'string' || !ping.gppString) return;
            const status =
              typeof ping.cmpDisplayStatus === 'string' ? ping.cmpDisplayStatus.slice(0, 64) : undefined;
            post({ api: 'gpp', raw: ping.gppString, ...(status && { eventStatus: status }) });
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
