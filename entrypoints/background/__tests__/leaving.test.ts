// A consent record stored as the tab goes from one page of the site to the next (the page left's pagehide or unload
// handler, a keepalive request it sends then, or reported on the next page before its detector watched it) is judged
// by the page left's interaction, as a record stored on it would be (decideStored), and, when remembered as stored
// without interaction, stamped on the page the tab now shows, whose jar read may have come first (visits.ts
// pageLeft, unprompted.ts). The visitor's link click on content is input outside any banner: it answers nothing.
import { describe, expect, it, vi } from 'vitest';
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
  shopVisitFrom,
  startWorker,
  trackerFires,
} from './shop-harness';

type Worker = Awaited<ReturnType<typeof startWorker>>;

/**
 * The visitor's input on the page left before it went: a link on its content (outside any banner), an input the
 * detector saw only as one that could answer a banner (an Accept in a banner drawn in a frame), or a click in the
 * detected banner.
 */
type Input = 'link' | 'frame-banner' | 'banner-accept' | 'banner-reject';

async function input(w: Worker, how: Input): Promise<void> {
  const page = shopPage('D0');
  if (how === 'link')
    return void (await w.reportHandlers.userActivation(
      { active: true, outside: true, label: 'Next article', at: Date.now() },
      page,
    ));
  if (how === 'banner-accept' || how === 'banner-reject')
    await w.reportHandlers.consentClick(
      { tool: 'onetrust', action: how === 'banner-accept' ? 'accept-all' : 'reject-all', at: Date.now() },
      page,
    );
  await w.reportHandlers.userActivation({ active: true, at: Date.now() }, page);
}

/**
 * The visitor is on the shop (bringing `brought`, if given), gives `how` input, and the tab goes to the shop's next
 * page; `stored` is stored, the cookie store reporting it before the next page's request (`order: 'before'`), while
 * it is on its way (`'leaving'`) or after its commit, before its detector's first report (`'arrived'`). The next page
 * stays untouched and fires the tracker. Returns the next visit, derived.
 */
async function leaveShop(
  w: Worker,
  stored: string,
  order: 'before' | 'leaving' | 'arrived',
  how: Input,
  brought?: string,
) {
  // The page left opened a while ago (its visit told apart from the next one by start time).
  const t0 = Date.now() - 5_000;
  await openShop(t0, 'D0', brought && `OptanonConsent=${brought}`);
  await w.reportHandlers.userActivation({ active: false, at: t0 + 60 }, shopPage('D0'));
  await input(w, how);
  jarHolds(stored);
  if (order === 'before') {
    await events.onChanged!.trigger(optanon(stored));
    // The listener does not wait for its handling: let it be handled before the request, as reported.
    await new Promise((r) => setTimeout(r, 20));
  }
  const t1 = Date.now();
  await request('https://shop.example/next', t1, 'm-next');
  if (order === 'leaving') await events.onChanged!.trigger(optanon(stored));
  await commit('https://shop.example/next', t1 + 30, 'D1');
  if (order === 'arrived') await events.onChanged!.trigger(optanon(stored));
  return nextUntouched(w, t1);
}

/** The next page's detector reports a moment later (at the same millisecond it would cover the record). */
async function nextUntouched(w: Worker, t1: number) {
  await new Promise((r) => setTimeout(r, 10));
  const next = { ...shopPage('D1'), url: 'https://shop.example/next' };
  await w.reportHandlers.userActivation({ active: false, at: Date.now() }, next);
  await trackerFires(Date.now() + 200, 'D1');
  await new Promise((r) => setTimeout(r, ACTIVATION_GRACE_MS + 400));
  await w.writer.flush();
  return shopVisitFrom(w.db, t1);
}

const flagged = (next: Awaited<ReturnType<typeof leaveShop>>) => ({
  cio: next.cio,
  without: next.derived.consent.withoutInteraction,
});
const STORED_UNPROMPTED = { cio: [['before-consent', true]], without: true };
const THEIR_ANSWER = { cio: [['after-accept', false]], without: false };

describe('a consent record stored as the visitor leaves a page of the site', () => {
  it.each(['leaving', 'arrived'] as const)(
    'after a link click is stored without interaction on the next page (reported %s)',
    async (order) => {
      const w = await startWorker();
      const next = await leaveShop(w, w.OPTANON_ACCEPT_ALL, order, 'link');
      const line = next.derived.consent.lines.find((l) => l.status === 'without-interaction');
      expect({ ...flagged(next), leaving: line?.storedUnprompted?.leaving }).toEqual({
        ...STORED_UNPROMPTED,
        leaving: true,
      });
    },
  );

  it('stored by the link’s own click handler (reported before the next page’s request) is stored without interaction too', async () => {
    const w = await startWorker();
    expect(flagged(await leaveShop(w, w.OPTANON_ACCEPT_ALL, 'before', 'link'))).toEqual(STORED_UNPROMPTED);
  });

  it('stays the visitor’s answer after their Accept in the banner of the page left', async () => {
    const w = await startWorker();
    expect(flagged(await leaveShop(w, w.OPTANON_ACCEPT_ALL, 'leaving', 'banner-accept'))).toEqual(
      THEIR_ANSWER,
    );
  });

  // Found in review: a banner drawn in a frame gives no banner click, only input that could answer one; its manager
  // reloading the page at once must not make the verdict hang on which event reaches the worker first.
  it.each(['before', 'leaving', 'arrived'] as const)(
    'stays the visitor’s answer after input that could answer a banner (a frame’s Accept), reported %s',
    async (order) => {
      const w = await startWorker();
      expect(flagged(await leaveShop(w, w.OPTANON_ACCEPT_ALL, order, 'frame-banner'))).toEqual(THEIR_ANSWER);
    },
  );

  it('restates the choice the page left brought when it re-writes it with a fresh timestamp', async () => {
    const w = await startWorker();
    const again = w.OPTANON_ACCEPT_ALL.replace('10%3A15%3A09', '11%3A00%3A00');
    expect(flagged(await leaveShop(w, again, 'arrived', 'link', w.OPTANON_ACCEPT_ALL))).toEqual(THEIR_ANSWER);
  });

  it('stored by the response to a keepalive request the page left sends as it goes is stored without interaction', async () => {
    // Found in review: the cookie store's report of a response's cookie (byResponse) was left out.
    const w = await startWorker();
    await openShop(Date.now() - 5_000, 'D0');
    await w.reportHandlers.userActivation({ active: false, at: Date.now() - 4_900 }, shopPage('D0'));
    await input(w, 'link');
    const t1 = Date.now();
    await request('https://shop.example/next', t1, 'm-next');
    await events.onHeadersReceived!.trigger({
      requestId: 'beacon',
      url: 'https://shop.example/consent',
      type: 'ping',
      tabId: TAB,
      frameId: 0,
      documentId: 'D0',
      initiator: 'https://shop.example',
      timeStamp: Date.now(),
      responseHeaders: [
        { name: 'Set-Cookie', value: `OptanonConsent=${w.OPTANON_ACCEPT_ALL}; Path=/; Max-Age=31536000` },
      ],
    });
    jarHolds(w.OPTANON_ACCEPT_ALL);
    await events.onChanged!.trigger(optanon(w.OPTANON_ACCEPT_ALL));
    await commit('https://shop.example/next', t1 + 30, 'D1');
    expect(flagged(await nextUntouched(w, t1))).toEqual(STORED_UNPROMPTED);
  });

  // Found in review: an outbound link's page left runs its pagehide after the other site committed (another process).
  it.each(['before', 'after'] as const)(
    'stored as the visitor follows a link to another site (reported %s its commit) is remembered',
    async (order) => {
      const w = await startWorker();
      await openShop(Date.now() - 5_000, 'D0');
      await w.reportHandlers.userActivation({ active: false, at: Date.now() - 4_900 }, shopPage('D0'));
      await input(w, 'link');
      const t1 = Date.now();
      await request('https://news.example/', t1, 'away');
      if (order === 'before') await events.onChanged!.trigger(optanon(w.OPTANON_ACCEPT_ALL));
      await commit('https://news.example/', t1 + 30, 'DN');
      if (order === 'after') await events.onChanged!.trigger(optanon(w.OPTANON_ACCEPT_ALL));
      await new Promise((r) => setTimeout(r, ACTIVATION_GRACE_MS + 400));
      // The visitor's next visit to the shop, untouched, bringing the record.
      const t = Date.now() + 20_000;
      await openShop(t, 'D2', `OptanonConsent=${w.OPTANON_ACCEPT_ALL}`);
      await w.reportHandlers.userActivation({ active: false, at: t + 60 }, shopPage('D2'));
      await trackerFires(t + 2_000, 'D2');
      await w.writer.flush();
      expect(flagged(await shopVisitFrom(w.db, t))).toEqual(STORED_UNPROMPTED);
    },
  );

  // Seen in the previous stop's review: a restarted worker took the waiting decision before it had read the tabs back
  // from storage.session, so the page the tab shows, whose jar read came first, was not stamped.
  it('is stamped on the page shown by a worker restarted after the grace, whatever its tab states’ read takes', async () => {
    const first = await startWorker();
    const t0 = Date.now() - 5_000;
    await openShop(t0, 'D0');
    await first.reportHandlers.userActivation({ active: false, at: t0 + 60 }, shopPage('D0'));
    await input(first, 'link');
    jarHolds(first.OPTANON_ACCEPT_ALL);
    const t1 = Date.now();
    await request('https://shop.example/next', t1, 'm-next');
    // The next page's jar read finds the record before the cookie store's report of it comes.
    await commit('https://shop.example/next', t1 + 30, 'D1');
    // The first worker stops with the decision waiting out the grace: its timers never fire.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await events.onChanged!.trigger(optanon(first.OPTANON_ACCEPT_ALL));
    const next = { ...shopPage('D1'), url: 'https://shop.example/next' };
    await first.reportHandlers.userActivation({ active: false, at: Date.now() }, next);
    await first.writer.flush();
    vi.useRealTimers();
    await new Promise((r) => setTimeout(r, ACTIVATION_GRACE_MS + 400));
    // Reading every tab state back is the restarted worker's slowest read.
    const session = fakeBrowser.storage.session;
    const get = session.get.bind(session);
    Object.assign(session, {
      get: async (keys: Parameters<typeof get>[0]) => {
        if (keys === null) await new Promise((r) => setTimeout(r, 100));
        return get(keys);
      },
    });
    const w = await startWorker();
    await trackerFires(Date.now() + 200, 'D1');
    await w.writer.flush();
    expect(flagged(await shopVisitFrom(w.db, t1))).toEqual(STORED_UNPROMPTED);
  });

  // A restore from the back/forward cache has no request: the page left stores its record with no next page pending.
  it.each(['before', 'after'] as const)(
    'stored as the visitor goes back to a page kept in the back/forward cache (reported %s its commit) is stamped there',
    async (order) => {
      const w = await startWorker();
      await openShop(Date.now() - 9_000, 'D0');
      await w.reportHandlers.userActivation({ active: false, at: Date.now() - 8_900 }, shopPage('D0'));
      await input(w, 'link');
      const t1 = Date.now() - 6_000;
      await request('https://shop.example/next', t1, 'm-next');
      await commit('https://shop.example/next', t1 + 30, 'D1');
      const next = { ...shopPage('D1'), url: 'https://shop.example/next' };
      await w.reportHandlers.userActivation({ active: false, at: t1 + 60 }, next);
      // Back: the page left's pagehide handler stores the record; the first page, restored as it was, commits.
      jarHolds(w.OPTANON_ACCEPT_ALL);
      const t2 = Date.now();
      if (order === 'before') await events.onChanged!.trigger(optanon(w.OPTANON_ACCEPT_ALL));
      await commit('https://shop.example/', t2, 'D0');
      if (order === 'after') await events.onChanged!.trigger(optanon(w.OPTANON_ACCEPT_ALL));
      await trackerFires(Date.now() + 200, 'D0', 'r-restored');
      await new Promise((r) => setTimeout(r, ACTIVATION_GRACE_MS + 400));
      await w.writer.flush();
      expect(flagged(await shopVisitFrom(w.db, t2))).toEqual(STORED_UNPROMPTED);
    },
  );

  it('is remembered: a later visit bringing it reads it as stored as a page was left', async () => {
    const w = await startWorker();
    await leaveShop(w, w.OPTANON_ACCEPT_ALL, 'leaving', 'link');
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

describe('a localStorage record stored as the visitor leaves a page of the site', () => {
  /**
   * The page left (watched) is left after `how` input; the next page's detector finds `found` in localStorage at its
   * start; `seen`: the page left's pagehide read reports `found` too, after the next page's (its handler ran first).
   */
  async function leaveWithStorage(found: string, how: Input, seen = false) {
    const w = await startWorker();
    const t0 = Date.now() - 5_000;
    await openShop(t0, 'D0');
    await w.reportHandlers.userActivation({ active: false, at: t0 + 60 }, shopPage('D0'));
    await input(w, how);
    const t1 = Date.now();
    await request('https://shop.example/next', t1, 'm-next');
    await commit('https://shop.example/next', t1 + 30, 'D1');
    const next = { ...shopPage('D1'), url: 'https://shop.example/next' };
    const items = [{ key: 'uc_settings', value: found }];
    await w.reportHandlers.consentStorage({ items, at: Date.now(), initial: true }, next);
    if (seen) await w.reportHandlers.consentStorage({ items, at: Date.now() }, shopPage('D0'));
    await new Promise((r) => setTimeout(r, 10));
    await w.reportHandlers.userActivation({ active: false, at: Date.now(), initial: true }, next);
    await trackerFires(Date.now() + 200, 'D1');
    await new Promise((r) => setTimeout(r, ACTIVATION_GRACE_MS + 400));
    await w.writer.flush();
    return shopVisitFrom(w.db, t1);
  }

  it.each([
    ['the page left never showed it', false],
    ['the page left reported it only as it went (its own pagehide handler ran first)', true],
  ])('after a link click is stored without interaction on the next page: %s', async (_, seen) => {
    const { UC_ACCEPT_ALL } = await import('@/lib/consent/__fixtures__/managers');
    const next = await leaveWithStorage(UC_ACCEPT_ALL, 'link', seen);
    const line = next.derived.consent.lines.find((l) => l.status === 'without-interaction');
    expect({ ...flagged(next), leaving: line?.storedUnprompted?.leaving }).toEqual({
      ...STORED_UNPROMPTED,
      leaving: true,
    });
  });

  it('stays remembered when a later page the visitor touches shows it again (a re-read is no new store)', async () => {
    const { UC_ACCEPT_ALL } = await import('@/lib/consent/__fixtures__/managers');
    const first = await leaveWithStorage(UC_ACCEPT_ALL, 'link');
    expect(flagged(first)).toEqual(STORED_UNPROMPTED);
    // The same worker's modules (leaveWithStorage started it).
    const { reportHandlers } = await import('../reports');
    const writer = await import('../writer');
    const { db } = await (await import('../context')).ready();
    const items = [{ key: 'uc_settings', value: UC_ACCEPT_ALL }];
    // Two later visits bring it; on the first the visitor clicks, and the detector's next read shows it again.
    for (const [doc, touched] of [
      ['D2', true],
      ['D3', false],
    ] as const) {
      const t = Date.now();
      await openShop(t, doc);
      await reportHandlers.consentStorage({ items, at: Date.now(), initial: true }, shopPage(doc));
      await reportHandlers.userActivation({ active: touched, at: Date.now() }, shopPage(doc));
      await reportHandlers.consentStorage({ items, at: Date.now() }, shopPage(doc));
      await trackerFires(Date.now() + 200, doc);
      await new Promise((r) => setTimeout(r, ACTIVATION_GRACE_MS + 400));
      await writer.flush();
      if (!touched) expect(flagged(await shopVisitFrom(db, t))).toEqual(STORED_UNPROMPTED);
    }
  });

  it.each([
    ['after a click in the banner of the page left', 'banner-accept' as const, false],
    [
      'after input there that could answer a banner, reported as the page went',
      'frame-banner' as const,
      true,
    ],
  ])('is the visitor’s choice %s', async (_, how, seen) => {
    const { UC_ACCEPT_ALL } = await import('@/lib/consent/__fixtures__/managers');
    expect(flagged(await leaveWithStorage(UC_ACCEPT_ALL, how, seen))).toEqual(THEIR_ANSWER);
  });
});
