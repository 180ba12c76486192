import type { CategoryOrUnknown } from './category';
import type { Provenance } from './evidence/types';

/**
 * The consent phases in display order: the ones that can be violations first, then after a stored choice whose
 * content could not be read (neither a violation nor exempt: needs review), then after accept.
 */
export const PHASES = ['before-consent', 'after-reject', 'after-unknown-choice', 'after-accept'] as const;

/** The consent phase a finding happened in. A custom choice maps to accept or reject per category. */
export type Phase = (typeof PHASES)[number];

const PHASE_LABEL: Record<Phase, string> = {
  'before-consent': 'before consent',
  'after-reject': 'after reject',
  'after-unknown-choice': 'after an unclear choice',
  'after-accept': 'after accept',
};

/** The phase in words, as every page and export shows it. */
export function phaseLabel(phase: Phase): string {
  return PHASE_LABEL[phase];
}

/** Everything that happened while one document was a tab's top-level page. */
export interface PageVisit {
  id: string;
  tabId: number;
  url: string;
  /** Registrable domain of the page (eTLD+1), or the hostname when it has none. */
  site: string;
  startedAt: number;
  /** Set when the tab navigated away or closed. */
  endedAt?: number;
  incognito: boolean;
  /**
   * A cache of the derivation for the site history (never evidence): the derivation version that made it and the
   * keys of the violating parties, and the visit's stored size. Missing or from another version = derived again
   * from the evidence.
   */
  summary?: VisitSummaryCache;
  /** Set (1) while evidence rows of the visit wait to be packed (lib/store/compact.ts packVisit); an index. */
  loose?: 1;
  /** When evidence or the row itself was last written: a visit is packed once it has been quiet a while. */
  touchedAt?: number;
  /** Bytes of the visit's packed evidence, written when it was packed (the real stored size, not an estimate). */
  packedBytes?: number;
  /**
   * The vendor database (its source hash) the visit's evidence was classified with when it was recorded. Another
   * one, or none (visits recorded before the stamp), and the evidence is classified again when it is derived
   * (lib/evidence/reclassify.ts).
   */
  classifiedWith?: string;
}

export interface VisitSummaryCache {
  version: number;
  /** The vendor database the cache was derived with, when it was derived in the extension. */
  database?: string;
  violating: string[];
  /** Estimated stored size of the visit and its evidence, in bytes (lib/store/sites.ts visitBytes). */
  bytes: number;
}

export type FindingKind = 'request' | 'cookie' | 'storage';

/** How a cookie observation reached us. */
export type CookieVia = 'set-cookie' | 'document.cookie' | 'cookieStore' | 'cookies-api' | 'cookie-header';

/**
 * What the report shows for one thing (request host, cookie, storage key) in one consent phase. Derived from the
 * evidence log by lib/evidence/derive.ts, never stored. Times are the times the background trusts (browser
 * event times; cookies.onChanged has none, so its receive time).
 */
export interface Finding {
  /** `${visitId}|${kind}|${key}|${phase}` */
  id: string;
  visitId: string;
  kind: FindingKind;
  /** Request: hostname. Cookie: `${name}@${domain}`. */
  key: string;
  host: string;
  /** First URL seen (requests) or the page URL (cookies). */
  url: string;
  cookieName?: string;
  cookieDomain?: string;
  thirdParty: boolean;
  vendorId: string | null;
  vendorName?: string;
  category: CategoryOrUnknown;
  reason: string;
  /** What an earlier vendor database classified it as, when the current one files it differently. */
  recordedAs?: string;
  phase: Phase;
  violation: boolean;
  firstSeenAt: number;
  lastSeenAt: number;
  count: number;
  resourceTypes?: string[];
  via?: CookieVia[];
  /** Script URL that wrote the cookie, from the call stack (document.cookie / cookieStore). */
  setBy?: string;
  /** Cookie lifetime in seconds from its expiry (null = session). */
  lifetimeSeconds?: number | null;
  valueLength?: number;
  valueHash?: string;
  /** Only when the user opted in to keeping cookie values. */
  value?: string;
  /** Who observed it (lib/evidence/types.ts): browser, detector (our content script) or page. */
  provenance?: Provenance[];
  /** Top-level site of a partitioned cookie's partition. */
  partition?: string;
  storageArea?: 'localStorage' | 'sessionStorage' | 'indexedDB';
}
