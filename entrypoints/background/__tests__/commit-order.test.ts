// Firefox can report a page's commit before its main-frame response (and gives no documentId); the page's own
// Set-Cookie must still land on the committed visit, not open a second visit that never commits.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ev } from './fake-event';

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
  (fakeBrowser.runtime as any).getURL = (p: string) => `chrome-extension://test${p}`;
  Object.assign(fakeBrowser.runtime, { onConnect: ev() });
  const { createDb } = await import('@/lib/store/db');
  await createDb().delete();
});

afterEach(async () => {
  await Promise.all(flushes.map((f) => f()));
  flushes = [];
});

describe('commit before the main-frame response (Firefox order)', () => {
  // Generous: the first import of the whole background is slow on a loaded machine.
  it("keeps one visit, and the page's own Set-Cookie on it", { timeout: 120_000 }, async () => {
    vi.resetModules();
    const { default: background } = await import('../index');
    background.main();
    const writer = await import('../writer');
    flushes.push(writer.flush);
    const { db } = await (await import('../context')).ready();

    const main = { requestId: '42', url: URL, type: 'main_frame', tabId: TAB, frameId: 0 };
    await events.onBeforeRequest!.trigger({ ...main, timeStamp: T0 });
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
});
