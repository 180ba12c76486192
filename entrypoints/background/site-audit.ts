/**
 * Site audit glue: the start page, then up to N same-site pages linked from it, each audited by the one-page
 * audit (audit.ts) in the same tab, one after another; the pure state is lib/audit/site-audit.ts. The record
 * lives in storage.session after every change, so a restarted worker carries on when the running page ends.
 */
import { browser } from 'wxt/browser';
import { isFinished, type AuditRecord } from '@/lib/audit/machine';
import {
  MAX_LINKS,
  cancelSiteAudit,
  failSiteAudit,
  nextPage,
  pageFinished,
  pageStarted,
  startSiteAudit,
  withLinks,
  type SiteAuditRecord,
} from '@/lib/audit/site-audit';
import { buildSiteReport, type SitePageInput } from '@/lib/audit/site-report';
import { siteOf } from '@/lib/domain';
import type { Handlers } from '@/lib/messages';
import { auditHandlers, auditOf, beginAudit, onAuditFinished } from './audit';
import { readDerived } from './derived';
import { forgetTabRecords, session } from './session';

const KEY = 'site-audit:';
const records = new Map<number, SiteAuditRecord>();
let loaded: Promise<void> | undefined;

function load(): Promise<void> {
  loaded ??= (async () => {
    const all = session ? await session.get(null) : {};
    for (const [key, value] of Object.entries(all)) {
      if (key.startsWith(KEY)) records.set(Number(key.slice(KEY.length)), value as SiteAuditRecord);
    }
  })();
  return loaded;
}

async function save(r: SiteAuditRecord): Promise<SiteAuditRecord> {
  records.set(r.tabId, r);
  await session
    ?.set({ [KEY + r.tabId]: r })
    .catch((e: unknown) => console.warn('site audit: session.set', e));
  return r;
}

/**
 * Forgets the site audits `test` picks (their pages and reports name the site): the site's data or history was
 * deleted. A running one goes too, and its page audit is cancelled with it (retention.ts `afterDeleting`): no next
 * page starts.
 */
export async function forgetSiteAudits(
  test: (r: { site: string; startedAt: number }) => boolean,
): Promise<void> {
  await load();
  await forgetTabRecords(records, KEY, test);
}

/** Links of the page the tab shows, read in an isolated world (the page cannot see or change the reader). */
async function readLinks(tabId: number): Promise<unknown[]> {
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [0] },
      func: (max: number) =>
        Array.from(document.querySelectorAll('a[href]'), (a) => (a as HTMLAnchorElement).href).slice(0, max),
      args: [MAX_LINKS],
    });
    return Array.isArray(result?.result) ? result.result : [];
  } catch (e) {
    console.warn('site audit: links', e);
    return [];
  }
}

/** Starts the next pending page, if any; a page that cannot start is recorded as failed and skipped. */
async function runNext(tabId: number): Promise<void> {
  for (;;) {
    const r = records.get(tabId);
    const i = r ? nextPage(r) : null;
    if (!r || i === null || r.pages[i]!.status === 'running') return;
    try {
      await browser.tabs.get(tabId);
    } catch {
      await save(failSiteAudit(r, 'the tab was closed during the site audit', Date.now()));
      return;
    }
    try {
      const audit = await beginAudit(tabId, r.pages[i]!.url, r.options);
      await save(pageStarted(r, i, audit.id, Date.now()));
      return;
    } catch (e) {
      await save(pageFinished(r, i, { report: null, error: String((e as Error)?.message ?? e) }, Date.now()));
    }
  }
}

/** A page audit ended: record it in its site audit (the start page's links first), then start the next page. */
async function pageAuditEnded(a: AuditRecord): Promise<void> {
  await load();
  const r = records.get(a.tabId);
  const i = r ? r.pages.findIndex((p) => p.auditId === a.id) : -1;
  if (!r || r.step !== 'running' || i < 0) return;
  const answer = await auditOf(a.tabId);
  const report = answer?.record.id === a.id ? answer.report : null;
  let next = r;
  if (i === 0 && a.step === 'done') next = withLinks(next, await readLinks(a.tabId), Date.now());
  next = pageFinished(next, i, report ? { report } : { report: null, error: a.error ?? a.step }, Date.now());
  await save(next);
  await runNext(a.tabId);
}

export const siteAuditHandlers: Pick<Handlers, 'startSiteAudit' | 'getSiteAudit' | 'cancelSiteAudit'> = {
  async startSiteAudit({ tabId, maxPages, options }) {
    await load();
    const tab = await browser.tabs.get(Number(tabId));
    const site = tab.url && /^https?:/.test(tab.url) ? siteOf(tab.url) : null;
    if (!tab.id || !tab.url || !site) throw new Error('Only http(s) pages can be audited.');
    if (records.get(tab.id)?.step === 'running')
      throw new Error('A site audit is already running in this tab.');
    const r = startSiteAudit({
      id: crypto.randomUUID(),
      tabId: tab.id,
      site,
      startUrl: tab.url,
      maxPages,
      options,
      now: Date.now(),
    });
    // The start page's audit starts here, so an audit already running in the tab is refused to the caller.
    const audit = await beginAudit(tab.id, tab.url, options);
    return save(pageStarted(r, 0, audit.id, Date.now()));
  },
  async getSiteAudit({ tabId }) {
    await load();
    const record = records.get(Number(tabId));
    if (!record) return null;
    const pages: SitePageInput[] = [];
    for (const p of record.pages) {
      if (p.status === 'pending' || p.status === 'running') continue;
      const derived = p.visitId ? ((await readDerived(p.visitId))?.derived ?? null) : null;
      pages.push({ url: p.url, report: p.report, derived, ...(p.error && { error: p.error }) });
    }
    const report = buildSiteReport({
      site: record.site,
      startUrl: record.startUrl,
      auditedAt: record.startedAt,
      pages,
    });
    return { record, report };
  },
  async cancelSiteAudit({ tabId }) {
    await load();
    const r = records.get(Number(tabId));
    if (!r) return null;
    const next = await save(cancelSiteAudit(r, Date.now()));
    await auditHandlers.cancelAudit({ tabId: Number(tabId) }, {});
    return next;
  },
};

/** Registers the site audit's listeners (call synchronously at worker start) and resumes stored ones. */
export function registerSiteAudit(): void {
  onAuditFinished(pageAuditEnded);
  browser.tabs.onRemoved.addListener((tabId) => {
    void load().then(() => {
      const r = records.get(tabId);
      if (r) void save(failSiteAudit(r, 'the tab was closed during the site audit', Date.now()));
    });
  });
  // A worker stopped between two pages: the page that ended meanwhile is recorded, the next one started.
  void load().then(async () => {
    for (const r of records.values()) {
      if (r.step !== 'running') continue;
      const running = r.pages.find((p) => p.status === 'running');
      const latest = (await auditOf(r.tabId))?.record;
      if (running && latest?.id === running.auditId && isFinished(latest.step)) await pageAuditEnded(latest);
      else if (!running) await runNext(r.tabId);
    }
  });
}
