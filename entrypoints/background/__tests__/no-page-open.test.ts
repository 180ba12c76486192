// A consent record stored while no page of the site is open (the site's service worker, after its last client closed;
// a keepalive response landing after the tab closed) is nobody's answer on a page: remembered as the site's own, so the
// next visit bringing it cannot present it as the visitor's (cookies.ts, unprompted.ts noteStoredWithoutPage). The
// visitor's Accept just before the page went (its response landing late) stays theirs.
import { describe, expect, it } from 'vitest';
import { ACTIVATION_GRACE_MS } from '@/lib/evidence/consent';
import {
  commit,
  events,
  openShop,
  optanon,
  request,
  shopPage,
  shopVisitFrom,
  startWorker,
  trackerFires,
} from './shop-harness';

/** The next visit to the shop at `t`, bringing `accept`: the visitor does not touch the page; a tracker fires. */
async function untouchedVisit(w: Awaited<ReturnType<typeof startWorker>>, t: number, accept: string) {
  await openShop(t, 'D1', `OptanonConsent=${accept}`);
  await w.reportHandlers.userActivation({ active: false, at: t + 60 }, shopPage('D1'));
  await trackerFires(t + 2_000, 'D1');
  await w.writer.flush();
  return shopVisitFrom(w.db, t);
}

describe('an accept stored while no page of the site is open', () => {
  // Stored Partitioned by the site's own service worker or first-party response, CHIPS files it under the site's own
  // partition, and it goes with every top-level navigation to the site as an unpartitioned cookie would (a review
  // found that one attribute skipped the rule).
  it.each([
    ['', false],
    [', also when stored Partitioned under the site itself', true],
  ])('is not carried over on the next visit as the visitor’s choice%s', async (_, partitioned) => {
    const w = await startWorker();
    // No tab shows the shop: its service worker (or a keepalive response after the tab closed) stores accept-all.
    await events.onChanged!.trigger(optanon(w.OPTANON_ACCEPT_ALL, partitioned));
    await new Promise((r) => setTimeout(r, ACTIVATION_GRACE_MS + 300));

    // The visitor's next visit: the record goes with the document; they do not touch the page; a tracker fires.
    const next = await untouchedVisit(w, Date.now() + 20_000, w.OPTANON_ACCEPT_ALL);
    // Sanity: the accept did arrive with the document.
    expect(next.entries.some((e) => e.kind === 'consent' && e.via === 'cookie-header')).toBe(true);
    expect([next.cio, next.derived.consent.withoutInteraction]).toEqual([[['before-consent', true]], true]);
  });

  it('stays the visitor’s answer when they clicked Accept on the site just before its page went', async () => {
    const w = await startWorker();
    // First visit: the visitor clicks Accept in the banner, and the tab goes to another site at once.
    await openShop(Date.now(), 'D0');
    await w.reportHandlers.userActivation({ active: true, at: Date.now() }, shopPage('D0'));
    await w.reportHandlers.consentClick(
      { tool: 'onetrust', action: 'accept-all', at: Date.now() },
      shopPage('D0'),
    );
    await request('https://news.example/', Date.now(), 'away');
    await commit('https://news.example/', Date.now(), 'DN');
    // The click's response lands once no page of the shop is open.
    await events.onChanged!.trigger(optanon(w.OPTANON_ACCEPT_ALL));

    // The next visit brings it, untouched: the visitor's accept, carried over.
    const next = await untouchedVisit(w, Date.now() + 20_000, w.OPTANON_ACCEPT_ALL);
    expect([next.cio, next.derived.consent.withoutInteraction]).toEqual([[['after-accept', false]], false]);
  });
});

describe('the visitor’s own accept re-written as the new page of the site loads (review)', () => {
  it('is not remembered as stored while no page was open when its commit is handled after the cookie event', async () => {
    // Found in review: visitsForCookie (lib/tab-state.ts) looks at each tab's `current` visit only. Between a cross-site
    // navigation's main-frame request (the visit pending) and the handling of its commit (webNavigation and the
    // cookie store report on separate channels; a prerendered page's events are held until it is shown), a cookie
    // change of the arriving site finds "no page of the site open", and noteStoredWithoutPage remembers it, with
    // no restatement check against what the navigation brought. A manager re-writing the visitor's own accept on
    // load (a fresh datestamp, the same choice) makes every later visit read "stored while no page of it was open":
    // trackers before consent, a false violation.
    const w = await startWorker();
    const again = w.OPTANON_ACCEPT_ALL.replace('10%3A15%3A09', '11%3A00%3A00');

    // The tab shows another site; the visitor follows a link to the shop, bringing their accept.
    const t0 = Date.now();
    await request('https://news.example/', t0, 'n');
    await commit('https://news.example/', t0 + 10, 'DN');
    await request('https://shop.example/', t0 + 100, 'm1', `OptanonConsent=${w.OPTANON_ACCEPT_ALL}`);
    // The shop's manager re-writes the choice on load; the cookie event is handled before the commit.
    await events.onChanged!.trigger(optanon(again));
    await commit('https://shop.example/', t0 + 150, 'D0');
    await w.reportHandlers.userActivation({ active: false, at: t0 + 160 }, shopPage('D0'));
    await new Promise((r) => setTimeout(r, ACTIVATION_GRACE_MS + 300));

    // The next visit brings the (re-written) accept, untouched; a tracker fires.
    const next = await untouchedVisit(w, Date.now() + 20_000, again);
    expect([next.cio, next.derived.consent.withoutInteraction]).toEqual([[['after-accept', false]], false]);
  });
});
