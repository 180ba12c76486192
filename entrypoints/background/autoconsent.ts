import { browser } from 'wxt/browser';
import { evalSnippets } from '@duckduckgo/autoconsent';
import { autoconsentReply, evalReply, isAutoconsentForward } from '@/lib/consent/autoconsent-protocol';
import { isClickRuleRequest } from '@/lib/consent/click-protocol';
import { clickRuleFor } from '@/lib/consent/click-rule-lookup';

/**
 * The background half of autoconsent (detection only; opt-out happens only when an audit asks for it).
 * `init` answers the rules for the sender's URL; `eval` runs one of autoconsent's named snippets (never free
 * code) in the sender frame's main world through the scripting API. `autoconsent:clickRule` answers the
 * detected rule's button selectors, so the content script can classify the visitor's clicks.
 */
async function handle(message: unknown, sender: any): Promise<unknown> {
  if (!isAutoconsentForward(message) || sender.tab?.id === undefined) return undefined;
  const action = autoconsentReply(message, {
    url: String(sender.url ?? ''),
    mainFrame: sender.frameId === 0,
  });
  if (action.kind === 'reply') return action.reply;
  if (action.kind !== 'eval') return undefined;
  const func = (evalSnippets as Record<string, () => unknown>)[action.snippetId]!;
  const results = await browser.scripting
    .executeScript({
      target: { tabId: sender.tab.id, frameIds: [sender.frameId ?? 0] },
      world: 'MAIN',
      func,
    } as any)
    .catch(() => []);
  return evalReply(action.id, results[0]?.result);
}

export function registerAutoconsent(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: any) => {
    if (sender.id !== browser.runtime.id) return undefined;
    if (isClickRuleRequest(message)) return Promise.resolve(clickRuleFor(message.cmp));
    if (!isAutoconsentForward(message)) return undefined;
    return handle(message, sender);
  });
}
