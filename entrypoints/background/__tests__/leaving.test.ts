// A consent record a page stores as the visitor leaves it (its pagehide or unload handler), or the next page of the
// site stores before the detector watched it, is the hand-over's: the input that navigated (a link, an address
// typed) answered no banner. Without a click in a banner of the page left it is remembered as stored without
// interaction and stamped on the page the tab now shows (visits.ts pageLeft, unprompted.ts decideLeaving).
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
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

type Worker = Awaited<ReturnType<typeof startWorker>>;

/** The cookie store now holds OneTrust's record `value` (the jar read at the next commit finds it). */
function jarHolds(value: string): void {
  Object.assign(fakeBrowser.cookies, {
    getAll: async () => [{ name: 'OptanonConsent', value, domain: 'shop.example', path: '/' }],
  });
}

/**
 * The visitor is on the shop (bringing `brought`, if given), clicks (a link, or `bannerClick` in OneTrust's banner),
 * and the tab goes to the shop's next page; the page left stores `stored` as it goes, reported before the next page's
 * commit (`order: 'leaving'`) or after it, before its detector's first report (`'arrived'`). The next page stays
 * untouched and fires the tracker. Returns the next visit, derived.
 */
async function leaveShop(
  w: Worker,
  stored: string,
  order: 'leaving' | 'arrived',
  { brought, bannerClick }: { brought?: string; bannerClick?: 'accept-all' | 'reject-all' } = {},
) {
  // The page left opened a while ago (its visit told apart from the next one by start time).
  const t0 = Date.now() - 5_000;
  await openShop(t0, 'D0', brought && `OptanonConsent=${brought}`);
  await w.reportHandlers.userActivation({ active: false, at: t0 + 60 }, shopPage('D0'));
  if (bannerClick)
    await w.reportHandlers.consentClick(
      { tool: 'onetrust', action: bannerClick, at: Date.now() },
      shopPage('D0'),
    );
  await w.reportHandlers.userActivation({ active: true, at: Date.now() }, shopPage('D0'));
  const t1 = Date.now();
  await request('https://shop.example/next', t1, 'm-next');
  jarHolds(stored);
  if (order === 'leaving') await events.onChanged!.trigger(optanon(stored));
  await commit('https://shop.example/next', t1 + 30, 'D1');
  if (order === 'arrived') await events.onChanged!.trigger(optanon(stored));
  const next = { ...shopPage('D1'), url: 'https://shop.example/next' };
  // Its detector's first report, a moment after the record (at the same millisecond it would cover it).
  await new Promise((r) => setTimeout(r, 10));
  await w.reportHandlers.userActivation({ active: false, at: Date.now() }, next);
  await trackerFires(Date.now() + 200, 'D1');
  await new Promise((r) => setTimeout(r, ACTIVATION_GRACE_MS + 400));
  await w.writer.flush();
  return shopVisitFrom(w.db, t1);
}

describe('a consent record stored as the visitor leaves a page of the site', () => {
  it.each(['leaving', 'arrived'] as const)(
    'is stored without interaction on the next page when no banner was clicked (reported %s)',
    async (order) => {
      const w = await startWorker();
      const next = await leaveShop(w, w.OPTANON_ACCEPT_ALL, order);
      const line = next.derived.consent.lines.find((l) => l.status === 'without-interaction');
      expect({
        cio: next.cio,
        without: next.derived.consent.withoutInteraction,
        leaving: line?.storedUnprompted?.leaving,
      }).toEqual({ cio: [['before-consent', true]], without: true, leaving: true });
    },
  );

  it('stays the visitor’s answer after their Accept in the banner of the page left', async () => {
    const w = await startWorker();
    const next = await leaveShop(w, w.OPTANON_ACCEPT_ALL, 'leaving', { bannerClick: 'accept-all' });
    expect([next.cio, next.derived.consent.withoutInteraction]).toEqual([[['after-accept', false]], false]);
  });

  it('restates the choice the page left brought when it re-writes it with a fresh timestamp', async () => {
    const w = await startWorker();
    const again = w.OPTANON_ACCEPT_ALL.replace('10%3A15%3A09', '11%3A00%3A00');
    const next = await leaveShop(w, again, 'arrived', { brought: w.OPTANON_ACCEPT_ALL });
    expect([next.cio, next.derived.consent.withoutInteraction]).toEqual([[['after-accept', false]], false]);
  });

  it('is remembered: a later visit bringing it reads it as stored as a page was left', async () => {
    const w = await startWorker();
    await leaveShop(w, w.OPTANON_ACCEPT_ALL, 'leaving');
    const t = Date.now() + 20_000;
    await openShop(t, 'D2', `OptanonConsent=${w.OPTANON_ACCEPT_ALL}`);
    await w.reportHandlers.userActivation({ active: false, at: t + 60 }, shopPage('D2'));
    await trackerFires(t + 2_000, 'D2');
    await w.writer.flush();
    const later = await shopVisitFrom(w.db, t);
    const line = later.derived.consent.lines.find((l) => l.status === 'without-interaction');
    expect([later.cio, line?.storedUnprompted?.leaving]).toEqual([[['before-consent', true]], true]);
  });
});
