// `npm run bench:derive [-- --json]`: the derivation of a large visit, whole and from the previous derivation
// after one batch (lib/evidence/derive.ts deriveVisitUpdate), as the worker derives a live page after each batch.
// The visit is bench:scale's synthetic one (e2e/lib/synthetic.mjs).
import { deriveVisit, deriveVisitUpdate } from '../lib/evidence/derive';
import type { EvidenceEntry } from '../lib/evidence/types';
import type { PageVisit } from '../lib/findings';
// @ts-expect-error: plain JavaScript shared with the browser benchmarks, no types.
import { syntheticEntries } from '../e2e/lib/synthetic.mjs';

const SIZES = [1000, 10_000, 50_000];
/** Entries one batch writes: new sightings, and entries seen again. */
const BATCH = { added: 20, rewritten: 20 };
const ROUNDS = 7;

const visit: PageVisit = {
  id: 'bench',
  tabId: 1,
  url: 'https://shop.example/',
  site: 'shop.example',
  startedAt: Date.UTC(2026, 11, 1),
  incognito: false,
};
const vendors = Array.from({ length: 80 }, (_, i) => ({
  id: `v${i}`,
  name: `Vendor ${i}`,
  category: 'analytics',
}));
const entriesOf = (n: number): EvidenceEntry[] => syntheticEntries(visit, n, vendors);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const result: Record<number, { wholeMs: number; updateMs: number }> = {};
for (const n of SIZES) {
  // The visit, and the same with a batch's new entries after it.
  const grown = entriesOf(n + BATCH.added);
  const entries = grown.slice(0, n);
  const whole: number[] = [];
  const update: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now();
    const prev = deriveVisit(visit, entries);
    whole.push(performance.now() - t);
    const next = grown.slice();
    const written = new Set(next.slice(n).map((e) => e.id));
    for (let k = 0; k < BATCH.rewritten; k++) {
      // An entry seen once more: one more sighting time, as the writer merges it.
      const i = (k * 7919 + r) % n;
      const e = next[i]!;
      const at = visit.startedAt + n + k;
      next[i] = { ...e, times: [...e.times, at], lastAt: at, count: e.count + 1 };
      written.add(e.id);
    }
    t = performance.now();
    deriveVisitUpdate(prev, visit, next, written);
    update.push(performance.now() - t);
  }
  result[n] = { wholeMs: Math.round(median(whole)), updateMs: Math.round(median(update)) };
  console.log(
    `${String(n).padStart(6)} entries: whole ${result[n]!.wholeMs} ms, after a batch (${BATCH.added} new, ` +
      `${BATCH.rewritten} seen again) ${result[n]!.updateMs} ms (median of ${ROUNDS})`,
  );
}
if (process.argv.includes('--json'))
  console.log(JSON.stringify({ batch: BATCH, rounds: ROUNDS, derive: result }));
