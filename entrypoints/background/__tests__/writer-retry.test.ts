// The writer's retries: a batch that fails every try stays in the write-ahead log, whatever commits after it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageVisit } from '@/lib/findings';
import type { Sighting } from '@/lib/evidence/types';

const stored = new Map<string, unknown>();
const session = {
  set: vi.fn(async (items: Record<string, unknown>) => {
    Object.entries(items).forEach(([k, v]) => stored.set(k, v));
  }),
  remove: vi.fn(async (keys: string[]) => keys.forEach((k) => stored.delete(k))),
  get: vi.fn(async () => Object.fromEntries(stored)),
};
vi.mock('wxt/browser', () => ({ browser: { storage: { session } } }));

// IndexedDB stand-in: fails while `failing`, else keeps the ids it was given.
let failing = true;
const committed: string[] = [];
vi.mock('@/lib/store/repo', () => ({
  writeBatch: vi.fn(async (_db: unknown, batch: { sightings: Sighting[] }) => {
    if (failing) throw new Error('QuotaExceededError');
    committed.push(...batch.sightings.map((s) => s.id));
    return [];
  }),
}));
vi.mock('../context', () => ({ ready: async () => ({ db: {}, settings: {} }) }));

const visit = {
  id: 'v1',
  tabId: 1,
  url: 'https://shop.example/',
  site: 'shop.example',
  startedAt: 0,
} as PageVisit;
const sighting = (id: string) => ({ id, visitId: 'v1' }) as Sighting;
const logged = () =>
  [...stored.values()].flatMap((e) => (e as { sightings: Sighting[] }).sightings.map((s) => s.id)).sort();
/** Long enough for every retry (2 s apart) and the log's writes. */
const settle = () => vi.advanceTimersByTimeAsync(20_000);

beforeEach(() => {
  vi.useFakeTimers();
  vi.resetModules();
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  stored.clear();
  committed.length = 0;
  failing = true;
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('writer retries', () => {
  it('a batch that failed every try stays in the log after a later batch commits', async () => {
    const writer = await import('../writer');
    writer.enqueue(visit, sighting('a'));
    await settle();
    expect(committed).toEqual([]);
    expect(logged()).toEqual(['a']);
    // The database works again: the next batch commits, and must not take the given-up batch's log with it.
    failing = false;
    writer.enqueue(visit, sighting('b'));
    await settle();
    expect(committed).toEqual(['b']);
    expect(logged()).toEqual(['a']);
  });

  it('a batch that commits on a retry releases the log of every try', async () => {
    const writer = await import('../writer');
    writer.enqueue(visit, sighting('a'));
    await vi.advanceTimersByTimeAsync(1_500);
    writer.enqueue(visit, sighting('b'));
    failing = false;
    await settle();
    expect(committed.sort()).toEqual(['a', 'b']);
    expect(logged()).toEqual([]);
  });

  it('a later failing batch gets retries of its own', async () => {
    const repo = await import('@/lib/store/repo');
    const writer = await import('../writer');
    const calls = () => vi.mocked(repo.writeBatch).mock.calls.length;
    const start = calls();
    writer.enqueue(visit, sighting('a'));
    await settle();
    const tries = calls() - start;
    expect(tries).toBe(4);
    writer.enqueue(visit, sighting('b'));
    await settle();
    // The first try and three retries, as for the first batch.
    expect(calls() - start - tries).toBe(tries);
    expect(logged()).toEqual(['a', 'b']);
  });
});
