// Trust rules of the background's memories, end to end through recordSignal/noteSignal: ways a site could excuse a
// record it seeded or stored on its own, and honest answers that must not be flagged (a reviewer's demonstrations).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { signalFromCookie, signalsFromJar } from '@/lib/consent/signals';
import { signalFromStorage } from '@/lib/consent/storage-signals';
import { OPTANON_ACCEPT_ALL, OPTANON_REJECT_ALL } from '@/lib/consent/__fixtures__/cookies';
import { ACTIVATION_GRACE_MS } from '@/lib/evidence/consent';
import { LATER_INPUT_EVERY_MS } from '@/lib/messages';
import type { ConsentSignal } from '@/lib/consent/types';
import type { Sighting } from '@/lib/evidence/types';
import type { PageVisit } from '@/lib/findings';
import type { SignalSource } from '@/lib/record';
import { visitRow } from '@/lib/store/__fixtures__/sighting';

const T = 1_800_000_000_000;
const SHOP = 'shop.example';
const BLOG = 'blog.example';
const accept = signalFromCookie('OptanonConsent', OPTANON_ACCEPT_ALL)!;
const reject = signalFromCookie('OptanonConsent', OPTANON_REJECT_ALL)!;
/** Whether each consent entry written for `v` carries the other-tab mark. */
const otherTabMarks = (v: PageVisit) =>
  written.filter((s) => s.kind === 'consent' && s.visitId === v.id).map((s) => s.consent!.otherTab === true);

const written: Sighting[] = [];
let tabs: { tabId: number; current: { visit: PageVisit }; previous?: { visit: PageVisit } }[] = [];
vi.mock('../writer', () => ({ enqueue: (_: PageVisit, s: Sighting) => written.push(s) }));
vi.mock('../session', async (original) => ({
  ...(await original<typeof import('../session')>()),
  allTabs: () => tabs,
}));

/** The cookie store's unpartitioned report of the shop's record, set by a response of the blog's page. */
const seededSrc = (at: number): SignalSource =>
  ({
    provenance: 'browser',
    via: 'cookies-api',
    site: SHOP,
    host: SHOP,
    at,
    byResponse: true,
  }) as SignalSource;
/** The shop's cookie sent in a request of the blog's page to the shop (webRequest onSendHeaders). */
const sentSrc = (at: number, site = SHOP): SignalSource =>
  ({ provenance: 'browser', via: 'cookie-header', site, host: site, at, frame: 'sub' }) as SignalSource;
/** The cookie store's report of the shop's cookie stored partitioned under the blog (CHIPS). */
const partitionedSrc = (at: number): SignalSource =>
  ({
    provenance: 'browser',
    via: 'cookies-api',
    site: SHOP,
    host: SHOP,
    at,
    partition: BLOG,
  }) as SignalSource;
const storedSrc = (at: number): SignalSource =>
  ({ provenance: 'browser', via: 'cookies-api', site: SHOP, host: SHOP, at }) as SignalSource;
/** A later visit of the shop bringing the record (jar at commit). */
const carried = (at: number): SignalSource =>
  ({ provenance: 'browser', via: 'jar', site: SHOP, host: SHOP, at, frame: 'main' }) as SignalSource;

let n = 0;
const shopVisit = (extra: Partial<PageVisit> = {}) => visitRow(`s${++n}`, SHOP, T, extra);

async function fresh() {
  vi.resetModules();
  const unprompted = await import('../unprompted');
  const memories = await import('../memories');
  await memories.loadMemories();
  const { recordSignal } = await import('../visits');
  return { unprompted, memories, recordSignal };
}

/**
 * A page of the blog, untouched (watched since `at`), whose request to the shop sends its record at `at` + 500 ms,
 * then whose response seeds `seeded` in the shop's own jar at `at` + 1 s; once the grace is over, whether the shop's
 * next visit, bringing `brought`, reads it as seeded.
 */
async function sentThenSeeded(
  unprompted: typeof import('../unprompted'),
  { sent = accept as ConsentSignal | null, seeded = accept, brought = accept, at = T, id = 'blog2' } = {},
): Promise<boolean> {
  const blog = visitRow(id, BLOG, at);
  unprompted.noteActivation(blog, false, at);
  if (sent) unprompted.noteSignal(blog, sent, sentSrc(at + 500));
  vi.setSystemTime(at + 1_000);
  unprompted.noteSignal(blog, seeded, seededSrc(at + 1_000));
  await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
  return unprompted.noteSignal(shopVisit(), brought, carried(at + 60_000)).unpromptedOn !== undefined;
}

/** An earlier page of the blog on which the shop's `signal` was stored partitioned under the blog (CHIPS). */
function plantedEarlier(unprompted: typeof import('../unprompted'), signal = accept) {
  const first = visitRow('blog1', BLOG, T - 60_000);
  unprompted.noteActivation(first, false, T - 60_000);
  unprompted.noteSignal(first, signal, partitionedSrc(T - 59_000));
}

beforeEach(() => {
  fakeBrowser.reset();
  written.length = 0;
  tabs = [];
  vi.useFakeTimers({ now: T });
});
afterEach(() => vi.useRealTimers());

describe('(a) seeding the shop’s accept from the blog’s page', () => {
  it('is remembered even when the seeded cookie itself is sent back in the next request to the shop', async () => {
    const { unprompted } = await fresh();
    const blog = visitRow('blog', BLOG, T);
    unprompted.noteActivation(blog, false, T);
    vi.setSystemTime(T + 1_000);
    // The shop's pixel on the blog: a 302 with Set-Cookie (the store reports it), then the redirected request to
    // the shop carries the cookie that was just stored. Nothing of the visitor's was ever sent.
    unprompted.noteSignal(blog, accept, seededSrc(T + 1_000));
    unprompted.noteSignal(blog, accept, sentSrc(T + 1_050));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    expect(unprompted.noteSignal(shopVisit(), accept, carried(T + 60_000)).unpromptedOn).toMatchObject({
      onSite: BLOG,
    });
  });
});

describe('(a) a partitioned (CHIPS) copy planted first', () => {
  it.each([
    ['planted in the blog’s partition', true],
    ['the visitor’s own, in the shop’s jar (control)', false],
  ])('an accept sent to the shop before the seed that was %s', async (_, planted) => {
    const { unprompted } = await fresh();
    // The shop's response stores its accept partitioned under the blog; the next request to the shop sends it (the
    // Cookie header does not say from which jar); then a response seeds the same accept in the shop's own jar.
    if (planted) unprompted.noteSignal(visitRow('blog2', BLOG, T), accept, partitionedSrc(T + 400));
    expect(await sentThenSeeded(unprompted)).toBe(planted);
  });
});

describe('(a) deleting the blog’s data in an audit’s clean-up', () => {
  it('keeps what the blog seeded in the shop’s jar (the shop’s cookie is still there)', async () => {
    const { unprompted, memories } = await fresh();
    const blog = visitRow('blog', BLOG, T);
    unprompted.noteActivation(blog, false, T);
    vi.setSystemTime(T + 1_000);
    unprompted.noteSignal(blog, accept, seededSrc(T + 1_000));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    // audit.ts clearSiteData(blog) removes the blog's cookies only, and calls forgetSiteMemories(blog).
    memories.forgetSiteMemories(BLOG);
    expect(unprompted.noteSignal(shopVisit(), accept, carried(T + 60_000)).unpromptedOn).toBeDefined();
  });
});

describe('(a) another tab whose visitor clicked Reject all in the banner', () => {
  it('does not cover an accept the site stores on its own in this tab seconds later', async () => {
    const { unprompted, recordSignal } = await fresh();
    const here = shopVisit({ tabId: 2 });
    const other = shopVisit({ tabId: 3 });
    tabs = [here, other].map((visit) => ({ tabId: visit.tabId, current: { visit } }));
    unprompted.noteActivation(here, false, T);
    unprompted.noteActivation(other, false, T - 60_000);
    // The visitor's click on Reject all in the other tab's detected banner (consentClick + its activation).
    unprompted.noteActivation(other, true, T + 500);
    unprompted.noteBannerClick(other, T + 500, 'reject-all');
    vi.setSystemTime(T + 5_000);
    recordSignal(here, accept, storedSrc(T + 5_000));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    const marked = written.filter((s) => s.kind === 'consent' && s.visitId === here.id);
    expect(marked.map((s) => s.consent!.otherTab === true)).toEqual([false]);
  });
});

describe('(b) the visitor’s own answer on the shop after a seeded record', () => {
  it('replaces the seeded record: the next visit brings the visitor’s choice', async () => {
    const { unprompted } = await fresh();
    const blog = visitRow('blog', BLOG, T);
    unprompted.noteActivation(blog, false, T);
    vi.setSystemTime(T + 1_000);
    unprompted.noteSignal(blog, accept, seededSrc(T + 1_000));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    // On the shop the visitor opens the preference centre and accepts (their click, then the store's report).
    const shop = shopVisit();
    vi.setSystemTime(T + 60_000);
    unprompted.noteActivation(shop, false, T + 59_000);
    unprompted.noteActivation(shop, true, T + 60_000);
    unprompted.noteSignal(shop, accept, storedSrc(T + 60_200));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    expect(unprompted.noteSignal(shopVisit(), accept, carried(T + 120_000)).unpromptedOn).toBeUndefined();
  });
});

describe('(b) a storage-only manager answered in another tab, read in this one later', () => {
  // Transcend keeps the choice in localStorage: an untouched tab reads it at 1, 3, 10 s after its load and at
  // pagehide (consent.content.ts STORAGE_DELAYS_MS, sendStorage on pagehide).
  const tcm = signalFromStorage(
    'tcmConsent',
    JSON.stringify({
      purposes: { Advertising: true, Analytics: true, Functional: true, SaleOfInfo: true },
      timestamp: new Date(T).toISOString(),
      confirmed: true,
      prompted: true,
      updated: true,
    }),
  )!;
  const read = (site: string, at: number, initial = false): SignalSource =>
    ({
      provenance: 'detector',
      via: 'localStorage',
      site,
      host: site,
      at,
      frame: 'main',
      ...(initial && { initial: true }),
    }) as SignalSource;

  it('is not the site’s doing when the untouched tab is closed a minute after the answer', async () => {
    const { unprompted, recordSignal } = await fresh();
    const first = shopVisit({ tabId: 2 });
    const second = shopVisit({ tabId: 3 });
    tabs = [first, second].map((visit) => ({ tabId: visit.tabId, current: { visit } }));
    unprompted.noteActivation(second, false, T - 20_000); // opened, never touched
    unprompted.noteActivation(first, false, T - 30_000);
    // The visitor accepts in the first tab (their first input there), read at the click.
    vi.setSystemTime(T);
    unprompted.noteActivation(first, true, T);
    unprompted.noteBannerClick(first, T, 'accept-all');
    recordSignal(first, tcm, read(SHOP, T + 50));
    // A minute later the visitor closes the second tab: its pagehide read is the first to hold the record.
    vi.setSystemTime(T + 60_000);
    recordSignal(second, tcm, read(SHOP, T + 60_000));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    tabs = [];
    const marks = written.filter((s) => s.kind === 'consent' && s.visitId === second.id);
    const next = unprompted.noteSignal(shopVisit(), tcm, read(SHOP, T + 120_000, true));
    expect({
      secondMarked: marks.some((s) => s.consent!.otherTab === true),
      nextFlagged: next.unpromptedOn !== undefined,
    }).toEqual({ secondMarked: true, nextFlagged: false });
  });
});

describe('(b) a consent-sharing group synced on the page its accept reloaded', () => {
  it('is not remembered as seeded: the visitor answered the group’s banner on the page before, in this tab', async () => {
    const { unprompted, recordSignal } = await fresh();
    // The visitor accepts in the blog's banner (the group's CMP) and the CMP reloads the page, as many do.
    const before = visitRow('blog-1', BLOG, T, { tabId: 5 });
    unprompted.noteActivation(before, false, T);
    unprompted.noteActivation(before, true, T + 2_000);
    unprompted.noteBannerClick(before, T + 2_000, 'accept-all');
    // The reloaded page (untouched: activation is per document) syncs the group's choice to the shop.
    const after = visitRow('blog-2', BLOG, T + 2_500, { tabId: 5 });
    unprompted.noteActivation(after, false, T + 2_600);
    tabs = [{ tabId: 5, current: { visit: after }, previous: { visit: before } }];
    vi.setSystemTime(T + 3_000);
    recordSignal(after, accept, seededSrc(T + 3_000));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    expect(unprompted.noteSignal(shopVisit(), accept, carried(T + 60_000)).unpromptedOn).toBeUndefined();
  });
});

describe('(a) a record stored long after the visitor’s first input', () => {
  it('an accept the site re-stores on its own, untouched, after the visitor later rejected, is not covered', async () => {
    const { recordSignal, unprompted } = await fresh();
    // Visit 1: the visitor clicks a menu (no banner click); ten minutes later the site stores accept-all itself.
    const v1 = shopVisit({ tabId: 2 });
    tabs = [{ tabId: 2, current: { visit: v1 } }];
    unprompted.noteActivation(v1, false, T);
    unprompted.noteActivation(v1, true, T + 1_000);
    vi.setSystemTime(T + 600_000);
    recordSignal(v1, accept, storedSrc(T + 600_000));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    // Visit 2 (a day later): the visitor clicks Reject all in the banner; the reject is stored.
    const D = T + 86_400_000;
    vi.setSystemTime(D);
    const v2 = shopVisit({ tabId: 2 });
    tabs = [{ tabId: 2, current: { visit: v2 } }];
    unprompted.noteActivation(v2, false, D);
    unprompted.noteActivation(v2, true, D + 2_000);
    unprompted.noteBannerClick(v2, D + 2_000, 'reject-all');
    recordSignal(v2, reject, storedSrc(D + 2_100));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    // Visit 3, no other tab, untouched: the site overwrites the refusal with the very accept bytes of visit 1.
    const E = D + 86_400_000;
    vi.setSystemTime(E);
    const v3 = shopVisit({ tabId: 2 });
    tabs = [{ tabId: 2, current: { visit: v3 } }];
    unprompted.noteActivation(v3, false, E);
    vi.setSystemTime(E + 1_000);
    recordSignal(v3, accept, storedSrc(E + 1_000));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    const next = unprompted.noteSignal(shopVisit(), accept, carried(E + 60_000));
    expect({
      v3Covered: otherTabMarks(v3).some(Boolean),
      nextFlagged: next.unpromptedOn !== undefined,
    }).toEqual({
      v3Covered: false,
      nextFlagged: true,
    });
  });
});

describe('(a) the tab’s previous page', () => {
  it('a link click on a search page does not excuse the blog, landed on and never touched, seeding the shop', async () => {
    const { recordSignal, unprompted } = await fresh();
    const search = visitRow('search-1', 'search.example', T, { tabId: 5 });
    unprompted.noteActivation(search, false, T);
    unprompted.noteActivation(search, true, T + 4_000); // the visitor clicks a result (no banner anywhere)
    const blog = visitRow('blog-1', BLOG, T + 4_200, { tabId: 5 });
    unprompted.noteActivation(blog, false, T + 4_300);
    tabs = [{ tabId: 5, current: { visit: blog }, previous: { visit: search } }];
    vi.setSystemTime(T + 5_000);
    recordSignal(blog, accept, seededSrc(T + 5_000)); // the blog's pixel seeds the shop's accept-all
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    expect(unprompted.noteSignal(shopVisit(), accept, carried(T + 60_000)).unpromptedOn).toMatchObject({
      onSite: BLOG,
    });
  });
});

describe('(b) another site re-writing its record many times', () => {
  const tcm = (stamp: number) =>
    signalFromStorage(
      'tcmConsent',
      JSON.stringify({
        purposes: { Advertising: true, Analytics: true, Functional: true, SaleOfInfo: true },
        timestamp: new Date(stamp).toISOString(),
        confirmed: true,
        prompted: true,
        updated: true,
      }),
    )!;
  const read = (site: string, at: number): SignalSource =>
    ({ provenance: 'detector', via: 'localStorage', site, host: site, at, frame: 'main' }) as SignalSource;

  it('the honest shop’s record read at pagehide of its untouched tab stays covered', async () => {
    const { recordSignal, unprompted } = await fresh();
    const first = shopVisit({ tabId: 2 });
    const second = shopVisit({ tabId: 3 });
    const noisy = visitRow('noisy', 'noisy.example', T, { tabId: 4 });
    tabs = [first, second, noisy].map((visit) => ({ tabId: visit.tabId, current: { visit } }));
    unprompted.noteActivation(first, false, T - 30_000);
    unprompted.noteActivation(second, false, T - 20_000);
    unprompted.noteActivation(noisy, false, T - 30_000);
    unprompted.noteActivation(noisy, true, T - 29_000);
    vi.setSystemTime(T);
    unprompted.noteActivation(first, true, T);
    unprompted.noteBannerClick(first, T, 'accept-all');
    recordSignal(first, tcm(T), read(SHOP, T + 50));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    // Another site, touched once, re-writes its own record with a fresh timestamp 200 times (a heartbeat).
    for (let i = 0; i < 200; i++) {
      const at = Date.now();
      recordSignal(noisy, tcm(at), read('noisy.example', at));
      await vi.advanceTimersByTimeAsync(200);
    }
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    // The visitor closes the shop's second tab: its pagehide read is the first to hold the shop's record.
    const close = Date.now();
    recordSignal(second, tcm(T), read(SHOP, close));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    expect(otherTabMarks(second).some(Boolean)).toBe(true);
  });
});

describe('a partitioned copy planted on an earlier page of the blog', () => {
  it('still excuses no seeded record (the CHIPS cookie outlives the page that planted it)', async () => {
    const { unprompted } = await fresh();
    // First page of the blog: the shop's frame plants its accept partitioned under the blog (no seed). The next page
    // (a reload, a click through): its request sends the planted value back, then a response seeds the accept.
    plantedEarlier(unprompted);
    expect(await sentThenSeeded(unprompted)).toBe(true);
  });
});

describe('a manager that spreads its choice over several cookies (Complianz)', () => {
  // What the Cookie header carries: the merged choice over all cmplz_* cookies (signalsFromJar); what the cookie
  // store reports of each cookie: cmplz_banner-status alone (signalFromCookie). Their values never hash alike.
  const jar = [
    { name: 'cmplz_banner-status', value: 'dismissed' },
    { name: 'cmplz_statistics', value: 'allow' },
    { name: 'cmplz_marketing', value: 'allow' },
  ];
  const sentChoice = signalsFromJar(jar).find((s) => s.tool === 'complianz')!;
  const storedStatus = signalFromCookie('cmplz_banner-status', 'dismissed')!;

  it('seeded with nothing sent before: remembered (control)', async () => {
    const { unprompted } = await fresh();
    expect(await sentThenSeeded(unprompted, { sent: null, seeded: storedStatus, brought: sentChoice })).toBe(
      true,
    );
  });

  it('a record planted in the blog’s partition excuses no seed, though the merged value sent differs from it', async () => {
    expect(sentChoice.raw).not.toBe(storedStatus.raw);
    const { unprompted } = await fresh();
    plantedEarlier(unprompted, storedStatus);
    expect(
      await sentThenSeeded(unprompted, { sent: sentChoice, seeded: storedStatus, brought: sentChoice }),
    ).toBe(true);
  });
});

describe('the visitor answers in another tab; the longer hold keeps the waiting record counted', () => {
  it.each([
    ['stored in the untouched tab', false],
    ['seeded from a blog tab', true],
  ])(
    'a page of the site opened 3 s after the answer (the answer known 200 ms after the cookie) is not stamped (%s)',
    async (_, seededCase) => {
      const { unprompted, recordSignal } = await fresh();
      // Tab 3: the shop, the visitor's tab. Tab 2: an untouched page (the shop's own, or the blog's).
      const answering = shopVisit({ tabId: 3 });
      const untouched = seededCase ? visitRow('blog', BLOG, T, { tabId: 2 }) : shopVisit({ tabId: 2 });
      tabs = [untouched, answering].map((visit) => ({ tabId: visit.tabId, current: { visit } }));
      (await import('../session')).dropTab(2);
      unprompted.noteActivation(untouched, false, T);
      unprompted.noteActivation(answering, false, T - 60_000);
      // The visitor clicks Accept in the shop's banner at T + 950 (their first input there); the cookie store's
      // report reaches the untouched tab's visit at T + 1000, the detector's report of the click at T + 1200.
      vi.setSystemTime(T + 1_000);
      recordSignal(untouched, accept, seededCase ? seededSrc(T + 1_000) : storedSrc(T + 1_000));
      vi.setSystemTime(T + 1_200);
      unprompted.noteActivation(answering, true, T + 950);
      unprompted.noteBannerClick(answering, T + 950, 'accept-all');
      // The CMP reloads the page after the answer, or the visitor follows a link: at T + 4 s the next shop page
      // brings the visitor's accept. (Before c095062c the decision was taken at T + 2.6 s: not stamped.)
      await vi.advanceTimersByTimeAsync(2_800);
      const next = shopVisit({ tabId: 3 });
      tabs = [untouched, next].map((visit) => ({ tabId: visit.tabId, current: { visit } }));
      const stamp = unprompted.noteSignal(next, accept, carried(T + 4_000)).unpromptedOn;
      // The final decision is right (nothing remembered) ...
      await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + LATER_INPUT_EVERY_MS + 1_000);
      expect(unprompted.noteSignal(shopVisit(), accept, carried(T + 60_000)).unpromptedOn).toBeUndefined();
      // ... but the visit in between was stamped as bringing a record stored without interaction.
      expect(stamp).toBeUndefined();
    },
  );
});

describe('another site’s values filling sentElsewhere', () => {
  it('do not make the visitor’s own accept, sent then re-written by the shop’s widget, read as seeded', async () => {
    const { unprompted } = await fresh();
    // Earlier on the same page, 50 different accept values of one manager sent to one site of the blog's own (a
    // value changed between requests: CHIPS cookies it sets itself).
    const blog = visitRow('blog2', BLOG, T);
    for (let i = 0; i < 50; i++) {
      const v = signalFromCookie(
        'OptanonConsent',
        OPTANON_ACCEPT_ALL.replace(/datestamp=[^&]*/, `datestamp=${i}`),
      )!;
      unprompted.noteSignal(blog, v, sentSrc(T + 10 + i, 'evil.example'));
    }
    // Then the visitor's own accept, in the shop's jar: sent, and the shop's widget re-writes it.
    expect(await sentThenSeeded(unprompted)).toBe(false);
  });
});

describe('an audit’s clean-up, which leaves partitioned cookies, keeps the planted marker', () => {
  // audit.ts clearSiteData(url): forgetSiteMemories(site), then browser.cookies.getAll({ domain: site }) with no
  // partitionKey, which returns unpartitioned cookies only: the shop's accept partitioned under the blog stays
  // (and clearing the blog removes only cookies whose domain is the blog's).
  it.each([
    ['the shop (the audited site)', SHOP],
    ['the blog', BLOG],
  ])('after the clean-up of %s, the planted copy sent back still excuses no seed', async (_, cleared) => {
    const { unprompted, memories } = await fresh();
    plantedEarlier(unprompted);
    memories.forgetSiteMemories(cleared, { cleanUp: true });
    // A later page of the blog sends the planted value (still in the blog's partition), then seeds the accept.
    expect(await sentThenSeeded(unprompted)).toBe(true);
  });
});

describe('flooding the planted memory', () => {
  it('1000 partitioned records of other sites under the blog do not push out the marker of the shop’s accept', async () => {
    const { unprompted } = await fresh();
    plantedEarlier(unprompted);
    // The next blog page loads 1000 partitioned consent cookies (e.g. 20 sites of its own x 50 managers' cookie
    // names; here 1000 sites x 1 manager): each is a new `blog|site|tool` key with a newer `at`.
    const blog = visitRow('blog2', BLOG, T);
    for (let i = 0; i < 1_000; i++)
      unprompted.noteSignal(blog, accept, {
        ...partitionedSrc(T + 1 + i / 10),
        site: `x${i}.example`,
        host: `x${i}.example`,
      } as SignalSource);
    expect(await sentThenSeeded(unprompted)).toBe(true);
  });
});

describe('a partitioned record that cannot be the accept sent', () => {
  it('a reject-all in the blog’s partition does not take away the excuse of the visitor’s own accept re-written', async () => {
    const { unprompted } = await fresh();
    // Earlier, on the blog, the shop's embedded widget stored a reject partitioned under the blog (Firefox's Total
    // Cookie Protection partitions every third-party cookie; CHIPS in Chrome).
    plantedEarlier(unprompted, reject);
    // The visitor accepts on the shop itself (their own, unpartitioned), then visits the blog again, untouched: the
    // request to the shop sends the visitor's accept and the shop's widget re-writes it in the shop's jar. A reject
    // in the partition cannot have been the accept that was sent.
    expect(await sentThenSeeded(unprompted)).toBe(false);
  });
});
