/**
 * Which visit's response stored a cookie. cookies.onChanged names no tab, so a change is otherwise given to every
 * current visit that contacted the cookie's site: the page a tab is leaving gets the cookies of the response that
 * replaces it, and another tab gets a tracker's cookie set for this one. A Set-Cookie the browser showed us for a
 * request of a known visit claims the change that stores the same name, domain and value shortly after.
 */
export interface SetCookieClaim<V> {
  visit: V;
  at: number;
}

/** Domain as the cookies API and a Set-Cookie header may spell it: no leading dot, lower case. */
const bare = (domain: string) => domain.replace(/^\./, '').toLowerCase();
const keyOf = (name: string, domain: string, value: string) => `${name}\u0000${bare(domain)}\u0000${value}`;

export class SetCookieClaims<V> {
  private readonly claims = new Map<string, SetCookieClaim<V>>();

  constructor(
    private readonly ttlMs = 10_000,
    private readonly max = 2_000,
  ) {}

  /** A response of `visit` set this cookie (its Domain attribute, or the request host for a host-only one). */
  claim(visit: V, name: string, domain: string, value: string, at: number): void {
    const key = keyOf(name, domain, value);
    // Re-inserted so the Map's order stays oldest first for pruning.
    this.claims.delete(key);
    this.claims.set(key, { visit, at });
    // Bounded: a page whose responses set cookies in a loop must not grow the worker's memory.
    if (this.claims.size > this.max) this.claims.delete(this.claims.keys().next().value!);
  }

  /** The visit whose response stored this cookie value, if one did within the last ttlMs; used once. */
  take(name: string, domain: string, value: string, now: number): V | null {
    this.prune(now);
    const key = keyOf(name, domain, value);
    const found = this.claims.get(key);
    if (!found) return null;
    this.claims.delete(key);
    return found.visit;
  }

  get size(): number {
    return this.claims.size;
  }

  private prune(now: number): void {
    for (const [key, c] of this.claims) {
      if (now - c.at <= this.ttlMs) break;
      this.claims.delete(key);
    }
  }
}
