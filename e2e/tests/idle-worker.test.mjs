// An idle extension rests: once its service worker is stopped and no page does anything, nothing of ours
// (an alarm re-created at every start, say) wakes it again for minutes; a page's request still does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useBrowser } from '../lib/suite.mjs';
import {
  stopExtensionWorker,
  waitForRestart,
  watchWorkerStatus,
  workerTargets,
} from '../lib/worker-control.mjs';

const h = useBrowser();
/** Longer than the old 1-minute prune alarm, three times over (Chrome fires alarms at most every 30 s). */
const IDLE_MS = Number(process.env.IDLE_WORKER_MS) || 190_000;

test('a stopped, idle service worker stays stopped for minutes', { timeout: IDLE_MS + 120_000 }, async () => {
  // Only a blank page stays open: no page activity can wake the worker.
  const page = await h.context.newPage();
  await page.goto('about:blank');
  for (const p of h.context.pages()) if (p !== page) await p.close();
  // Let the start-up work (replay, alarm scheduling, first writes) finish before the stop.
  await new Promise((r) => setTimeout(r, 3_000));
  await stopExtensionWorker(h.browser, page);

  // Two signals: the ServiceWorker domain's status events (they see even a short wake) and the target list.
  const wakes = [];
  const watch = await watchWorkerStatus(h.browser, page, ({ at, status }) => {
    if (status === 'starting' || status === 'running') wakes.push({ at, status });
  });
  const cdp = await h.context.browser().newBrowserCDPSession();
  const started = Date.now();
  try {
    while (Date.now() - started < IDLE_MS && !wakes.length) {
      await new Promise((r) => setTimeout(r, 2_000));
      const running = await workerTargets(cdp, h.browser.extensionId);
      if (running.length) wakes.push({ at: Date.now(), status: 'listed by Target.getTargets' });
    }
  } finally {
    await cdp.detach().catch(() => {});
  }
  assert.deepEqual(
    wakes.map((w) => ({ ...w, afterMs: w.at - started })),
    [],
    `the worker was woken with no page activity (watched ${Math.round((Date.now() - started) / 1000)} s)`,
  );

  // The watch can see a start: a page's request wakes the worker as usual, and the status events say so.
  const idleEnd = Date.now();
  await page.goto('https://shop.example/');
  await waitForRestart(h.browser);
  const deadline = Date.now() + 15_000;
  while (!watch.statuses.some((s) => s.at >= idleEnd && s.status === 'running') && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  await watch.detach();
  assert.ok(
    watch.statuses.some((s) => s.at >= idleEnd && s.status === 'running'),
    `the status watch saw the restart (${JSON.stringify(watch.statuses)})`,
  );
  await page.close();
});
