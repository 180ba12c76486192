/**
 * Folds streamed HAR items into a compact capture: what the audit needs and nothing more, so memory grows with
 * the number of requests, not with the size of the file (bodies, headers and cookie values are dropped early).
 */
import type { ConsentSignal } from '../consent/types';
import { cookieDomainAllowed } from '../domain';
import { hashString } from '../hash';
import { normalizeEntry } from './entry';
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
  /** Set-Cookie Domain attribute, or the request host when the cookie was only seen in a header. */
  domain: string;
  via: 'set-cookie' | 'cookie-header';
  /** The consent signal its value carries (decoded while the value is at hand), if any. */
  signal?: ConsentSignal;
  lifetimeSeconds?: number | null;
  valueLength: number;
  /** hashString of the value, so a report can show a change without keeping the value. */
  valueHash: string;
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
    rejectedCookies: 0,
    undated: 0,
  };
  /** Decoded signals by value: a consent cookie repeated on every request is decoded, and held, once. */
  private readonly decoded = new Map<string, ConsentSignal | null>();

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
      cookies.push(this.cookie(c.name, c.value, c.domain ?? req.host, 'set-cookie', c.lifetimeSeconds));
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
    const cookies = sent.map((c) => this.cookie(c.name, c.value, host, 'cookie-header'));
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

  private cookie(
    name: string,
    value: string,
    domain: string,
    via: CapturedCookie['via'],
    lifetimeSeconds?: number | null,
  ): CapturedCookie {
    const key = `${name}\u0000${value}`;
    if (!this.decoded.has(key)) {
      if (this.decoded.size > 10_000) this.decoded.clear();
      this.decoded.set(key, this.parsers.signalFromCookie(name, value));
    }
    const signal = this.decoded.get(key) ?? undefined;
    return {
      name,
      domain,
      via,
      ...(lifetimeSeconds !== undefined && { lifetimeSeconds }),
      valueLength: value.length,
      valueHash: hashString(value),
      ...(signal && { signal }),
    };
  }
}
