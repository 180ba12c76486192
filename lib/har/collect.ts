/**
 * Folds streamed HAR items into a compact capture: what the audit needs and nothing more, so memory grows with
 * the number of requests, not with the size of the file (bodies and headers are dropped early; a cookie's value is
 * kept, at most 4 KB and one copy per distinct value, for lib/har/evidence.ts to classify the cookie by it).
 */
import type { ConsentSignal } from '../consent/types';
import { cookieDomainAllowed } from '../domain';
import { normalizeEntry, type HarCookie } from './entry';
import type { HarItem } from './stream';

/** Consent parsers the collector runs on every cookie and request URL (lib/consent/signals.ts in production). */
export interface SignalParsers {
  signalFromCookie(name: string, value: string): ConsentSignal | null;
  signalFromRequestUrl(url: string): ConsentSignal | null;
  /** The choice of a tool that spreads it over several cookies (Complianz), merged over the whole header; else null. */
  mergeSpread(tool: string, cookies: ReadonlyArray<{ name: string; value: string }>): ConsentSignal | null;
}

export interface HarPage {
  id: string | null;
  /** Page URL when the tool recorded one (WebPageTest `_URL`, Chrome's title), else null. */
  url: string | null;
  title: string | null;
  startedAt: number;
}

export interface CapturedCookie {
  name: string;
  /**
   * The value (at most MAX_COOKIE_PART), to classify the cookie by it as the extension does; the evidence keeps
   * only its length and hash, as the extension's does unless the user opts in to storing values.
   */
  value: string;
  /** Set-Cookie Domain attribute, or the request host when the cookie was only seen in a header. */
  domain: string;
  via: 'set-cookie' | 'cookie-header';
  /** The consent signal its value carries (decoded while the value is at hand), if any; never for a removal. */
  signal?: ConsentSignal;
  lifetimeSeconds?: number | null;
  /** A Set-Cookie whose Max-Age or Expires is past: it deletes the cookie (isDeletion, as in the extension). */
  removed?: boolean;
  secure?: boolean;
  httpOnly?: boolean;
  path?: string;
  sameSite?: string;
  /** Set with the Partitioned attribute (CHIPS): kept under the page's top-level site. */
  partitioned?: boolean;
}

export interface CapturedRequest {
  index: number;
  url: string;
  host: string;
  at: number;
  resourceType: string;
  initiator: string | null;
  status: number | null;
  pageref: string | null;
  cookies: CapturedCookie[];
  /** Consent signal in the request URL (Google Consent Mode), if any. */
  urlSignal?: ConsentSignal;
}

export interface HarCapture {
  creator: string | null;
  pages: HarPage[];
  requests: CapturedRequest[];
  skipped: number;
  /** Header values longer than HarStream's header cap, cut there (lib/har/read.ts): evidence may be missing. */
  truncatedHeaders: number;
  /** Set-Cookie headers the browser would have rejected (Domain not matching the host): not evidence. */
  rejectedCookies: number;
  /** Entries kept without a valid `startedDateTime`: when they happened is unknown (lib/har/evidence.ts). */
  undated: number;
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function httpUrl(v: string | null): string | null {
  if (!v) return null;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Accumulates HarItems from HarStream; call `add` for each and read `capture` at the end. */
export class HarCollector {
  readonly capture: HarCapture = {
    creator: null,
    pages: [],
    requests: [],
    skipped: 0,
    truncatedHeaders: 0,
    rejectedCookies: 0,
    undated: 0,
  };
  /**
   * Each distinct name and value once, with its decoded signal (undefined: not decoded yet): a cookie repeated on
   * every request is held, and decoded, once.
   */
  private readonly known = new Map<string, { name: string; value: string; signal?: ConsentSignal | null }>();

  constructor(private readonly parsers: SignalParsers) {}

  add(item: HarItem): void {
    if (item.kind === 'creator') {
      const name = text(item.value.name);
      this.capture.creator = name ? `${name} ${text(item.value.version) ?? ''}`.trim() : null;
    } else if (item.kind === 'page') this.addPage(item.value);
    else this.addEntry(item.value, item.index);
  }

  private addPage(p: Record<string, unknown>): void {
    const title = text(p.title);
    this.capture.pages.push({
      id: text(p.id),
      url: httpUrl(text(p._URL)) ?? httpUrl(title),
      title,
      startedAt: Date.parse(text(p.startedDateTime) ?? ''),
    });
  }

  private addEntry(raw: Record<string, unknown>, index: number): void {
    const req = normalizeEntry(raw, index);
    if (!req) {
      this.capture.skipped++;
      return;
    }
    if (!Number.isFinite(req.at)) this.capture.undated++;
    const cookies: CapturedCookie[] = [];
    for (const c of req.setCookies) {
      if (!cookieDomainAllowed(req.host, c.domain)) {
        this.capture.rejectedCookies++;
        continue;
      }
      cookies.push(this.cookie(c, c.domain ?? req.host, 'set-cookie'));
    }
    cookies.push(...this.sentCookies(req.sentCookies, req.host));
    const { url, host, at, resourceType, initiator, status, pageref } = req;
    const urlSignal = this.parsers.signalFromRequestUrl(url) ?? undefined;
    this.capture.requests.push({
      index,
      url,
      host,
      at,
      resourceType,
      initiator,
      status,
      pageref,
      cookies,
      ...(urlSignal && { urlSignal }),
    });
  }

  /**
   * A Cookie header's cookies, each with its own signal; where a tool spreads one choice over several cookies,
   * the first of them carries the choice merged over the whole header, as the extension records it
   * (entrypoints/background/web-request.ts, signalsFromJar), so a HAR and the browser reach the same consent.
   */
  private sentCookies(sent: ReadonlyArray<{ name: string; value: string }>, host: string): CapturedCookie[] {
    const cookies = sent.map((c) => this.cookie(c, host, 'cookie-header'));
    const seen = new Set<string>();
    for (const [i, c] of cookies.entries()) {
      const tool = c.signal?.tool;
      if (!tool || seen.has(tool)) continue;
      seen.add(tool);
      const merged = this.parsers.mergeSpread(tool, sent);
      if (merged) cookies[i] = { ...c, signal: merged };
    }
    return cookies;
  }

  private cookie(c: HarCookie, domain: string, via: CapturedCookie['via']): CapturedCookie {
    const key = `${c.name}\u0000${c.value}`;
    let known = this.known.get(key);
    if (!known) {
      if (this.known.size > 10_000) this.known.clear();
      // Cut from the Map's flat copy of the key: name and value no longer hold the whole header they came from.
      known = { name: key.slice(0, c.name.length), value: key.slice(c.name.length + 1) };
      this.known.set(key, known);
    }
    // A cookie being deleted says nothing about consent (recordCookie in the extension does not decode it either).
    if (!c.removed && known.signal === undefined)
      known.signal = this.parsers.signalFromCookie(known.name, known.value);
    const signal = c.removed ? undefined : (known.signal ?? undefined);
    return {
      name: known.name,
      value: known.value,
      domain,
      via,
      ...(c.lifetimeSeconds !== undefined && { lifetimeSeconds: c.lifetimeSeconds }),
      ...(c.removed && { removed: true }),
      ...(c.secure !== undefined && { secure: c.secure }),
      ...(c.httpOnly !== undefined && { httpOnly: c.httpOnly }),
      ...(c.path !== undefined && { path: c.path }),
      ...(c.sameSite !== undefined && { sameSite: c.sameSite }),
      ...(c.partitioned && { partitioned: true }),
      ...(signal && { signal }),
    };
  }
}
