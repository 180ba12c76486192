/**
 * The whole background over fake browser events, for one tab visiting shop.example (Customer.io its tracker, with its
 * `_cio*` cookies): the set-up, the shop's pages and OneTrust's record as the cookie store reports it. Importing it
 * mocks the classifier.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ev, fireRequest } from './fake-event';
import type { Classification } from '@/lib/vendor-db/types';
import type { PageVisit } from '@/lib/findings';

export const TAB = 77;

function classify(host: string): Classification {
  const cio = host.endsWith('customer.io') || host.startsWith('_cio');
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
    cookie: (c: { name: string; domain: string }) => classify(c.name.startsWith('_cio') ? c.name : c.domain),
  }),
  vendorDetails: async () => [],
}));

export let events: Record<string, ReturnType<typeof ev>>;
const workers: { flush: () => Promise<void> }[] = [];

// Workers started by a test; each settles before the next test so no late flush leaks across tests.
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(workers.splice(0).map((w) => w.flush()));
});

beforeEach(async () => {
  fakeBrowser.reset();
  // The popup's live-update port (live.ts): WXT's fake browser has no runtime.onConnect.
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

/** A fresh worker: the background started, its writer, database and report handlers, and OneTrust's accept-all. */
export async function startWorker() {
  vi.resetModules();
  const { default: background } = await import('../index');
  background.main();
  const writer = await import('../writer');
  workers.push(writer);
  const { db } = await (await import('../context')).ready();
  const { OPTANON_ACCEPT_ALL } = await import('@/lib/consent/__fixtures__/cookies');
  const { reportHandlers } = await import('../reports');
  return { writer, db, reportHandlers, OPTANON_ACCEPT_ALL };
}

/** The main-frame request of `url` in the tab at `t` (the document sends `cookie`, when given): the visit pending. */
export async function request(url: string, t: number, id: string, cookie?: string): Promise<void> {
  await fireRequest(events, {
    requestId: id,
    url,
    type: 'main_frame',
    tabId: TAB,
    frameId: 0,
    timeStamp: t,
    ...(cookie && { requestHeaders: [{ name: 'Cookie', value: cookie }] }),
  });
}

/** The commit of `url` in the tab as document `documentId`. */
export async function commit(url: string, t: number, documentId: string): Promise<void> {
  await events.onCommitted!.trigger({ tabId: TAB, frameId: 0, url, timeStamp: t, documentId });
}

/** Opens shop.example in the tab at `t` (the document sends `cookie`, when given). */
export async function openShop(t: number, documentId: string, cookie?: string): Promise<void> {
  await request('https://shop.example/', t, `m-${documentId}`, cookie);
  await commit('https://shop.example/', t + 50, documentId);
}

/** The detector's report sender for the shop's document `documentId`. */
export const shopPage = (documentId: string) => ({
  tabId: TAB,
  frameId: 0,
  url: 'https://shop.example/',
  documentId,
});

/** Customer.io's page call from the shop's document `documentId` at `t` (no documentId: Firefox's request). */
export async function trackerFires(
  t: number,
  documentId: string | undefined,
  id = `r-${documentId}`,
): Promise<void> {
  await fireRequest(events, {
    requestId: id,
    url: 'https://track.customer.io/api/v1/page',
    type: 'xmlhttprequest',
    tabId: TAB,
    frameId: 0,
    timeStamp: t,
    ...(documentId && { documentId }),
    initiator: 'https://shop.example',
  });
}

/** The cookie store now holds OneTrust's record `value`, or none (what the jar read at the next commit finds). */
export function jarHolds(value: string | null): void {
  Object.assign(fakeBrowser.cookies, {
    getAll: async () =>
      value === null ? [] : [{ name: 'OptanonConsent', value, domain: 'shop.example', path: '/' }],
  });
}

/** The cookie store's report of OneTrust's record; `partitioned`: under the site's own top-level partition. */
export const optanon = (value: string, partitioned = false) => ({
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

/** The shop visit started at or after `t`, derived from what the database holds: Customer.io's phases, and more. */
export async function shopVisitFrom(db: { visits: { toArray(): Promise<PageVisit[]> } }, t: number) {
  const { deriveVisit } = await import('@/lib/evidence/derive');
  const { readEntries } = await import('@/lib/store/repo');
  const visit = (await db.visits.toArray()).find((v) => v.startedAt >= t - 1 && v.site === 'shop.example')!;
  const entries = (await readEntries(db as never, [visit.id])).get(visit.id)!;
  const derived = deriveVisit(visit, entries);
  return {
    visit,
    entries,
    derived,
    cio: derived.findings.filter((f) => f.vendorId === 'customer-io').map((f) => [f.phase, f.violation]),
  };
}
