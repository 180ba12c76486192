import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Sighting } from '@/lib/evidence/types';

// storage.session whose writes complete only when the test says so, to hold one write "on its way".
const stored = new Map<string, unknown>();
let gates: (() => void)[] = [];
const session = {
  set: vi.fn(
    (items: Record<string, unknown>) =>
      new Promise<void>((resolve) =>
        gates.push(() => {
          Object.entries(items).forEach(([k, v]) => stored.set(k, v));
          resolve();
        }),
      ),
  ),
  remove: vi.fn(async (keys: string[]) => keys.forEach((k) => stored.delete(k))),
  get: vi.fn(async () => Object.fromEntries(stored)),
};
vi.mock('wxt/browser', () => ({ browser: { storage: { session } } }));

const sighting = (n: number) => ({ id: `s${n}` }) as Sighting;
const open = async () => {
  const pending = gates;
  gates = [];
  pending.forEach((g) => g());
  await vi.advanceTimersByTimeAsync(0);
};
const loggedIds = () =>
  [...stored.values()].flatMap((e) => (e as { sightings: Sighting[] }).sightings.map((s) => s.id)).sort();

beforeEach(() => {
  vi.useFakeTimers();
  vi.resetModules();
  stored.clear();
  gates = [];
  session.set.mockClear();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('write-ahead log', () => {
  it('gathers sightings for WAL_GATHER_MS, then those that arrive while a write is on its way, losing none', async () => {
    const wal = await import('../wal');
    wal.logSighting(sighting(0));
    await vi.advanceTimersByTimeAsync(wal.WAL_GATHER_MS - 1);
    wal.logSighting(sighting(1));
    expect(session.set).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(session.set).toHaveBeenCalledTimes(1);
    // A busy page: many events, each its own task, while the first write is on its way.
    for (let n = 2; n <= 50; n++) {
      wal.logSighting(sighting(n));
      await vi.advanceTimersByTimeAsync(wal.WAL_GATHER_MS);
    }
    expect(session.set).toHaveBeenCalledTimes(1);
    // The next write follows one gathering time after the first one landed.
    await open();
    expect(session.set).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(wal.WAL_GATHER_MS);
    expect(session.set).toHaveBeenCalledTimes(2);
    await open();
    expect(loggedIds()).toEqual(Array.from({ length: 51 }, (_, n) => `s${n}`).sort());
  });

  it('a checkpoint writes what is gathered at once, and its release removes exactly its keys', async () => {
    const wal = await import('../wal');
    wal.logSighting(sighting(1));
    await vi.advanceTimersByTimeAsync(wal.WAL_GATHER_MS);
    wal.logSighting(sighting(2));
    // No waiting for the gathering time: the batch is about to commit what the log holds.
    const log = wal.checkpoint();
    expect(session.set).toHaveBeenCalledTimes(2);
    wal.logSighting(sighting(3));
    const release = log.release();
    await open();
    await release;
    await vi.advanceTimersByTimeAsync(wal.WAL_GATHER_MS);
    await open();
    expect(loggedIds()).toEqual(['s3']);
  });
});
