// A choice stored while another tab of the site is open is that tab's visitor's answer only if they interacted
// there: a tab the site opened itself on a link click gives a record it stores on its own no cover.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { signalFromCookie } from '@/lib/consent/signals';
import { OPTANON_ACCEPT_ALL } from '@/lib/consent/__fixtures__/cookies';
import { ACTIVATION_GRACE_MS } from '@/lib/evidence/consent';
import { OTHER_TAB_WINDOW_MS } from '@/lib/evidence/unprompted';
import { LATER_INPUT_EVERY_MS } from '@/lib/messages';
import type { Sighting } from '@/lib/evidence/types';
import type { PageVisit } from '@/lib/findings';
import type { SignalSource } from '@/lib/record';
import { visitRow } from '@/lib/store/__fixtures__/sighting';
import { latestEvery } from '@/lib/latest-every';

const T = 1_800_000_000_000;
const SITE = 'shop.example';
const accept = signalFromCookie('OptanonConsent', OPTANON_ACCEPT_ALL)!;
const stored = (at: number): SignalSource =>
  ({ provenance: 'browser', via: 'cookies-api', site: SITE, host: SITE, at }) as SignalSource;

const written: Sighting[] = [];
let tabs: { tabId: number; current: { visit: PageVisit } }[] = [];
vi.mock('../writer', async (original) => ({
  ...(await original<typeof import('../writer')>()),
  enqueue: (_: PageVisit, s: Sighting) => written.push(s),
  forgetVisits: () => undefined,
  flush: async () => undefined,
}));
vi.mock('../session', async (original) => ({
  ...(await original<typeof import('../session')>()),
  allTabs: () => tabs,
}));

/** A fresh worker; two tabs of the site, both watched untouched: this one since T, the other since a minute before. */
async function twoTabs() {
  vi.resetModules();
  const unprompted = await import('../unprompted');
  await unprompted.loadUnprompted();
  const { recordSignal } = await import('../visits');
  const here = visitRow('here', SITE, T, { tabId: 2 });
  const other = visitRow('other', SITE, T - 60_000, { tabId: 3 });
  tabs = [here, other].map((visit) => ({ tabId: visit.tabId, current: { visit } }));
  // The session module's tab states outlive a module reset here (its mock is kept): no opener left from before.
  (await import('../session')).dropTab(here.tabId);
  unprompted.noteActivation(here, false, T);
  unprompted.noteActivation(other, false, T - 60_000);
  const { getTab, setTab } = await import('../session');
  /** The other tab opened this one at `at` (tabs.onCreated's openerTabId). */
  const openedBy = (at: number) => setTab({ ...getTab(here.tabId), openedBy: { tabId: other.tabId, at } });
  return { unprompted, recordSignal, here, other, openedBy };
}

/** Once every decision is taken: the marks written for this tab, and whether a later visit is stamped remembered. */
async function outcome(unprompted: typeof import('../unprompted')) {
  await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + LATER_INPUT_EVERY_MS + 1_000);
  const later = visitRow('later', SITE, T + 60_000, { tabId: 2 });
  tabs = [];
  const brought = { ...stored(T + 60_000), via: 'jar' } as SignalSource;
  return {
    marked: written.filter((s) => s.kind === 'consent').map((s) => s.consent!.otherTab === true),
    remembered: unprompted.noteSignal(later, accept, brought).unpromptedOn !== undefined,
  };
}

/** This tab's page stores a choice at T + 1 s, untouched; the other tab of the site is open beside it. */
async function storeBesideOtherTab(otherActiveAt: number | null) {
  const { unprompted, recordSignal, here, other } = await twoTabs();
  if (otherActiveAt !== null && otherActiveAt <= T + 1_000)
    unprompted.noteActivation(other, true, otherActiveAt);
  vi.setSystemTime(T + 1_000);
  recordSignal(here, accept, stored(T + 1_000));
  // The other tab's report of the visitor's click may arrive after the cookie's.
  if (otherActiveAt !== null && otherActiveAt > T + 1_000) {
    vi.setSystemTime(otherActiveAt + 50);
    unprompted.noteActivation(other, true, otherActiveAt);
  }
  return outcome(unprompted);
}

beforeEach(() => {
  fakeBrowser.reset();
  written.length = 0;
  vi.useFakeTimers({ now: T });
});
afterEach(() => vi.useRealTimers());

describe('another tab of the site', () => {
  it('whose visitor clicked where a banner could take it before the choice: the choice may be theirs', async () => {
    expect(await storeBesideOtherTab(T + 500)).toEqual({ marked: [true], remembered: false });
  });

  it('whose click is reported after the cookie, within the grace: marked once the grace has passed', async () => {
    expect(await storeBesideOtherTab(T + 1_800)).toEqual({ marked: [false, true], remembered: false });
  });

  it('left untouched (opened by the site on a link click elsewhere): no cover, and the record is remembered', async () => {
    expect(await storeBesideOtherTab(null)).toEqual({ marked: [false], remembered: true });
  });

  it('whose first input comes long after the choice: no cover either', async () => {
    expect(await storeBesideOtherTab(T + 1_000 + ACTIVATION_GRACE_MS + 500)).toEqual({
      marked: [false],
      remembered: true,
    });
  });

  it('whose visitor’s only input was long before the choice: no cover (the site may open the tab on a later click)', async () => {
    expect(await storeBesideOtherTab(T + 1_000 - OTHER_TAB_WINDOW_MS - 1_000)).toEqual({
      marked: [false],
      remembered: true,
    });
  });

  it.each([
    ['before the choice', T + 500, [true]],
    ['reported after the cookie, within the grace', T + 1_800, [false, true]],
  ])(
    'whose first input was long before, and a later one %s: the choice may be theirs',
    async (_, inputAt, marked) => {
      const { unprompted, recordSignal, here, other } = await twoTabs();
      // Their first input, a minute before: a dialog of the site's, say; then they answer an undetected banner.
      unprompted.noteActivation(other, true, T - 50_000);
      if (inputAt <= T + 1_000) unprompted.noteInput(other, inputAt);
      vi.setSystemTime(T + 1_000);
      recordSignal(here, accept, stored(T + 1_000));
      if (inputAt > T + 1_000) {
        vi.setSystemTime(inputAt + 50);
        unprompted.noteInput(other, inputAt);
      }
      await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + LATER_INPUT_EVERY_MS + 1_000);
      expect(written.filter((s) => s.kind === 'consent').map((s) => s.consent!.otherTab === true)).toEqual(
        marked,
      );
    },
  );

  it('a later input long before the choice, or long after it, gives no cover', async () => {
    const { unprompted, recordSignal, here, other } = await twoTabs();
    unprompted.noteActivation(other, true, T - 50_000);
    unprompted.noteInput(other, T + 1_000 - OTHER_TAB_WINDOW_MS - 1_000);
    vi.setSystemTime(T + 1_000);
    recordSignal(here, accept, stored(T + 1_000));
    vi.setSystemTime(T + 1_000 + ACTIVATION_GRACE_MS + 200);
    unprompted.noteInput(other, T + 1_000 + ACTIVATION_GRACE_MS + 200);
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + LATER_INPUT_EVERY_MS + 1_000);
    expect(written.filter((s) => s.kind === 'consent').map((s) => s.consent!.otherTab === true)).toEqual([
      false,
    ]);
  });

  it.each([
    ['reported before the choice', false],
    ['reported after the cookie, within the grace', true],
  ])(
    'the input of the tab that opened this one, that opened it (%s), covers nothing here',
    async (_, late) => {
      const { unprompted, recordSignal, here, other } = await twoTabs();
      const { getTab, setTab } = await import('../session');
      // The visitor presses a button styled like a banner's in the other tab: it opens this one at T + 500.
      setTab({ ...getTab(here.tabId), openedBy: { tabId: other.tabId, at: T + 500 } });
      if (!late) unprompted.noteActivation(other, true, T + 300);
      vi.setSystemTime(T + 1_000);
      recordSignal(here, accept, stored(T + 1_000));
      if (late) {
        vi.setSystemTime(T + 1_200);
        unprompted.noteActivation(other, true, T + 300);
      }
      await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + LATER_INPUT_EVERY_MS + 1_000);
      expect(written.filter((s) => s.kind === 'consent').map((s) => s.consent!.otherTab === true)).toEqual([
        false,
      ]);
      const later = visitRow('later', SITE, T + 60_000, { tabId: 2 });
      tabs = [];
      const brought = { ...stored(T + 60_000), via: 'jar' } as SignalSource;
      expect(unprompted.noteSignal(later, accept, brought).unpromptedOn).toBeDefined();
    },
  );

  it('another input of the opener tab near the choice still covers it', async () => {
    const { unprompted, recordSignal, here, other } = await twoTabs();
    const { getTab, setTab } = await import('../session');
    setTab({ ...getTab(here.tabId), openedBy: { tabId: other.tabId, at: T + 500 } });
    // Their answer in the other tab 10 s before; then the click that opened this tab.
    unprompted.noteActivation(other, true, T - 9_000);
    unprompted.noteInput(other, T + 300);
    vi.setSystemTime(T + 1_000);
    recordSignal(here, accept, stored(T + 1_000));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + LATER_INPUT_EVERY_MS + 1_000);
    expect(written.filter((s) => s.kind === 'consent').map((s) => s.consent!.otherTab === true)).toEqual([
      true,
    ]);
  });

  it('a held choice is marked by a worker restarted before the other tab’s late report', async () => {
    const { recordSignal, here, other } = await twoTabs();
    vi.setSystemTime(T + 1_000);
    recordSignal(here, accept, stored(T + 1_000));
    // The worker stops; its successor hears the other tab's click (made 200 ms after the choice).
    vi.clearAllTimers();
    vi.resetModules();
    vi.setSystemTime(T + 1_300);
    const memories = await import('../memories');
    await memories.loadMemories();
    const unprompted = await import('../unprompted');
    unprompted.noteActivation(other, true, T + 1_200);
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + LATER_INPUT_EVERY_MS + 1_000);
    expect(written.filter((s) => s.kind === 'consent').map((s) => s.consent!.otherTab === true)).toEqual([
      false,
      true,
    ]);
  });

  it('for another site’s record the blog’s page seeded, a tab of that site counts, not one of the blog', async () => {
    vi.resetModules();
    const unprompted = await import('../unprompted');
    await unprompted.loadUnprompted();
    const { recordSignal } = await import('../visits');
    const blog = visitRow('blog', 'blog.example', T, { tabId: 2 });
    const shopTab = visitRow('shop-tab', SITE, T - 60_000, { tabId: 3 });
    tabs = [blog, shopTab].map((visit) => ({ tabId: visit.tabId, current: { visit } }));
    unprompted.noteActivation(blog, false, T);
    unprompted.noteActivation(shopTab, true, T + 800);
    vi.setSystemTime(T + 1_000);
    recordSignal(blog, accept, { ...stored(T + 1_000), byResponse: true } as SignalSource);
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + LATER_INPUT_EVERY_MS + 1_000);
    const later = visitRow('later', SITE, T + 60_000, { tabId: 2 });
    tabs = [];
    const brought = { ...stored(T + 60_000), via: 'jar' } as SignalSource;
    // The visitor answered in the shop's own tab: not remembered as seeded.
    expect(unprompted.noteSignal(later, accept, brought).unpromptedOn).toBeUndefined();
  });

  it('requests carrying the same value hold it once, dated by its first sighting', async () => {
    const { recordSignal, here } = await twoTabs();
    for (let i = 0; i < 50; i++) {
      vi.setSystemTime(T + 1_000 + i * 10);
      recordSignal(here, accept, { ...stored(T + 1_000 + i * 10), via: 'cookie-header' } as SignalSource);
    }
    const held = (await fakeBrowser.storage.session.get('otherTabHeld')).otherTabHeld as Record<
      string,
      { source: { at: number } }
    >;
    expect(Object.values(held).map((h) => h.source.at)).toEqual([T + 1_000]);
  });

  it('deleting the site drops a held choice: no mark is written for the deleted visit', async () => {
    const { unprompted, recordSignal, here, other } = await twoTabs();
    vi.setSystemTime(T + 1_000);
    recordSignal(here, accept, stored(T + 1_000));
    const { beforeDeleting } = await import('../retention');
    await beforeDeleting((visit) => visit.site === SITE);
    unprompted.noteActivation(other, true, T + 1_200);
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + LATER_INPUT_EVERY_MS + 1_000);
    expect(written.filter((s) => s.consent?.otherTab)).toEqual([]);
    expect((await fakeBrowser.storage.session.get('otherTabHeld')).otherTabHeld).toEqual({});
  });
});

describe('the input that opened this tab', () => {
  it('the opening click still covers the new tab when the site calls window.open 4 s after it (transient activation lasts 5 s)', async () => {
    const { unprompted, recordSignal, here, other, openedBy } = await twoTabs();
    unprompted.noteActivation(other, true, T - 50_000);
    // The visitor presses the site's banner-styled button in the other tab at T; its handler waits 4 s, then
    // window.open (still allowed: the transient activation lasts 5 s in Chrome and Firefox).
    unprompted.noteInput(other, T);
    vi.setSystemTime(T + 4_000);
    openedBy(T + 4_000);
    vi.setSystemTime(T + 4_500);
    recordSignal(here, accept, stored(T + 4_500));
    expect(await outcome(unprompted)).toEqual({ marked: [false], remembered: true });
  });

  it.each([
    ['', false],
    [', also after a click on its content a minute before', true],
  ])(
    'the opening click in a frame, whose activation the detector reports after the tab appeared, covers nothing%s',
    async (_, outsideLongBefore) => {
      const { unprompted, recordSignal, here, other, openedBy } = await twoTabs();
      // A minute before, the visitor clicked the article text in the other tab (outside any banner): `outside`.
      if (outsideLongBefore) unprompted.noteActivation(other, false, T - 60_000, true);
      // Their first answering input there: a banner-styled button in the site's frame, pressed at T + 400; its
      // click opens this tab at T + 450. The page sees no event (the frame keeps the focus out) or looks late
      // (Firefox's 100/500 ms looks): the activation is reported at T + 900, after the tab appeared.
      vi.setSystemTime(T + 450);
      openedBy(T + 450);
      vi.setSystemTime(T + 900);
      unprompted.noteActivation(other, true, T + 900);
      vi.setSystemTime(T + 1_000);
      recordSignal(here, accept, stored(T + 1_000));
      expect(await outcome(unprompted)).toEqual({ marked: [false], remembered: true });
    },
  );
});

describe('later inputs beside the opener exclusion', () => {
  it('an honest answer in the opener tab within 5 s of the click that opened this tab covers the choice', async () => {
    const { unprompted, recordSignal, here, other, openedBy } = await twoTabs();
    unprompted.noteActivation(other, true, T - 50_000);
    // The detector's throttle (LATER_INPUT_EVERY_MS = 5 s) in the other tab, reporting to the background.
    const later = latestEvery(5_000, (at) => unprompted.noteInput(other, at));
    // T: the visitor ctrl-clicks the privacy link in the other tab's (undetected) banner: a background tab opens.
    later(T);
    vi.setSystemTime(T + 200);
    openedBy(T + 200);
    // T + 2 s: they click Accept in that banner; the manager stores it (seen here too, the cookie is shared).
    vi.setSystemTime(T + 2_000);
    later(T + 2_000);
    vi.setSystemTime(T + 2_050);
    recordSignal(here, accept, stored(T + 2_050));
    expect(await outcome(unprompted)).toEqual({ marked: [false, true], remembered: false });
  });
});

describe('the opener tab’s first answering activation after it opened this tab through an outside input', () => {
  it('a right-click "Open link in new tab" on an article link, then Accept in the opener’s banner 1 s later, covers the choice', async () => {
    const { unprompted, recordSignal, here, other, openedBy } = await twoTabs();
    // The visitor right-clicks an article link in the other tab at T - 300 (an input outside any banner: the detector
    // reports the activation as `outside`) and picks "Open link in new tab": this tab at T.
    unprompted.noteActivation(other, false, T - 300, true);
    openedBy(T);
    // 1 s later they click Accept in the other tab's (undetected) banner: its first answering activation, reported
    // at once; the manager stores the choice, seen here too.
    vi.setSystemTime(T + 1_000);
    unprompted.noteActivation(other, true, T + 1_000);
    vi.setSystemTime(T + 1_050);
    recordSignal(here, accept, stored(T + 1_050));
    expect(await outcome(unprompted)).toEqual({ marked: [true], remembered: false });
  });
});
