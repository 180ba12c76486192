/**
 * Typed messages between extension pages / content scripts and the background. Types and pure dispatch only;
 * the transport (runtime.sendMessage / onMessage) lives in entrypoints.
 * Add a request here, then a handler in entrypoints/background/messaging.ts; TypeScript enforces both.
 */
import type { Finding, PageVisit } from './findings';
import type { CookieRecord } from './store/db';
import type { VendorRecord } from './vendor-db/types';
import type { ConsentSignal } from './consent/types';
import type { AuditOptions, AuditRecord } from './audit/machine';
import type { AuditReport } from './audit/report';

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

export interface VisitBundle {
  visit: PageVisit;
  findings: Finding[];
  cookies: CookieRecord[];
}

export interface SiteSummary {
  site: string;
  visits: number;
  lastVisitAt: number;
  /** Distinct vendors (or unknown hosts/cookies) that fired before consent or after refusal on any visit. */
  violations: number;
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

/** Request name → [argument, answer]. */
export interface Protocol {
  /** The current visit of a tab, with its findings (popup). */
  getTabVisit: [{ tabId: number }, VisitBundle | null];
  getVisit: [{ visitId: string }, VisitBundle | null];
  listSites: [Record<string, never>, SiteSummary[]];
  listVisits: [{ site: string }, PageVisit[]];
  deleteSite: [{ site: string }, { deleted: number }];
  deleteAll: [Record<string, never>, { deleted: number }];
  getVendors: [{ ids: string[] }, VendorRecord[]];
  getSettings: [Record<string, never>, Settings];
  setSettings: [Partial<Settings>, Settings];
  /** Content script → background. */
  cookieWrites: [{ writes: CookieWrite[] }, void];
  consentSignal: [{ signal: ConsentSignal; at: number }, void];
  consentToolSeen: [ConsentToolSeen, void];
  /** One-click audit of a tab's site (entrypoints/background/audit.ts); answers the new audit record. */
  startAudit: [{ tabId: number; options?: Partial<AuditOptions> }, AuditRecord];
  /** The tab's latest audit with its report (built from the recorded visit), or null. */
  getAudit: [{ tabId: number }, { record: AuditRecord; report: AuditReport } | null];
  cancelAudit: [{ tabId: number }, AuditRecord | null];
}

export type MessageType = keyof Protocol;
export type Args<K extends MessageType> = Protocol[K][0];
export type Answer<K extends MessageType> = Protocol[K][1];
export type Message = { [K in MessageType]: { type: K; args: Args<K> } }[MessageType];
/** Context of the sender the transport passes along (tab of a content script, if any). */
export interface SenderInfo {
  tabId?: number;
  frameId?: number;
  url?: string;
}
export type Handlers = { [K in MessageType]: (args: Args<K>, sender: SenderInfo) => Promise<Answer<K>> };

const TYPES: Record<MessageType, true> = {
  getTabVisit: true,
  getVisit: true,
  listSites: true,
  listVisits: true,
  deleteSite: true,
  deleteAll: true,
  getVendors: true,
  getSettings: true,
  setSettings: true,
  cookieWrites: true,
  consentSignal: true,
  consentToolSeen: true,
  startAudit: true,
  getAudit: true,
  cancelAudit: true,
};

export function isMessage(value: unknown): value is Message {
  if (typeof value !== 'object' || value === null) return false;
  const { type, args } = value as { type?: unknown; args?: unknown };
  return typeof type === 'string' && Object.hasOwn(TYPES, type) && typeof args === 'object' && args !== null;
}

/** Routes a validated message to its handler. */
export function dispatch(handlers: Handlers, message: Message, sender: SenderInfo): Promise<unknown> {
  const handler = handlers[message.type] as (args: unknown, sender: SenderInfo) => Promise<unknown>;
  return handler(message.args, sender);
}
