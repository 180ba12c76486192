/**
 * A batch run's state file (`<out>/state.json`): which list it runs, which shard, and each finished site with its
 * summary row, written after every site so a stopped run resumes where it stopped and shards can be merged.
 */
import { createHash } from 'node:crypto';
import type { SiteRow } from './rows';

export const STATE_FILE = 'state.json';
export const STATE_FORMAT = 'cookie-inspector/batch-state';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export interface SiteEntry {
  url: string;
  /** Pages to audit besides the start page (given on the same line of the list). */
  given: string[];
}

export interface StateEntry {
  index: number;
  url: string;
  stem: string;
  status: 'done' | 'failed';
  row: SiteRow;
  finishedAt: number;
}

export interface BatchState {
  format: typeof STATE_FORMAT;
  version: 1;
  /** Fingerprint of the whole list and the options that change results: shards of one run share it. */
  list: string;
  total: number;
  shard: Shard | null;
  entries: Record<string, StateEntry>;
}

/** Parses `--shard i/n` (1 ≤ i ≤ n ≤ 10000); a message for bad input. */
export function parseShard(text: string): Shard | string {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || count > 10_000 || index < 1 || index > count)
    return `--shard must be i/n with 1 ≤ i ≤ n (e.g. 2/4), not ${JSON.stringify(text)}`;
  return { index, count };
}

/** Indices of the list this shard audits: every n-th entry, so shards stay balanced and disjoint. */
export function shardIndices(total: number, shard: Shard | null): number[] {
  const all = Array.from({ length: total }, (_, i) => i);
  return shard ? all.filter((i) => i % shard.count === shard.index - 1) : all;
}

/** The list's fingerprint: the sites in order and the options that change what an audit records. */
export function listFingerprint(sites: SiteEntry[], options: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify({ sites, options })).digest('hex').slice(0, 32);
}

export function newState(list: string, total: number, shard: Shard | null): BatchState {
  return { format: STATE_FORMAT, version: 1, list, total, shard, entries: {} };
}

/** Reads a state file's content; a message when it is not one. */
export function parseState(text: string): BatchState | string {
  let v: Partial<BatchState>;
  try {
    v = JSON.parse(text) as Partial<BatchState>;
  } catch (e) {
    return `not JSON (${(e as Error).message})`;
  }
  if (v?.format !== STATE_FORMAT || v.version !== 1 || typeof v.list !== 'string' || !v.entries)
    return 'not a batch state file';
  return v as BatchState;
}

/** Indices still to audit: this shard's entries without a finished `done` (failed sites are tried again). */
export function pendingIndices(state: BatchState, indices: number[]): number[] {
  return indices.filter((i) => state.entries[i]?.status !== 'done');
}

/**
 * Merges the states of shards of one list: the union of their entries (a `done` beats a `failed`, then the
 * later one). A message when they are not of the same list.
 */
export function mergeStates(states: BatchState[]): { state: BatchState; missing: number[] } | string {
  if (!states.length) return 'nothing to merge';
  const [first] = states;
  if (states.some((s) => s.list !== first!.list || s.total !== first!.total))
    return 'the runs are of different lists or options (their state files have different fingerprints)';
  const merged = newState(first!.list, first!.total, null);
  for (const s of states)
    for (const e of Object.values(s.entries)) {
      const prev = merged.entries[e.index];
      const better =
        !prev ||
        (e.status === 'done' && prev.status !== 'done') ||
        (e.status === prev.status && e.finishedAt > prev.finishedAt);
      if (better) merged.entries[e.index] = e;
    }
  const missing = shardIndices(merged.total, null).filter((i) => merged.entries[i]?.status !== 'done');
  return { state: merged, missing };
}
