// Firefox (no documentId) files a detector report dated at or before the current visit's start on the tab's previous
// visit (visitForSender: the page left's banner click before its manager reloaded). Found in review (2026-12-07): a
// back/forward-cache restore has no main-frame request, its visit starts at the commit's timeStamp (the parent's
// clock), and the detector's pageshow report, read a moment before that, went to the page left: the restored page was
// never watched. The restore's report is its visit's first, `initial` as document_start's (user-activation.ts).
import { describe, expect, it } from 'vitest';
import { ACTIVATION_GRACE_MS } from '@/lib/evidence/consent';
import { fireRequest } from './fake-event';
import { TAB, events, optanon, shopVisitFrom, startWorker } from './shop-harness';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const page = (url: string) => ({ tabId: TAB, frameId: 0, url });

async function navigate(url: string, t: number, id: string): Promise<void> {
  await fireRequest(events, { requestId: id, url, type: 'main_frame', tabId: TAB, frameId: 0, timeStamp: t });
}
const commitFx = (url: string, t: number) =>
  events.onCommitted!.trigger({ tabId: TAB, frameId: 0, url, timeStamp: t });

describe('Firefox: a page restored from the back/forward cache', () => {
  it('its pageshow report, read just before the restore’s commit timestamp, is the restored page’s', async () => {
    const w = await startWorker();
    const A = 'https://shop.example/';
    const B = 'https://shop.example/product';
    const t0 = Date.now() - 10_000;
    await navigate(A, t0, 'mA');
    await commitFx(A, t0 + 50);
    await w.reportHandlers.userActivation({ active: false, at: t0 + 60, initial: true }, page(A));
    const t1 = t0 + 3_000;
    await navigate(B, t1, 'mB');
    await commitFx(B, t1 + 50);
    await w.reportHandlers.userActivation({ active: false, at: t1 + 60, initial: true }, page(B));
    // Back: A is restored from the bfcache (no request). The detector's pageshow report is read 5 ms before the
    // parent stamps the commit.
    const tR = Date.now();
    await commitFx(A, tR);
    await w.reportHandlers.userActivation({ active: false, at: tR - 5, initial: true }, page(A));
    // The site stores accept-all on the restored page with no input of the visitor's; its tracker fires.
    await wait(300);
    await events.onChanged!.trigger(optanon(w.OPTANON_ACCEPT_ALL));
    await fireRequest(events, {
      requestId: 'rR',
      url: 'https://track.customer.io/api/v1/page',
      type: 'xmlhttprequest',
      tabId: TAB,
      frameId: 0,
      timeStamp: Date.now() + 200,
      initiator: 'https://shop.example',
    });
    await wait(ACTIVATION_GRACE_MS + 400);
    await w.writer.flush();
    const restored = await shopVisitFrom(w.db, tR);
    expect(restored.entries.some((e) => e.kind === 'activation')).toBe(true);
    expect(restored.derived.consent.withoutInteraction).toBe(true);
  });
});
