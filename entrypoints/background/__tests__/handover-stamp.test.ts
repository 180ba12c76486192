// A record stored as the tab went from one page of the site to the next, reported on the next page before its
// detector's first report, is stamped on that page once remembered. Found in review (2026-12-07): it was stamped only
// on the page the tab showed when the grace had passed, so when the tab had moved on by then (a client-side redirect,
// the visitor's next click) or closed, the page the record was reported on kept it as an ordinary stored choice the
// detector did not watch: counted, after accept.
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ACTIVATION_GRACE_MS } from '@/lib/evidence/consent';
import {
  TAB,
  commit,
  events,
  jarHolds,
  openShop,
  optanon,
  request,
  shopPage,
  startWorker,
  trackerFires,
} from './shop-harness';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The visit of `url` started at or after `t`, derived (shopVisitFrom picks any shop visit from then on). */
async function visitOf(db: Awaited<ReturnType<typeof startWorker>>['db'], url: string, t: number) {
  const { deriveVisit } = await import('@/lib/evidence/derive');
  const { readEntries } = await import('@/lib/store/repo');
  const visit = (await db.visits.toArray()).find((v) => v.startedAt >= t - 1 && v.url === url)!;
  const entries = (await readEntries(db as never, [visit.id])).get(visit.id)!;
  const derived = deriveVisit(visit, entries);
  return {
    visit,
    derived,
    cio: derived.findings.filter((f) => f.vendorId === 'customer-io').map((f) => [f.phase, f.violation]),
  };
}

describe('a record stored as the visitor left, reported on the next page before its detector', () => {
  it.each(['stays on it', 'moves on to another page of the shop', 'is closed'] as const)(
    'is stored without interaction on that next page when the tab %s within the grace',
    async (then) => {
      const w = await startWorker();
      const t0 = Date.now() - 5_000;
      await openShop(t0, 'D0');
      await w.reportHandlers.userActivation({ active: false, at: t0 + 60 }, shopPage('D0'));
      // The visitor follows a link on the page's content (input outside any banner).
      await w.reportHandlers.userActivation(
        { active: true, outside: true, label: 'Next article', at: Date.now() },
        shopPage('D0'),
      );
      // The next page commits (its jar read, as in Chrome where the old page's unload runs after the commit, finds
      // nothing yet); the page left's pagehide handler then stores accept-all, reported before D1's detector.
      jarHolds(null);
      const t1 = Date.now();
      await request('https://shop.example/next', t1, 'm-next');
      await commit('https://shop.example/next', t1 + 30, 'D1');
      jarHolds(w.OPTANON_ACCEPT_ALL);
      await events.onChanged!.trigger(optanon(w.OPTANON_ACCEPT_ALL));
      await wait(10);
      const next = { ...shopPage('D1'), url: 'https://shop.example/next' };
      await w.reportHandlers.userActivation({ active: false, at: Date.now(), initial: true }, next);
      await trackerFires(Date.now() + 100, 'D1');
      await wait(300);
      if (then === 'is closed') {
        await fakeBrowser.tabs.onRemoved.trigger(TAB, { windowId: 1, isWindowClosing: false });
      } else if (then !== 'stays on it') {
        // A location.replace() of the interstitial (or the visitor's next click) 300 ms in.
        const t2 = Date.now();
        await request('https://shop.example/final', t2, 'm-final');
        await commit('https://shop.example/final', t2 + 30, 'D2');
      }
      await wait(ACTIVATION_GRACE_MS + 400);
      await w.writer.flush();
      const d1 = await visitOf(w.db, 'https://shop.example/next', t1);
      // Before (moved on or closed): [['after-accept', false]], withoutInteraction false.
      expect({ cio: d1.cio, without: d1.derived.consent.withoutInteraction }).toEqual({
        cio: [['before-consent', true]],
        without: true,
      });
    },
  );
});
