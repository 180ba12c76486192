import { browser } from 'wxt/browser';
import { allTabs } from './session';
import { onFlushed } from './writer';
import { readDerived } from './derived';

const COLORS = { violation: '#c62828', trackers: '#ef6c00', none: '#607d8b' } as const;

/** Badge of the tab's current visit, from the same derivation as the popup's verdict. */
async function updateBadge(tabId: number, visitId: string): Promise<void> {
  const read = await readDerived(visitId, { fresh: false });
  if (!read) return;
  const { badge } = read.derived;
  const action = (browser as any).action ?? (browser as any).browserAction;
  await action.setBadgeText({ tabId, text: badge.text });
  await action.setBadgeBackgroundColor({ tabId, color: COLORS[badge.color] });
  await action.setTitle({ tabId, title: badge.title });
}

export function registerBadge(): void {
  onFlushed((visitIds) => {
    for (const state of allTabs()) {
      const id = state.current?.visit.id;
      // A closed tab can still be in flight here; its badge no longer exists.
      if (id && visitIds.has(id)) updateBadge(state.tabId, id).catch(() => undefined);
    }
  });
}
