/**
 * A site audit's one report: every vendor, cookie and storage key over all audited pages of a site, with the
 * pages where each appeared and the first one. Pure aggregation over DerivedVisit objects: every phase,
 * violation and category comes from lib/evidence/derive.ts; nothing here decides one.
 */
import type { CategoryOrUnknown } from '../category';
import { PHASES, type Finding, type Phase } from '../findings';
import { SEVERITY, partyKey, type DerivedVisit } from '../evidence/derive';
import type { AuditReport } from './report';

export const SITE_REPORT_FORMAT = 'cookie-inspector/site-report';

/** What kind of device storage an item is. */
export type ItemType = 'cookie' | 'localStorage' | 'sessionStorage' | 'indexedDB';

export interface SitePageInput {
  url: string;
  /** The page's audit report, null when the page failed before one existed. */
  report: AuditReport | null;
  /** The audited visit as derived, null when the page never loaded. */
  derived: DerivedVisit | null;
  error?: string;
}

export interface SitePage {
  url: string;
  visitId: string | null;
  status: string;
  /** The page audit's one-line summary. */
  summary: string;
  /** The derived verdict of the page's visit. */
  verdict: string;
  violating: number;
  error: string | null;
}

/** A cookie or a storage key, over all pages. */
export interface SiteItem {
  /** `cookie:<name>@<domain>` or `<area>:<name>`. */
  key: string;
  type: ItemType;
  name: string;
  /** The cookie's domain (no leading dot), or the host of the first page that held the storage key. */
  domain: string;
  vendorId: string | null;
  vendorName: string | null;
  category: CategoryOrUnknown;
  thirdParty: boolean;
  /** The classifier's reason (why this vendor, or why this guess). */
  reason: string;
  /** Cookies: longest lifetime seen being set (null = session); undefined when never seen being set. */
  lifetimeSeconds?: number | null;
  pages: string[];
  firstPage: string;
  phases: Phase[];
  violation: boolean;
  violationPages: string[];
}

/** A party (lib/evidence/derive.ts: a vendor, or an unattributed host) over all pages. */
export interface SiteVendor {
  key: string;
  vendorId: string | null;
  name: string;
  category: CategoryOrUnknown;
  pages: string[];
  firstPage: string;
  phases: Phase[];
  violationPhases: Phase[];
  violation: boolean;
  violationPages: string[];
  tracker: boolean;
  review: boolean;
  hosts: string[];
  cookies: string[];
  storage: string[];
}

export interface SiteReport {
  format: typeof SITE_REPORT_FORMAT;
  version: 1;
  site: string;
  startUrl: string;
  /** When the audit ran (ms since epoch), given by the caller. */
  auditedAt: number;
  pages: SitePage[];
  vendors: SiteVendor[];
  cookies: SiteItem[];
  storage: SiteItem[];
  counts: {
    pages: number;
    failedPages: number;
    vendors: number;
    /** Distinct parties with a violation on any page. */
    violating: number;
    beforeConsent: number;
    afterReject: number;
    review: number;
    cookies: number;
    storage: number;
  };
}

// Most consent-critical first, as lib/evidence/derive.ts counts a party: the same party seen in two categories on
// two pages is listed once, in the more critical one.
const RANK = SEVERITY;

function moreCritical(a: CategoryOrUnknown, b: CategoryOrUnknown): CategoryOrUnknown {
  return RANK.indexOf(b) < RANK.indexOf(a) ? b : a;
}

function addTo<T>(list: T[], item: T): void {
  if (!list.includes(item)) list.push(item);
}

function sortPhases(list: Phase[]): Phase[] {
  return list.sort((a, b) => PHASES.indexOf(a) - PHASES.indexOf(b));
}

function itemOf(f: Finding): { key: string; type: ItemType; name: string; domain: string } | null {
  if (f.kind === 'cookie' && f.cookieName !== undefined) {
    const domain = (f.cookieDomain ?? f.host).replace(/^\./, '');
    return { key: `cookie:${f.cookieName}@${domain}`, type: 'cookie', name: f.cookieName, domain };
  }
  if (f.kind === 'storage' && f.storageArea) {
    const name = f.key.startsWith(`${f.storageArea}:`) ? f.key.slice(f.storageArea.length + 1) : f.key;
    return { key: `${f.storageArea}:${name}`, type: f.storageArea, name, domain: f.host };
  }
  return null;
}

function addItem(items: Map<string, SiteItem>, f: Finding, page: string): void {
  const id = itemOf(f);
  if (!id) return;
  const item = items.get(id.key) ?? {
    ...id,
    vendorId: f.vendorId,
    vendorName: f.vendorName ?? null,
    category: f.category,
    thirdParty: f.thirdParty,
    reason: f.reason,
    pages: [],
    firstPage: page,
    phases: [],
    violation: false,
    violationPages: [],
  };
  // A later page that names the vendor wins over an unattributed sighting.
  if (item.vendorId === null && f.vendorId !== null)
    Object.assign(item, { vendorId: f.vendorId, vendorName: f.vendorName ?? null, reason: f.reason });
  item.category = moreCritical(item.category, f.category);
  if (f.lifetimeSeconds !== undefined) {
    const prev = item.lifetimeSeconds;
    // The longest lifetime set: a persistent cookie beats a session one.
    if (prev === undefined || prev === null || (f.lifetimeSeconds !== null && f.lifetimeSeconds > prev))
      item.lifetimeSeconds = f.lifetimeSeconds;
  }
  addTo(item.pages, page);
  addTo(item.phases, f.phase);
  if (f.violation) {
    item.violation = true;
    addTo(item.violationPages, page);
  }
  items.set(id.key, item);
}

function addParties(vendors: Map<string, SiteVendor>, d: DerivedVisit, page: string): void {
  for (const p of d.parties) {
    const v = vendors.get(p.key) ?? {
      key: p.key,
      vendorId: p.vendorId,
      name: p.name,
      category: p.category,
      pages: [],
      firstPage: page,
      phases: [],
      violationPhases: [],
      violation: false,
      violationPages: [],
      tracker: false,
      review: false,
      hosts: [],
      cookies: [],
      storage: [],
    };
    v.category = moreCritical(v.category, p.category);
    addTo(v.pages, page);
    for (const ph of p.phases) addTo(v.phases, ph);
    for (const ph of p.violationPhases) addTo(v.violationPhases, ph);
    if (p.violation) {
      v.violation = true;
      addTo(v.violationPages, page);
    }
    v.tracker ||= p.tracker;
    v.review ||= p.review;
    vendors.set(p.key, v);
  }
  for (const f of d.findings) {
    const v = vendors.get(partyKey(f));
    if (!v) continue;
    if (f.kind === 'request') addTo(v.hosts, f.host);
    const id = itemOf(f);
    if (id?.type === 'cookie') addTo(v.cookies, id.name);
    else if (id) addTo(v.storage, id.key);
  }
}

const byName = <T extends { key: string }>(a: T, b: T) => a.key.localeCompare(b.key);

/** Aggregates the audited pages of one site (start page first) into one report. */
export function buildSiteReport(input: {
  site: string;
  startUrl: string;
  auditedAt: number;
  pages: SitePageInput[];
}): SiteReport {
  const vendors = new Map<string, SiteVendor>();
  const items = new Map<string, SiteItem>();
  const pages: SitePage[] = [];
  for (const p of input.pages) {
    const d = p.derived;
    pages.push({
      url: p.url,
      visitId: d?.visit.id ?? p.report?.visitId ?? null,
      status: p.report?.step ?? 'failed',
      summary: p.report?.summary ?? '',
      verdict: d?.verdict.text ?? '',
      violating: d?.verdict.violating ?? 0,
      error: p.error ?? p.report?.error ?? null,
    });
    if (!d) continue;
    addParties(vendors, d, p.url);
    for (const f of d.findings) addItem(items, f, p.url);
  }
  const vendorList = [...vendors.values()].sort(byName);
  for (const v of vendorList) {
    sortPhases(v.phases);
    sortPhases(v.violationPhases);
    v.hosts.sort();
    v.cookies.sort();
    v.storage.sort();
  }
  const all = [...items.values()].sort(byName);
  for (const i of all) sortPhases(i.phases);
  const cookies = all.filter((i) => i.type === 'cookie');
  const storage = all.filter((i) => i.type !== 'cookie');
  return {
    format: SITE_REPORT_FORMAT,
    version: 1,
    site: input.site,
    startUrl: input.startUrl,
    auditedAt: input.auditedAt,
    pages,
    vendors: vendorList,
    cookies,
    storage,
    counts: {
      pages: pages.length,
      failedPages: pages.filter((p) => p.status !== 'done').length,
      vendors: vendorList.length,
      violating: vendorList.filter((v) => v.violation).length,
      beforeConsent: vendorList.filter((v) => v.violationPhases.includes('before-consent')).length,
      afterReject: vendorList.filter((v) => v.violationPhases.includes('after-reject')).length,
      review: vendorList.filter((v) => v.review).length,
      cookies: cookies.length,
      storage: storage.length,
    },
  };
}

/** Whether a value read from disk is a site report this code can read. */
export function isSiteReport(value: unknown): value is SiteReport {
  const v = value as Partial<SiteReport> | null;
  return (
    !!v &&
    v.format === SITE_REPORT_FORMAT &&
    v.version === 1 &&
    Array.isArray(v.vendors) &&
    Array.isArray(v.cookies) &&
    Array.isArray(v.storage)
  );
}
