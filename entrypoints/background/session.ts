import { browser } from 'wxt/browser';
import type { PageVisit } from '@/lib/findings';
import { emptyTab, type TabState } from '@/lib/tab-state';

/**
 * Per-tab state, mirrored to storage.session so a worker restarted mid-page continues the same visits.
 * The in-memory Map is a cache of storage.session; it is rebuilt from there on every worker start.
 */
const tabs = new Map<number, TabState>();
const KEY = 'tab:';

// Firefox MV2 before 115 has no storage.session; fall back to memory only there.
export const session = (browser.storage as any).session as typeof browser.storage.local | undefined;

/** One value mirrored to storage.session under `key` (nothing is kept where the browser has no storage.session). */
export function sessionValue<T>(key: string) {
  return {
    async read(): Promise<T | undefined> {
      return session ? ((await session.get(key))[key] as T | undefined) : undefined;
    },
    write(value: T): void {
      void session?.set({ [key]: value }).catch((e: unknown) => console.warn(key, e));
    },
  };
}

export async function loadTabs(): Promise<void> {
  if (!session) return;
  const all = await session.get(null);
  for (const [key, value] of Object.entries(all)) {
    if (key.startsWith(KEY)) tabs.set(Number(key.slice(KEY.length)), value as TabState);
  }
}

export function getTab(tabId: number): TabState {
  return tabs.get(tabId) ?? emptyTab(tabId);
}

export function allTabs(): Iterable<TabState> {
  return tabs.values();
}

/** The live (current, pending or previous) visit with this id, from any tab. */
export function findLiveVisit(visitId: string): PageVisit | undefined {
  for (const s of tabs.values()) {
    for (const live of [s.current, s.pending, s.previous]) if (live?.visit.id === visitId) return live.visit;
  }
  return undefined;
}

/** Stores a changed tab state; unchanged objects are skipped so hot paths stay cheap. */
export function setTab(state: TabState): void {
  if (tabs.get(state.tabId) === state) return;
  tabs.set(state.tabId, state);
  void session?.set({ [KEY + state.tabId]: state }).catch((e: unknown) => console.warn('session.set', e));
}

export function dropTab(tabId: number): TabState | undefined {
  const state = tabs.get(tabId);
  tabs.delete(tabId);
  void session?.remove(KEY + tabId).catch((e: unknown) => console.warn('session.remove', e));
  return state;
}

/**
 * Detaches the live visits `test` picks from their tabs (current, pending, previous): their stored rows are being
 * deleted, so nothing more is recorded of them (a row written again would hold the evidence after the deletion
 * only: a choice made before it gone, trackers after it read as before consent). The tab's next navigation
 * starts a new visit. Returns the ids detached.
 */
export function detachVisits(test: (visit: PageVisit) => boolean): string[] {
  const ids: string[] = [];
  for (const state of [...tabs.values()]) {
    const keep = <T extends { visit: PageVisit } | null>(live: T): T | null => {
      if (live === null || !test(live.visit)) return live;
      ids.push(live.visit.id);
      return null;
    };
    const next = {
      ...state,
      current: keep(state.current),
      pending: keep(state.pending),
      previous: keep(state.previous),
    };
    if (next.current !== state.current || next.pending !== state.pending || next.previous !== state.previous)
      setTab(next);
  }
  return ids;
}

/**
 * Forgets the records of `records` (per tab, mirrored to storage.session under `prefix` + tab id) that `test`
 * picks: the audits of a site whose data or history was deleted.
 */
export async function forgetTabRecords<R extends { tabId: number }>(
  records: Map<number, R>,
  prefix: string,
  test: (r: R) => boolean,
): Promise<void> {
  const gone = [...records.values()].filter(test);
  for (const r of gone) records.delete(r.tabId);
  if (gone.length)
    await session
      ?.remove(gone.map((r) => prefix + r.tabId))
      .catch((e: unknown) => console.warn(`${prefix} session.remove`, e));
}
