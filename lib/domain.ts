import { getDomain, getPublicSuffix } from 'tldts';
import { boundedMemo } from './memo';

/** Largest number of hosts whose registrable domain we memoise; the cache is cleared when full. */
const SITE_CACHE_MAX = 4096;

// Per char code: 1 = allowed as-is in a fast-path host, 2 = uppercase ASCII (needs lowercasing), 0 = slow path.
const HOST_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[a-z0-9._-]/.test(ch)) HOST_CHAR[c] = 1;
  else if (/[A-Z]/.test(ch)) HOST_CHAR[c] = 2;
}

function isSchemeChar(c: number, first: boolean): boolean {
  const alpha = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  if (first) return alpha;
  return alpha || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
}

/** WHATWG parse for input the fast path does not handle (IPv6, IDN, percent-escapes, odd spacing). */
function slowHostOf(url: string): string | null {
  try {
    const host = new URL(url).hostname;
    return host === '' ? null : stripTrailingDot(host);
  } catch {
    return null;
  }
}

function stripTrailingDot(host: string): string {
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

/**
 * Lower-case hostname of an absolute URL (`https://A.Example.com:8080/x` → `a.example.com`), without the
 * trailing root dot. Scans the authority by hand and falls back to `new URL()` for odd input, so the common case
 * allocates only the result. Never throws; null when the input is not an absolute URL with a host.
 */
export function hostOf(url: string): string | null {
  if (typeof url !== 'string') return null;
  const sep = url.indexOf('://');
  if (sep <= 0 || sep > 32) return slowHostOf(url);
  for (let i = 0; i < sep; i++) if (!isSchemeChar(url.charCodeAt(i), i === 0)) return slowHostOf(url);
  const start = sep + 3;
  let end = start;
  let at = -1;
  let colon = -1;
  let upper = false;
  for (; end < url.length; end++) {
    const c = url.charCodeAt(end);
    if (c === 47 || c === 63 || c === 35) break; // / ? #
    if (c === 64) {
      at = end; // userinfo@host: restart the host after the last '@'
      colon = -1;
      upper = false;
    } else if (c === 58) colon = end;
    else if (colon === -1) {
      const kind = c < 128 ? HOST_CHAR[c] : 0;
      if (kind === 0) return slowHostOf(url);
      if (kind === 2) upper = true;
    }
  }
  const hostStart = at === -1 ? start : at + 1;
  const hostEnd = colon === -1 ? end : colon;
  if (colon !== -1) {
    for (let i = colon + 1; i < end; i++) {
      const c = url.charCodeAt(i);
      if (c < 48 || c > 57) return slowHostOf(url);
    }
  }
  if (hostEnd <= hostStart) return slowHostOf(url);
  let host = url.slice(hostStart, hostEnd);
  if (host.charCodeAt(0) === 46 || host.includes('..')) return slowHostOf(url);
  if (upper) host = host.toLowerCase();
  return stripTrailingDot(host);
}

/** Normalises a bare hostname or cookie domain (`.Example.com.` → `example.com`); null when empty or invalid. */
export function normalizeHost(host: string): string | null {
  if (typeof host !== 'string') return null;
  let start = 0;
  while (start < host.length && host.charCodeAt(start) === 46) start++;
  let end = host.length;
  if (end > start && host.charCodeAt(end - 1) === 46) end--;
  if (end <= start) return null;
  let upper = false;
  for (let i = start; i < end; i++) {
    const c = host.charCodeAt(i);
    const kind = c < 128 ? HOST_CHAR[c] : 0;
    // Spaces, IDN, escapes: let the URL parser decide (it trims, punycodes, or rejects).
    if (kind === 0) return slowHostOf(`http://${host.trim().replace(/^\.+/, '')}/`);
    if (kind === 2) upper = true;
  }
  const h = start === 0 && end === host.length ? host : host.slice(start, end);
  return upper ? h.toLowerCase() : h;
}

/**
 * Is `suffix` a private public suffix: a platform (CloudFront, App Engine, Heroku, GitHub Pages…) on which each
 * customer runs names of its own? Memoised, bounded: the classifier asks it of the few keys its hosts match.
 */
export const isPlatformSuffix = boundedMemo(SITE_CACHE_MAX, (suffix: string): boolean => {
  const probe = `x.${suffix}`;
  return (
    getPublicSuffix(probe, { allowPrivateDomains: true }) === suffix &&
    getPublicSuffix(probe, { allowPrivateDomains: false }) !== suffix
  );
});

/** Registrable domain (eTLD+1, private PSL suffixes included) of a normalised host; memoised, bounded. */
const siteOfHost = boundedMemo(
  SITE_CACHE_MAX,
  (host: string) => getDomain(host, { allowPrivateDomains: true, extractHostname: false }) ?? host,
);

/**
 * Registrable domain (eTLD+1) of a URL, hostname or cookie domain, falling back to the hostname itself for IPs,
 * `localhost` and the like. Never throws; null when no hostname can be read.
 */
export function siteOf(urlOrHost: string): string | null {
  if (typeof urlOrHost !== 'string' || urlOrHost === '') return null;
  const host = urlOrHost.includes('://') ? hostOf(urlOrHost) : normalizeHost(urlOrHost);
  return host === null ? null : siteOfHost(host);
}

/** Whether normalised `host` is `site` or a subdomain of it: the same-site test without a PSL lookup. */
export function underSite(host: string, site: string): boolean {
  if (host.length === site.length) return host === site;
  return (
    host.length > site.length && host.endsWith(site) && host.charCodeAt(host.length - site.length - 1) === 46
  );
}

/**
 * Whether `host` (hostname or cookie domain) belongs to another site than `pageSite` (an eTLD+1 from siteOf).
 * A host shares the page's registrable domain exactly when it equals it or lies under it, so no PSL lookup is
 * needed here. False when there is no page site or the host cannot be read. Never throws.
 */
export function isThirdParty(host: string, pageSite: string | null | undefined): boolean {
  if (!pageSite) return false;
  const h = normalizeHost(host);
  return h !== null && !underSite(h, pageSite);
}

/**
 * Whether a browser accepts a cookie with this `Domain` attribute from `requestHost` (RFC 6265 §5.3 step 5–6):
 * the domain must be the host or a parent of it, and not a public suffix (a host may set a host-only cookie on
 * itself even when it is one). IP hosts accept only their own address. No Domain attribute → always accepted.
 */
export function cookieDomainAllowed(requestHost: string, domainAttr: string | undefined): boolean {
  if (domainAttr === undefined || domainAttr.trim() === '') return true;
  const host = normalizeHost(requestHost);
  const domain = normalizeHost(domainAttr.trim().replace(/^\./, ''));
  if (host === null || domain === null) return false;
  if (host === domain) return true;
  if (/^[\d.]+$/.test(host) || host.includes(':')) return false;
  if (!underSite(host, domain)) return false;
  // A public suffix (co.uk, github.io) is not a registrable domain: nobody may set a cookie on it.
  const registrable = getDomain(domain, { allowPrivateDomains: true, extractHostname: false });
  return registrable !== null && underSite(domain, registrable);
}
