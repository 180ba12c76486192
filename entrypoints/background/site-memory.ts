import { browser } from 'wxt/browser';
import { PRIVATE_PREFIX, withEntry } from '@/lib/evidence/bounded-memory';
import { session } from './session';

const isPrivate = (key: string) => key.startsWith(PRIVATE_PREFIX);

/** The records of one area: the disk's (storage.local) or a private window's (storage.session). */
function part<T>(memory: Record<string, T>, privateOnes: boolean): Record<string, T> {
  return Object.fromEntries(Object.entries(memory).filter(([key]) => isPrivate(key) === privateOnes));
}

/**
 * A per-site memory keyed `[private|]<site>|…`: loaded with the worker's ready(), forgotten with the site's data or
 * history. It describes what the browser keeps for the site, so it lives where that does: a normal window's records
 * in storage.local, a private window's in storage.session (never on disk; memory only where a browser has no
 * storage.session), forgotten when the last private window closes (`forgetPrivate`).
 */
export function siteMemory<T extends { at: number }>(storageKey: string, max: number) {
  let memory: Record<string, T> = {};
  const warn = (e: unknown) => console.warn(storageKey, e);
  const writeDisk = () => void browser.storage.local.set({ [storageKey]: part(memory, false) }).catch(warn);
  const writeSession = () => void session?.set({ [storageKey]: part(memory, true) }).catch(warn);
  /** Writes the area(s) holding these keys. */
  const persist = (keys: readonly string[]): void => {
    if (keys.some((k) => !isPrivate(k))) writeDisk();
    if (keys.some(isPrivate)) writeSession();
  };
  const forgetWhere = (test: (key: string, record: T) => boolean): void => {
    const gone = Object.keys(memory).filter((key) => test(key, memory[key]!));
    if (!gone.length) return;
    for (const key of gone) memory = withEntry(memory, key, null, max);
    persist(gone);
  };
  const asRecords = (value: unknown) =>
    value && typeof value === 'object' ? (value as Record<string, T>) : {};
  return {
    async load(): Promise<void> {
      const [stored, held] = await Promise.all([
        browser.storage.local.get(storageKey).then((r) => asRecords(r[storageKey])),
        session ? session.get(storageKey).then((r) => asRecords(r[storageKey])) : {},
      ]);
      memory = { ...stored, ...part(held, true) };
      // An earlier version kept private windows' records on disk: they move to the session now.
      const onDisk = Object.keys(stored).filter(isPrivate);
      if (onDisk.length) {
        writeDisk();
        writeSession();
      }
    },
    get(key: string): T | undefined {
      return memory[key];
    },
    /** How many records pass `test` (by key). */
    count(test: (key: string) => boolean): number {
      return Object.keys(memory).filter(test).length;
    },
    save(key: string, record: T | null): void {
      if (record === null && !(key in memory)) return;
      const before = memory;
      memory = withEntry(memory, key, record, max);
      // Past `max`, the oldest record of either area may have gone to make room.
      persist([key, ...Object.keys(before).filter((k) => !(k in memory))]);
    },
    /** The site's stored data or history was deleted: nothing of it is remembered any more. */
    forgetSite(site: string): void {
      forgetWhere((key) => key.startsWith(`${site}|`) || key.startsWith(`${PRIVATE_PREFIX}${site}|`));
    },
    /** Forgets what was remembered before `cutoff` (retention), or everything (the history deleted). */
    forgetBefore(cutoff = Infinity): void {
      forgetWhere((_, record) => record.at < cutoff);
    },
    /** The last private window closed: its cookie store, which these records describe, is gone. */
    forgetPrivate(): void {
      forgetWhere(isPrivate);
    },
    /** Forgets the records that pass `test` (e.g. those naming a deleted site in their content). */
    forgetWhere,
    /** Rewrites every record (e.g. to drop a deleted site's name from it); `fn` returns a record it keeps as is. */
    mapAll(fn: (record: T) => T): void {
      const changed: string[] = [];
      const next: Record<string, T> = {};
      for (const [key, record] of Object.entries(memory)) {
        next[key] = fn(record);
        if (next[key] !== record) changed.push(key);
      }
      if (!changed.length) return;
      memory = next;
      persist(changed);
    },
  };
}
