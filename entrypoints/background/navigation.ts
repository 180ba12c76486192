import { browser } from 'wxt/browser';
import { onCommit } from '@/lib/tab-state';
import { ready } from './context';
import { dropTab, getTab, setTab } from './session';
import { flush, saveVisit } from './writer';
import { readJarAtCommit } from './cookies';
import { takePrerendered } from './prerender';
import { replay } from './web-request';
import { createVisit, forgetTab, markIncognito } from './visit-start';
import { forgetSummaries } from './saved-summary';

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
  // The jar as it is at commit, asked before ready(): a slow start must not read what the page wrote since.
  const jar = browser.cookies.getAll({ url: details.url }).catch(() => []);
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
  await readJarAtCommit(state.current!.visit, await jar);
}

/** A tab opened by another (a link, window.open): the opener's input then opened it (visits.ts openedByOf). */
async function noteOpener(tabId: number, openerTabId: number, at: number): Promise<void> {
  await ready();
  setTab({ ...getTab(tabId), openedBy: { tabId: openerTabId, at } });
}

async function onTabRemoved(tabId: number): Promise<void> {
  forgetTab(tabId);
  await ready();
  const state = dropTab(tabId);
  void forgetSummaries(tabId, async () => false);
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
    if (tab.id === undefined) return;
    markIncognito(tab.id, tab.incognito);
    if (tab.openerTabId !== undefined)
      noteOpener(tab.id, tab.openerTabId, Date.now()).catch((e: unknown) =>
        console.error('onCreated failed', e),
      );
  });
  void browser.tabs
    .query({})
    .then((tabs) => tabs.forEach((t) => t.id !== undefined && markIncognito(t.id, t.incognito)));
}
