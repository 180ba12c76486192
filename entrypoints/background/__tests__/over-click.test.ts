// An accept the site stores after the visitor's Reject all click (contradicting it) is caught on that visit; found in
// review (2026-12-07): decideStored took any choice stored after input that could answer a banner for the visitor's
// answer ('forget'), so the next visit carried the site's accept over as the visitor's choice. It is remembered now
// (`over-click`), and a later visit bringing it reads after the refusal.
import { describe, expect, it } from 'vitest';
import { ACTIVATION_GRACE_MS } from '@/lib/evidence/consent';
import { OPTANON_REJECT_ALL } from '@/lib/consent/__fixtures__/cookies';
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

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The shop opened untouched a while ago; the visitor clicks Reject all in its detected OneTrust banner. */
async function rejectOnShop() {
  const w = await startWorker();
  const t0 = Date.now() - 5_000;
  await openShop(t0, 'D0');
  await w.reportHandlers.userActivation({ active: false, at: t0 + 60 }, shopPage('D0'));
  const clickAt = Date.now();
  await w.reportHandlers.consentClick(
    { tool: 'onetrust', action: 'reject-all', at: clickAt },
    shopPage('D0'),
  );
  await w.reportHandlers.userActivation({ active: true, at: clickAt }, shopPage('D0'));
  return { w, t0 };
}

/** A later visit, untouched, whose document sends OneTrust's record `value` and fires the tracker; derived. */
async function laterVisitBringing(w: Awaited<ReturnType<typeof startWorker>>, value: string) {
  const t = Date.now() + 20_000;
  await openShop(t, 'D2', `OptanonConsent=${value}`);
  await w.reportHandlers.userActivation({ active: false, at: t + 60 }, shopPage('D2'));
  await trackerFires(t + 2_000, 'D2');
  await w.writer.flush();
  return shopVisitFrom(w.db, t);
}

describe('an accept the site stores right after the visitor’s Reject all', () => {
  it('is not carried over to the next visit as the visitor’s choice', async () => {
    const { w, t0 } = await rejectOnShop();
    // The site's "reject" handler stores accept-all (a hostile or broken banner).
    await wait(300);
    await events.onChanged!.trigger(optanon(w.OPTANON_ACCEPT_ALL));
    await wait(ACTIVATION_GRACE_MS + 400);
    await w.writer.flush();
    // On that visit the contradiction is caught.
    const first = await shopVisitFrom(w.db, t0);
    expect(first.derived.consent.lines.some((l) => l.status === 'click-contradicted')).toBe(true);

    // The visitor comes back later: the document sends the accept the site stored over their refusal.
    const later = await laterVisitBringing(w, w.OPTANON_ACCEPT_ALL);
    // Before: [['after-accept', false]], the site's own accept, stored against a Reject all, read as the visitor's.
    expect(later.cio).toEqual([['after-reject', true]]);
    expect(later.derived.consent.lines.map((l) => l.status)).toContain('over-click');
    expect(later.derived.verdict.text).toMatch(
      /stored by the site after the visitor’s Reject all on an earlier visit/,
    );
  });

  it('stored by the page left’s pagehide after the Reject all and a link click: the visit after next is after the refusal', async () => {
    const { w } = await rejectOnShop();
    await events.onChanged!.trigger(optanon(OPTANON_REJECT_ALL));
    await wait(3_000);
    // Later the visitor follows a link; the page left's pagehide stores accept-all as the next page is on its way.
    const t1 = Date.now();
    await request('https://shop.example/next', t1, 'm-next', `OptanonConsent=${OPTANON_REJECT_ALL}`);
    await events.onChanged!.trigger(optanon(w.OPTANON_ACCEPT_ALL));
    await commit('https://shop.example/next', t1 + 30, 'D1');
    await w.reportHandlers.userActivation(
      { active: false, at: Date.now() },
      { ...shopPage('D1'), url: 'https://shop.example/next' },
    );
    await wait(ACTIVATION_GRACE_MS + 400);
    await w.writer.flush();
    // The next visit brings the accept.
    const later = await laterVisitBringing(w, w.OPTANON_ACCEPT_ALL);
    expect(later.cio).toEqual([['after-reject', true]]);
  });
});
