import { browser } from 'wxt/browser';
import { allTabs, getTab } from './session';
import { onFlushed } from './writer';
import { readDerived } from './derived';
import { keepForRestart } from './popup-summary';

/** Tabs whose badge state is remembered at most. */
const MAX_TABS = 500;
const COLORS = { violation: '#c62828', trackers: '#ef6c00', none: '#607d8b' } as const;

/** What each tab's badge shows now (by visit, so a new page sets its badge again): unchanged badges cost nothing. */
const shown = new Map<number, string>();

/** Badge of the tab's current visit, from the same derivation as the popup's verdict. */
async function updateBadge(tabId: number, visitId: string): Promise<void> {
  const read = await readDerived(visitId, { fresh: false });
  if (!read) return;
  keepForRestart(tabId, read);
  const { badge } = read.derived;
  const key = JSON.stringify([visitId, badge.text, badge.color, badge.title]);
  if (shown.get(tabId) === key) return;
  const action = (browser as any).action ?? (browser as any).browserAction;
  // Colour first: a new count never shows, even for a moment, in the previous verdict's colour.
  await action.setBadgeBackgroundColor({ tabId, color: COLORS[badge.color] });
  await action.setBadgeText({ tabId, text: badge.text });
  await action.setTitle({ tabId, title: badge.title });
  shown.delete(tabId);
  shown.set(tabId, key);
  // Closed tabs' entries would pile up otherwise; the oldest go first.
  if (shown.size > MAX_TABS) shown.delete(shown.keys().next().value!);
}

/**
 * Per tab, at most one badge update waits, and a new one starts no sooner than BUSY_SHARE × the last one's cost
 * after it ended (so at most about an eighth of the worker's time): on a page with tens of thousands of events,
 * deriving the visit after every batch would take the worker's time from recording it. A small page still
 * updates after every batch.
 */
const BUSY_SHARE = 8;
const waiting = new Set<number>();
const lastRun = new Map<number, { endedAt: number; ms: number }>();

function scheduleBadge(tabId: number): void {
  if (waiting.has(tabId)) return;
  waiting.add(tabId);
  const last = lastRun.get(tabId);
  const wait = last ? Math.max(0, last.endedAt + last.ms * BUSY_SHARE - Date.now()) : 0;
  setTimeout(() => {
    waiting.delete(tabId);
    // The tab's visit when the update runs: it may have navigated while the update waited.
    const visitId = getTab(tabId).current?.visit.id;
    if (!visitId) return;
    const started = Date.now();
    updateBadge(tabId, visitId)
      .catch(() => undefined)
      .finally(() => {
        lastRun.set(tabId, { endedAt: Date.now(), ms: Date.now() - started });
        // Closed tabs' costs would pile up otherwise; the oldest go first.
        if (lastRun.size > MAX_TABS) lastRun.delete(lastRun.keys().next().value!);
      });
  }, wait);
}

export function registerBadge(): void {
  onFlushed((visitIds) => {
    for (const state of allTabs()) {
      const id = state.current?.visit.id;
      // A closed tab can still be in flight here; its badge no longer exists.
      if (id && visitIds.has(id)) scheduleBadge(state.tabId);
    }
  });
}
