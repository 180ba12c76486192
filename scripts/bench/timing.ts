// Timing helpers for `npm run bench`. Method (per call, batched timer reads):
// - Calls run back to back; one process.hrtime.bigint() is read between consecutive calls and stored in a
//   preallocated BigInt64Array, so each call costs one timer read (not two) and no allocation for bookkeeping.
// - A call's time is the difference of its two neighbouring timestamps; it includes one timer read, which
//   `timerOverheadNs` measures the same way on an empty function (reported, not subtracted).
// - Every pass is repeated (1 warm-up + `runs`), and the reported median / p99 are medians over the runs.
// - A separate batch pass (no timers inside) gives the mean ns per call.

export interface Timing {
  medianNs: number;
  p99Ns: number;
  batchNs: number;
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const median = (xs: number[]): number => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Times `fn` on every item; returns medians over `runs` runs of the per-call median, p99 and batch mean. */
export function timeEach<T>(items: readonly T[], fn: (item: T) => unknown, runs = 5): Timing {
  const n = items.length;
  const stamps = new BigInt64Array(n + 1);
  const per = new Float64Array(n);
  const medians: number[] = [];
  const p99s: number[] = [];
  const batches: number[] = [];
  let sink = 0;
  for (let run = 0; run <= runs; run++) {
    stamps[0] = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      if (fn(items[i]!) !== undefined) sink++;
      stamps[i + 1] = process.hrtime.bigint();
    }
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) if (fn(items[i]!) !== undefined) sink++;
    const batch = Number(process.hrtime.bigint() - t0) / n;
    if (run === 0) continue; // warm-up
    for (let i = 0; i < n; i++) per[i] = Number(stamps[i + 1]! - stamps[i]!);
    per.sort();
    medians.push(quantile(per, 0.5));
    p99s.push(quantile(per, 0.99));
    batches.push(batch);
  }
  if (sink < 0) console.log(sink); // keeps the calls observable to the optimiser
  return { medianNs: median(medians), p99Ns: median(p99s), batchNs: median(batches) };
}

/**
 * Times `a` and `b` on the same items in alternating rounds, so both see the same machine state (on a shared 2-core
 * machine the speed of the whole process shifts by up to 2× for seconds at a time). Returns each one's medians over
 * the rounds and the median of the per-round ratios b / a.
 */
export function timePaired<T>(
  items: readonly T[],
  a: (item: T) => unknown,
  b: (item: T) => unknown,
  rounds = 7,
): { a: Timing; b: Timing; ratio: number } {
  const as: Timing[] = [];
  const bs: Timing[] = [];
  for (let r = 0; r < rounds; r++) {
    as.push(timeEach(items, a, 1));
    bs.push(timeEach(items, b, 1));
  }
  const pick = (ts: Timing[]): Timing => ({
    medianNs: median(ts.map((t) => t.medianNs)),
    p99Ns: median(ts.map((t) => t.p99Ns)),
    batchNs: median(ts.map((t) => t.batchNs)),
  });
  return { a: pick(as), b: pick(bs), ratio: median(as.map((t, i) => bs[i]!.medianNs / t.medianNs)) };
}

/** Median wall time (ms) of `runs` calls of `fn`, plus the first call's time. */
export function timeRuns(fn: () => unknown, runs = 7): { firstMs: number; medianMs: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { firstMs: times[0]!, medianMs: median(times) };
}
