/**
 * Turns normalised browser events and content-script reports into evidence sightings for the writer. Pure; the
 * classifier is passed in. Nothing here decides a phase or a violation (lib/evidence/derive.ts does).
 */
import { hashString } from './hash';
import { hostOf, siteOf } from './domain';
import type { StorageItem } from './storage-snapshot';
import type { PageVisit } from './findings';
import type { ConsentSignal } from './consent/types';
import type { CookieAction, FrameScope, Provenance, Sighting } from './evidence/types';
import type { ObservedRequest } from './request';
import type { Classification } from './vendor-db/types';
import type { NameStore } from './vendor-db/match';
import type { UnpromptedRecord } from './evidence/unprompted';

export interface CookieInput {
  name: string;
  domain: string;
  pageUrl: string;
  lifetimeSeconds?: number | null;
  value?: string;
  httpOnly?: boolean;
  /** Where the name was seen: a cookie (the default) or a key of the page's web storage. */
  store?: NameStore;
}

/** The classifier as the recorder sees it; the background adapts the compiled vendor index to this. */
export interface Classifier {
  request(url: string, pageUrl: string): Classification;
  cookie(input: CookieInput): Classification;
  /** The vendor database behind it (its source hash), stamped on each visit it classifies; absent in tests. */
  database?: string;
}

/** The frame scope of a request: the tab's top document, a frame inside it, or a worker. */
export function frameOf(req: Pick<ObservedRequest, 'tabId' | 'type' | 'topFrame'>): FrameScope {
  if (req.tabId < 0) return 'worker';
  return req.type === 'main_frame' || req.topFrame ? 'main' : 'sub';
}

/**
 * Whether the vendor a host-based match named owns the page's own site (eBay's rover.ebay.com on ebay.de): then
 * the request is the site's own organisation, not a third-party vendor. A protocol-signature match (a vendor
 * reached through the site's own host) stays the vendor's.
 */
function ownOrganisation(
  c: Classification,
  visit: Pick<PageVisit, 'url' | 'site'>,
  classifier: Classifier,
): boolean {
  if (!c.vendor || c.signature) return false;
  const own = classifier.request(`https://${visit.site}/`, visit.url);
  return own.vendor === c.vendor && !own.signature;
}

/**
 * The evidence key of a request: its host, or host and request shape when a path rule or protocol signature named
 * the vendor. A host carries requests of several parties then (the site's pages and its proxied GA4 hits; Google's
 * reCAPTCHA and its Ads beacons on www.google.com), and one entry per host would give every sighting on the host
 * the last vendor's category and times: a page loaded before consent would count as the tracker firing then.
 */
export function requestKey(host: string, c: Pick<Classification, 'signature' | 'rule'>): string {
  const shape = c.signature ?? c.rule;
  return shape ? `${host} ${shape}` : host;
}

/** The request shape (signature or path-rule id) in a request's evidence key, or null for a host-only key. */
export function requestShapeOf(key: string): string | null {
  const space = key.indexOf(' ');
  return space < 0 ? null : key.slice(space + 1);
}

/** What the vendor database says of a request of the visit: its classification, first party or not, its key. */
export function classifyRequestOf(
  visit: Pick<PageVisit, 'url' | 'site'>,
  url: string,
  host: string,
  classifier: Classifier,
): { classification: Classification; own: boolean; key: string } {
  const classification = classifier.request(url, visit.url);
  return {
    classification,
    own: ownOrganisation(classification, visit, classifier),
    key: requestKey(host, classification),
  };
}

export function requestSighting(visit: PageVisit, req: ObservedRequest, classifier: Classifier): Sighting {
  const { classification, own, key } = classifyRequestOf(visit, req.url, req.host, classifier);
  return {
    id: `${visit.id}|request|${key}`,
    visitId: visit.id,
    kind: 'request',
    provenance: 'browser',
    via: 'webRequest',
    key,
    host: req.host,
    site: siteOf(req.host),
    frame: frameOf(req),
    at: req.at,
    url: req.url,
    resourceType: req.type,
    classification,
    ...(own && { ownOrganisation: true }),
  };
}

/** A cookie as seen by any channel; `domain` without a leading dot. */
export interface SeenCookie {
  name: string;
  value: string;
  domain: string;
  path?: string;
  /** set-cookie, cookie-header, cookies-api, jar, document.cookie, cookieStore */
  via: string;
  provenance: Provenance;
  at: number;
  frame?: FrameScope;
  /** Set-Cookie of the visit's main-frame response (the document itself). */
  mainFrameRequest?: boolean;
  lifetimeSeconds?: number | null;
  setBy?: string | null;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: string;
  removed?: boolean;
  partition?: string;
  /** A cookies-API report of a cookie that a response of this visit set (its Set-Cookie claimed the change). */
  byResponse?: boolean;
}

function cookieAction(c: SeenCookie): CookieAction {
  if (c.via === 'cookie-header') return 'sent';
  return c.removed ? 'removed' : 'set';
}

/** What the vendor database (with the consent manager registry) says of a cookie seen during the visit. */
export function classifyCookieOf(
  visit: Pick<PageVisit, 'url'>,
  c: Omit<CookieInput, 'pageUrl'>,
  classifier: Classifier,
): Classification {
  return classifier.cookie({ ...c, pageUrl: visit.url });
}

/** A web-storage key of the page, classified like a first-party cookie of the page. */
export function classifyStorageOf(
  visit: Pick<PageVisit, 'url' | 'site'>,
  area: StorageItem['area'],
  name: string,
  classifier: Classifier,
): Classification {
  const host = hostOf(visit.url) ?? visit.site;
  return classifier.cookie({ name, domain: host, pageUrl: visit.url, lifetimeSeconds: null, store: area });
}

export function cookieSighting(
  visit: PageVisit,
  c: SeenCookie,
  classifier: Classifier,
  keepValue: boolean,
): Sighting {
  const domain = c.domain.replace(/^\./, '').toLowerCase();
  const site = siteOf(domain) ?? domain;
  const action = cookieAction(c);
  const classification = classifyCookieOf(
    visit,
    { name: c.name, domain, lifetimeSeconds: c.lifetimeSeconds, value: c.value, httpOnly: c.httpOnly },
    classifier,
  );
  const key = `${c.name}@${site}`;
  return {
    id: `${visit.id}|cookie|${key}|${c.via}|${action}|${c.partition ?? ''}`,
    visitId: visit.id,
    kind: 'cookie',
    provenance: c.provenance,
    via: c.via,
    key,
    host: domain,
    site,
    ...(c.frame && { frame: c.frame }),
    at: c.at,
    url: visit.url,
    classification,
    cookie: {
      name: c.name,
      domain,
      ...(c.path && { path: c.path }),
      action,
      ...(c.lifetimeSeconds !== undefined && { lifetimeSeconds: c.lifetimeSeconds }),
      valueLength: c.value.length,
      valueHash: hashString(c.value),
      ...(keepValue && { value: c.value }),
      ...(c.setBy && { setBy: c.setBy }),
      ...(c.secure !== undefined && { secure: c.secure }),
      ...(c.httpOnly !== undefined && { httpOnly: c.httpOnly }),
      ...(c.sameSite && { sameSite: c.sameSite }),
      ...(c.partition && { partition: c.partition }),
    },
  };
}

export interface SignalSource {
  provenance: Provenance;
  via: string;
  at: number;
  /** Registrable domain the signal belongs to (the consent cookie's site); the page's for page reports. */
  site: string | null;
  host: string;
  frame?: FrameScope;
  mainFrame?: boolean;
  initial?: boolean;
  /** Top-level site of the partition the cookie was stored in (not sent to its own site's pages). */
  partition?: string;
  /** The cookie store's report of a cookie a response of this visit set (lib/set-cookie-claims.ts). */
  byResponse?: boolean;
  /** Another tab had a page of the signal's site open (the choice may be that tab's). */
  otherTab?: boolean;
  /** The site stored this record without interaction on an earlier visit (lib/evidence/unprompted.ts). */
  unpromptedOn?: UnpromptedRecord;
}

/** A consent signal (decoded by the background) as evidence; repeats of the same value fold into one entry. */
export function consentSighting(visit: PageVisit, signal: ConsentSignal, src: SignalSource): Sighting {
  const frame = src.mainFrame ? 'main' : (src.frame ?? '');
  return {
    id: `${visit.id}|consent|${src.via}|${frame}|${src.site ?? ''}|${signal.tool}|${signal.state}|${hashString(signal.raw)}${src.initial ? '|initial' : ''}${src.otherTab ? '|other-tab' : ''}${src.unpromptedOn ? '|unprompted' : ''}`,
    visitId: visit.id,
    kind: 'consent',
    provenance: src.provenance,
    via: src.via,
    key: signal.tool,
    host: src.host,
    site: src.site,
    ...(src.frame && { frame: src.frame }),
    at: src.at,
    consent: {
      signal,
      ...(src.mainFrame && { mainFrame: true }),
      ...(src.initial && { initial: true }),
      ...(src.otherTab && { otherTab: true }),
      ...(src.unpromptedOn && { unpromptedOn: src.unpromptedOn }),
    },
  };
}

/** A web-storage key the page holds, classified like a first-party cookie of the page (detector provenance). */
export function storageSighting(
  visit: PageVisit,
  item: StorageItem,
  at: number,
  classifier: Classifier,
): Sighting {
  const host = hostOf(visit.url) ?? visit.site;
  const classification = classifyStorageOf(visit, item.area, item.name, classifier);
  const key = `${item.area}:${item.name}`;
  return {
    id: `${visit.id}|storage|${key}`,
    visitId: visit.id,
    kind: 'storage',
    provenance: 'detector',
    via: item.area,
    key,
    host,
    site: visit.site,
    frame: 'main',
    at,
    url: visit.url,
    classification,
    storage: { area: item.area, name: item.name, valueLength: item.valueLength, valueHash: item.valueHash },
  };
}
