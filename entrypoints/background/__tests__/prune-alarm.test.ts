import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ev } from './fake-event';
import type { PageVisit } from '@/lib/findings';

const DAY = 86_400_000;

vi.mock('../classifier', () => ({
  loadClassifier: async () => ({ request: () => null, cookie: () => null }),
  vendorDetails: async () => [],
}));

/** A visit with the fields the prune reads (the rest of PageVisit is irrelevant here). */
function visit(id: string, startedAt: number): PageVisit {
  return {
    id,
    tabId: 1,
    url: `https://${id}.example/`,
    site: `${id}.example`,
    startedAt,
    incognito: false,
  } as PageVisit;
}

/** Fires an alarm the way the browser does. */
const fire = (name: string) =>
  fakeBrowser.alarms.onAlarm.trigger({ name, scheduledTime: Date.now() } as Parameters<
    typeof fakeBrowser.alarms.onAlarm.trigger
  >[0]);

const writers: { flush: () => Promise<void> }[] = [];

/** One worker start: the background's main() on freshly imported modules, as after a real stop. */
async function startWorker() {
  vi.resetModules();
  const { default: background } = await import('../index');
  background.main();
  writers.push(await import('../writer'));
  const context = await import('../context');
  await context.ready();
  // schedulePrune is fire-and-forget at start: let its storage and alarms calls settle.
  await vi.waitFor(async () => expect(await fakeBrowser.alarms.get('prune')).toBeDefined());
}

beforeEach(async () => {
  fakeBrowser.reset();
  // The popup's live-update port (live.ts): WXT's fake browser has no runtime.onConnect.
  Object.assign(fakeBrowser.runtime, { onConnect: { addListener: () => undefined } });
  Object.assign(fakeBrowser.webRequest, {
    onBeforeRequest: ev(),
    onSendHeaders: ev(),
    onHeadersReceived: ev(),
    onCompleted: ev(),
    onErrorOccurred: ev(),
  });
  Object.assign(fakeBrowser.cookies, { onChanged: ev(), getAll: async () => [] });
  Object.assign(fakeBrowser.webNavigation, { onCommitted: ev() });
  (fakeBrowser.runtime as any).getURL = (p: string) => `chrome-extension://test${p}`;
  const { createDb } = await import('@/lib/store/db');
  await createDb().delete();
});

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(writers.splice(0).map((w) => w.flush()));
});

describe('prune alarm', () => {
  it('is created once, daily, and first due a day after the first start', async () => {
    const t0 = Date.now();
    await startWorker();
    const alarm = (await fakeBrowser.alarms.get('prune'))!;
    expect(alarm.periodInMinutes).toBe(24 * 60);
    expect(alarm.scheduledTime).toBeGreaterThanOrEqual(t0 + DAY);
    expect(alarm.scheduledTime).toBeLessThanOrEqual(Date.now() + DAY);
    expect((await fakeBrowser.storage.local.get('pruneLastRunAt')).pruneLastRunAt).toBeGreaterThanOrEqual(t0);
  });

  it('is not re-created by later worker starts (a stopped worker is not woken a minute later)', async () => {
    await startWorker();
    const first = (await fakeBrowser.alarms.get('prune'))!;
    const create = vi.spyOn(fakeBrowser.alarms, 'create');
    await startWorker();
    await startWorker();
    expect(create).not.toHaveBeenCalled();
    expect(await fakeBrowser.alarms.getAll()).toEqual([first]);
  });

  it('a lost alarm keeps the daily rhythm from the last run', async () => {
    const lastRun = Date.now() - 2 * 3_600_000;
    await fakeBrowser.storage.local.set({ pruneLastRunAt: lastRun });
    await startWorker();
    const alarm = (await fakeBrowser.alarms.get('prune'))!;
    expect(alarm.scheduledTime).toBe(lastRun + DAY);
    expect(alarm.periodInMinutes).toBe(24 * 60);
  });

  it('a lost alarm whose run is overdue fires in a minute, not never', async () => {
    await fakeBrowser.storage.local.set({ pruneLastRunAt: Date.now() - 3 * DAY });
    const t0 = Date.now();
    await startWorker();
    const { scheduledTime } = (await fakeBrowser.alarms.get('prune'))!;
    expect(scheduledTime).toBeGreaterThanOrEqual(t0 + 60_000);
    expect(scheduledTime).toBeLessThan(t0 + 2 * 60_000 + (Date.now() - t0));
  });

  it('when it fires, visits older than the retention are deleted and the run is remembered', async () => {
    await startWorker();
    const { ready } = await import('../context');
    const { db, settings } = await ready();
    const old = Date.now() - (settings.retentionDays + 1) * DAY;
    await db.visits.bulkPut([visit('old', old), visit('new', Date.now())]);
    const before = Date.now();
    await fire('prune');
    expect((await db.visits.toArray()).map((v) => v.id)).toEqual(['new']);
    expect((await fakeBrowser.storage.local.get('pruneLastRunAt')).pruneLastRunAt).toBeGreaterThanOrEqual(
      before,
    );
  });

  it('other alarms do not prune', async () => {
    await startWorker();
    const { ready } = await import('../context');
    const { db, settings } = await ready();
    const old = Date.now() - (settings.retentionDays + 1) * DAY;
    await db.visits.put(visit('old', old));
    await fire('audit');
    expect(await db.visits.count()).toBe(1);
  });
});

describe('after an update', () => {
  it('refills the site history caches a new derivation version made stale, without being asked', async () => {
    const { createDb } = await import('@/lib/store/db');
    const db = createDb();
    await db.visits.bulkAdd([
      { ...visit('a', Date.now() - DAY), summary: { version: -1, violating: [], bytes: 1 } },
      visit('b', Date.now() - DAY),
    ]);
    db.close();
    await startWorker();
    await fakeBrowser.runtime.onInstalled.trigger({
      reason: 'update',
      previousVersion: '0.0.9',
    });
    const { DERIVE_VERSION } = await import('@/lib/evidence/derive');
    const reopened = createDb();
    await vi.waitFor(async () =>
      expect((await reopened.visits.toArray()).map((v) => v.summary?.version)).toEqual([
        DERIVE_VERSION,
        DERIVE_VERSION,
      ]),
    );
    reopened.close();
  });
});
