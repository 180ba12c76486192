// The opener exclusion and later inputs, against a site that stores "accept" on its own in a second tab,
// and for an honest visitor answering in the first.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { signalFromCookie } from '@/lib/consent/signals';
import { OPTANON_ACCEPT_ALL } from '@/lib/consent/__fixtures__/cookies';
import { ACTIVATION_GRACE_MS } from '@/lib/evidence/consent';
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
  const openedBy = (at: number) => setTab({ ...getTab(here.tabId), openedBy: { tabId: other.tabId, at } });
  return { unprompted, recordSignal, here, other, openedBy };
}

async function outcome(unprompted: typeof import('../unprompted')) {
  await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 10_000);
  const later = visitRow('later', SITE, T + 60_000, { tabId: 2 });
  tabs = [];
  const brought = { ...stored(T + 60_000), via: 'jar' } as SignalSource;
  return {
    marked: written.filter((s) => s.kind === 'consent').map((s) => s.consent!.otherTab === true),
    remembered: unprompted.noteSignal(later, accept, brought).unpromptedOn !== undefined,
  };
}

beforeEach(() => {
  fakeBrowser.reset();
  written.length = 0;
  vi.useFakeTimers({ now: T });
});
afterEach(() => vi.useRealTimers());

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

  it('the opening click in a frame, whose activation the detector reports on its next poll after the tab appeared, covers nothing', async () => {
    const { unprompted, recordSignal, here, other, openedBy } = await twoTabs();
    // The visitor's first input in the other tab: a banner-styled button in the site's frame (which keeps the focus
    // out: no blur), pressed at T + 400; its click opens this tab at T + 450. The page sees no event: the detector's
    // 1 s poll reports the activation at T + 900, after the tab appeared.
    vi.setSystemTime(T + 450);
    openedBy(T + 450);
    vi.setSystemTime(T + 900);
    unprompted.noteActivation(other, true, T + 900);
    vi.setSystemTime(T + 1_000);
    recordSignal(here, accept, stored(T + 1_000));
    expect(await outcome(unprompted)).toEqual({ marked: [false], remembered: true });
  });
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
