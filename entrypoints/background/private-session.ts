import { browser } from 'wxt/browser';
import { ready } from './context';
import { forgetEndedPrivateSession } from './memories';

/**
 * A private session ends when its last window closes, and its cookie store with it: what the background remembered
 * of that store goes too (memories.ts). Registered at worker start; a worker not running then is woken for it.
 */
export function registerPrivateSessionEnd(): void {
  browser.windows?.onRemoved.addListener(async () => {
    await ready();
    await forgetEndedPrivateSession();
  });
}
