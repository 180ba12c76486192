// Firefox can report a page's commit before its main-frame response (and gives no documentId); the page's own
// Set-Cookie must still land on the committed visit, not open a second visit that never commits.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ev, fireRequest } from './fake-event';

vi.mock('../classifier', () => ({
  loadClassifier: async () => {
    const unknown = { vendor: null, vendorName: null, company: null, category: 'unknown', reason: 'test' };
    return {
      request: () => ({ ...unknown, thirdParty: false }),
      cookie: () => ({ ...unknown, thirdParty: false }),
    };
  },
  vendorDetails: async () => [],
}));

let events: Record<string, ReturnType<typeof ev>>;
let flushes: (() => Promise<void>)[] = [];
const TAB = 7;
const T0 = 1_700_000_000_000;
const URL = 'https://shop.example/';

beforeEach(async () => {
  fakeBrowser.reset();
  // The popup's live-update port (live.ts): WXT's fake browser has no runtime.onConnect.
  Object.assign(fakeBrowser.runtime, { onConnect: { addListener: () => undefined } });
  events = Object.fromEntries(
    ['onBeforeRequest', 'onSendHeaders', 'onHeadersReceived', 'onCompleted', 'onErrorOccurred'].map((n) => [
      n,
      ev(),
    ]),
  );
  const onChanged = ev();
  const onCommitted = ev();
  Object.assign(fakeBrowser.webRequest, events);
  Object.assign(fakeBrowser.cookies, { onChanged, getAll: async () => [] });
  Object.assign(fakeBrowser.webNavigation, { onCommitted });
  events.onCommitted = onCommitted;
  events.onChanged = onChanged;
  (fakeBrowser.runtime as any).getURL = (p: string) => `chrome-extension://test${p}`;
  Object.assign(fakeBrowser.runtime, { onConnect: ev() });
  const { createDb } = await import('@/lib/store/db');
  await createDb().delete();
});

afterEach(async () => {
  await Promise.all(flushes.map((f) => f()));
  flushes = [];
});

/** A fresh background with its listeners registered; its writer and database. */
async function startBackground() {
  vi.resetModules();
  const { default: background } = await import('../index');
  background.main();
  const writer = await import('../writer');
  flushes.push(writer.flush);
  const { db } = await (await import('../context')).ready();
  return { writer, db };
}

describe('commit before the main-frame response (Firefox order)', () => {
  // Generous: the first import of the whole background is slow on a loaded machine.
  it("keeps one visit, and the page's own Set-Cookie on it", { timeout: 120_000 }, async () => {
    const { writer, db } = await startBackground();

    const main = { requestId: '42', url: URL, type: 'main_frame', tabId: TAB, frameId: 0 };
    await fireRequest(events, { ...main, timeStamp: T0 });
    await events.onCommitted!.trigger({ tabId: TAB, frameId: 0, url: URL, timeStamp: T0 + 20 });
    await events.onHeadersReceived!.trigger({
      ...main,
      timeStamp: T0 + 30,
      responseHeaders: [{ name: 'Set-Cookie', value: 'shop_session=1; Path=/; Max-Age=3600' }],
    });
    await events.onCompleted!.trigger({ ...main, timeStamp: T0 + 40, statusCode: 200 });
    await writer.flush();

    const visits = await db.visits.toArray();
    expect(visits.map((v) => v.url)).toEqual([URL]);
    const cookies = (await db.evidence.toArray()).filter((e) => e.kind === 'cookie');
    expect(cookies.length).toBeGreaterThan(0);
    expect(cookies.every((e) => e.visitId === visits[0]!.id)).toBe(true);
  });

  it(
    'adopts a main-frame request that arrives after its commit, and cookie changes that beat their request',
    { timeout: 120_000 },
    async () => {
      const { writer, db } = await startBackground();

      // Seen in Firefox CI: the page's own cookie change, then the commit, then the main-frame request.
      const cookie = (name: string, domain: string, partition?: string) => ({
        removed: false,
        cause: 'explicit',
        cookie: {
          name,
          value: '1',
          domain,
          path: '/',
          secure: true,
          httpOnly: false,
          storeId: 'firefox-default',
          ...(partition && { partitionKey: { topLevelSite: partition } }),
        },
      });
      const now = Date.now();
      const main = { requestId: '42', url: URL, type: 'main_frame', tabId: TAB, frameId: 0 };
      await fireRequest(events, {
        ...main,
        requestId: '41',
        url: 'https://warmup.example/',
        timeStamp: now - 5_000,
      });
      await events.onCommitted!.trigger({
        tabId: TAB,
        frameId: 0,
        url: 'https://warmup.example/',
        timeStamp: now - 4_900,
      });
      await events.onChanged!.trigger(cookie('shop_session', 'shop.example'));
      await events.onCommitted!.trigger({ tabId: TAB, frameId: 0, url: URL, timeStamp: now + 50 });
      await fireRequest(events, { ...main, timeStamp: now - 20 });
      await events.onHeadersReceived!.trigger({
        ...main,
        timeStamp: now,
        responseHeaders: [{ name: 'Set-Cookie', value: 'shop_session=1; Path=/; Max-Age=3600' }],
      });
      // A third-party cookie (Total Cookie Protection partition) whose change beats its request's event.
      await events.onChanged!.trigger(cookie('_cio', '.customer.io', 'https://shop.example'));
      await events.onChanged!.trigger(cookie('_other', '.customer.io', 'https://elsewhere.example'));
      const track = {
        requestId: '43',
        url: 'https://track.customer.io/t',
        type: 'xmlhttprequest',
        tabId: TAB,
        frameId: 0,
      };
      await fireRequest(events, { ...track, timeStamp: now - 10 });
      await new Promise((r) => setTimeout(r, 50));
      await writer.flush();

      const shop = (await db.visits.toArray()).filter((v) => v.url === URL);
      expect(shop).toHaveLength(1);
      const evidence = (await db.evidence.toArray()).filter((e) => e.visitId === shop[0]!.id);
      const requests = evidence.filter((e) => e.kind === 'request').map((e) => e.host);
      expect(requests.sort()).toEqual(['shop.example', 'track.customer.io']);
      const viaApi = evidence
        .filter((e) => e.kind === 'cookie' && e.via === 'cookies-api')
        .map((e) => e.cookie!.name)
        .sort();
      // The other partition's cookie is not this page's.
      expect(viaApi).toEqual(['_cio', 'shop_session']);
    },
  );
});
