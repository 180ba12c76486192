// A consent record stored while no page of the site is open (the site's service worker, after its last client closed;
// a keepalive response landing after the tab closed) is nobody's answer on a page: remembered as the site's own, so the
// next visit bringing it cannot present it as the visitor's (cookies.ts, unprompted.ts noteStoredWithoutPage). The
// visitor's Accept just before the page went (its response landing late) stays theirs.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ev, fireRequest } from './fake-event';
import type { Classification } from '@/lib/vendor-db/types';
import { ACTIVATION_GRACE_MS } from '@/lib/evidence/consent';

function classify(host: string): Classification {
  const cio = host.endsWith('customer.io');
  return {
    vendor: cio ? 'customer-io' : null,
    vendorName: cio ? 'Customer.io' : null,
    company: null,
    category: cio ? 'marketing' : 'unknown',
    thirdParty: host !== 'shop.example',
    reason: 'test classifier',
  };
}

vi.mock('../classifier', () => ({
  loadClassifier: async () => ({
    database: 'test-vendor-database',
    request: (url: string) => classify(new URL(url).hostname),
    cookie: (c: { name: string; domain: string }) => classify(c.domain),
  }),
  vendorDetails: async () => [],
}));

let events: Record<string, ReturnType<typeof ev>>;
const workers: { flush: () => Promise<void> }[] = [];
const TAB = 77;

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.flush()));
});

beforeEach(async () => {
  fakeBrowser.reset();
  Object.assign(fakeBrowser.runtime, { onConnect: { addListener: () => undefined } });
  events = {
    onBeforeRequest: ev(),
    onSendHeaders: ev(),
    onHeadersReceived: ev(),
    onCompleted: ev(),
    onErrorOccurred: ev(),
    onChanged: ev(),
    onCommitted: ev(),
  };
  const { onChanged, onCommitted, ...wr } = events;
  Object.assign(fakeBrowser.webRequest, wr);
  Object.assign(fakeBrowser.cookies, { onChanged, getAll: async () => [] });
  Object.assign(fakeBrowser.webNavigation, { onCommitted });
  (fakeBrowser.runtime as any).getURL = (p: string) => `chrome-extension://test${p}`;
  (fakeBrowser.runtime as any).getManifest = () => ({ version: '0.0.0-test' });
  const { createDb } = await import('@/lib/store/db');
  await createDb().delete();
});

/** Opens shop.example in the tab at `t` (the document sends `cookie`, when given). */
async function openShop(t: number, documentId: string, cookie?: string): Promise<void> {
  await fireRequest(events, {
    requestId: `m-${documentId}`,
    url: 'https://shop.example/',
    type: 'main_frame',
    tabId: TAB,
    frameId: 0,
    timeStamp: t,
    ...(cookie && { requestHeaders: [{ name: 'Cookie', value: cookie }] }),
  });
  await events.onCommitted!.trigger({
    tabId: TAB,
    frameId: 0,
    url: 'https://shop.example/',
    timeStamp: t + 50,
    documentId,
  });
}

/** The next visit to the shop at `t`, bringing `accept`: the visitor does not touch the page; a tracker fires. */
async function untouchedVisit(t: number, accept: string): Promise<void> {
  await openShop(t, 'D1', `OptanonConsent=${accept}`);
  const { reportHandlers } = await import('../reports');
  const sender = { tabId: TAB, frameId: 0, url: 'https://shop.example/', documentId: 'D1' };
  await reportHandlers.userActivation({ active: false, at: t + 60 }, sender);
  await fireRequest(events, {
    requestId: 'r1',
    url: 'https://track.customer.io/api/v1/page',
    type: 'xmlhttprequest',
    tabId: TAB,
    frameId: 0,
    timeStamp: t + 2_000,
    documentId: 'D1',
    initiator: 'https://shop.example',
  });
}

/** The cookie store's report of OneTrust's record; `partitioned`: under the site's own top-level partition. */
const optanon = (value: string, partitioned = false) => ({
  removed: false,
  cause: 'explicit',
  cookie: {
    name: 'OptanonConsent',
    value,
    domain: 'shop.example',
    path: '/',
    secure: true,
    httpOnly: false,
    sameSite: partitioned ? 'none' : 'lax',
    storeId: '0',
    ...(partitioned && { partitionKey: { topLevelSite: 'https://shop.example' } }),
  },
});

describe('an accept stored while no page of the site is open', () => {
  // Stored Partitioned by the site's own service worker or first-party response, CHIPS files it under the site's own
  // partition, and it goes with every top-level navigation to the site as an unpartitioned cookie would (a review
  // found that one attribute skipped the rule).
  it.each([
    ['', false],
    [', also when stored Partitioned under the site itself', true],
  ])('is not carried over on the next visit as the visitor’s choice%s', async (_, partitioned) => {
    vi.resetModules();
    const { default: background } = await import('../index');
    background.main();
    const writer = await import('../writer');
    workers.push(writer);
    const { db } = await (await import('../context')).ready();
    const { OPTANON_ACCEPT_ALL } = await import('@/lib/consent/__fixtures__/cookies');

    // No tab shows the shop: its service worker (or a keepalive response after the tab closed) stores accept-all.
    await events.onChanged!.trigger(optanon(OPTANON_ACCEPT_ALL, partitioned));
    await new Promise((r) => setTimeout(r, ACTIVATION_GRACE_MS + 300));

    // The visitor's next visit: the record goes with the document; they do not touch the page; a tracker fires.
    await untouchedVisit(Date.now() + 20_000, OPTANON_ACCEPT_ALL);
    await writer.flush();

    const { deriveVisit } = await import('@/lib/evidence/derive');
    const { readEntries } = await import('@/lib/store/repo');
    const [visit] = await db.visits.toArray();
    const entries = (await readEntries(db, [visit!.id])).get(visit!.id)!;
    const d = deriveVisit(visit!, entries);
    // Sanity: the accept did arrive with the document.
    expect(entries.some((e) => e.kind === 'consent' && e.via === 'cookie-header')).toBe(true);
    expect({
      cio: d.findings.filter((f) => f.vendorId === 'customer-io').map((f) => [f.phase, f.violation]),
      without: d.consent.withoutInteraction,
    }).toEqual({ cio: [['before-consent', true]], without: true });
  });

  it('stays the visitor’s answer when they clicked Accept on the site just before its page went', async () => {
    vi.resetModules();
    const { default: background } = await import('../index');
    background.main();
    const writer = await import('../writer');
    workers.push(writer);
    const { db } = await (await import('../context')).ready();
    const { OPTANON_ACCEPT_ALL } = await import('@/lib/consent/__fixtures__/cookies');
    const { reportHandlers } = await import('../reports');

    // First visit: the visitor clicks Accept in the banner, and the tab goes to another site at once.
    const t0 = Date.now();
    await openShop(t0, 'D0');
    const first = { tabId: TAB, frameId: 0, url: 'https://shop.example/', documentId: 'D0' };
    await reportHandlers.userActivation({ active: true, at: Date.now() }, first);
    await reportHandlers.consentClick({ tool: 'onetrust', action: 'accept-all', at: Date.now() }, first);
    await fireRequest(events, {
      requestId: 'away',
      url: 'https://news.example/',
      type: 'main_frame',
      tabId: TAB,
      frameId: 0,
      timeStamp: Date.now(),
    });
    await events.onCommitted!.trigger({
      tabId: TAB,
      frameId: 0,
      url: 'https://news.example/',
      timeStamp: Date.now(),
      documentId: 'DN',
    });
    // The click's response lands once no page of the shop is open.
    await events.onChanged!.trigger(optanon(OPTANON_ACCEPT_ALL));

    // The next visit brings it, untouched: the visitor's accept, carried over.
    const t = Date.now() + 20_000;
    await untouchedVisit(t, OPTANON_ACCEPT_ALL);
    await writer.flush();

    const { deriveVisit } = await import('@/lib/evidence/derive');
    const { readEntries } = await import('@/lib/store/repo');
    const visit = (await db.visits.toArray()).find((v) => v.startedAt >= t - 1 && v.site === 'shop.example')!;
    const entries = (await readEntries(db, [visit.id])).get(visit.id)!;
    const d = deriveVisit(visit, entries);
    expect({
      cio: d.findings.filter((f) => f.vendorId === 'customer-io').map((f) => [f.phase, f.violation]),
      without: d.consent.withoutInteraction,
    }).toEqual({ cio: [['after-accept', false]], without: false });
  });
});
