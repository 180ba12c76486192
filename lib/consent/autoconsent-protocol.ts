/**
 * The background half of @duckduckgo/autoconsent (MPL-2.0), as pure functions. Our content script
 * (entrypoints/consent.content.ts) runs AutoConsent for detection only: no clicks, no pre-hiding, no
 * cosmetic hiding. It forwards two of AutoConsent's messages to the background and feeds the answers back.
 */
import { evalSnippets, filterCompactRules } from '@duckduckgo/autoconsent';
import type {
  Config,
  ContentScriptMessage,
  EvalResponseMessage,
  InitResponseMessage,
} from '@duckduckgo/autoconsent';
import compactRules from '@duckduckgo/autoconsent/rules/compact-rules.json';
import { consentToolForRule, idFromRuleName } from './tools';

/** Envelope for AutoConsent messages between our content script and the background (not in Protocol). */
export const AUTOCONSENT_FORWARD = 'autoconsent:forward';
/** Background → content script (tabs.sendMessage): run autoconsent's opt-out on the detected banner. */
export const AUTOCONSENT_OPT_OUT = 'autoconsent:optOut';

export interface AutoconsentForward {
  type: typeof AUTOCONSENT_FORWARD;
  message: { type: 'init'; url: string } | { type: 'eval'; id: string; code: string; snippetId?: string };
}

/** Observe only: never click, never hide the page's banner, never run heuristics or cosmetic rules. */
export const AUTOCONSENT_CONFIG: Partial<Config> = {
  enabled: true,
  autoAction: null,
  enablePrehide: false,
  enableCosmeticRules: false,
  enableGeneratedRules: true,
  enableHeuristicDetection: false,
  heuristicMode: 'off',
  enablePopupMutationObserver: false,
  detectRetries: 20,
  isMainWorld: false,
  visualTest: false,
  logs: {
    lifecycle: false,
    rulesteps: false,
    detectionsteps: false,
    evals: false,
    errors: false,
    messages: false,
    waits: false,
  },
};

/** What the content script does with a message AutoConsent wants to send. */
export function routeAutoconsentMessage(message: ContentScriptMessage): 'background' | 'seen' | 'drop' {
  if (message.type === 'init' || message.type === 'eval') return 'background';
  if (message.type === 'cmpDetected' || message.type === 'popupFound') return 'seen';
  return 'drop';
}

/** Type guard for the envelope, for the background's onMessage listener. */
export function isAutoconsentForward(value: unknown): value is AutoconsentForward {
  if (typeof value !== 'object' || value === null) return false;
  const { type, message } = value as { type?: unknown; message?: { type?: unknown } };
  return (
    type === AUTOCONSENT_FORWARD &&
    typeof message === 'object' &&
    message !== null &&
    (message.type === 'init' || message.type === 'eval')
  );
}

/** What the background must do with a forwarded message. */
export type AutoconsentAction =
  | { kind: 'reply'; reply: InitResponseMessage }
  /** Run `evalSnippets[snippetId]` in the sender frame's MAIN world, then answer `evalReply(id, result)`. */
  | { kind: 'eval'; id: string; snippetId: string }
  | { kind: 'ignore' };

/**
 * Decides the background's answer. `init` → the rules that can apply to the sender's URL and frame,
 * with our observe-only config. `eval` → a main-world evaluation of one of autoconsent's named snippets
 * (never the free-form `code`, which the page could influence).
 */
export function autoconsentReply(
  forward: AutoconsentForward,
  sender: { url: string; mainFrame: boolean },
  rules: Parameters<typeof filterCompactRules>[0] = compactRules as Parameters<typeof filterCompactRules>[0],
): AutoconsentAction {
  const message = forward.message;
  if (message.type === 'init') {
    const compact = filterCompactRules(rules, { url: sender.url, mainFrame: sender.mainFrame });
    return {
      kind: 'reply',
      reply: { type: 'initResp', rules: { autoconsent: [], compact }, config: AUTOCONSENT_CONFIG as Config },
    };
  }
  if (
    message.type === 'eval' &&
    typeof message.snippetId === 'string' &&
    Object.hasOwn(evalSnippets, message.snippetId)
  ) {
    return { kind: 'eval', id: message.id, snippetId: message.snippetId };
  }
  return { kind: 'ignore' };
}

/** The answer to an `eval` once the background ran the snippet (false when it failed). */
export function evalReply(id: string, result: unknown): EvalResponseMessage {
  return { type: 'evalResp', id, result: result === true };
}

/**
 * autoconsent rule name → our tool id (tools.ts registry, else a cleaned-up id), so the timeline treats
 * them as the cookie parsers' tools. Prefer `identifyTool` when the page's own evidence is at hand.
 */
export function toolFromCmpName(cmp: string): string {
  return consentToolForRule(cmp) ?? (idFromRuleName(cmp) || 'unknown');
}
