/**
 * Typed messages between extension pages / content scripts and the background. Types and pure dispatch only;
 * the transport (runtime.sendMessage / onMessage) lives in entrypoints.
 * Add a request here, then a handler in entrypoints/background/messaging.ts; TypeScript enforces both.
 */
import type { PageVisit } from './findings';
import type { DerivedVisit } from './evidence/derive';
import type { EvidenceEntry } from './evidence/types';
import type { StorageItem } from './storage-snapshot';
import type { SwitchCount } from './consent/switches';
import type { VisitSummary } from './report/summary';
import type { VendorRow } from './report/vendor-row';
import type { VendorRecord } from './vendor-db/types';
import type { VisitPage } from './visit-pages';
import type { AuditOptions, AuditRecord } from './audit/machine';
import type { AuditReport } from './audit/report';
import type { SiteAuditRecord } from './audit/site-audit';
import type { SiteReport } from './audit/site-report';

/** A cookie write seen by the main-world content script, with the script that made it. */
export interface CookieWrite {
  api: 'document.cookie' | 'cookieStore';
  /** The raw assignment string (document.cookie) or `name=value` (cookieStore), truncated. */
  text: string;
  name: string;
  /** First non-extension script URL on the call stack, if any. */
  scriptUrl: string | null;
  at: number;
}

/** What a page's consent tool looks like to the content script (autoconsent detection). */
export interface ConsentToolSeen {
  tool: string;
  /** The banner is visible and waiting for a choice. */
  bannerShown: boolean;
  at: number;
}

/** A visit as the popup and report receive it: derived in the background from the evidence log. */
export interface VisitBundle {
  derived: DerivedVisit;
  /** The evidence log itself (report page and exports); the popup asks without it. */
  entries?: EvidenceEntry[];
  /** Derived from browser-observed evidence only: an imported export that was (its `browserOnly`). */
  browserOnly?: boolean;
}

/** A main-world consent API report: raw strings only; the background decodes them. */
export interface PageConsentReport {
  api: 'tcfapi' | 'gpp' | 'gpc';
  /** TC string, GPP string, or 'true' for navigator.globalPrivacyControl. */
  raw: string;
  /** __tcfapi eventStatus / __gpp eventName, when the API gave one. */
  eventStatus?: string;
}

/** A trusted click inside a detected consent manager, classified in the isolated world. */
export interface ConsentClick {
  tool: string;
  action: 'accept-all' | 'reject-all' | 'save-settings';
  label?: string;
  at: number;
  /** Saved settings: the dialog's switches the visitor could change, on and off as they left them. */
  switches?: SwitchCount;
}

/**
 * The page's sticky user activation as the isolated world reads it: once when the detector starts (`active` as it
 * is then) and once when it turns true (twice when it first turned true by input outside any banner). Sent only
 * where the browser has `navigator.userActivation`.
 */
export interface UserActivationReport {
  active: boolean;
  at: number;
  /**
   * The page became active only by input clearly outside any consent banner (lib/consent/banner-target.ts); a
   * later report without it is the first input that could answer one. `label` names where it landed.
   */
  outside?: boolean;
  label?: string;
  /** Sent at document_start: it may arrive before its page's commit is handled (visitForSender's `initial`). */
  initial?: boolean;
}

/**
 * A later input of the visitor's that could answer a consent banner, after the activation (the isolated world's
 * trusted events; at most one report every few seconds, with the latest input's time).
 */
export interface UserInputReport {
  at: number;
}

/**
 * The detector reports later inputs at most this often (the latest one's time): a decision another tab's input can
 * change waits this much past the grace (lib/evidence/unprompted.ts), so an input held back by it still counts.
 */
export const LATER_INPUT_EVERY_MS = 5_000;

/** New or changed web-storage items of the page (isolated world): names, lengths and hashes only. */
export interface StorageSnapshotReport {
  items: StorageItem[];
  at: number;
  /** The document_start snapshot: read before any of the page's scripts ran. */
  initial?: boolean;
}

/** localStorage values of consent managers, read by the isolated world (`initial`: at document_start). */
export interface ConsentStorageReport {
  items: { key: string; value: string }[];
  at: number;
  initial?: boolean;
}

export interface SiteSummary {
  site: string;
  visits: number;
  lastVisitAt: number;
  /** Distinct vendors (or unknown hosts/cookies) that fired before consent or after refusal on any visit. */
  violations: number;
  /** Estimated bytes its visits and their evidence take in storage (JSON size; lib/store/sites.ts). */
  bytes: number;
}

export interface Settings {
  /** Days to keep page visits. */
  retentionDays: number;
  /** Record incognito tabs (off by default). */
  recordIncognito: boolean;
  /** When recording incognito was switched on: private visits that started earlier are never stored. */
  recordIncognitoSince?: number;
  /** Keep cookie values; otherwise only length and a hash. */
  storeCookieValues: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  retentionDays: 30,
  recordIncognito: false,
  storeCookieValues: false,
};

/** Requests only extension pages (popup, report, options) may make: sender checked by its URL. */
export interface PageProtocol {
  /** What the popup shows of a tab's current visit, computed in the background (never the whole visit). */
  getTabVisit: [{ tabId: number }, VisitSummary | null];
  /**
   * One vendor row of a visit with its details (a summary's rows carry none), or null when there is none;
   * `browserOnly` as for getVisitPage.
   */
  getVendorRow: [{ visitId: string; key: string; browserOnly?: boolean }, VendorRow | null];
  /**
   * One page of a visit with its evidence log (lib/visit-pages.ts: fetchVisitBundle puts them together);
   * `browserOnly` derives from browser-observed evidence alone. Page 0 starts a snapshot named by its token.
   * `withEntries: false` leaves the evidence log out (the report's view needs the findings; exports ask again).
   */
  getVisitPage: [
    { visitId: string; browserOnly?: boolean; page: number; token?: string; withEntries?: boolean },
    VisitPage | null,
  ];
  /** The vendor database in use (its compiled index's source hash), null when the worker has none stamped. */
  getVendorDatabase: [Record<string, never>, { database: string | null }];
  /**
   * An imported export's evidence as the vendor database in use files it (lib/evidence/reclassify.ts): `entries`
   * and `refiled` only when that database differs from the one the export names; the visit stamped with it.
   */
  fileEvidence: [
    { visit: PageVisit; entries: EvidenceEntry[] },
    { visit: PageVisit; entries?: EvidenceEntry[]; refiled?: number },
  ];
  listSites: [Record<string, never>, SiteSummary[]];
  listVisits: [{ site: string }, PageVisit[]];
  deleteSite: [{ site: string }, { deleted: number }];
  deleteAll: [Record<string, never>, { deleted: number }];
  getVendors: [{ ids: string[] }, VendorRecord[]];
  getSettings: [Record<string, never>, Settings];
  setSettings: [Partial<Settings>, Settings];
  /** One-click audit of a tab's site (entrypoints/background/audit.ts); answers the new audit record. */
  startAudit: [{ tabId: number; options?: Partial<AuditOptions> }, AuditRecord];
  /** The tab's latest audit with its report (built from the recorded visit), or null. */
  getAudit: [{ tabId: number }, { record: AuditRecord; report: AuditReport } | null];
  cancelAudit: [{ tabId: number }, AuditRecord | null];
  /** Site audit (entrypoints/background/site-audit.ts): the tab's page, then up to `maxPages` same-site pages
   * linked from it, each audited like `startAudit`, one after another in the same tab. */
  startSiteAudit: [{ tabId: number; maxPages?: number; options?: Partial<AuditOptions> }, SiteAuditRecord];
  /** The tab's latest site audit and the site report over the pages audited so far, or null. */
  getSiteAudit: [{ tabId: number }, { record: SiteAuditRecord; report: SiteReport } | null];
  cancelSiteAudit: [{ tabId: number }, SiteAuditRecord | null];
}

/**
 * Reports content scripts may send, and nothing else. `cookieWrites` and `pageConsent` come from the page's main
 * world through the bridge (page provenance); the others from our isolated-world detector.
 */
export interface ContentProtocol {
  cookieWrites: [{ writes: CookieWrite[] }, void];
  pageConsent: [PageConsentReport, void];
  consentToolSeen: [ConsentToolSeen, void];
  consentClick: [ConsentClick, void];
  consentStorage: [ConsentStorageReport, void];
  storageSnapshot: [StorageSnapshotReport, void];
  userActivation: [UserActivationReport, void];
  userInput: [UserInputReport, void];
}

export type Protocol = PageProtocol & ContentProtocol;
export type MessageType = keyof Protocol;
export type Args<K extends MessageType> = Protocol[K][0];
export type Answer<K extends MessageType> = Protocol[K][1];
export type Message = { [K in MessageType]: { type: K; args: Args<K> } }[MessageType];
/** Context of the sender the transport passes along (tab of a content script, if any). */
export interface SenderInfo {
  tabId?: number;
  frameId?: number;
  url?: string;
  /** Chrome: the sending document (content scripts); reports are bound to the visit of that document. */
  documentId?: string;
  /** Chrome: 'active', or 'prerender' / 'cached' / 'pending_deletion' for a document the tab does not show. */
  documentLifecycle?: string;
}
export type Handlers = { [K in MessageType]: (args: Args<K>, sender: SenderInfo) => Promise<Answer<K>> };

const PAGE_TYPES: Record<keyof PageProtocol, true> = {
  getTabVisit: true,
  getVendorRow: true,
  getVisitPage: true,
  fileEvidence: true,
  getVendorDatabase: true,
  listSites: true,
  listVisits: true,
  deleteSite: true,
  deleteAll: true,
  getVendors: true,
  getSettings: true,
  setSettings: true,
  startAudit: true,
  getAudit: true,
  cancelAudit: true,
  startSiteAudit: true,
  getSiteAudit: true,
  cancelSiteAudit: true,
};

const CONTENT_TYPES: Record<keyof ContentProtocol, true> = {
  cookieWrites: true,
  pageConsent: true,
  consentToolSeen: true,
  consentClick: true,
  consentStorage: true,
  storageSnapshot: true,
  userActivation: true,
  userInput: true,
};

/** Reports that originate in the page's main world (relayed by the bridge): page provenance. */
export const PAGE_WORLD_TYPES: ReadonlySet<MessageType> = new Set(['cookieWrites', 'pageConsent']);

export function isMessage(value: unknown): value is Message {
  if (typeof value !== 'object' || value === null) return false;
  const { type, args } = value as { type?: unknown; args?: unknown };
  return (
    typeof type === 'string' &&
    (Object.hasOwn(PAGE_TYPES, type) || Object.hasOwn(CONTENT_TYPES, type)) &&
    typeof args === 'object' &&
    args !== null
  );
}

/** Who sent a message: one of our extension pages, a content script in a web page, or neither. */
export type SenderKind = 'extension-page' | 'content-script';

/**
 * Trust level of a sender. Extension pages are recognised by their URL's origin (the popup has no tab; the report
 * page does), content scripts by a web page URL in a tab. Anything else is refused.
 */
export function senderKind(sender: SenderInfo, extensionOrigin: string): SenderKind | null {
  const origin = extensionOrigin.replace(/\/$/, '');
  if (typeof sender.url === 'string' && sender.url.startsWith(`${origin}/`)) return 'extension-page';
  if (sender.tabId !== undefined && typeof sender.url === 'string' && /^https?:/i.test(sender.url))
    return 'content-script';
  return null;
}

/** Whether a sender of this kind may send this message: content scripts only report. */
export function mayHandle(kind: SenderKind | null, type: MessageType): boolean {
  if (kind === 'extension-page') return true;
  return kind === 'content-script' && Object.hasOwn(CONTENT_TYPES, type);
}

/** Routes a validated message to its handler. */
export function dispatch(handlers: Handlers, message: Message, sender: SenderInfo): Promise<unknown> {
  const handler = handlers[message.type] as (args: unknown, sender: SenderInfo) => Promise<unknown>;
  return handler(message.args, sender);
}
