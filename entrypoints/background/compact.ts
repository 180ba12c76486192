import { packQuiet } from '@/lib/store/compact';
import { ready } from './context';
import { forgetLogCopy } from './derived';
import { onFlushed } from './writer';

/** Pause after a batch before looking for quiet visits: sweeps stay rare while a page is busy. */
const AFTER_BATCH_MS = 20_000;
/** Shortest wait between sweeps. */
const MIN_WAIT_MS = 5_000;

let timer: ReturnType<typeof setTimeout> | undefined;
let timerAt = Infinity;
let sweeping = false;

/** Sweeps at `at` unless one is already due earlier. A worker that stops loses the timer; the next start sweeps. */
function sweepAt(at: number): void {
  const when = Math.max(at, Date.now() + MIN_WAIT_MS);
  if (timer && timerAt <= when) return;
  clearTimeout(timer);
  timerAt = when;
  timer = setTimeout(() => {
    timer = undefined;
    timerAt = Infinity;
    void sweep();
  }, when - Date.now());
}

async function sweep(): Promise<void> {
  if (sweeping) return sweepAt(Date.now() + MIN_WAIT_MS);
  sweeping = true;
  try {
    const { db, classifier } = await ready();
    const { nextDueAt } = await packQuiet(db, Date.now(), undefined, forgetLogCopy, classifier);
    if (nextDueAt !== null) sweepAt(nextDueAt);
  } catch (e) {
    console.error('packing quiet visits failed', e);
  } finally {
    sweeping = false;
  }
}

/** Packs finished visits into their compact stored form (lib/store/compact.ts), after batches and at start. */
export function registerCompaction(): void {
  onFlushed(() => sweepAt(Date.now() + AFTER_BATCH_MS));
  sweepAt(Date.now() + MIN_WAIT_MS);
}
