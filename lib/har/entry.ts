/**
 * Normalises one raw HAR entry (Chrome, Firefox, WebPageTest, or anything roughly HAR 1.2) into the few fields
 * the audit needs. Every field is optional in the input; malformed entries yield null, never an exception.
 */
import { MAX_COOKIE_PART, isDeletion, parseCookieHeader, parseSetCookie } from '../cookie-parse';
import { headerValues, type RawHeader } from '../request';

export interface HarCookie {
  name: string;
  value: string;
  /** Domain attribute of a Set-Cookie, without the leading dot. */
  domain?: string;
  /** Lifetime in seconds relative to the entry time; null = session; undefined = unknown. */
  lifetimeSeconds?: number | null;
  /** A Set-Cookie (or response cookie) already expired: it deletes the cookie, as isDeletion tells the extension. */
  removed?: boolean;
  secure?: boolean;
  httpOnly?: boolean;
  path?: string;
  /** SameSite as written (lax, strict, none), lower case. */
  sameSite?: string;
  /** A Set-Cookie with the Partitioned attribute (CHIPS): kept under the page's top-level site. */
  partitioned?: boolean;
}

export interface HarRequest {
  /** Position in log.entries, for stable ordering of entries with equal times. */
  index: number;
  url: string;
  host: string;
  /** Request start, ms since epoch; NaN when the HAR gives no parseable time. */
  at: number;
  method: string;
  status: number | null;
  /** Lower-case webRequest-like type: document, script, image, xhr, fetch, other… */
  resourceType: string;
  /** URL (or origin) that caused the request, when the tool recorded it. */
  initiator: string | null;
  pageref: string | null;
  sentCookies: HarCookie[];
  setCookies: HarCookie[];
  requestHeaders: RawHeader[];
}

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** A listed cookie's name or value, at most as long as the header parsers keep one (MAX_COOKIE_PART). */
function part(v: unknown): string | null {
  const s = str(v);
  return s !== null && s.length > MAX_COOKIE_PART ? s.slice(0, MAX_COOKIE_PART) : s;
}

function headers(v: unknown): RawHeader[] {
  if (!Array.isArray(v)) return [];
  const out: RawHeader[] = [];
  for (const h of v) {
    const o = obj(h);
    const name = str(o?.name);
    if (o && name !== null) out.push({ name, value: str(o.value) ?? '' });
  }
  return out;
}

/** Entry URL, preferring WebPageTest's `_full_url` when request.url is missing. */
function entryUrl(entry: Obj, request: Obj | null): URL | null {
  const raw = str(request?.url) ?? str(entry._full_url);
  if (!raw) return null;
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:' || u.protocol === 'wss:'
      ? u
      : null;
  } catch {
    return null;
  }
}

const MIME_TYPES: [RegExp, string][] = [
  [/html/, 'document'],
  [/javascript|ecmascript/, 'script'],
  [/css/, 'stylesheet'],
  [/^image\//, 'image'],
  [/font/, 'font'],
  [/json|xml/, 'xhr'],
];

function resourceType(entry: Obj, response: Obj | null): string {
  // Chrome: _resourceType; WebPageTest: _request_type; Firefox has neither, so fall back to the MIME type.
  const named = str(entry._resourceType) ?? str(entry._request_type);
  if (named) return named.toLowerCase();
  const mime = (str(obj(response?.content)?.mimeType) ?? str(entry._contentType) ?? '').toLowerCase();
  return MIME_TYPES.find(([re]) => re.test(mime))?.[1] ?? 'other';
}

function initiator(entry: Obj): string | null {
  const initiator = obj(entry._initiator);
  if (initiator) {
    const url = str(initiator.url);
    if (url) return url;
    // Script-initiated requests carry the URL in the top call frame.
    const frames = obj(initiator.stack)?.callFrames;
    if (Array.isArray(frames)) for (const f of frames) if (str(obj(f)?.url)) return str(obj(f)?.url);
    return null;
  }
  return str(entry._initiator) || null;
}

function sentCookies(request: Obj | null, hdrs: RawHeader[]): HarCookie[] {
  const listed = Array.isArray(request?.cookies) ? (request.cookies as unknown[]) : [];
  const out: HarCookie[] = [];
  for (const c of listed) {
    const o = obj(c);
    const name = part(o?.name);
    if (name !== null) out.push({ name, value: part(o?.value) ?? '' });
  }
  if (out.length > 0) return out;
  for (const h of headerValues(hdrs, 'cookie')) out.push(...parseCookieHeader(h));
  return out;
}

function setCookies(response: Obj | null, at: number): HarCookie[] {
  const now = Number.isFinite(at) ? at : Date.now();
  const out: HarCookie[] = [];
  for (const h of headerValues(headers(response?.headers), 'set-cookie')) {
    const c = parseSetCookie(h, now);
    if (c) {
      const { name, value, domain, lifetimeSeconds, secure, httpOnly, path, sameSite, partitioned } = c;
      out.push({
        name,
        value,
        domain,
        lifetimeSeconds,
        removed: isDeletion(c),
        secure,
        httpOnly,
        ...(path !== undefined && { path }),
        ...(sameSite !== undefined && { sameSite }),
        ...(partitioned && { partitioned }),
      });
    }
  }
  if (out.length > 0) return out;
  // Some tools strip Set-Cookie headers but keep response.cookies.
  const listed = Array.isArray(response?.cookies) ? (response.cookies as unknown[]) : [];
  for (const c of listed) {
    const o = obj(c);
    const name = part(o?.name);
    if (o === null || name === null) continue;
    const expires = str(o.expires) ? Date.parse(o.expires as string) : NaN;
    const domain = str(o.domain)?.replace(/^\./, '').toLowerCase();
    const lifetimeSeconds = Number.isNaN(expires) ? undefined : Math.round((expires - now) / 1000);
    out.push({
      name,
      value: part(o.value) ?? '',
      domain: domain || undefined,
      lifetimeSeconds,
      removed: lifetimeSeconds !== undefined && isDeletion({ lifetimeSeconds }),
      ...(typeof o.secure === 'boolean' && { secure: o.secure }),
      ...(typeof o.httpOnly === 'boolean' && { httpOnly: o.httpOnly }),
      ...(str(o.path) && { path: (o.path as string).slice(0, 1024) }),
      // Chrome's DevTools export adds sameSite ("Lax") to the HAR 1.2 fields.
      ...(str(o.sameSite) && { sameSite: (o.sameSite as string).toLowerCase().slice(0, 16) }),
    });
  }
  return out;
}

/** Turns one raw `log.entries[i]` into a HarRequest, or null when it has no usable http(s) URL. */
export function normalizeEntry(raw: unknown, index: number): HarRequest | null {
  const entry = obj(raw);
  if (!entry) return null;
  const request = obj(entry.request);
  const response = obj(entry.response);
  const url = entryUrl(entry, request);
  if (!url) return null;
  const at = Date.parse(str(entry.startedDateTime) ?? '');
  const requestHeaders = headers(request?.headers);
  const status = typeof response?.status === 'number' ? response.status : null;
  return {
    index,
    url: url.href.length > 4096 ? url.href.slice(0, 4096) : url.href,
    host: url.hostname.toLowerCase(),
    at,
    method: str(request?.method) ?? 'GET',
    status,
    resourceType: resourceType(entry, response),
    initiator: initiator(entry),
    pageref: str(entry.pageref),
    sentCookies: sentCookies(request, requestHeaders),
    setCookies: setCookies(response, at),
    requestHeaders,
  };
}
