/**
 * Folds streamed HAR items into a compact capture: what the audit needs and nothing more, so memory grows with
 * the number of requests, not with the size of the file (bodies, headers and cookie values are dropped early).
 */
import type { ConsentEvent, ConsentSignal } from '../consent/types';
import { hashString } from '../hash';
import { normalizeEntry } from './entry';
import type { HarItem } from './stream';

/** Consent parsers the collector runs on every cookie and request URL (lib/consent/signals.ts in production). */
export interface SignalParsers {
  signalFromCookie(name: string, value: string): ConsentSignal | null;
  signalFromRequestUrl(url: string): ConsentSignal | null;
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
  cookies: CapturedCookie[];
}

export interface HarCapture {
  creator: string | null;
  pages: HarPage[];
  requests: CapturedRequest[];
  /** Consent signals in entry order, each stamped with its entry's time. */
  signals: ConsentEvent[];
  skipped: number;
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
  readonly capture: HarCapture = { creator: null, pages: [], requests: [], signals: [], skipped: 0 };
  /** Last raw value per signal source, so a cookie repeated on every request yields one event. */
  private readonly lastRaw = new Map<string, string>();

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
    const cookies: CapturedCookie[] = [];
    for (const c of req.setCookies) {
      cookies.push({
        name: c.name,
        domain: c.domain ?? req.host,
        via: 'set-cookie',
        lifetimeSeconds: c.lifetimeSeconds,
        valueLength: c.value.length,
        valueHash: hashString(c.value),
      });
      this.signal(this.parsers.signalFromCookie(c.name, c.value), req.at, `set:${c.name}`);
    }
    for (const c of req.sentCookies) {
      cookies.push({
        name: c.name,
        domain: req.host,
        via: 'cookie-header',
        valueLength: c.value.length,
        valueHash: hashString(c.value),
      });
      // A choice already in the first request's Cookie header was made before this recording began.
      const carried = this.capture.requests.length === 0;
      this.signal(this.parsers.signalFromCookie(c.name, c.value), req.at, `sent:${c.name}`, carried);
    }
    this.signal(this.parsers.signalFromRequestUrl(req.url), req.at, `url:${req.host}`);
    const { url, host, at, resourceType, initiator, status } = req;
    this.capture.requests.push({ index, url, host, at, resourceType, initiator, status, cookies });
  }

  private signal(s: ConsentSignal | null, at: number, source: string, carriedOver = false): void {
    if (!s) return;
    const key = `${source}|${s.tool}|${s.via}`;
    if (this.lastRaw.get(key) === s.raw) return;
    this.lastRaw.set(key, s.raw);
    const event: ConsentEvent = { ...s, at };
    if (carriedOver && s.state === 'choice') event.carriedOver = true;
    // Seen only in a Cookie header: the choice was made at this time at the latest.
    if (source.startsWith('sent:')) event.decoded = { ...s.decoded, seenInCookieHeader: true };
    this.capture.signals.push(event);
  }
}
