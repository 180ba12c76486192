// The background's memory of consent records a site stored on its own: what it sees of a live visit, and a decision
// waiting out the activation grace, outlive a worker stopped mid-visit (storage.session).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { signalFromCookie } from '@/lib/consent/signals';
import { OPTANON_ACCEPT_ALL, OPTANON_REJECT_ALL } from '@/lib/consent/__fixtures__/cookies';
import { ACTIVATION_GRACE_MS } from '@/lib/evidence/consent';
import { MAX_REMEMBERED } from '@/lib/evidence/unprompted';
import type { SignalSource } from '@/lib/record';
import { visitRow } from '@/lib/store/__fixtures__/sighting';

const T = 1_800_000_000_000;
const SITE = 'shop.example';
const accept = signalFromCookie('OptanonConsent', OPTANON_ACCEPT_ALL)!;
const reject = signalFromCookie('OptanonConsent', OPTANON_REJECT_ALL)!;
/** The stored choice as the cookies API reports it (not the document's own Set-Cookie). */
const stored = (at: number): SignalSource =>
  ({ provenance: 'browser', via: 'cookies-api', site: SITE, at }) as SignalSource;
/** A record with a main-frame request (`cookie-header`) or set by its response (`set-cookie`). */
const mainFrame = (via: 'cookie-header' | 'set-cookie', at: number): SignalSource =>
  ({ provenance: 'browser', via, site: SITE, at, frame: 'main', mainFrame: true }) as SignalSource;
/** The same record brought by a later visit, in the jar at commit. */
const carried = (at: number): SignalSource =>
  ({ provenance: 'browser', via: 'jar', site: SITE, at }) as SignalSource;

let n = 0;
const visitOf = () => visitRow(`u${++n}`, SITE, T);

/** A fresh worker: module state and timers gone, storage.local and storage.session kept. */
async function restart() {
  vi.clearAllTimers();
  vi.resetModules();
  const worker = await import('../unprompted');
  await worker.loadUnprompted();
  return worker;
}

/** The shop's page stores an accept-all untouched at T + 1 s; the grace passes: remembered as the site's. */
async function storedUnprompted(worker: typeof import('../unprompted')) {
  const shop = visitOf();
  worker.noteActivation(shop, false, T);
  vi.setSystemTime(T + 1_000);
  worker.noteSignal(shop, accept, stored(T + 1_000));
  await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
  return shop;
}

/** A worker started afresh (its module state gone), its memory loaded. */
async function freshWorker() {
  vi.resetModules();
  const worker = await import('../unprompted');
  await worker.loadUnprompted();
  return worker;
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: T });
});
afterEach(() => vi.useRealTimers());

describe('unprompted records across a worker stop', () => {
  it('a decision waiting out the activation grace is taken by the restarted worker', async () => {
    const first = await import('../unprompted');
    await first.loadUnprompted();
    const visit = visitOf();
    first.noteActivation(visit, false, T);
    vi.setSystemTime(T + 1_000);
    first.noteSignal(visit, accept, stored(T + 1_000));
    const worker = await restart();
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 2_000);
    expect(worker.noteSignal(visitOf(), accept, carried(T + 60_000)).unpromptedOn).toMatchObject({
      visitId: visit.id,
      at: T + 1_000,
    });
    // Decided: nothing is left waiting in storage.session.
    const live = (await fakeBrowser.storage.session.get('unpromptedLive')).unpromptedLive as {
      pending: object;
    };
    expect(live.pending).toEqual({});
  });

  it('what the detector saw before the stop still judges a record stored after it', async () => {
    const first = await import('../unprompted');
    await first.loadUnprompted();
    const visit = visitOf();
    first.noteActivation(visit, false, T);
    const worker = await restart();
    vi.setSystemTime(T + 5_000);
    worker.noteSignal(visit, accept, stored(T + 5_000));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    expect(worker.noteSignal(visitOf(), accept, carried(T + 60_000)).unpromptedOn).toMatchObject({
      visitId: visit.id,
    });
    // The visitor's own input before a store: nothing is remembered, after a restart as before.
    const touched = visitOf();
    worker.noteActivation(touched, true, T + 70_000);
    const again = await restart();
    vi.setSystemTime(T + 70_500);
    again.noteSignal(touched, accept, stored(T + 70_500));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    expect(again.noteSignal(visitOf(), accept, carried(T + 90_000)).unpromptedOn).toBeUndefined();
  });
});

describe('unprompted records and deletion', () => {
  it.each([
    ['the site', (w: typeof import('../unprompted')) => w.forgetSite(SITE)],
    ['everything', (w: typeof import('../unprompted')) => w.forgetBefore()],
  ])(
    'deleting %s while a decision waits out the grace: nothing is remembered after it',
    async (_, forget) => {
      const worker = await freshWorker();
      const visit = visitOf();
      worker.noteActivation(visit, false, T);
      vi.setSystemTime(T + 1_000);
      worker.noteSignal(visit, accept, stored(T + 1_000));
      vi.setSystemTime(T + 1_200);
      forget(worker);
      await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 2_000);
      expect(worker.noteSignal(visitOf(), accept, carried(T + 60_000)).unpromptedOn).toBeUndefined();
      expect((await fakeBrowser.storage.local.get('unpromptedConsent')).unpromptedConsent ?? {}).toEqual({});
    },
  );
});

describe('unprompted records and a reload at once', () => {
  it('a record stored and then carried to the next page before the grace ended is judged as remembered', async () => {
    const worker = await freshWorker();
    const first = visitOf();
    worker.noteActivation(first, false, T);
    vi.setSystemTime(T + 1_000);
    worker.noteSignal(first, accept, stored(T + 1_000));
    // location.reload() 60 ms later: the new document's request carries the record. It is stamped once the decision
    // is taken (a late report of the page left may still make it the visitor's answer: background tests).
    vi.setSystemTime(T + 1_060);
    expect(worker.noteSignal(visitOf(), accept, carried(T + 1_060)).unpromptedOn).toBeUndefined();
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    expect(worker.noteSignal(visitOf(), accept, carried(T + 4_000)).unpromptedOn).toMatchObject({
      visitId: first.id,
      at: T + 1_000,
    });
  });
});

describe('a consent record another site’s page seeded', () => {
  const BLOG = 'blog.example';
  /** The cookie store's report of the shop's OptanonConsent, stored by a response of the blog's page. */
  const seeded = (at: number, extra: Partial<SignalSource> = {}): SignalSource =>
    ({
      provenance: 'browser',
      via: 'cookies-api',
      site: SITE,
      at,
      byResponse: true,
      ...extra,
    }) as SignalSource;
  const blogVisit = () => visitRow(`b${++n}`, BLOG, T);

  async function seed(extra: Partial<SignalSource> = {}, active = false) {
    const worker = await freshWorker();
    const blog = blogVisit();
    worker.noteActivation(blog, active, T);
    vi.setSystemTime(T + 1_000);
    worker.noteSignal(blog, accept, seeded(T + 1_000, extra));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    return { worker, blog };
  }

  it('is remembered for the shop: its next visit does not carry it over as the visitor’s', async () => {
    const { worker, blog } = await seed();
    expect(worker.noteSignal(visitOf(), accept, carried(T + 60_000)).unpromptedOn).toEqual({
      visitId: blog.id,
      at: T + 1_000,
      onSite: BLOG,
    });
    // Deleting the blog's history (or its data, in an audit's clean-up) drops the blog's name, not the record: the
    // shop's jar still holds the cookie.
    worker.forgetSite(BLOG);
    expect(worker.noteSignal(visitOf(), accept, carried(T + 70_000)).unpromptedOn).toEqual({
      visitId: blog.id,
      at: T + 1_000,
    });
  });

  it('the store’s report of the blog’s own response counts before the detector’s first report (never active)', async () => {
    const worker = await freshWorker();
    const blog = blogVisit();
    worker.noteSignal(blog, accept, seeded(T + 50));
    // A report the blog's requests did not cause (held for a visit that contacted the shop later) does not.
    worker.noteSignal(blog, { ...accept, tool: 'didomi' }, seeded(T + 60, { byResponse: undefined }));
    worker.noteActivation(blog, false, T + 80);
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    expect(worker.noteSignal(visitOf(), accept, carried(T + 60_000)).unpromptedOn).toMatchObject({
      onSite: BLOG,
    });
    const didomi = { ...accept, tool: 'didomi' };
    expect(worker.noteSignal(visitOf(), didomi, carried(T + 60_000)).unpromptedOn).toBeUndefined();
  });

  it('is not remembered after input on the page (a banner of the shop in a frame, consent shared by a group)', async () => {
    const { worker } = await seed({}, true);
    expect(worker.noteSignal(visitOf(), accept, carried(T + 60_000)).unpromptedOn).toBeUndefined();
  });

  it('is not remembered from a Set-Cookie alone (refused, or partitioned, by the browser), nor partitioned', async () => {
    const alone = await seed({ via: 'set-cookie', frame: 'main', byResponse: undefined });
    expect(alone.worker.noteSignal(visitOf(), accept, carried(T + 60_000)).unpromptedOn).toBeUndefined();
    const partitioned = await seed({ partition: BLOG });
    expect(
      partitioned.worker.noteSignal(visitOf(), accept, carried(T + 60_000)).unpromptedOn,
    ).toBeUndefined();
  });

  it('is not remembered when the blog’s requests had sent the visitor’s own accept (a widget re-writing it)', async () => {
    const worker = await freshWorker();
    const blog = blogVisit();
    worker.noteActivation(blog, false, T);
    worker.noteSignal(blog, accept, {
      ...seeded(T + 500),
      via: 'cookie-header',
      frame: 'sub',
    } as SignalSource);
    vi.setSystemTime(T + 1_000);
    worker.noteSignal(blog, accept, seeded(T + 1_000));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    expect(worker.noteSignal(visitOf(), accept, carried(T + 60_000)).unpromptedOn).toBeUndefined();
  });

  it('deleting the blog while the seeded record waits out the grace: nothing is remembered', async () => {
    const worker = await freshWorker();
    const blog = blogVisit();
    worker.noteActivation(blog, false, T);
    vi.setSystemTime(T + 1_000);
    worker.noteSignal(blog, accept, seeded(T + 1_000));
    worker.forgetSite(BLOG);
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    expect(worker.noteSignal(visitOf(), accept, carried(T + 60_000)).unpromptedOn).toBeUndefined();
  });

  it('seeding records of many sites from one page never pushes out what a site stored on its own', async () => {
    const worker = await freshWorker();
    const shop = await storedUnprompted(worker);
    const blog = blogVisit();
    worker.noteActivation(blog, false, T + 10_000);
    vi.setSystemTime(T + 11_000);
    for (let i = 0; i < MAX_REMEMBERED + 10; i++)
      worker.noteSignal(blog, accept, seeded(T + 11_000, { site: `s${i}.example` }));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    expect(worker.noteSignal(visitOf(), accept, carried(T + 60_000)).unpromptedOn).toMatchObject({
      visitId: shop.id,
    });
  });

  it('input on the blog does not forget what the shop stored unprompted on its own page', async () => {
    const worker = await freshWorker();
    const shop = await storedUnprompted(worker);
    const blog = blogVisit();
    worker.noteActivation(blog, true, T + 5_000);
    vi.setSystemTime(T + 5_100);
    worker.noteSignal(blog, accept, seeded(T + 5_100));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    expect(worker.noteSignal(visitOf(), accept, carried(T + 60_000)).unpromptedOn).toMatchObject({
      visitId: shop.id,
    });
  });
});

describe('requests carrying a record the site stored on its own', () => {
  const sent = (at: number): SignalSource =>
    ({ provenance: 'browser', via: 'cookie-header', site: SITE, at, frame: 'main' }) as SignalSource;

  it('are no answer of the visitor’s: input later on the page does not forget the record', async () => {
    const worker = await freshWorker();
    const visit = visitOf();
    worker.noteActivation(visit, false, T);
    vi.setSystemTime(T + 1_000);
    worker.noteSignal(visit, accept, stored(T + 1_000));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    // The visitor clicks (anywhere a banner could take it) 20 s later; the next request carries the site's record.
    worker.noteActivation(visit, true, T + 20_000);
    vi.setSystemTime(T + 20_100);
    worker.noteSignal(visit, accept, sent(T + 20_100));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    expect(worker.noteSignal(visitOf(), accept, carried(T + 60_000)).unpromptedOn).toMatchObject({
      visitId: visit.id,
    });
  });

  it('hold one decision per value, not one per request', async () => {
    const worker = await freshWorker();
    const visit = visitOf();
    worker.noteActivation(visit, false, T);
    for (let i = 0; i < 50; i++) {
      vi.setSystemTime(T + 1_000 + i * 10);
      worker.noteSignal(visit, accept, sent(T + 1_000 + i * 10));
    }
    const live = (await fakeBrowser.storage.session.get('unpromptedLive')).unpromptedLive as {
      pending: Record<string, unknown>;
    };
    expect(Object.keys(live.pending)).toHaveLength(1);
  });
});

describe('what the detector saw of a visit', () => {
  it('is kept when the visit brings one manager’s record: another’s accept stored unprompted is remembered', async () => {
    const worker = await freshWorker();
    const visit = visitOf();
    worker.noteActivation(visit, false, T);
    const didomi = { ...accept, tool: 'didomi' };
    // The visit brings Didomi's record (this used to wipe the detector's report), then OneTrust's accept is stored.
    worker.noteSignal(visit, didomi, carried(T + 10));
    vi.setSystemTime(T + 1_000);
    worker.noteSignal(visit, accept, stored(T + 1_000));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    expect(worker.noteSignal(visitOf(), accept, carried(T + 60_000)).unpromptedOn).toMatchObject({
      visitId: visit.id,
    });
  });
});

describe('a refusal the visit brought, overwritten by the site with accept', () => {
  it('is remembered as the site’s, so the next visit does not carry the accept over', async () => {
    // A returning visitor who refused only reads the page; 1 s in, the site's script writes accept-all. A re-write
    // of the brought refusal would restate it; this is another choice, and the site's.
    const worker = await freshWorker();
    const visit = visitOf();
    worker.noteActivation(visit, false, T);
    worker.noteSignal(visit, reject, mainFrame('cookie-header', T));
    vi.setSystemTime(T + 1_000);
    worker.noteSignal(visit, accept, stored(T + 1_000));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    const next = worker.noteSignal(visitOf(), accept, mainFrame('cookie-header', T + 86_400_000));
    expect(next.unpromptedOn?.visitId).toBe(visit.id);
  });

  it('the control: the site re-writing the accept the visit brought restates it, and is remembered as nothing', async () => {
    const worker = await freshWorker();
    const visit = visitOf();
    worker.noteActivation(visit, false, T);
    worker.noteSignal(visit, accept, mainFrame('cookie-header', T));
    vi.setSystemTime(T + 1_000);
    worker.noteSignal(visit, accept, stored(T + 1_000));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    expect(worker.noteSignal(visitOf(), accept, carried(T + 86_400_000)).unpromptedOn).toBeUndefined();
  });

  it('a redirect’s Set-Cookie of accept over it is stamped on the request of the chain that sends it', async () => {
    // `GET /` sends the visitor's reject; the site answers `302 /home` with Set-Cookie accept-all; the redirected
    // main-frame request (same navigation, same visit) sends the accept (lib/evidence/site-bends.test.ts: the
    // derivation's own rule).
    const worker = await freshWorker();
    const visit = visitOf();
    worker.noteSignal(visit, reject, mainFrame('cookie-header', T));
    worker.noteSignal(visit, accept, mainFrame('set-cookie', T + 40));
    const redirected = worker.noteSignal(visit, accept, mainFrame('cookie-header', T + 60));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    const later = worker.noteSignal(visitOf(), accept, mainFrame('cookie-header', T + 86_400_000));
    expect([redirected.unpromptedOn?.visitId, later.unpromptedOn?.visitId]).toEqual([visit.id, visit.id]);
  });
});

describe('an accept stored over the refusal a visit brought, with no banner click', () => {
  it('is remembered as needing review, and stamped so on the visit that brings it next', async () => {
    const worker = await freshWorker();
    const visit = visitOf();
    // The returning visitor's refusal goes with the document; they click somewhere (a newsletter popup's Close).
    worker.noteSignal(visit, reject, mainFrame('cookie-header', T));
    worker.noteActivation(visit, false, T + 10);
    worker.noteActivation(visit, true, T + 5_000);
    vi.setSystemTime(T + 5_100);
    worker.noteSignal(visit, accept, stored(T + 5_100));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    expect(worker.noteSignal(visitOf(), accept, carried(T + 60_000)).unpromptedOn).toEqual({
      visitId: visit.id,
      at: T + 5_100,
      overRefusal: true,
    });
    // Their click in the banner before it makes it theirs: forgotten.
    const clicked = visitOf();
    worker.noteSignal(clicked, reject, mainFrame('cookie-header', T + 100_000));
    worker.noteActivation(clicked, false, T + 100_010);
    worker.noteActivation(clicked, true, T + 105_000);
    worker.noteBannerClick(clicked, T + 105_000, 'accept-all');
    vi.setSystemTime(T + 105_100);
    worker.noteSignal(clicked, accept, stored(T + 105_100));
    await vi.advanceTimersByTimeAsync(ACTIVATION_GRACE_MS + 500);
    expect(worker.noteSignal(visitOf(), accept, carried(T + 160_000)).unpromptedOn).toBeUndefined();
  });
});
