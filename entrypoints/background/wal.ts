import { session } from './session';
import type { PageVisit } from '@/lib/findings';
import type { Sighting } from '@/lib/evidence/types';

/**
 * Write-ahead log in storage.session: buffered sightings are copied there (one key per write: the sightings of
 * WAL_GATHER_MS, or all that arrived while the previous write was on its way) until
 * the IndexedDB batch holding them commits, so a worker stopped between event and write loses nothing;
 * the next worker start replays them. Remaining risk: a stop between the IndexedDB commit and the log
 * removal replays that batch once more (counts only, never a missing event).
 */
export interface WalEntry {
  sightings: Sighting[];
  visits: PageVisit[];
}

const PREFIX = 'wal:';
// Unique per worker lifetime so two lifetimes never overwrite each other's keys.
const life = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let seq = 0;
let pending: WalEntry | null = null;
const written: { key: string; done: Promise<unknown> }[] = [];
// Writes on their way to storage.session. While one is, new sightings gather and go in the next write, so a
// busy page costs one write per round trip rather than one per event (thousands of IPC calls otherwise).
let inFlight = 0;
/**
 * How long the first sighting after a quiet spell waits for others before it is written. Each write costs the
 * worker and the browser process a fixed IPC and storage round; on a busy page, one per round trip was still
 * hundreds per second. So at most one write per WAL_GATHER_MS plus a round trip: a sighting is at risk for
 * that long if the worker is killed (the browser stops only idle workers; the writer's own batch follows within
 * a second, and its checkpoint writes what is gathered at once).
 */
export const WAL_GATHER_MS = 50;
let gatherTimer: ReturnType<typeof setTimeout> | undefined;

function persist(): void {
  clearTimeout(gatherTimer);
  gatherTimer = undefined;
  if (!pending) return;
  const entry = pending;
  pending = null;
  const key = `${PREFIX}${life}:${String(seq++).padStart(8, '0')}`;
  inFlight++;
  const done = session
    ? session.set({ [key]: entry }).catch((e: unknown) => console.warn('wal', e))
    : Promise.resolve();
  written.push({ key, done });
  void done.finally(() => {
    inFlight--;
    if (inFlight === 0 && pending && !gatherTimer) gatherTimer = setTimeout(persist, WAL_GATHER_MS);
  });
}

function entry(): WalEntry {
  if (!pending) {
    pending = { sightings: [], visits: [] };
    if (inFlight === 0) gatherTimer = setTimeout(persist, WAL_GATHER_MS);
  }
  return pending;
}

export function logSighting(s: Sighting): void {
  entry().sightings.push(s);
}
export function logVisit(visit: PageVisit): void {
  entry().visits.push(visit);
}

/** Marks everything logged so far as taken by a batch; call `release` once that batch committed. */
export function checkpoint(): { release: () => Promise<void> } {
  persist();
  const keys = written.splice(0, written.length);
  return {
    async release() {
      await Promise.all(keys.map((k) => k.done));
      if (session && keys.length) await session.remove(keys.map((k) => k.key)).catch(() => undefined);
    },
  };
}

/** Entries a previous worker logged but never committed, oldest first; they are removed once replayed. */
export async function takeLeftovers(): Promise<{ entries: WalEntry[]; keys: string[] }> {
  if (!session) return { entries: [], keys: [] };
  const all = await session.get(null);
  const keys = Object.keys(all)
    .filter((k) => k.startsWith(PREFIX) && !k.startsWith(PREFIX + life + ':'))
    .sort();
  // A log written by an older version (observations, not sightings) has nothing this one can replay.
  return { entries: keys.map((k) => all[k] as WalEntry).filter((e) => Array.isArray(e?.sightings)), keys };
}

export async function dropLeftovers(keys: string[]): Promise<void> {
  if (session && keys.length) await session.remove(keys);
}
