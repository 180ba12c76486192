/**
 * Web storage as device-access evidence (ePrivacy art. 5(3) covers any storing or reading on the device, not
 * just cookies): the isolated-world script snapshots localStorage / sessionStorage keys and IndexedDB database
 * names, and reports only what changed since its last snapshot. Values never leave the page: length and hash.
 */
import { hashString } from './hash';

export type StorageArea = 'localStorage' | 'sessionStorage' | 'indexedDB';

export interface StorageItem {
  area: StorageArea;
  name: string;
  valueLength: number;
  valueHash: string;
}

/** Most keys read per area and snapshot; a page with more is cut, not a reason to stall the page. */
export const MAX_KEYS = 1000;
/** Longest key name kept. */
export const MAX_NAME = 512;

/** Items of one Storage-like area (length/key/getItem), hashed. Never throws. */
export function readArea(
  area: 'localStorage' | 'sessionStorage',
  storage: Pick<Storage, 'length' | 'key' | 'getItem'>,
): StorageItem[] {
  const out: StorageItem[] = [];
  try {
    const n = Math.min(storage.length, MAX_KEYS);
    for (let i = 0; i < n; i++) {
      const key = storage.key(i);
      if (key === null) continue;
      const value = storage.getItem(key) ?? '';
      out.push({
        area,
        name: key.slice(0, MAX_NAME),
        valueLength: value.length,
        valueHash: hashString(value),
      });
    }
  } catch {
    // Blocked storage (sandboxed frame, privacy settings) has nothing to read.
  }
  return out;
}

/** IndexedDB database names as items (no value: the database exists). */
export function databaseItems(names: readonly (string | undefined)[]): StorageItem[] {
  return names
    .filter((n): n is string => typeof n === 'string')
    .slice(0, MAX_KEYS)
    .map((name) => ({
      area: 'indexedDB' as const,
      name: name.slice(0, MAX_NAME),
      valueLength: 0,
      valueHash: '',
    }));
}

/** What changed between two snapshots: new or changed items (removals are not device access). */
export function changedItems(
  previous: ReadonlyMap<string, string>,
  items: readonly StorageItem[],
): StorageItem[] {
  return items.filter((i) => previous.get(`${i.area}\u0000${i.name}`) !== i.valueHash);
}

/** Remembers a snapshot for the next diff. */
export function remember(previous: Map<string, string>, items: readonly StorageItem[]): void {
  for (const i of items) previous.set(`${i.area}\u0000${i.name}`, i.valueHash);
}
