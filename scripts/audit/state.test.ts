import { describe, expect, it } from 'vitest';
import { siteRow } from './rows';
import {
  listFingerprint,
  mergeStates,
  newState,
  parseShard,
  parseState,
  pendingIndices,
  shardIndices,
  type BatchState,
  type StateEntry,
} from './state';

const entry = (index: number, status: StateEntry['status'], finishedAt = index): StateEntry => ({
  index,
  url: `https://s${index}.example/`,
  stem: `s${index}.example`,
  status,
  row: siteRow(`https://s${index}.example/`, `s${index}.example`, null, null, status === 'failed' ? 'x' : ''),
  finishedAt,
});

function withEntries(s: BatchState, ...entries: StateEntry[]): BatchState {
  for (const e of entries) s.entries[e.index] = e;
  return s;
}

describe('shards', () => {
  it('parses i/n and rejects nonsense', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '1/0', 'a/b', '1', '-1/2'])
      expect(typeof parseShard(bad)).toBe('string');
  });
  it('splits a list into disjoint shards that cover it', () => {
    const parts = [1, 2, 3].map((index) => shardIndices(10, { index, count: 3 }));
    expect(parts).toEqual([
      [0, 3, 6, 9],
      [1, 4, 7],
      [2, 5, 8],
    ]);
    expect(parts.flat().sort((a, b) => a - b)).toEqual(shardIndices(10, null));
  });
});

describe('state', () => {
  const sites = [{ url: 'https://a.example/', given: [] }];
  it('fingerprints the list and the options that change results', () => {
    const a = listFingerprint(sites, { waitMs: 1000 });
    expect(listFingerprint(sites, { waitMs: 1000 })).toBe(a);
    expect(listFingerprint(sites, { waitMs: 2000 })).not.toBe(a);
    expect(listFingerprint([{ url: 'https://b.example/', given: [] }], { waitMs: 1000 })).not.toBe(a);
  });
  it('resumes the entries not done (failed ones are tried again)', () => {
    const s = withEntries(newState('l', 4, null), entry(0, 'done'), entry(2, 'failed'));
    expect(pendingIndices(s, [0, 1, 2, 3])).toEqual([1, 2, 3]);
  });
  it('reads back what it writes, and refuses other files', () => {
    const s = withEntries(newState('l', 2, { index: 1, count: 2 }), entry(0, 'done'));
    expect(parseState(JSON.stringify(s))).toEqual(s);
    expect(parseState('{"format":"other"}')).toBe('not a batch state file');
    expect(parseState('{')).toMatch(/^not JSON/);
  });
  it('merges shards: the union, a done beating a failed, and the missing ones named', () => {
    const a = withEntries(newState('l', 4, { index: 1, count: 2 }), entry(0, 'done'), entry(2, 'failed', 5));
    const b = withEntries(newState('l', 4, { index: 2, count: 2 }), entry(1, 'done'), entry(2, 'done', 1));
    const m = mergeStates([a, b]);
    if (typeof m === 'string') throw new Error(m);
    expect(Object.keys(m.state.entries)).toEqual(['0', '1', '2']);
    expect(m.state.entries[2]!.status).toBe('done');
    expect(m.missing).toEqual([3]);
    expect(m.state.shard).toBeNull();
    expect(mergeStates([a, newState('other', 4, null)])).toMatch(/different lists/);
  });
});
