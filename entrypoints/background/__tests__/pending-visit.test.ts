// A navigation to the site not yet committed is a page of it on its way (cookies.ts noteStoredWithoutPage).
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

const optanon = (value: string) => ({
  removed: false,
  cause: 'explicit',
  cookie: {
    name: 'OptanonConsent',
    value,
    domain: 'shop.example',
    path: '/',
    secure: true,
    httpOnly: false,
    sameSite: 'lax',
    storeId: '0',
  },
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
    vi.resetModules();
    const { default: background } = await import('../index');
    background.main();
    const writer = await import('../writer');
    workers.push(writer);
    const { db } = await (await import('../context')).ready();
    const { OPTANON_ACCEPT_ALL } = await import('@/lib/consent/__fixtures__/cookies');
    const { reportHandlers } = await import('../reports');
    const again = OPTANON_ACCEPT_ALL.replace('10%3A15%3A09', '11%3A00%3A00');

    // The tab shows another site; the visitor follows a link to the shop, bringing their accept.
    const t0 = Date.now();
    await fireRequest(events, {
      requestId: 'n',
      url: 'https://news.example/',
      type: 'main_frame',
      tabId: TAB,
      frameId: 0,
      timeStamp: t0,
    });
    await events.onCommitted!.trigger({
      tabId: TAB,
      frameId: 0,
      url: 'https://news.example/',
      timeStamp: t0 + 10,
      documentId: 'DN',
    });
    await fireRequest(events, {
      requestId: 'm1',
      url: 'https://shop.example/',
      type: 'main_frame',
      tabId: TAB,
      frameId: 0,
      timeStamp: t0 + 100,
      requestHeaders: [{ name: 'Cookie', value: `OptanonConsent=${OPTANON_ACCEPT_ALL}` }],
    });
    // The shop's manager re-writes the choice on load; the cookie event is handled before the commit.
    await events.onChanged!.trigger(optanon(again));
    await events.onCommitted!.trigger({
      tabId: TAB,
      frameId: 0,
      url: 'https://shop.example/',
      timeStamp: t0 + 150,
      documentId: 'D1',
    });
    await reportHandlers.userActivation(
      { active: false, at: t0 + 160 },
      { tabId: TAB, frameId: 0, url: 'https://shop.example/', documentId: 'D1' },
    );
    await new Promise((r) => setTimeout(r, ACTIVATION_GRACE_MS + 300));

    // The next visit brings the (re-written) accept, untouched; a tracker fires.
    const t = Date.now() + 20_000;
    await openShop(t, 'D2', `OptanonConsent=${again}`);
    const sender = { tabId: TAB, frameId: 0, url: 'https://shop.example/', documentId: 'D2' };
    await reportHandlers.userActivation({ active: false, at: t + 60 }, sender);
    await fireRequest(events, {
      requestId: 'r2',
      url: 'https://track.customer.io/api/v1/page',
      type: 'xmlhttprequest',
      tabId: TAB,
      frameId: 0,
      timeStamp: t + 2_000,
      documentId: 'D2',
      initiator: 'https://shop.example',
    });
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
