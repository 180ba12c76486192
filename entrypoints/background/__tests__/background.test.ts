import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ev, fireRequest } from './fake-event';
import { events, startWorker } from './shop-harness';
import type { InspectorDb } from '@/lib/store/db';
import { ACTIVATION_GRACE_MS } from '@/lib/evidence/consent';

/** Every visit's findings, derived from the stored evidence as every view derives them. */
async function allFindings(db: InspectorDb) {
  const { deriveVisit } = await import('@/lib/evidence/derive');
  const { readEntries } = await import('@/lib/store/repo');
  const visits = await db.visits.toArray();
  const byVisit = await readEntries(
    db,
    visits.map((v) => v.id),
  );
  return visits.flatMap((v) => deriveVisit(v, byVisit.get(v.id)!).findings);
}
/** Every stored entry, packed or not. */
async function allEntries(db: InspectorDb) {
  const { readEntries } = await import('@/lib/store/repo');
  const ids = (await db.visits.toCollection().primaryKeys()) as string[];
  return [...(await readEntries(db, ids)).values()].flat();
}
const cookieEntries = async (db: InspectorDb) =>
  (await allEntries(db)).filter((e) => e.kind === 'cookie' && e.cookie?.action !== 'sent');

const TAB = 1564829957;
const T0 = 1_700_000_000_000;

async function visitShop() {
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
  await fireRequest(events, {
    requestId: 'r1',
    url: 'https://assets.customer.io/assets/track.js',
    type: 'script',
    tabId: TAB,
    frameId: 0,
    timeStamp: T0 + 100,
    documentId: 'D1',
    initiator: 'https://shop.example',
  });
  await events.onHeadersReceived!.trigger({
    requestId: 'r2',
    url: 'https://track.customer.io/api/v1/page',
    type: 'xmlhttprequest',
    tabId: TAB,
    frameId: 0,
    timeStamp: T0 + 200,
    documentId: 'D1',
    responseHeaders: [
      { name: 'Set-Cookie', value: '_cio=abc; Domain=.customer.io; Max-Age=86400; Secure; SameSite=None' },
    ],
  });
}

describe('background', () => {
  it('records requests and Set-Cookie of a page visit as classified findings', async () => {
    const { writer, db } = await startWorker();
    await visitShop();
    await writer.flush();
    const [visit] = await db.visits.toArray();
    expect(visit).toMatchObject({
      tabId: TAB,
      url: 'https://shop.example/',
      site: 'shop.example',
      startedAt: T0,
    });
    const findings = (await allFindings(db)).filter((f) => f.visitId === visit!.id);
    const byKey = Object.fromEntries(findings.map((f) => [f.key, f]));
    expect(byKey['assets.customer.io']).toMatchObject({
      vendorId: 'customer-io',
      phase: 'before-consent',
      violation: true,
      firstSeenAt: T0 + 100,
    });
    expect(byKey['_cio@customer.io']).toMatchObject({
      kind: 'cookie',
      vendorId: 'customer-io',
      via: ['set-cookie'],
    });
    expect(byKey['shop.example']).toMatchObject({ category: 'unknown', violation: false });
    expect(findings).toHaveLength(3);
    expect(await cookieEntries(db)).toHaveLength(1);
    expect((await allEntries(db)).every((e) => e.provenance === 'browser')).toBe(true);
  });

  it('records a sub-request once, from onSendHeaders in Chrome; one never sent is no evidence', async () => {
    const { writer, db } = await startWorker();
    await visitShop();
    const pixel = {
      url: 'https://track.customer.io/v1/p?x=1',
      type: 'image',
      tabId: TAB,
      frameId: 0,
      documentId: 'D1',
      initiator: 'https://shop.example',
    };
    // Cancelled before it was sent (another extension, say): Chrome fires onBeforeRequest and nothing more.
    await events.onBeforeRequest!.trigger({ ...pixel, requestId: 'c1', timeStamp: T0 + 300 });
    await writer.flush();
    expect((await allEntries(db)).some((e) => e.host === 'track.customer.io' && e.kind === 'request')).toBe(
      false,
    );
    await fireRequest(events, { ...pixel, requestId: 'c2', timeStamp: T0 + 400 });
    await writer.flush();
    const sent = (await allFindings(db)).filter((f) => f.key === 'track.customer.io');
    expect(sent.map((f) => [f.count, f.firstSeenAt])).toEqual([[1, T0 + 400]]);
  });

  it('replays buffered events after the worker is stopped before writing them', async () => {
    const first = await startWorker();
    // Fake timers freeze the first worker's flush timer: it dies with its buffer unwritten, after the
    // write-ahead log's gathering time (its one write) and before the batch's.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await visitShop();
    const { WAL_GATHER_MS } = await import('../wal');
    await vi.advanceTimersByTimeAsync(WAL_GATHER_MS);
    expect((await allFindings(first.db)).length).toBe(0);
    vi.useRealTimers();
    const second = await startWorker();
    await vi.waitFor(async () => expect((await allFindings(second.db)).length).toBe(3), { timeout: 2000 });
    expect((await allFindings(second.db)).map((f) => f.count)).toEqual([1, 1, 1]);
    // The restarted worker continues the same visit for new events.
    await fireRequest(events, {
      requestId: 'r9',
      url: 'https://cdp.customer.io/v1/t',
      type: 'ping',
      tabId: TAB,
      frameId: 0,
      timeStamp: T0 + 900,
      documentId: 'D1',
    });
    await second.writer.flush();
    expect(await second.db.visits.count()).toBe(1);
    expect((await allFindings(second.db)).length).toBe(4);
  });

  it('a popup that wakes the worker gets the tab’s visit, not "nothing recorded"', async () => {
    const first = await startWorker();
    await visitShop();
    await first.writer.flush();
    // A new worker whose first event is the popup's request: the tab states are still in storage.session only.
    vi.resetModules();
    const { handlers } = await import('../messaging');
    const summary = await handlers.getTabVisit!({ tabId: TAB }, {});
    expect(summary?.visit.site).toBe('shop.example');
    expect(summary?.findings).toBe(3);
  });

  it("files an imported export's evidence with the worker's vendor database, and sends unchanged evidence back as none", async () => {
    const worker = await startWorker();
    await visitShop();
    await worker.writer.flush();
    const { handlers } = await import('../messaging');
    const { visit } = (await handlers.getTabVisit!({ tabId: TAB }, {}))!;
    const page = (await handlers.getVisitPage!({ visitId: visit.id, page: 0 }, {}))!;
    const { entries } = page;
    const exported = page.head!.visit;
    expect(await handlers.getVendorDatabase!({}, {})).toEqual({ database: 'test-vendor-database' });
    // Exported by this database: nothing to file again, and no evidence in the answer.
    expect(await handlers.fileEvidence!({ visit: exported, entries }, {})).toEqual({ visit: exported });
    // Exported by another one, with a request recorded under another category: filed again and stamped.
    const stale = entries.map((e) =>
      e.kind === 'request' && e.host === 'assets.customer.io'
        ? { ...e, classification: { ...e.classification!, category: 'functional' as const } }
        : e,
    );
    const old = { ...exported, classifiedWith: 'an-earlier-vendor-database' };
    const filed = await handlers.fileEvidence!({ visit: old, entries: stale }, {});
    expect(filed.visit.classifiedWith).toBe('test-vendor-database');
    expect(filed.refiled).toBe(1);
    const cio = filed.entries!.find((e) => e.host === 'assets.customer.io')!;
    expect(cio.classification).toMatchObject({
      category: 'marketing',
      recordedAs: 'Customer.io, functional',
    });
    await expect(handlers.fileEvidence!({ visit: old, entries: 'x' as never }, {})).rejects.toThrow(
      /fileEvidence/,
    );
  });

  it("gives the popup's vendor rows without details, and one opened row's details on demand", async () => {
    const worker = await startWorker();
    await visitShop();
    await worker.writer.flush();
    const { handlers } = await import('../messaging');
    const summary = (await handlers.getTabVisit!({ tabId: TAB }, {}))!;
    const head = summary.groups.flatMap((g) => g.rows).find((r) => r.vendorId === 'customer-io')!;
    // The summary stays small whatever the visit's size: no vendor record, cookies or hosts in it.
    expect(head).not.toHaveProperty('vendor');
    expect(head).not.toHaveProperty('cookies');
    const row = await handlers.getVendorRow!({ visitId: summary.visit.id, key: head.key }, {});
    expect(row).toMatchObject({ key: head.key, name: 'Customer.io', cookieTotal: head.cookieTotal });
    // With its details: the vendor's record (null here: this test worker has no vendor-details shards), cookies, hosts.
    expect(row).toHaveProperty('vendor');
    expect(row!.cookies.map((c) => c.name).length).toBe(head.cookieTotal);
    expect(row!.hosts.length).toBe(head.hostTotal);
    expect(await handlers.getVendorRow!({ visitId: summary.visit.id, key: 'no-such-vendor' }, {})).toBeNull();
    expect(await handlers.getVendorRow!({ visitId: 'no-such-visit', key: head.key }, {})).toBeNull();
  });

  it('answers the popup after a worker restart with the saved summary of a large visit, then the fresh one', async () => {
    // Every derivation counts as large and quiet here, so the tiny test visit's summary is kept at once.
    vi.doMock('../saved-summary', async (importOriginal) => ({
      ...(await importOriginal<typeof import('../saved-summary')>()),
      SAVE_AFTER_MS: 0,
      SAVE_QUIET_MS: 0,
    }));
    try {
      const first = await startWorker();
      await visitShop();
      await first.writer.flush();
      const { handlers } = await import('../messaging');
      const before = await handlers.getTabVisit!({ tabId: TAB }, {});
      expect(before!.findings).toBe(3);
      const key = `popupSummary:${TAB}`;
      const read = async () =>
        (await fakeBrowser.storage.local.get(key))[key] as { summary: object } | undefined;
      await vi.waitFor(async () => expect(await read()).toBeDefined());
      // Marks the saved copy, to tell it from a new derivation.
      const saved = (await read())!;
      await fakeBrowser.storage.local.set({
        [key]: { ...saved, summary: { ...saved.summary, findings: 99 } },
      });

      await startWorker();
      const { onRederived } = await import('../derived');
      const told = new Promise<string>((resolve) => onRederived(resolve));
      const again = await import('../messaging');
      expect((await again.handlers.getTabVisit!({ tabId: TAB }, {}))!.findings).toBe(99);
      // The fresh derivation runs meanwhile; the popup's live port is told, and its next ask gets it.
      expect(await told).toBe(before!.visit.id);
      expect((await again.handlers.getTabVisit!({ tabId: TAB }, {}))!.findings).toBe(3);
    } finally {
      vi.doUnmock('../saved-summary');
    }
  });

  it('a live port heard after the newer derivation finished is still told', async () => {
    // The popup's port (live.ts), driven by hand: the page answered the popup with the previous derivation, the
    // newer one finished before the port's tab id arrived, and the page then went quiet.
    let connect: ((port: unknown) => void) | undefined;
    Object.assign(fakeBrowser.runtime, { onConnect: { addListener: (l: typeof connect) => (connect = l) } });
    const { writer } = await startWorker();
    await visitShop();
    await writer.flush();
    const { handlers } = await import('../messaging');
    const first = await handlers.getTabVisit!({ tabId: TAB }, {});
    await fireRequest(events, {
      requestId: 'r9',
      url: 'https://cdp.customer.io/v1/t',
      type: 'xmlhttprequest',
      tabId: TAB,
      frameId: 0,
      timeStamp: T0 + 900,
      documentId: 'D1',
      initiator: 'https://shop.example',
    });
    await writer.flush();
    const { onRederived } = await import('../derived');
    const rederived = new Promise<string>((resolve) => onRederived(resolve));
    // Answered with the derivation before the batch; the newer one finishes with no port to tell.
    expect(await handlers.getTabVisit!({ tabId: TAB }, {})).toEqual(first);
    await rederived;
    const posted: unknown[] = [];
    let onMessage: ((m: unknown) => void) | undefined;
    connect!({
      name: 'live',
      sender: { url: 'chrome-extension://test/popup.html' },
      postMessage: (m: unknown) => posted.push(m),
      disconnect: () => undefined,
      onMessage: { addListener: (l: typeof onMessage) => (onMessage = l) },
      onDisconnect: { addListener: () => undefined },
    });
    onMessage!({ tabId: TAB });
    await vi.waitFor(() => expect(posted).toEqual([{ changed: first!.visit.id }]), { timeout: 30_000 });
    expect((await handlers.getTabVisit!({ tabId: TAB }, {}))!.findings).toBeGreaterThan(first!.findings);
  });

  it('never persists incognito tabs unless the user opted in', async () => {
    const onCreated = ev();
    Object.assign(fakeBrowser.tabs, { onCreated });
    const { writer, db } = await startWorker();
    await onCreated.trigger({ id: TAB, incognito: true });
    await visitShop();
    await writer.flush();
    expect(await db.visits.count()).toBe(0);
    expect(await db.evidence.count()).toBe(0);

    const context = await import('../context');
    await context.updateSettings({ recordIncognito: true });
    // Visits that start after the opt-in are stored; the earlier one stays unrecorded.
    const now = Date.now() + 1;
    await fireRequest(events, {
      requestId: 'm3',
      url: 'https://shop.example/p',
      type: 'main_frame',
      tabId: TAB,
      frameId: 0,
      timeStamp: now,
    });
    await events.onCommitted!.trigger({
      tabId: TAB,
      frameId: 0,
      url: 'https://shop.example/p',
      timeStamp: now + 50,
      documentId: 'D3',
    });
    await writer.flush();
    expect((await db.visits.toArray()).map((v) => [v.url, v.incognito])).toEqual([
      ['https://shop.example/p', true],
    ]);
  });

  it("a cookie the next page's response stores belongs to that page, not the one the tab is leaving", async () => {
    const { writer, db } = await startWorker();
    await visitShop();
    const stored = (name: string, value: string, domain: string) =>
      events.onChanged!.trigger({
        removed: false,
        cause: 'explicit',
        cookie: { name, value, domain, path: '/', secure: true, httpOnly: true, storeId: '0' },
      });
    // The tab navigates on; the new page's response sets a cookie, which the cookie store reports before the
    // commit, while the old page is still the tab's current one.
    const next = {
      requestId: 'm2',
      url: 'https://shop.example/next',
      type: 'main_frame',
      tabId: TAB,
      frameId: 0,
    };
    await fireRequest(events, { ...next, timeStamp: T0 + 1000 });
    await events.onHeadersReceived!.trigger({
      ...next,
      timeStamp: T0 + 1100,
      responseHeaders: [{ name: 'Set-Cookie', value: 'nav_sid=n1; Path=/; Secure; HttpOnly' }],
    });
    await stored('nav_sid', 'n1', 'shop.example');
    // Another tab that contacted customer.io does not get the cookie this tab's tracker response set.
    const other = { tabId: TAB + 1, frameId: 0 };
    await fireRequest(events, {
      ...other,
      requestId: 'o1',
      url: 'https://other.example/',
      type: 'main_frame',
      timeStamp: T0,
    });
    await events.onCommitted!.trigger({
      ...other,
      url: 'https://other.example/',
      timeStamp: T0 + 10,
      documentId: 'O1',
    });
    await fireRequest(events, {
      ...other,
      requestId: 'o2',
      url: 'https://assets.customer.io/assets/track.js',
      type: 'script',
      timeStamp: T0 + 20,
      documentId: 'O1',
    });
    await stored('_cio', 'abc', '.customer.io');
    await events.onCommitted!.trigger({
      tabId: TAB,
      frameId: 0,
      url: 'https://shop.example/next',
      timeStamp: T0 + 1200,
      documentId: 'D2',
    });
    await writer.flush();
    const visits = await db.visits.toArray();
    const urlOf = new Map(visits.map((v) => [v.id, v.url]));
    const where = async (name: string) =>
      (await allEntries(db))
        .filter((e) => e.kind === 'cookie' && e.cookie!.name === name)
        .map((e) => [urlOf.get(e.visitId), e.via])
        .sort();
    expect(await where('nav_sid')).toEqual([
      ['https://shop.example/next', 'cookies-api'],
      ['https://shop.example/next', 'set-cookie'],
    ]);
    expect(await where('_cio')).toEqual([
      ['https://shop.example/', 'cookies-api'],
      ['https://shop.example/', 'set-cookie'],
    ]);
  });

  it('keeps cookie values only after the user opts in', async () => {
    const { writer, db } = await startWorker();
    await visitShop();
    await writer.flush();
    expect((await cookieEntries(db)).map((c) => [c.cookie!.valueLength, c.cookie!.value])).toEqual([
      [3, undefined],
    ]);
    const context = await import('../context');
    await context.updateSettings({ storeCookieValues: true });
    await events.onHeadersReceived!.trigger({
      requestId: 'r5',
      url: 'https://track.customer.io/api/v1/page',
      type: 'xmlhttprequest',
      tabId: TAB,
      frameId: 0,
      timeStamp: T0 + 600,
      documentId: 'D1',
      responseHeaders: [{ name: 'Set-Cookie', value: '_cio=xyz1; Domain=.customer.io; Max-Age=86400' }],
    });
    await writer.flush();
    expect((await cookieEntries(db)).map((c) => c.cookie!.value)).toEqual(['xyz1']);
  });

  it('holds prerendered requests until the document is shown (same documentId commits in frame 0)', async () => {
    const { writer, db } = await startWorker();
    await visitShop();
    const pre = { tabId: TAB, frameId: 1, documentId: 'P1', documentLifecycle: 'prerender' };
    await fireRequest(events, {
      ...pre,
      requestId: 'p1',
      url: 'https://shop.example/next',
      type: 'main_frame',
      timeStamp: T0 + 2000,
    });
    await fireRequest(events, {
      ...pre,
      requestId: 'p2',
      url: 'https://cdp.customer.io/v1/p',
      type: 'ping',
      timeStamp: T0 + 2100,
    });
    // Chromium reports the prerender's own commit in a non-zero frame with lifecycle 'prerender' (ignored).
    await events.onCommitted!.trigger({ ...pre, url: 'https://shop.example/next', timeStamp: T0 + 2050 });
    await writer.flush();
    expect((await allFindings(db)).filter((f) => f.host === 'cdp.customer.io')).toEqual([]);
    // Activation: the same documentId commits in frame 0 as an active document.
    await events.onCommitted!.trigger({
      tabId: TAB,
      frameId: 0,
      documentId: 'P1',
      documentLifecycle: 'active',
      url: 'https://shop.example/next',
      timeStamp: T0 + 9000,
    });
    // The commit handler replays asynchronously; wait for the held ping to be written.
    await vi.waitFor(async () => {
      await writer.flush();
      expect((await allFindings(db)).some((f) => f.host === 'cdp.customer.io')).toBe(true);
    });
    // The held main-frame request joins the shown visit instead of opening a stray one.
    expect((await db.visits.toArray()).map((v) => v.url).sort()).toEqual([
      'https://shop.example/',
      'https://shop.example/next',
    ]);
    const next = (await db.visits.toArray()).find((v) => v.url === 'https://shop.example/next')!;
    const held = (await allFindings(db)).filter((f) => f.host === 'cdp.customer.io');
    expect(held.map((f) => [f.visitId, f.firstSeenAt])).toEqual([[next.id, T0 + 2100]]);
  });

  it('page-reported cookie writes are bounded: no over-long write, at most 5,000 per visit', async () => {
    const { writer, db } = await startWorker();
    await visitShop();
    const { reportHandlers } = await import('../reports');
    const sender = { tabId: TAB, frameId: 0, url: 'https://shop.example/', documentId: 'D1' };
    const write = (text: string) => ({
      name: '',
      text,
      api: 'document.cookie' as const,
      scriptUrl: null,
      at: T0,
    });
    const pageCookies = async () =>
      (await allEntries(db)).filter((e) => e.kind === 'cookie' && e.provenance === 'page').length;
    // Posted by the page itself, past the hook's cap: a 200 KB Domain.
    await reportHandlers.cookieWrites(
      { writes: [write(`big=1; Domain=${'a'.repeat(200_000)}.example`)] },
      sender,
    );
    await writer.flush();
    expect(await pageCookies()).toBe(0);
    for (let round = 0; round < 11; round++)
      await reportHandlers.cookieWrites(
        {
          writes: Array.from({ length: 500 }, (_, i) => write(`n${round}_${i}=1`)),
        },
        sender,
      );
    await writer.flush();
    expect(await pageCookies()).toBe(5000);
  });

  it("another site's accept set by the page's own response, as the cookie store reports it, is remembered as seeded", async () => {
    const { OPTANON_ACCEPT_ALL } = await import('@/lib/consent/__fixtures__/cookies');
    await startWorker();
    await visitShop();
    const { reportHandlers } = await import('../reports');
    const sender = { tabId: TAB, frameId: 0, url: 'https://shop.example/', documentId: 'D1' };
    // An image of the page: its response stores brand.example's accept-all in brand.example's own jar.
    await events.onHeadersReceived!.trigger({
      requestId: 'seed',
      url: 'https://brand.example/seed.gif',
      type: 'image',
      tabId: TAB,
      frameId: 0,
      timeStamp: Date.now(),
      documentId: 'D1',
      initiator: 'https://shop.example',
      responseHeaders: [
        {
          name: 'Set-Cookie',
          value: `OptanonConsent=${OPTANON_ACCEPT_ALL}; Max-Age=86400; Secure; SameSite=None`,
        },
      ],
    });
    const cookie = { name: 'OptanonConsent', value: OPTANON_ACCEPT_ALL, domain: 'brand.example', path: '/' };
    await events.onChanged!.trigger({
      removed: false,
      cause: 'explicit',
      cookie: { ...cookie, secure: true, httpOnly: false, sameSite: 'no_restriction', storeId: '0' },
    });
    // The detector's first report comes after it, saying the page was never active; then a banner click is heard.
    await reportHandlers.userActivation({ active: false, at: Date.now() + 50 }, sender);
    await reportHandlers.consentClick(
      { tool: 'onetrust', action: 'reject-all', at: Date.now() + 60 },
      sender,
    );
    await new Promise((r) => setTimeout(r, ACTIVATION_GRACE_MS + 400));
    const seeded = (await fakeBrowser.storage.local.get('seededConsent')).seededConsent as Record<
      string,
      { onSite: string; tools: string[] }
    >;
    expect(seeded['brand.example|(seeded)']).toMatchObject({ onSite: 'shop.example', tools: ['onetrust'] });
    const live = (await fakeBrowser.storage.session.get('unpromptedLive')).unpromptedLive as {
      visits: Record<string, { clicks?: { action: string }[] }>;
    };
    expect(
      Object.values(live.visits)
        .flatMap((v) => v.clicks ?? [])
        .map((c) => c.action),
    ).toEqual(['reject-all']);
  });

  it('a Save click keeps the switch count the detector read, only when it is two whole numbers in bounds', async () => {
    const { writer, db } = await startWorker();
    await visitShop();
    const { reportHandlers } = await import('../reports');
    const sender = { tabId: TAB, frameId: 0, url: 'https://shop.example/', documentId: 'D1' };
    // Three distinct times before they are received (a detector time is never later than its arrival).
    const at = Date.now();
    await new Promise((r) => setTimeout(r, 50));
    await reportHandlers.consentClick(
      { tool: 'klaro', action: 'save-settings', at: at + 10, switches: { on: 0, off: 3 } },
      sender,
    );
    const bad = { on: -1, off: 1e9 } as unknown as { on: number; off: number };
    await reportHandlers.consentClick(
      { tool: 'klaro', action: 'save-settings', at: at + 20, switches: bad },
      sender,
    );
    // Only a Save carries switches: an Accept all's count would mean nothing.
    await reportHandlers.consentClick(
      { tool: 'klaro', action: 'accept-all', at: at + 30, switches: { on: 0, off: 3 } },
      sender,
    );
    await writer.flush();
    const clicks = (await allEntries(db)).filter((e) => e.kind === 'click').sort((a, b) => a.at - b.at);
    expect(clicks.map((e) => e.click)).toEqual([
      { tool: 'klaro', action: 'save-settings', switches: { on: 0, off: 3 } },
      { tool: 'klaro', action: 'save-settings' },
      { tool: 'klaro', action: 'accept-all' },
    ]);
  });

  it('a page-reported stored choice never re-files findings; a browser-observed cookie does count', async () => {
    const { writer, db } = await startWorker();
    await visitShop();
    const { TC_ACCEPT_ALL } = await import('@/lib/consent/__fixtures__/cookies');
    const { reportHandlers } = await import('../reports');
    // The page's main world claims, seconds later, a TCF accept-all "stored before the visit".
    const sender = { tabId: TAB, frameId: 0, url: 'https://shop.example/', documentId: 'D1' };
    await reportHandlers.pageConsent({ api: 'tcfapi', raw: TC_ACCEPT_ALL, eventStatus: 'tcloaded' }, sender);
    await writer.flush();
    const cio = async () =>
      (await allFindings(db)).filter((f) => f.vendorId === 'customer-io').map((f) => [f.phase, f.violation]);
    expect(await cio()).toEqual([
      ['before-consent', true],
      ['before-consent', true],
    ]);
    const page = (await allEntries(db)).find((e) => e.kind === 'consent');
    expect(page).toMatchObject({ provenance: 'page', via: 'tcfapi' });
    // A report from another document (a page that has gone) is dropped.
    await reportHandlers.pageConsent({ api: 'tcfapi', raw: TC_ACCEPT_ALL }, { ...sender, documentId: 'OLD' });
    await writer.flush();
    expect((await allEntries(db)).filter((e) => e.kind === 'consent')).toHaveLength(1);
    // The same choice as a cookie the browser saw being set (cookies.onChanged) counts from then on.
    await events.onChanged!.trigger({
      removed: false,
      cause: 'explicit',
      cookie: {
        name: 'euconsent-v2',
        value: TC_ACCEPT_ALL,
        domain: '.shop.example',
        path: '/',
        secure: true,
        httpOnly: false,
        storeId: '0',
      },
    });
    await fireRequest(events, {
      requestId: 'r7',
      url: 'https://cdp.customer.io/v1/t',
      type: 'ping',
      tabId: TAB,
      frameId: 0,
      timeStamp: Date.now() + 1000,
      documentId: 'D1',
    });
    await writer.flush();
    expect((await cio()).sort()).toEqual([
      ['after-accept', false],
      ['before-consent', true],
      ['before-consent', true],
    ]);
  });

  it('without a documentId (Firefox), a document_start report before the commit is the new visit’s', async () => {
    const { writer, db } = await startWorker();
    await visitShop();
    const { reportHandlers } = await import('../reports');
    // A reload: its main-frame request opens the pending visit; the old document is still current.
    await fireRequest(events, {
      requestId: 'm2',
      url: 'https://shop.example/',
      type: 'main_frame',
      tabId: TAB,
      frameId: 0,
      timeStamp: T0 + 5_000,
    });
    const firefox = { tabId: TAB, frameId: 0, url: 'https://shop.example/' };
    const item = (name: string) => ({ area: 'localStorage' as const, name, valueLength: 1, valueHash: 'h' });
    // The new document's first read (before its scripts ran) reaches us before the commit does…
    await reportHandlers.storageSnapshot(
      { items: [item('first_read')], at: T0 + 5_100, initial: true },
      firefox,
    );
    // …and the old page's last read, when it went, is the old visit's.
    await reportHandlers.storageSnapshot({ items: [item('last_read')], at: T0 + 5_050 }, firefox);
    await events.onCommitted!.trigger({
      tabId: TAB,
      frameId: 0,
      url: 'https://shop.example/',
      timeStamp: T0 + 5_200,
    });
    await writer.flush();
    const visits = (await db.visits.toArray()).sort((a, b) => a.startedAt - b.startedAt);
    expect(visits).toHaveLength(2);
    const where = async (key: string) =>
      (await allEntries(db)).find((e) => e.kind === 'storage' && e.key === `localStorage:${key}`)?.visitId;
    expect(await where('first_read')).toBe(visits[1]!.id);
    expect(await where('last_read')).toBe(visits[0]!.id);
  });

  it('content scripts may only report: history, settings, deletion and audits are refused', async () => {
    await startWorker();
    const { mayHandle, senderKind } = await import('@/lib/messages');
    const origin = 'chrome-extension://test';
    const content = senderKind({ tabId: TAB, frameId: 0, url: 'https://shop.example/' }, origin);
    expect(content).toBe('content-script');
    for (const type of [
      'getVisitPage',
      'fileEvidence',
      'getVendorDatabase',
      'getTabVisit',
      'listSites',
      'deleteAll',
      'deleteSite',
      'setSettings',
      'startAudit',
      'getAudit',
    ] as const)
      expect(mayHandle(content, type)).toBe(false);
    expect(mayHandle(content, 'consentClick')).toBe(true);
    // The report page runs in a tab too: recognised by its extension URL.
    expect(senderKind({ tabId: 9, url: `${origin}/report.html` }, origin)).toBe('extension-page');
    expect(senderKind({ url: `${origin}/popup.html` }, origin)).toBe('extension-page');
    expect(senderKind({ url: 'chrome-extension://other/popup.html' }, origin)).toBeNull();
    expect(mayHandle(null, 'cookieWrites')).toBe(false);
  });

  it('retries a batch IndexedDB refused, without losing or doubling anything', async () => {
    let failures = 1;
    vi.doMock('@/lib/store/repo', async (importOriginal) => {
      const repo = await importOriginal<typeof import('@/lib/store/repo')>();
      return {
        ...repo,
        writeBatch: async (...args: Parameters<typeof repo.writeBatch>) => {
          if (failures-- > 0) throw new Error('QuotaExceededError (simulated)');
          return repo.writeBatch(...args);
        },
      };
    });
    try {
      const { writer, db } = await startWorker();
      await visitShop();
      await writer.flush();
      expect((await allFindings(db)).length).toBe(0);
      // The retry runs on its own timer and writes the batch once.
      await vi.waitFor(async () => expect((await allFindings(db)).length).toBe(3), { timeout: 5000 });
      expect((await allFindings(db)).map((f) => f.count)).toEqual([1, 1, 1]);
      // Its log entries were released: nothing is left for a next worker to replay twice.
      const session = await fakeBrowser.storage.session.get(null);
      expect(Object.keys(session).filter((k) => k.startsWith('wal:'))).toEqual([]);
    } finally {
      vi.doUnmock('@/lib/store/repo');
    }
  });

  it('starts a new visit per navigation and ignores extension and internal requests', async () => {
    const { writer, db } = await startWorker();
    await visitShop();
    await fireRequest(events, {
      requestId: 'x',
      url: 'https://example.org/',
      type: 'xmlhttprequest',
      tabId: -1,
      timeStamp: T0 + 300,
      initiator: 'chrome-extension://abc',
    });
    await fireRequest(events, {
      requestId: 'm2',
      url: 'https://shop.example/cart',
      type: 'main_frame',
      tabId: TAB,
      frameId: 0,
      timeStamp: T0 + 1000,
    });
    await events.onCommitted!.trigger({
      tabId: TAB,
      frameId: 0,
      url: 'https://shop.example/cart',
      timeStamp: T0 + 1050,
      documentId: 'D2',
    });
    await writer.flush();
    const visits = await db.visits.orderBy('startedAt').toArray();
    expect(visits.map((v) => [v.url, v.endedAt])).toEqual([
      ['https://shop.example/', T0 + 1050],
      ['https://shop.example/cart', undefined],
    ]);
    expect((await allFindings(db)).filter((f) => f.host === 'example.org')).toEqual([]);
    const shopVisits = (await allFindings(db)).filter((f) => f.host === 'shop.example').map((f) => f.visitId);
    expect(shopVisits.sort()).toEqual(visits.map((v) => v.id).sort());
  });
});

describe('deletion', () => {
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
  const counts = async (db: InspectorDb) => ({
    visits: await db.visits.count(),
    evidence: await db.evidence.count(),
  });

  it.each(['the site', 'everything'] as const)(
    'deleting %s while its page is open: the visit is not written again, by later events or the tab closing',
    async (what) => {
      const { writer, db } = await startWorker();
      const { handlers } = await import('../messaging');
      await visitShop();
      await writer.flush();
      expect((await counts(db)).visits).toBe(1);
      if (what === 'the site') await handlers.deleteSite!({ site: 'shop.example' }, {});
      else await handlers.deleteAll!({}, {});
      expect(await counts(db)).toEqual({ visits: 0, evidence: 0 });
      // The open page goes on: a tracker after the deletion would otherwise read as before consent.
      await script('r9', 'https://cdp.customer.io/v1/t', T0 + 5000);
      await writer.flush();
      expect(await counts(db)).toEqual({ visits: 0, evidence: 0 });
      await fakeBrowser.tabs.onRemoved.trigger(TAB, { windowId: 1, isWindowClosing: false });
      await writer.flush();
      expect(await counts(db)).toEqual({ visits: 0, evidence: 0 });
    },
  );

  it("the tab's next page is recorded as a new visit", async () => {
    const { writer, db } = await startWorker();
    const { handlers } = await import('../messaging');
    await visitShop();
    await writer.flush();
    await handlers.deleteSite!({ site: 'shop.example' }, {});
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
    const { startAudit } = await import('@/lib/audit/machine');
    const audit = (tabId: number, site: string) => ({
      ...startAudit({ id: `a${tabId}`, tabId, url: `https://${site}/`, site, now: T0 }),
      step: 'done' as const,
      snapshots: [{ step: 'pre-consent', at: T0 + 1, consent: [], screenshot: 'data:image/jpeg;base64,X' }],
    });
    await fakeBrowser.storage.session.set({
      'audit:5': audit(5, 'shop.example'),
      'audit:6': audit(6, 'other.example'),
    });
    await startWorker();
    const { handlers } = await import('../messaging');
    const audits = async () =>
      Object.keys(await fakeBrowser.storage.session.get(null)).filter((k) => k.startsWith('audit:'));
    await handlers.deleteSite!({ site: 'shop.example' }, {});
    expect(await audits()).toEqual(['audit:6']);
    expect(await handlers.getAudit!({ tabId: 5 }, {})).toBeNull();
    await handlers.deleteAll!({}, {});
    expect(await audits()).toEqual([]);
  });
  it("a running audit and site audit of the site are cancelled and go with the site's data", async () => {
    const { startAudit } = await import('@/lib/audit/machine');
    const { startSiteAudit, pageStarted } = await import('@/lib/audit/site-audit');
    // Waiting out the banner's observation window, its deadline far off.
    const running = {
      ...startAudit({
        id: 'a7',
        tabId: 7,
        url: 'https://shop.example/',
        site: 'shop.example',
        now: Date.now(),
      }),
      step: 'pre-consent' as const,
      deadline: Date.now() + 600_000,
    };
    const site = pageStarted(
      startSiteAudit({
        id: 's7',
        tabId: 7,
        site: 'shop.example',
        startUrl: 'https://shop.example/',
        now: Date.now(),
      }),
      0,
      'a7',
      Date.now(),
    );
    await fakeBrowser.storage.session.set({ 'audit:7': running, 'site-audit:7': site });
    Object.assign(fakeBrowser.tabs, {
      get: async (tabId: number) => ({ id: tabId, url: 'https://shop.example/' }),
    });
    const { writer } = await startWorker();
    const { handlers } = await import('../messaging');
    const started = vi.spyOn(fakeBrowser.tabs, 'update');
    await handlers.deleteSite!({ site: 'shop.example' }, {});
    await writer.flush();
    await new Promise((r) => setTimeout(r, 50));
    const left = Object.keys(await fakeBrowser.storage.session.get(null)).filter((k) => /audit/i.test(k));
    expect(left).toEqual([]);
    expect(await handlers.getAudit!({ tabId: 7 }, {})).toBeNull();
    expect(await handlers.getSiteAudit!({ tabId: 7 }, {})).toBeNull();
    // No next page was started in the tab.
    expect(started).not.toHaveBeenCalled();
  });
});
