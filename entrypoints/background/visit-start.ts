// Where a tab's visits begin: new visits (with the tab's incognito flag) and recovery of a tab that has none.
// Its own module so navigation.ts and web-request.ts both use it without importing each other.
import { browser } from 'wxt/browser';
import type { PageVisit } from '@/lib/findings';
import { newVisit, onCommit } from '@/lib/tab-state';
import { getTab, setTab } from './session';
import { saveVisit } from './writer';
import { currentDatabase } from './context';

/** Tabs known to be incognito (tabs.onCreated / startup query); webNavigation events do not say. */
const incognitoTabs = new Set<number>();

export function markIncognito(tabId: number, incognito: boolean): void {
  if (incognito) incognitoTabs.add(tabId);
}

export function forgetTab(tabId: number): void {
  incognitoTabs.delete(tabId);
}

/** A new visit, stamped with the vendor database its evidence will be classified with (handlers await ready()). */
export function createVisit(tabId: number, url: string, at: number): PageVisit {
  return newVisit(crypto.randomUUID(), tabId, url, at, incognitoTabs.has(tabId), currentDatabase());
}

const recovering = new Map<number, Promise<void>>();

/**
 * A tab with events but no visit: its page was open before the extension started, or the worker died before
 * the tab's state reached storage.session. Start a visit from the tab's current URL rather than drop events.
 */
export async function recoverVisit(tabId: number, at: number): Promise<void> {
  let job = recovering.get(tabId);
  if (!job) {
    job = (async () => {
      const tab = await browser.tabs.get(tabId).catch(() => null);
      if (!tab?.url || !/^https?:/.test(tab.url) || getTab(tabId).current) return;
      markIncognito(tabId, tab.incognito);
      const { state } = onCommit(getTab(tabId), { url: tab.url, at, documentId: null }, () =>
        createVisit(tabId, tab.url!, at),
      );
      setTab(state);
      saveVisit(state.current!.visit);
    })().finally(() => recovering.delete(tabId));
    recovering.set(tabId, job);
  }
  await job;
}
