/**
 * The evidence model: what was observed during a page visit, with where each observation came from.
 * Nothing here is a verdict: phases, violations and counts are derived from these entries by
 * lib/evidence/derive.ts, so a corrected rule applies to visits already stored.
 */
import type { UnpromptedRecord } from './unprompted';
import type { ConsentSignal } from '../consent/types';
import type { SwitchCount } from '../consent/switches';
import type { Classification } from '../vendor-db/types';

/**
 * Who vouches for an observation:
 * - `browser`: the browser's own APIs (webRequest, cookies, webNavigation), with the browser's timestamp.
 * - `detector`: our isolated-world content script (autoconsent detection, trusted clicks, storage reads); the
 *   page cannot call into it or forge its messages, but what it reads (the DOM, localStorage) is page-written.
 * - `page`: anything from the page's main world (document.cookie hook, __tcfapi events). The page can forge it:
 *   it may add detail, never overturn what the browser observed.
 */
export type Provenance = 'browser' | 'detector' | 'page';

export const PROVENANCES: readonly Provenance[] = ['browser', 'detector', 'page'];

export type EvidenceKind = 'request' | 'cookie' | 'storage' | 'consent' | 'tool' | 'click' | 'activation';

/** What kind of frame made a request or received a cookie. */
export type FrameScope = 'main' | 'sub' | 'worker';

/** What happened to a cookie. `sent` = it travelled in a Cookie request header. */
export type CookieAction = 'sent' | 'set' | 'removed';

export interface CookieDetail {
  name: string;
  /** Domain without the leading dot. */
  domain: string;
  path?: string;
  action: CookieAction;
  lifetimeSeconds?: number | null;
  valueLength: number;
  valueHash: string;
  /** Only when the user opted in to keeping cookie values. */
  value?: string;
  /** Script that wrote the cookie, from the page's call stack (page provenance: a hint). */
  setBy?: string;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: string;
  /** Top-level site of the partition (CHIPS / Total Cookie Protection), when the cookie is partitioned. */
  partition?: string;
}

export interface StorageDetail {
  area: 'localStorage' | 'sessionStorage' | 'indexedDB';
  name: string;
  valueLength: number;
  valueHash: string;
}

export interface ConsentDetail {
  signal: ConsentSignal;
  /** The signal's cookie was sent in, or set by, the visit's main-frame request or response. */
  mainFrame?: boolean;
  /** Read by the detector at document_start, before any page script of this document ran. */
  initial?: boolean;
  /**
   * Another tab had a page of the same site open when this choice was observed: a cookie or localStorage record is
   * shared by them, so the choice may be the visitor's answer in that tab.
   */
  otherTab?: boolean;
  /**
   * A choice the visit brought that the site had stored without the visitor's interaction on an earlier visit (the
   * background's memory, lib/evidence/unprompted.ts): that visit and when.
   */
  unpromptedOn?: UnpromptedRecord;
}

export interface ClickDetail {
  tool: string;
  action: 'accept-all' | 'reject-all' | 'save-settings';
  label?: string;
  /** Saved settings: the dialog's switches the visitor could change, on and off as they left them. */
  switches?: SwitchCount;
  /** Made by the one-click audit's opt-out (autoconsent's clicks, which the browser does not count as input). */
  by?: 'audit';
}

export interface ToolDetail {
  tool: string;
  bannerShown: boolean;
}

/**
 * The page's sticky user activation (`navigator.userActivation.hasBeenActive`, read by the detector): whether the
 * visitor had clicked, tapped or pressed a key in the page or any of its frames yet. The browser sets it on real
 * input only, so the page's scripts cannot fake it. `active: false` says from when the detector watched.
 */
export interface ActivationDetail {
  active: boolean;
  /**
   * Active only by the visitor's input clearly outside any consent banner (a click on the page's own content, a
   * key press in it); `label` says where (the link's or button's text, else the tag). The first input that could
   * answer a banner is a separate entry without it.
   */
  outside?: boolean;
  label?: string;
}

/**
 * One sighting, as the background hands it to the writer. Sightings with the same `id` fold into one stored
 * entry (count, first/last time, a bounded list of times).
 */
export interface Sighting {
  id: string;
  visitId: string;
  kind: EvidenceKind;
  provenance: Provenance;
  /** The channel: webRequest, set-cookie, cookie-header, cookies-api, jar, document.cookie, tcfapi, autoconsent… */
  via: string;
  /** Requests: host. Cookies: `${name}@${site}`. Consent: tool. Others: a short name. */
  key: string;
  host: string;
  /** Registrable domain of `host` (scope), or null when it has none. */
  site: string | null;
  frame?: FrameScope;
  /**
   * Time the background trusts: a webRequest or navigation event's own; when the background received a cookies API
   * event or a page report; a detector report's own time, within the visit and not after it arrived.
   */
  at: number;
  url?: string;
  resourceType?: string;
  classification?: Classification;
  /** A request to a host of the site's own organisation (the vendor owns the page's site): first party. */
  ownOrganisation?: boolean;
  cookie?: CookieDetail;
  storage?: StorageDetail;
  consent?: ConsentDetail;
  click?: ClickDetail;
  tool?: ToolDetail;
  activation?: ActivationDetail;
}

/** A stored entry: a sighting with its repeats folded in. */
export interface EvidenceEntry extends Omit<Sighting, 'resourceType'> {
  lastAt: number;
  count: number;
  /** Times of the first MAX_TIMES/2 and the latest MAX_TIMES/2 sightings; `count` keeps the rest. */
  times: number[];
  resourceTypes?: string[];
}

/** Bound on the sighting times kept per entry (the count keeps growing). */
export const MAX_TIMES = 64;
