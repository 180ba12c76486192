import AutoConsent from '@duckduckgo/autoconsent';
import type { BackgroundMessage, ContentScriptMessage } from '@duckduckgo/autoconsent';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import {
  AUTOCONSENT_FORWARD,
  AUTOCONSENT_OPT_OUT,
  routeAutoconsentMessage,
  toolFromCmpName,
} from '@/lib/consent/autoconsent-protocol';
import type { ConsentToolSeen } from '@/lib/messages';

/**
 * Isolated world, top frame: runs autoconsent (MPL-2.0) to see which consent tool the page uses and
 * whether its banner is up. Observe only: the config from the background disables clicks and hiding.
 * The background can ask for an opt-out with `{ type: 'autoconsent:optOut' }` (tabs.sendMessage).
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  main() {
    let consent: AutoConsent | null = null;
    const reported = new Set<string>();

    const reportSeen = (cmp: string, bannerShown: boolean): void => {
      const tool = toolFromCmpName(cmp);
      const key = `${tool}|${bannerShown}`;
      if (reported.has(key)) return;
      reported.add(key);
      const args: ConsentToolSeen = { tool, bannerShown, at: Date.now() };
      browser.runtime.sendMessage({ type: 'consentToolSeen', args }).catch(() => undefined);
    };

    const send = async (message: ContentScriptMessage): Promise<void> => {
      const route = routeAutoconsentMessage(message);
      if (route === 'seen' && (message.type === 'cmpDetected' || message.type === 'popupFound')) {
        reportSeen(message.cmp, message.type === 'popupFound');
        return;
      }
      if (route !== 'background') return;
      const reply = (await browser.runtime
        .sendMessage({ type: AUTOCONSENT_FORWARD, message })
        .catch(() => null)) as BackgroundMessage | null | undefined;
      // Only the two answers we asked for; anything else from the background is ignored.
      if (reply && (reply.type === 'initResp' || reply.type === 'evalResp'))
        await consent?.receiveMessageCallback(reply);
    };

    try {
      // The constructor sends 'init' at once; its answer arrives after `consent` is assigned.
      consent = new AutoConsent(send);
    } catch {
      return;
    }

    browser.runtime.onMessage.addListener((message: unknown) => {
      if ((message as { type?: unknown } | null)?.type !== AUTOCONSENT_OPT_OUT || !consent) return undefined;
      return consent.doOptOut().then(
        (ok) => ({ ok, cmp: consent?.foundCmp?.name ?? null }),
        () => ({ ok: false, cmp: null }),
      );
    });
  },
});
