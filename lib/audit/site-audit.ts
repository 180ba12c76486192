/**
 * The extension's site audit as pure state: the start page, then up to N pages of the same site found as links
 * on it, each audited one after another in the same tab by the one-page audit (lib/audit/machine.ts). The
 * background persists the record after every change and feeds it the pages' outcomes.
 */
import type { AuditOptions } from './machine';
import type { AuditReport } from './report';
import { pickPages } from './pages';
import { DEFAULT_SITE_PAGES, MAX_SITE_PAGES } from './site-limits';

export { DEFAULT_SITE_PAGES, MAX_SITE_PAGES } from './site-limits';

/** Links read from the start page at most (the page controls them; only a few are used). */
export const MAX_LINKS = 5000;

export type SiteAuditStep = 'running' | 'done' | 'failed' | 'cancelled';

export interface SiteAuditPage {
  url: string;
  status: 'pending' | 'running' | 'done' | 'failed' | 'cancelled';
  /** The page audit's id and recorded visit, once it ran. */
  auditId: string | null;
  visitId: string | null;
  /** The page audit's report without screenshots (they stay with the page audit while it is the tab's latest). */
  report: AuditReport | null;
  error: string | null;
}

export interface SiteAuditRecord {
  id: string;
  tabId: number;
  site: string;
  startUrl: string;
  /** More pages besides the start page, 0..MAX_SITE_PAGES. */
  maxPages: number;
  options: Partial<AuditOptions>;
  step: SiteAuditStep;
  startedAt: number;
  updatedAt: number;
  /** The start page first; more pages are added once the start page's links are read. */
  pages: SiteAuditPage[];
  /** How many links the start page offered (before filtering), null until read. */
  linksFound: number | null;
  error?: string;
}

/** Clamps the caller's page count (untrusted message input). */
export function normalizeMaxPages(input: unknown): number {
  const n = Number(input ?? DEFAULT_SITE_PAGES);
  return Number.isFinite(n) ? Math.min(MAX_SITE_PAGES, Math.max(0, Math.floor(n))) : DEFAULT_SITE_PAGES;
}

const page = (url: string): SiteAuditPage => ({
  url,
  status: 'pending',
  auditId: null,
  visitId: null,
  report: null,
  error: null,
});

export function startSiteAudit(a: {
  id: string;
  tabId: number;
  site: string;
  startUrl: string;
  maxPages?: unknown;
  options?: Partial<AuditOptions>;
  now: number;
}): SiteAuditRecord {
  return {
    id: a.id,
    tabId: a.tabId,
    site: a.site,
    startUrl: a.startUrl,
    maxPages: normalizeMaxPages(a.maxPages),
    options: a.options ?? {},
    step: 'running',
    startedAt: a.now,
    updatedAt: a.now,
    pages: [page(a.startUrl)],
    linksFound: null,
  };
}

/** The start page's links, read after its audit: the same-site pages to audit next, in link order. */
export function withLinks(r: SiteAuditRecord, links: readonly unknown[], now: number): SiteAuditRecord {
  if (r.linksFound !== null) return r;
  const strings = links.slice(0, MAX_LINKS).filter((l): l is string => typeof l === 'string');
  const more = pickPages(r.startUrl, { links: strings }, r.maxPages).filter(
    (u) => !r.pages.some((p) => p.url === u),
  );
  return { ...r, pages: [...r.pages, ...more.map(page)], linksFound: strings.length, updatedAt: now };
}

/** The index of the next page to audit, or null when none is left. */
export function nextPage(r: SiteAuditRecord): number | null {
  if (r.step !== 'running') return null;
  const i = r.pages.findIndex((p) => p.status === 'pending' || p.status === 'running');
  return i < 0 ? null : i;
}

/** A page's audit started. */
export function pageStarted(
  r: SiteAuditRecord,
  index: number,
  auditId: string,
  now: number,
): SiteAuditRecord {
  const pages = r.pages.map((p, i) => (i === index ? { ...p, status: 'running' as const, auditId } : p));
  return { ...r, pages, updatedAt: now };
}

/** Strips screenshots: a site audit of 21 pages would not fit storage.session with them. */
function lean(report: AuditReport): AuditReport {
  return { ...report, consentStates: report.consentStates.map((s) => ({ ...s, screenshot: null })) };
}

/**
 * A page's audit ended (or could not start: `report` null with `error`). The site audit ends after the last
 * page, or when the start page failed (nothing to read links from), or when a page audit was cancelled.
 */
export function pageFinished(
  r: SiteAuditRecord,
  index: number,
  outcome: { report: AuditReport | null; error?: string },
  now: number,
): SiteAuditRecord {
  const current = r.pages[index];
  if (r.step !== 'running' || !current || current.status === 'done' || current.status === 'failed') return r;
  const step = outcome.report?.step;
  const status: SiteAuditPage['status'] =
    step === 'done' ? 'done' : step === 'cancelled' ? 'cancelled' : 'failed';
  const updated: SiteAuditPage = {
    ...current,
    status,
    visitId: outcome.report?.visitId ?? null,
    report: outcome.report ? lean(outcome.report) : null,
    error: outcome.error ?? outcome.report?.error ?? null,
  };
  const pages = r.pages.map((p, i) => (i === index ? updated : p));
  const next: SiteAuditRecord = { ...r, pages, updatedAt: now };
  if (status === 'cancelled') return { ...next, step: 'cancelled' };
  if (index === 0 && status === 'failed')
    return { ...next, step: 'failed', error: `the start page failed: ${updated.error ?? 'unknown error'}` };
  return nextPage(next) === null ? { ...next, step: 'done' } : next;
}

export function cancelSiteAudit(r: SiteAuditRecord, now: number): SiteAuditRecord {
  if (r.step !== 'running') return r;
  const pages = r.pages.map((p) =>
    p.status === 'pending' || p.status === 'running' ? { ...p, status: 'cancelled' as const } : p,
  );
  return { ...r, pages, step: 'cancelled', updatedAt: now };
}

export function siteAuditFinished(r: SiteAuditRecord): boolean {
  return r.step !== 'running';
}

/** The site audit cannot go on (the tab was closed, the browser refused). */
export function failSiteAudit(r: SiteAuditRecord, error: string, now: number): SiteAuditRecord {
  if (r.step !== 'running') return r;
  const pages = r.pages.map((p) =>
    p.status === 'pending' || p.status === 'running' ? { ...p, status: 'failed' as const, error } : p,
  );
  return { ...r, pages, step: 'failed', error, updatedAt: now };
}
