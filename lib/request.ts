/**
 * Normalises webRequest `details` from Chrome and Firefox into one shape.
 * Chrome gives `initiator`, `documentId`, `documentLifecycle`; Firefox gives `originUrl`, `documentUrl`, `incognito`.
 */
import { boundedMemo } from './memo';

export interface RawHeader {
  name: string;
  value?: string;
}

/** The subset of webRequest details we read; every field optional because input is untrusted. */
export interface RawRequestDetails {
  requestId?: string;
  url?: string;
  method?: string;
  type?: string;
  tabId?: number;
  frameId?: number;
  parentFrameId?: number;
  timeStamp?: number;
  initiator?: string;
  originUrl?: string;
  documentUrl?: string;
  documentId?: string;
  documentLifecycle?: string;
  /** Chrome: 'outermost_frame' for a tab's top-level document, also before it commits. */
  frameType?: string;
  incognito?: boolean;
  requestHeaders?: RawHeader[];
  responseHeaders?: RawHeader[];
}

export interface ObservedRequest {
  requestId: string;
  url: string;
  host: string;
  type: string;
  tabId: number;
  frameId: number;
  /**
   * Made by a top-level document. Chrome gives a page that has not committed yet another frameId than 0,
   * so its frameType is what says so.
   */
  topFrame: boolean;
  at: number;
  /** Origin (scheme://host[:port]) of whoever caused the request, when the browser says. */
  initiator: string | null;
  documentId: string | null;
  prerender: boolean;
}

const EXTENSION_SCHEMES = [
  'chrome-extension:',
  'moz-extension:',
  'safari-web-extension:',
  'chrome:',
  'about:',
  'edge:',
];
/** Largest URL we keep; longer ones are cut (they still classify by host). */
export const MAX_URL = 4096;

function parseHost(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== 'ws:' && u.protocol !== 'wss:')
      return null;
    return u.hostname.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The three webRequest events of one request carry the same URL, and URL parsing was the listeners' largest own
 * cost on a busy page: the last few hundred URLs' hosts are kept (short URLs only, so memory stays bounded).
 */
const recentHosts = boundedMemo(512, parseHost);
const hostOfUrl = (url: string) => (url.length <= MAX_URL ? recentHosts(url) : parseHost(url));

function originOf(url: string | undefined): string | null {
  if (!url || url === 'null') return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** True for requests made by an extension (ours included) or by the browser itself. */
export function isInternal(details: RawRequestDetails): boolean {
  // A top-level navigation in a tab loads a web page whoever started it (an extension's tabs.update included).
  if (details.type === 'main_frame' && (details.tabId ?? -1) >= 0) return false;
  const from = details.initiator ?? details.originUrl ?? '';
  if (EXTENSION_SCHEMES.some((s) => from.startsWith(s))) return true;
  // tabId -1 with no initiator: browser-internal (safe browsing, updates, PAC…).
  return (details.tabId ?? -1) < 0 && !from;
}

/** Returns null for requests we never record: internal ones, non-http(s) URLs, malformed details. */
export function normalizeRequest(details: RawRequestDetails): ObservedRequest | null {
  if (!details || typeof details.url !== 'string' || isInternal(details)) return null;
  const host = hostOfUrl(details.url);
  if (!host) return null;
  const initiator = details.initiator ?? originOf(details.originUrl ?? details.documentUrl);
  return {
    requestId: String(details.requestId ?? ''),
    url: details.url.length > MAX_URL ? details.url.slice(0, MAX_URL) : details.url,
    host,
    type: details.type ?? 'other',
    tabId: typeof details.tabId === 'number' ? details.tabId : -1,
    frameId: typeof details.frameId === 'number' ? details.frameId : -1,
    topFrame: details.frameType === 'outermost_frame' || details.frameId === 0,
    at: typeof details.timeStamp === 'number' ? details.timeStamp : Date.now(),
    initiator: initiator && initiator !== 'null' ? initiator : null,
    documentId: details.documentId ?? null,
    prerender: details.documentLifecycle === 'prerender',
  };
}

/** Most values read for one header name; a response cannot make the worker parse without bound. */
export const MAX_HEADER_VALUES = 500;

/** All values of a header (case-insensitive), skipping binary-only entries; at most MAX_HEADER_VALUES. */
export function headerValues(headers: RawHeader[] | undefined, name: string): string[] {
  if (!Array.isArray(headers)) return [];
  const lower = name.toLowerCase();
  const out: string[] = [];
  for (const h of headers) {
    if (out.length >= MAX_HEADER_VALUES) break;
    if (h && typeof h.name === 'string' && h.name.toLowerCase() === lower && typeof h.value === 'string') {
      // Firefox joins several Set-Cookie headers with newlines.
      for (const v of h.value.split('\n', MAX_HEADER_VALUES)) if (v) out.push(v);
    }
  }
  return out.slice(0, MAX_HEADER_VALUES);
}
