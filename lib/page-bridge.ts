/** The envelope main-world scripts post to the isolated-world bridge (window.postMessage). */
import { isMessage, type Message } from './messages';

export const PAGE_SOURCE = 'cookie-inspector-page';
/** Only these may come from the page's world; everything else is for extension pages. */
const FROM_PAGE = new Set(['cookieWrites', 'pageConsent']);

/**
 * Validates a window message. Page scripts can forge these (the page is the thing under audit), so the
 * background treats them as the page's own claims, never as commands.
 */
export function messageFromPage(data: unknown): Message | null {
  if (typeof data !== 'object' || data === null) return null;
  const { source, message } = data as { source?: unknown; message?: unknown };
  if (source !== PAGE_SOURCE || !isMessage(message) || !FROM_PAGE.has(message.type)) return null;
  return message;
}

/** First http(s) script URL in a stack trace that is not an extension's: who wrote the cookie. */
export function scriptFromStack(stack: string | undefined): string | null {
  if (!stack) return null;
  const match = /\b(https?:\/\/[^\s()'"]+?)(?::\d+){1,2}\)?(?:\s|$)/m.exec(stack);
  return match ? match[1]! : null;
}
