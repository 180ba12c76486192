import { describe, expect, it } from 'vitest';
import { changedItems, databaseItems, readArea, remember } from './storage-snapshot';

function fakeStorage(entries: Record<string, string>) {
  const keys = Object.keys(entries);
  return {
    length: keys.length,
    key: (i: number) => keys[i] ?? null,
    getItem: (k: string) => entries[k] ?? null,
  };
}

describe('storage snapshot', () => {
  it('hashes values, reports new and changed keys only, and never throws on blocked storage', () => {
    const first = readArea('localStorage', fakeStorage({ ajs_anonymous_id: '"abc"', theme: 'dark' }));
    expect(first.map((i) => [i.name, i.valueLength])).toEqual([
      ['ajs_anonymous_id', 5],
      ['theme', 4],
    ]);
    expect(first[0]!.valueHash).toMatch(/^[0-9a-f]{14}$/);
    const seen = new Map<string, string>();
    expect(changedItems(seen, first)).toHaveLength(2);
    remember(seen, first);
    const second = readArea(
      'localStorage',
      fakeStorage({ ajs_anonymous_id: '"abc"', theme: 'light', _hjid: '1' }),
    );
    expect(changedItems(seen, second).map((i) => i.name)).toEqual(['theme', '_hjid']);
    const blocked = {
      get length(): number {
        throw new Error('SecurityError');
      },
      key: () => null,
      getItem: () => null,
    };
    expect(readArea('sessionStorage', blocked)).toEqual([]);
    expect(databaseItems(['firebaseLocalStorageDb', undefined]).map((i) => [i.area, i.name])).toEqual([
      ['indexedDB', 'firebaseLocalStorageDb'],
    ]);
  });
});
