/**
 * One-click "Audit this site": drives lib/audit/machine.ts with browser APIs. The record lives in
 * storage.session after every step, so a restarted worker resumes the audit (timers are re-armed from the
 * stored deadline; an alarm wakes a worker that was stopped while waiting).
 */
import { browser } from 'wxt/browser';
import {
  advance,
  isFinished,
  msUntilTick,
  startAudit,
  type AuditEvent,
  type AuditOptions,
  type AuditRecord,
} from '@/lib/audit/machine';
import { cookieRemovalUrl, cookiesOfSite, originsToClear } from '@/lib/audit/clear';
import { parseOptOutReply, type OptOutResult } from '@/lib/audit/opt-out';
import { buildAuditReport, type AuditReport } from '@/lib/audit/report';
import { AUTOCONSENT_OPT_OUT } from '@/lib/consent/autoconsent-protocol';
import { identifyTool } from '@/lib/consent/tools';
import { siteOf } from '@/lib/domain';
import type { Handlers } from '@/lib/messages';
import { readDerived } from './derived';
import { ready } from './context';
import { forgetTabRecords, getTab, session } from './session';
import { noteAnswerClick } from './answered';
import { enqueue, flush } from './writer';
import { vendorDetails } from './classifier';
import { forgetSiteMemories } from './memories';

const KEY = 'audit:';
const ALARM = 'audit-wake';
const POLL_MS = 1000;
const OPT_OUT_TRIES = 4;
const OPT_OUT_RETRY_MS = 2000;
const BLANK_TIMEOUT_MS = 5000;
const BLANK_SETTLE_MS = 300;
const records = new Map<number, AuditRecord>();
const timers = new Map<number, ReturnType<typeof setTimeout>>();
let loaded: Promise<void> | undefined;

function load(): Promise<void> {
  loaded ??= (async () => {
    const all = session ? await session.get(null) : {};
    for (const [key, value] of Object.entries(all)) {
      if (key.startsWith(KEY)) records.set(Number(key.slice(KEY.length)), value as AuditRecord);
    }
  })();
  return loaded;
}

async function save(r: AuditRecord): Promise<void> {
  records.set(r.tabId, r);
  await session?.set({ [KEY + r.tabId]: r }).catch((e: unknown) => console.warn('audit: session.set', e));
}

/** Applies an event, persists, and runs the side effects of the step it lands in. */
async function step(tabId: number, ev: AuditEvent): Promise<AuditRecord | null> {
  const prev = records.get(tabId);
  if (!prev) return null;
  const next = advance(prev, ev, Date.now());
  if (next === prev) return prev;
  await save(next);
  if (next.step !== prev.step)
    void enter(next).catch((e: unknown) => step(tabId, { type: 'fail', error: String(e) }));
  schedule(next);
  return next;
}

/** Arms the in-memory timer for the next tick, plus an alarm in case the worker is stopped meanwhile. */
function schedule(r: AuditRecord): void {
  clearTimeout(timers.get(r.tabId));
  timers.delete(r.tabId);
  const wait = msUntilTick(r, Date.now());
  if (wait === null) return;
  // Waiting for the visitor: poll the consent timeline every second for their choice.
  const delay = r.step === 'awaiting-user' ? Math.min(wait, POLL_MS) : wait;
  timers.set(
    r.tabId,
    setTimeout(() => void tick(r.tabId), delay),
  );
  browser.alarms.create(ALARM, { delayInMinutes: Math.max(0.5, (delay + 1000) / 60_000) });
}

async function tick(tabId: number): Promise<void> {
  const r = records.get(tabId);
  if (!r || isFinished(r.step)) return;
  if (r.step === 'awaiting-user') {
    const choice = await userChoice(r);
    if (choice) {
      await step(tabId, { type: 'userChoice', choice: choice.choice!, at: choice.at });
      return;
    }
  }
  const due = r.deadline !== null && Date.now() >= r.deadline;
  // The banner state (before refusing) and the state after the refusal are captured before moving on.
  if (due && (r.step === 'pre-consent' || r.step === 'post-reject')) await snapshot(r);
  if (due) await step(tabId, { type: 'tick' });
  else schedule(r);
}

/** The visitor's first counted choice on the audited visit since we asked them to click. */
async function userChoice(r: AuditRecord) {
  const read = r.visitId ? await readDerived(r.visitId) : null;
  const since = r.refusal?.requestedAt ?? r.startedAt;
  return read?.derived.consent.choices.find((c) => !c.carriedOver && c.choice && c.at >= since) ?? null;
}

async function snapshot(r: AuditRecord): Promise<void> {
  const at = Date.now();
  const read = r.visitId ? await readDerived(r.visitId) : null;
  const snap = {
    step: r.step as 'pre-consent' | 'post-reject',
    at,
    consent: read?.derived.consent.lines ?? [],
  };
  try {
    const tab = await browser.tabs.get(r.tabId);
    if (!tab.active) throw new Error('the tab was not the active tab, so no screenshot could be taken');
    const screenshot = await browser.tabs.captureVisibleTab(tab.windowId!, { format: 'jpeg', quality: 50 });
    await step(r.tabId, { type: 'snapshot', snapshot: { ...snap, screenshot } });
  } catch (e) {
    await step(r.tabId, {
      type: 'snapshot',
      snapshot: { ...snap, screenshotError: String((e as Error)?.message ?? e) },
    });
  }
}

/** Removes the site's cookies (all subdomains) and its origins' storage; errors are recorded, not fatal. */
async function clearSiteData(url: string): Promise<{ cookies: number; storage: boolean; errors: string[] }> {
  const errors: string[] = [];
  const site = siteOf(url)!;
  // The site's stored consent goes with its data: nothing remembered of it counts any more (but the partitioned
  // cookies this clean-up leaves: getAll without a partitionKey lists unpartitioned ones only).
  forgetSiteMemories(site, { cleanUp: true });
  let cookies = 0;
  try {
    for (const c of cookiesOfSite(await browser.cookies.getAll({ domain: site }), site)) {
      const gone = await browser.cookies.remove({
        url: cookieRemovalUrl(c),
        name: c.name,
        storeId: c.storeId,
      });
      if (gone) cookies++;
    }
  } catch (e) {
    errors.push(`cookies: ${String((e as Error)?.message ?? e)}`);
  }
  let storage = false;
  const types = { localStorage: true, indexedDB: true, cacheStorage: true, serviceWorkers: true };
  try {
    // An optional permission the popup asks for when the audit starts.
    if (!browser.browsingData) throw new Error('the browsingData permission was not granted');
    // Firefox addresses storage by hostname, Chromium by origin.
    const scope =
      import.meta.env.BROWSER === 'firefox'
        ? { hostnames: [...new Set(originsToClear(url).map((o) => new URL(o).hostname))] }
        : { origins: originsToClear(url) };
    await browser.browsingData.remove(scope as any, types);
    storage = true;
  } catch (e) {
    errors.push(`storage: ${String((e as Error)?.message ?? e)}`);
  }
  return { cookies, storage, errors };
}

/** Navigates the tab to about:blank and waits until it has loaded, so the site's document is gone. */
async function blankTab(tabId: number): Promise<void> {
  let listener: ((d: { tabId: number; frameId: number; url: string }) => void) | undefined;
  // Without the `tabs` permission an about:blank tab has no readable URL: the navigation events tell instead.
  const loaded = new Promise<void>((done) => {
    listener = (d) => {
      if (d.tabId === tabId && d.frameId === 0 && d.url.startsWith('about:blank')) done();
    };
    browser.webNavigation.onCompleted.addListener(listener);
    setTimeout(done, BLANK_TIMEOUT_MS);
  });
  try {
    await browser.tabs.update(tabId, { url: 'about:blank' });
    await loaded;
  } finally {
    browser.webNavigation.onCompleted.removeListener(listener!);
  }
  // Cookie writes the old document made while unloading reach the cookie store a moment later.
  await new Promise((done) => setTimeout(done, BLANK_SETTLE_MS));
}

/** How many other tabs show a page of the site (they keep running while the audited tab is cleared). */
async function otherTabsOfSite(tabId: number, site: string): Promise<number> {
  const tabs = await browser.tabs.query({});
  return tabs.filter((t) => t.id !== tabId && t.url && /^https?:/.test(t.url) && siteOf(t.url) === site)
    .length;
}

/** Asks the consent content script to refuse; retried because autoconsent may still be detecting the banner. */
async function optOut(tabId: number): Promise<OptOutResult> {
  let result: OptOutResult = { ok: false, tool: null };
  for (let attempt = 0; attempt < OPT_OUT_TRIES; attempt++) {
    if (attempt > 0) await new Promise((done) => setTimeout(done, OPT_OUT_RETRY_MS));
    if (records.get(tabId)?.step !== 'refusing') break;
    const sentAt = Date.now();
    try {
      result = parseOptOutReply(
        await browser.tabs.sendMessage(tabId, { type: AUTOCONSENT_OPT_OUT }, { frameId: 0 }),
      );
    } catch (e) {
      result = parseOptOutReply(undefined, e);
    }
    if (result.ok) {
      recordOptOutClick(tabId, result.tool, sentAt);
      break;
    }
  }
  return result;
}

/**
 * The audit's refusal as a click in the visit's evidence, timed when it was asked for (the manager may store the
 * choice before autoconsent answers): autoconsent's synthetic clicks grant no user activation, so without it a
 * choice the refusal stored would read as the site's own, and a reject that stores consent would not read as the
 * contradiction it is.
 */
function recordOptOutClick(tabId: number, rule: string | null, at: number): void {
  const visit = getTab(tabId).current?.visit;
  if (!visit || visit.id !== records.get(tabId)?.visitId) return;
  const tool = (rule && identifyTool({ autoconsentRule: rule })) ?? 'unknown';
  // Remembered as the visitor's click is: the audit's later pages of the site start after its refusal.
  noteAnswerClick(visit, tool, 'reject-all', at, 'audit');
  enqueue(visit, {
    id: `${visit.id}|click|${at}|audit`,
    visitId: visit.id,
    kind: 'click',
    provenance: 'detector',
    via: 'audit',
    key: tool,
    host: visit.site,
    site: visit.site,
    at,
    click: {
      tool,
      action: 'reject-all',
      by: 'audit',
      ...(rule && { label: `autoconsent: ${rule}`.slice(0, 80) }),
    },
  });
}

/** Side effects on entering a step. */
async function enter(r: AuditRecord): Promise<void> {
  if (r.step === 'clearing') {
    // No page of the site may run while its data is deleted: a live page (a timer, a pagehide handler) would
    // write its cookies again after the clean-up. The tab shows an empty document first, as the CLI does.
    await blankTab(r.tabId);
    const others = await otherTabsOfSite(r.tabId, r.site);
    const result = await clearSiteData(r.url);
    if (others)
      result.errors.push(`${others} other tab(s) of this site were open and may write its data again`);
    if (records.get(r.tabId)?.step !== 'clearing') return;
    const next = await step(r.tabId, { type: 'cleared', ...result });
    // The first real visit after the clean-up; the commit listener moves the audit on.
    if (next?.step === 'loading') await browser.tabs.update(r.tabId, { url: r.url });
  } else if (r.step === 'refusing') {
    await step(r.tabId, { type: 'optOutResult', ...(await optOut(r.tabId)) });
  } else if (isFinished(r.step)) {
    await flush();
    for (const listener of finishedListeners) await listener(r);
  }
}

async function onCommitted(tabId: number, frameId: number, url: string): Promise<void> {
  await load();
  const r = records.get(tabId);
  if (!r || r.step !== 'loading' || frameId !== 0 || siteOf(url) !== r.site) return;
  // The navigation listener registered before ours opens the visit; give its async work a moment.
  for (let i = 0; i < 20; i++) {
    const live = getTab(tabId).current;
    if (live && live.visit.startedAt >= r.updatedAt - 1000) {
      await step(tabId, { type: 'committed', visitId: live.visit.id });
      return;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  await step(tabId, { type: 'fail', error: 'the reloaded page was not recorded' });
}

const finishedListeners: ((r: AuditRecord) => Promise<void>)[] = [];

/**
 * Forgets the audits `test` picks (their screenshots and reports name the site): the site's data or history was
 * deleted. A running one is cancelled first, so it records nothing more of the site and is not kept when it ends.
 */
export async function forgetAudits(test: (r: { site: string; startedAt: number }) => boolean): Promise<void> {
  await load();
  for (const r of [...records.values()])
    if (!isFinished(r.step) && test(r)) await step(r.tabId, { type: 'cancel' });
  await forgetTabRecords(records, KEY, test);
}

/** Called once per audit that ends (done, failed or cancelled), after its evidence was written. */
export function onAuditFinished(listener: (r: AuditRecord) => Promise<void>): void {
  finishedListeners.push(listener);
}

/** Starts a one-page audit of `url` in the tab (the tab is blanked, the site cleared, then `url` loaded). */
export async function beginAudit(
  tabId: number,
  url: string,
  options: Partial<AuditOptions> | undefined,
): Promise<AuditRecord> {
  await Promise.all([load(), ready()]);
  const site = /^https?:/.test(url) ? siteOf(url) : null;
  if (!site) throw new Error('Only http(s) pages can be audited.');
  const running = records.get(tabId);
  if (running && !isFinished(running.step)) throw new Error('An audit is already running in this tab.');
  const r = startAudit({ id: crypto.randomUUID(), tabId, url, site, now: Date.now(), options });
  await save(r);
  void enter(r).catch((e: unknown) => step(r.tabId, { type: 'fail', error: String(e) }));
  return r;
}

/** The tab's latest page audit with its report (vendor names filled in). */
export async function auditOf(tabId: number): Promise<{ record: AuditRecord; report: AuditReport } | null> {
  await load();
  const record = records.get(tabId);
  if (!record) return null;
  const read = record.visitId ? await readDerived(record.visitId) : null;
  const report = buildAuditReport(record, read?.derived ?? null);
  // Lines carry vendor ids; the panel shows names.
  const lines = [...report.beforeConsent, ...report.afterRefusal];
  const ids = [...new Set(lines.flatMap((l) => (l.vendorId ? [l.vendorId] : [])))];
  const names = new Map((await vendorDetails(ids)).map((v) => [v.id, v.name]));
  for (const l of lines) l.vendorName = l.vendorId ? (names.get(l.vendorId) ?? null) : null;
  return { record, report };
}

export const auditHandlers: Pick<Handlers, 'startAudit' | 'getAudit' | 'cancelAudit'> = {
  async startAudit({ tabId, options }) {
    const tab = await browser.tabs.get(Number(tabId));
    if (!tab.id || !tab.url) throw new Error('Only http(s) pages can be audited.');
    return beginAudit(tab.id, tab.url, options);
  },
  async getAudit({ tabId }) {
    return auditOf(Number(tabId));
  },
  async cancelAudit({ tabId }) {
    await load();
    return step(Number(tabId), { type: 'cancel' });
  },
};

/** Registers the audit's listeners (call synchronously at worker start) and resumes stored audits. */
export function registerAudit(): void {
  browser.webNavigation.onCommitted.addListener((d) => {
    onCommitted(d.tabId, d.frameId, d.url).catch((e: unknown) => console.error('audit: onCommitted', e));
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void load().then(() => step(tabId, { type: 'fail', error: 'the tab was closed during the audit' }));
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void load().then(() => records.forEach((r) => void tick(r.tabId)));
  });
  // A restarted worker: re-arm every unfinished audit from its stored deadline.
  void load().then(() => records.forEach((r) => schedule(r)));
}
