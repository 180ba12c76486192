/**
 * Cookie changes held briefly for late attribution. cookies.onChanged carries no tab: it is attributed to the
 * visits that contacted the cookie's site, but Firefox can deliver it before the webRequest event that tells
 * us a visit contacted that site. When a visit notes a site for the first time, the changes to that site's
 * cookies received after the request started are replayed for it.
 */
export interface HeldChange<T> {
  /** The cookie's registrable site. */
  site: string;
  /** When the change reached us (ms epoch). */
  at: number;
  item: T;
  /** Visits this change was already recorded for. */
  recorded: Set<string>;
}

export class LateCookies<T> {
  private held: HeldChange<T>[] = [];

  constructor(
    private readonly ttlMs = 10_000,
    private readonly max = 200,
  ) {}

  hold(site: string, at: number, item: T, recordedFor: Iterable<string>): void {
    this.prune(at);
    this.held.push({ site, at, item, recorded: new Set(recordedFor) });
    // Bounded: a page that writes cookies in a loop must not grow the worker's memory.
    if (this.held.length > this.max) this.held.splice(0, this.held.length - this.max);
  }

  /** Changes to `site`'s cookies received at or after `requestAt` and not yet recorded for `visitId`. */
  take(site: string, requestAt: number, visitId: string, now: number): T[] {
    this.prune(now);
    const out: T[] = [];
    for (const h of this.held) {
      if (h.site !== site || h.at < requestAt || h.recorded.has(visitId)) continue;
      h.recorded.add(visitId);
      out.push(h.item);
    }
    return out;
  }

  get size(): number {
    return this.held.length;
  }

  private prune(now: number): void {
    const cutoff = now - this.ttlMs;
    let i = 0;
    while (i < this.held.length && this.held[i]!.at < cutoff) i++;
    if (i) this.held.splice(0, i);
  }
}
