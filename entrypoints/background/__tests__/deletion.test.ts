// Deleting a site, everything, or what retention expires: nothing of it comes back, whatever is still open.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ev, fireRequest } from './fake-event';
import type { Classification } from '@/lib/vendor-db/types';
import type { InspectorDb } from '@/lib/store/db';
import { startAudit } from '@/lib/audit/machine';

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
    cookie: (c: { domain: string }) => classify(c.domain),
  }),
  vendorDetails: async () => [],
}));

let events: Record<string, ReturnType<typeof ev>>;
const workers: { flush: () => Promise<void> }[] = [];
const TAB = 77;
const T0 = Date.now() - 60_000;

async function startWorker() {
  vi.resetModules();
  const { default: background } = await import('../index');
  background.main();
  const writer = await import('../writer');
  workers.push(writer);
  const { db } = await (await import('../context')).ready();
  const { handlers } = await import('../messaging');
  return { writer, db: db as InspectorDb, handlers };
}

beforeEach(async () => {
  fakeBrowser.reset();
  Object.assign(fakeBrowser.runtime, { onConnect: { addListener: () => undefined } });
  events = {
    onBeforeRequest: ev(),
    onSendHeaders: ev(),
    onHeadersReceived: ev(),
    onCompleted: ev(),
    onErrorOccurred: ev(),
  };
  Object.assign(fakeBrowser.webRequest, events);
  const onChanged = ev();
  const onCommitted = ev();
  Object.assign(fakeBrowser.cookies, { onChanged, getAll: async () => [] });
  Object.assign(fakeBrowser.webNavigation, { onCommitted, onCompleted: ev() });
  events.onCommitted = onCommitted;
  (fakeBrowser.runtime as any).getURL = (p: string) => `chrome-extension://test${p}`;
  const { createDb } = await import('@/lib/store/db');
  await createDb().delete();
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.flush()));
});

const script = (id: string, url: string, at: number) =>
  fireRequest(events, {
    requestId: id,
    url,
    type: 'script',
    tabId: TAB,
    frameId: 0,
    timeStamp: at,
    documentId: 'D1',
    initiator: 'https://shop.example',
  });

async function openShop() {
  await fireRequest(events, {
    requestId: 'm1',
    url: 'https://shop.example/',
    type: 'main_frame',
    tabId: TAB,
    frameId: 0,
    timeStamp: T0,
  });
  await events.onCommitted!.trigger({
    tabId: TAB,
    frameId: 0,
    url: 'https://shop.example/',
    timeStamp: T0 + 50,
    documentId: 'D1',
  });
  await script('r1', 'https://assets.customer.io/track.js', T0 + 100);
}

const counts = async (db: InspectorDb) => ({
  visits: await db.visits.count(),
  evidence: await db.evidence.count(),
});

describe('deletion', () => {
  it.each(['the site', 'everything'] as const)(
    'deleting %s while its page is open: the visit is not written again, by later events or the tab closing',
    async (what) => {
      const { writer, db, handlers } = await startWorker();
      await openShop();
      await writer.flush();
      expect(await counts(db)).toEqual({ visits: 1, evidence: 2 });
      if (what === 'the site') await handlers.deleteSite!({ site: 'shop.example' }, {} as never);
      else await handlers.deleteAll!({}, {} as never);
      expect(await counts(db)).toEqual({ visits: 0, evidence: 0 });
      // The open page goes on: a tracker after the deletion would otherwise read as before consent.
      await script('r2', 'https://cdp.customer.io/v1/t', T0 + 5000);
      await writer.flush();
      expect(await counts(db)).toEqual({ visits: 0, evidence: 0 });
      await fakeBrowser.tabs.onRemoved.trigger(TAB, { windowId: 1, isWindowClosing: false });
      await writer.flush();
      expect(await counts(db)).toEqual({ visits: 0, evidence: 0 });
    },
  );

  it("the tab's next page is recorded as a new visit", async () => {
    const { writer, db, handlers } = await startWorker();
    await openShop();
    await writer.flush();
    await handlers.deleteSite!({ site: 'shop.example' }, {} as never);
    await fireRequest(events, {
      requestId: 'm2',
      url: 'https://shop.example/next',
      type: 'main_frame',
      tabId: TAB,
      frameId: 0,
      timeStamp: T0 + 9000,
    });
    await events.onCommitted!.trigger({
      tabId: TAB,
      frameId: 0,
      url: 'https://shop.example/next',
      timeStamp: T0 + 9050,
      documentId: 'D2',
    });
    await writer.flush();
    expect((await db.visits.toArray()).map((v) => [v.url, v.startedAt >= T0 + 9000])).toEqual([
      ['https://shop.example/next', true],
    ]);
  });

  it("a finished audit of the site (its screenshots) goes with the site's data; another site's stays", async () => {
    const audit = (tabId: number, site: string) => ({
      ...startAudit({ id: `a${tabId}`, tabId, url: `https://${site}/`, site, now: T0 }),
      step: 'done' as const,
      snapshots: [{ step: 'pre-consent', at: T0 + 1, consent: [], screenshot: 'data:image/jpeg;base64,X' }],
    });
    await fakeBrowser.storage.session.set({
      'audit:5': audit(5, 'shop.example'),
      'audit:6': audit(6, 'other.example'),
    });
    const { handlers } = await startWorker();
    await handlers.deleteSite!({ site: 'shop.example' }, {} as never);
    const keys = Object.keys(await fakeBrowser.storage.session.get(null)).filter((k) =>
      k.startsWith('audit:'),
    );
    expect(keys).toEqual(['audit:6']);
    expect(await handlers.getAudit!({ tabId: 5 }, {} as never)).toBeNull();
    await handlers.deleteAll!({}, {} as never);
    expect(
      Object.keys(await fakeBrowser.storage.session.get(null)).filter((k) => k.startsWith('audit:')),
    ).toEqual([]);
  });
});
