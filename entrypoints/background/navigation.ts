import { browser } from 'wxt/browser';
import type { PageVisit } from '@/lib/findings';
import { newVisit, onCommit } from '@/lib/tab-state';
import { ready } from './context';
import { dropTab, getTab, setTab } from './session';
import { flush, saveVisit } from './writer';
import { readJarAtCommit } from './cookies';
import { takePrerendered } from './prerender';
import { replay } from './web-request';

/** Tabs known to be incognito (tabs.onCreated / startup query); webNavigation events do not say. */
const incognitoTabs = new Set<number>();

export function createVisit(tabId: number, url: string, at: number): PageVisit {
  return newVisit(crypto.randomUUID(), tabId, url, at, incognitoTabs.has(tabId));
}

interface CommitDetails {
  tabId: number;
  frameId: number;
  url: string;
  timeStamp: number;
  documentId?: string;
  documentLifecycle?: string;
}

async function onCommitted(details: CommitDetails): Promise<void> {
  // Sub-frames belong to the page; prerendered documents wait until they are shown.
  if (details.frameId !== 0 || details.tabId < 0 || details.documentLifecycle === 'prerender') return;
  if (!/^https?:/.test(details.url)) return;
  await ready();
  const { state, ended } = onCommit(
    getTab(details.tabId),
    { url: details.url, at: details.timeStamp, documentId: details.documentId ?? null },
    () => createVisit(details.tabId, details.url, details.timeStamp),
  );
  setTab(state);
  if (ended) saveVisit(ended);
  saveVisit(state.current!.visit);
  for (const { kind, details: held } of takePrerendered(details.documentId ?? null)) await replay(kind, held);
  // Consent cookies in the jar at commit: stored before this visit, unless the main response set them.
  await readJarAtCommit(state.current!.visit);
}

async function onTabRemoved(tabId: number): Promise<void> {
  incognitoTabs.delete(tabId);
  await ready();
  const state = dropTab(tabId);
  const now = Date.now();
  for (const live of [state?.current, state?.previous]) {
    if (live && !live.visit.endedAt) saveVisit({ ...live.visit, endedAt: now });
  }
  await flush();
}

export function registerNavigation(): void {
  browser.webNavigation.onCommitted.addListener((d) => {
    onCommitted(d as CommitDetails).catch((e: unknown) => console.error('onCommitted failed', e));
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    onTabRemoved(tabId).catch((e: unknown) => console.error('onRemoved failed', e));
  });
  browser.tabs.onCreated.addListener((tab) => {
    if (tab.incognito && tab.id !== undefined) incognitoTabs.add(tab.id);
  });
  void browser.tabs
    .query({})
    .then((tabs) => tabs.forEach((t) => t.incognito && t.id !== undefined && incognitoTabs.add(t.id)));
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
      if (tab.incognito) incognitoTabs.add(tabId);
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
