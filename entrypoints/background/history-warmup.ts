import { browser } from 'wxt/browser';
import { listSites } from '@/lib/store/sites';
import { ready } from './context';

/**
 * An update that changes the derivation (DERIVE_VERSION) or the vendor database makes every stored visit's history
 * cache stale, and the report's site history would then wait for all of them (seconds for a month of browsing).
 * The worker refills them right after the update instead; a history opened meanwhile waits for that one run
 * (listSites takes turns), never a second one.
 */
export function registerHistoryWarmup(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'update') return;
    ready()
      .then(({ db, classifier }) => listSites(db, classifier))
      .catch((e: unknown) => console.error('cannot refill the site history caches', e));
  });
}
