// A hand-over record's decision waits out the grace, judged by the page left's interaction; when the visitor answers in
// the next page's banner meanwhile, their answer is taken at once. Found in review (2026-12-07): the older record's
// late 'remember' then overwrote their answer in the memory, and every later visit bringing their own choice read it
// as stored without interaction (a false violation). Their answer stands now; the next page, which brought the site's
// record before they answered, is still stamped with it.
import { describe, expect, it } from 'vitest';
import { ACTIVATION_GRACE_MS } from '@/lib/evidence/consent';
import { OPTANON_CUSTOM } from '@/lib/consent/__fixtures__/cookies';
import {
  commit,
  events,
  jarHolds,
  openShop,
  optanon,
  request,
  shopPage,
  shopVisitFrom,
  startWorker,
  trackerFires,
} from './shop-harness';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the visitor’s answer on the next page, given while a hand-over record waits out the grace', () => {
  it.each([
    ['0.8 s in, while the hand-over record waits out the grace', 800],
    ['2.5 s in, once it was decided (the control)', 2_500],
  ])(
    '(saved settings) %s is their answer on their next visit, not a record stored without interaction',
    async (_, delay) => {
      const w = await startWorker();
      // The site's own record, stored by the page left's pagehide handler (with a 10:15 timestamp) ...
      const sites = w.OPTANON_ACCEPT_ALL;
      // ... and the visitor's own saved settings on the next page (performance and functional on).
      const theirs = OPTANON_CUSTOM;
      expect(theirs).not.toBe(sites);
      const t0 = Date.now() - 5_000;
      await openShop(t0, 'D0');
      await w.reportHandlers.userActivation({ active: false, at: t0 + 60 }, shopPage('D0'));
      await w.reportHandlers.userActivation(
        { active: true, outside: true, label: 'Next article', at: Date.now() },
        shopPage('D0'),
      );
      const t1 = Date.now();
      await request('https://shop.example/next', t1, 'm-next');
      jarHolds(sites);
      await events.onChanged!.trigger(optanon(sites));
      await commit('https://shop.example/next', t1 + 30, 'D1');
      const next = { ...shopPage('D1'), url: 'https://shop.example/next' };
      await w.reportHandlers.userActivation({ active: false, at: Date.now(), initial: true }, next);
      // The next page fires the tracker at once, on the site's record.
      await trackerFires(Date.now() + 100, 'D1');
      // The banner shows again on the next page; the visitor saves their settings there 0.8 s in.
      await wait(delay);
      const clickAt = Date.now();
      await w.reportHandlers.consentClick({ tool: 'onetrust', action: 'save-settings', at: clickAt }, next);
      await w.reportHandlers.userActivation({ active: true, at: clickAt }, next);
      await wait(50);
      await events.onChanged!.trigger(optanon(theirs));
      await wait(ACTIVATION_GRACE_MS + 400);
      await w.writer.flush();
      // On the next page, the tracker fired before the visitor answered, on a record the site stored on its own.
      expect((await shopVisitFrom(w.db, t1)).cio).toEqual([['before-consent', true]]);

      // The visitor's next visit brings their own saved settings.
      const t = Date.now() + 20_000;
      jarHolds(theirs);
      await openShop(t, 'D2', `OptanonConsent=${theirs}`);
      await w.reportHandlers.userActivation({ active: false, at: t + 60 }, shopPage('D2'));
      await trackerFires(t + 2_000, 'D2');
      await w.writer.flush();
      const later = await shopVisitFrom(w.db, t);
      const statuses = later.derived.consent.lines.filter((l) => l.tool === 'onetrust').map((l) => l.status);
      // Before: withoutInteraction true, line 'without-interaction' (the memory held the site's hand-over record,
      // written over the visitor's answer by the older record's late decision).
      expect({ without: later.derived.consent.withoutInteraction, statuses }).toEqual({
        without: false,
        statuses: ['carried-over'],
      });
    },
  );
});
