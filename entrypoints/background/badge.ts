import { browser } from 'wxt/browser';
import { needsConsent } from '@/lib/category';
import { ready } from './context';
import { allTabs } from './session';
import { onFlushed } from './writer';

const RED = '#c62828';
const AMBER = '#ef6c00';
const GREY = '#607d8b';

/** Badge: distinct tracking vendors of the tab's current visit; red if any fired before consent or after refusal. */
async function updateBadge(tabId: number, visitId: string): Promise<void> {
  const { db } = await ready();
  const findings = await db.findings.where('visitId').equals(visitId).toArray();
  const vendors = new Set<string>();
  let violation = false;
  for (const f of findings) {
    if (!needsConsent(f.category)) continue;
    vendors.add(f.vendorId ?? f.key);
    violation ||= f.violation;
  }
  const color = violation ? RED : vendors.size ? AMBER : GREY;
  const action = (browser as any).action ?? (browser as any).browserAction;
  await action.setBadgeText({ tabId, text: vendors.size ? String(vendors.size) : '' });
  await action.setBadgeBackgroundColor({ tabId, color });
  const title = vendors.size
    ? `${vendors.size} tracking vendor${vendors.size === 1 ? '' : 's'}${violation ? ', some before consent or after refusal' : ''}`
    : 'Cookie Inspector';
  await action.setTitle({ tabId, title });
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
