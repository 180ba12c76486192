// Firefox gives no documentId. Found in review (2026-12-07): a report of the page left that reached the worker after
// the next page's commit (its banner click and activation, posted just before the manager's location.reload()) was
// filed on the next page (visitForSender: the tab's current visit of the same site), and the reloaded page's jar read,
// made while the record's decision waited, was stamped as the site's at once: the visitor's Accept read as stored
// without interaction. A report our detector dated before the commit is now the page left's, and a page that brought
// a record whose decision waits is stamped only once it is remembered.
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ACTIVATION_GRACE_MS } from '@/lib/evidence/consent';
import { fireRequest } from './fake-event';
import { TAB, events, optanon, shopVisitFrom, startWorker, trackerFires } from './shop-harness';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A Firefox sender: no documentId, no documentLifecycle. */
const page = { tabId: TAB, frameId: 0, url: 'https://shop.example/' };

async function navigate(t: number, id: string): Promise<void> {
  await fireRequest(events, {
    requestId: id,
    url: 'https://shop.example/',
    type: 'main_frame',
    tabId: TAB,
    frameId: 0,
    timeStamp: t,
  });
}
const commitFx = (t: number) =>
  events.onCommitted!.trigger({ tabId: TAB, frameId: 0, url: 'https://shop.example/', timeStamp: t });

describe('Firefox: the visitor’s Accept in the banner, whose manager reloads the page at once', () => {
  it.each(['before', 'after', 'after (the click itself between the reload’s request and)'] as const)(
    'is their answer on the reloaded page when the page left’s click report arrives %s the commit',
    async (order) => {
      const w = await startWorker();
      const t0 = Date.now() - 5_000;
      await navigate(t0, 'm0');
      await commitFx(t0 + 50);
      await w.reportHandlers.userActivation({ active: false, at: t0 + 60, initial: true }, page);
      // The visitor clicks Accept all in OneTrust's banner; the detector posts its reports (capture phase, before
      // the page's handler); OneTrust stores the cookie and reloads.
      // The click between the reload's request and its commit: after the new visit's start (its request).
      const between = order !== 'before' && order !== 'after';
      const clickAt = between ? Date.now() + 10 : Date.now();
      const reports = async () => {
        await w.reportHandlers.consentClick({ tool: 'onetrust', action: 'accept-all', at: clickAt }, page);
        await w.reportHandlers.userActivation({ active: true, at: clickAt }, page);
      };
      if (order === 'before') await reports();
      const t1 = Date.now();
      await navigate(t1, 'm1');
      Object.assign(fakeBrowser.cookies, {
        getAll: async () => [
          { name: 'OptanonConsent', value: w.OPTANON_ACCEPT_ALL, domain: 'shop.example', path: '/' },
        ],
      });
      await events.onChanged!.trigger(optanon(w.OPTANON_ACCEPT_ALL));
      await commitFx(t1 + 30);
      if (order !== 'before') await reports();
      await wait(10);
      await w.reportHandlers.userActivation({ active: false, at: Date.now(), initial: true }, page);
      await trackerFires(Date.now() + 200, undefined, 'r1');
      await wait(ACTIVATION_GRACE_MS + 400);
      await w.writer.flush();
      const reloaded = await shopVisitFrom(w.db, t1);
      // The visitor comes back later: the document sends their accept.
      const t = Date.now() + 20_000;
      await navigate(t, 'm2');
      await commitFx(t + 50);
      await w.reportHandlers.userActivation({ active: false, at: t + 60, initial: true }, page);
      await trackerFires(t + 2_000, undefined, 'r2');
      await w.writer.flush();
      const later = await shopVisitFrom(w.db, t);
      // Before ('after'): the reloaded page read withoutInteraction true ('after-unknown-choice'), and the later
      // visit [['before-consent', true]] with withoutInteraction true.
      expect({
        reloaded: reloaded.derived.consent.withoutInteraction,
        later: later.cio,
        laterWithout: later.derived.consent.withoutInteraction,
      }).toEqual({ reloaded: false, later: [['after-accept', false]], laterWithout: false });
    },
  );
});
