import { browser } from 'wxt/browser';
import { withEntry } from '@/lib/evidence/bounded-memory';

/**
 * A per-site memory in storage.local (it describes what the browser keeps for the site), keyed
 * `[private|]<site>|…`: loaded with the worker's ready(), forgotten with the site's data or history.
 */
export function siteMemory<T extends { at: number }>(storageKey: string, max: number) {
  let memory: Record<string, T> = {};
  const persist = () =>
    void browser.storage.local
      .set({ [storageKey]: memory })
      .catch((e: unknown) => console.warn(storageKey, e));
  const forgetWhere = (test: (key: string, record: T) => boolean): void => {
    const gone = Object.keys(memory).filter((key) => test(key, memory[key]!));
    if (!gone.length) return;
    for (const key of gone) memory = withEntry(memory, key, null, max);
    persist();
  };
  return {
    async load(): Promise<void> {
      const stored = (await browser.storage.local.get(storageKey))[storageKey];
      memory = stored && typeof stored === 'object' ? (stored as Record<string, T>) : {};
    },
    get(key: string): T | undefined {
      return memory[key];
    },
    save(key: string, record: T | null): void {
      if (record === null && !(key in memory)) return;
      memory = withEntry(memory, key, record, max);
      persist();
    },
    /** The site's stored data or history was deleted: nothing of it is remembered any more. */
    forgetSite(site: string): void {
      forgetWhere((key) => key.startsWith(`${site}|`) || key.startsWith(`private|${site}|`));
    },
    /** Forgets what was remembered before `cutoff` (retention), or everything (the history deleted). */
    forgetBefore(cutoff = Infinity): void {
      forgetWhere((_, record) => record.at < cutoff);
    },
    /** Forgets the records that pass `test` (e.g. those naming a deleted site in their content). */
    forgetWhere,
    /** Rewrites every record (e.g. to drop a deleted site's name from it); `fn` returns a record it keeps as is. */
    mapAll(fn: (record: T) => T): void {
      let changed = false;
      const next: Record<string, T> = {};
      for (const [key, record] of Object.entries(memory)) {
        next[key] = fn(record);
        if (next[key] !== record) changed = true;
      }
      if (!changed) return;
      memory = next;
      persist();
    },
  };
}
