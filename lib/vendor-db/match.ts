import { hostOf, isPlatformSuffix, normalizeHost, siteOf, underSite } from '../domain';
import { needsConsent, type CategoryOrUnknown } from '../category';
import type { Classification, CookieClaimant } from './types';
import { suffixKey, type CookieEntry, type Signature, type VendorIndex } from './compiled-types';
import { brandInName } from './brand-words';
import { CHOICE_NAME } from './choice-name';
import { familyHint, type FamilyHint } from './cookie-families';
import { collectionWord } from './collection-host';
import { guessCookiePurpose, SECURE_NAME_PREFIX } from './cookie-heuristics';
import { STANDARD_CONSENT_COOKIES, standardValueFits } from './standard-cookies';
import { idFormatOf, type IdFormat } from './id-values';
import { DAY } from './retention';
import { boundedMemo } from '../memo';
import { consentToolForCookieValue } from '../consent/by-value';
import { safeDecode } from '../consent/choice';
import { consentToolForCookie, consentToolForStorageKey, toolDisplayName } from '../consent/tools';

/** Longest input echoed back in a reason, so hostile or huge strings stay short. */
const ECHO_MAX = 80;

function echo(value: unknown): string {
  const s = typeof value === 'string' ? value : String(value);
  // Short printable ASCII without quote or backslash reads the same in JSON: skip JSON.stringify (every cookie).
  if (s.length <= ECHO_MAX) {
    let plain = true;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 32 || c > 126 || c === 34 || c === 92) {
        plain = false;
        break;
      }
    }
    if (plain) return `"${s}"`;
  }
  return JSON.stringify(s.length > ECHO_MAX ? `${s.slice(0, ECHO_MAX)}…` : s);
}

function unknown(thirdParty: boolean, reason: string): Classification {
  return { vendor: null, vendorName: null, company: null, category: 'unknown', thirdParty, reason };
}

// Requests stream in per page: memoise the last page and a few recent ones (frames, parallel tabs).
const PAGE_CACHE_MAX = 64;
const pageSite = boundedMemo(PAGE_CACHE_MAX, (pageUrl: string): string | null => {
  // A bare host with a dot ("shop.example") is accepted as a page; anything else must be an absolute URL.
  let host: string | null = null;
  if (pageUrl.includes('://')) host = hostOf(pageUrl);
  else if (pageUrl.includes('.')) host = normalizeHost(pageUrl);
  return host === null ? null : siteOf(host);
});
let lastPageUrl: string | undefined;
let lastPageSite: string | null = null;

function pageSiteOf(pageUrl: string): string | null {
  if (pageUrl !== lastPageUrl) {
    lastPageSite = pageSite(pageUrl);
    lastPageUrl = pageUrl;
  }
  return lastPageSite;
}

/**
 * `tenant`: the host is a customer's own name under a platform's public suffix (d123.cloudfront.net under
 * cloudfront.net): the platform serves it, but whose it is, and what it does, the platform's record cannot say.
 */
type Owner = { vendor: number; suffix: string; tenant: boolean };

/** Vendor owning the most specific suffix of `host`, walking labels from most to least specific. */
function walkOwner(index: VendorIndex, host: string): Owner | null {
  let v = index.hosts.get(host);
  if (v !== undefined) return { vendor: v, suffix: host, tenant: false };
  for (let dot = host.indexOf('.'); dot !== -1;) {
    const next = host.indexOf('.', dot + 1);
    // A top-level label alone ("com") is looked up only when some record holds one.
    if (next === -1 && !index.singleLabelHosts) break;
    const suffix = host.slice(dot + 1);
    v = index.hosts.get(suffix);
    if (v !== undefined)
      return { vendor: v, suffix, tenant: customerName(host, suffix, index.categories[v]!) };
    dot = next;
  }
  return null;
}

/**
 * Whether `host` is a customer's own name under the vendor's `suffix`: a private public suffix (the Public Suffix
 * List's private section) is the suffix itself (`d123.cloudfront.net`) or sits between them
 * (`acme.global.ssl.fastly.net` under `fastly.net`, `acct.blob.core.windows.net` under `windows.net`). One memoised
 * answer per suffix, shared by all the hosts under it. The suffixes between are asked only of a vendor whose
 * category needs no consent (a CDN, a cloud): a tracker's name on a customer's host needs consent either way.
 */
function customerName(host: string, suffix: string, category: CategoryOrUnknown): boolean {
  // A record already of unknown purpose (AWS customer resources, GitHub Pages sites) is about the customers.
  if (category === 'unknown') return false;
  if (isPlatformSuffix(suffix)) return true;
  if (needsConsent(category)) return false;
  for (
    let i = host.lastIndexOf('.', host.length - suffix.length - 2);
    i !== -1;
    i = host.lastIndexOf('.', i - 1)
  )
    if (isPlatformSuffix(host.slice(i + 1))) return true;
  return false;
}

/**
 * The CDN customer namespace a third-party host no vendor owns is under (`acme.vo.llnwd.net`), with its
 * operator. Namespaces are two-label domains (compile checks it): one slice and one lookup per unknown host.
 */
function namespaceOf(index: VendorIndex, host: string): { domain: string; operator: string } | null {
  if (index.namespaces.size === 0) return null;
  const last = host.lastIndexOf('.');
  const dot = last > 0 ? host.lastIndexOf('.', last - 1) : -1;
  if (dot === -1) return null;
  const domain = host.slice(dot + 1);
  const operator = index.namespaces.get(domain);
  return operator === undefined ? null : { domain, operator };
}

/** Why a platform customer's host or cookie domain is not the platform's. */
function tenantNote(index: VendorIndex, hit: Owner, host: string): string {
  return `${host} is a name under ${hit.suffix}, a public suffix whose names belong to different owners (${hit.suffix} itself is ${index.names[hit.vendor]}'s), so whose it is, and what it does, is not known`;
}

// Cookie domains repeat within a page: one lookup instead of a label walk (per index, bounded). Request hosts
// vary too much for a memo to pay: classifyRequest walks.
const OWNER_CACHE_MAX = 4096;
let ownersOf: VendorIndex | null = null;
let owners: (host: string) => Owner | null = () => null;

/** walkOwner for a cookie domain, memoised. */
function cookieDomainOwner(index: VendorIndex, host: string): Owner | null {
  if (index !== ownersOf) {
    ownersOf = index;
    owners = boundedMemo(OWNER_CACHE_MAX, (h: string) => walkOwner(index, h));
  }
  return owners(host);
}

// Cookie domains repeat (".site.example" on every cookie of a page): normalise each raw value once (bounded).
// The cached string is then the same object on every call, so the owner and site lookups below hash it once.
const DOMAIN_CACHE_MAX = 4096;
const cookieDomainOf = boundedMemo(DOMAIN_CACHE_MAX, normalizeHost);

const FIRST_PARTY = { thirdParty: false, note: '' };
const THIRD_PARTY = { thirdParty: true, note: '' };

function partyOf(host: string, pageUrl: string | undefined): { thirdParty: boolean; note: string } {
  if (typeof pageUrl !== 'string' || pageUrl === '') return FIRST_PARTY;
  const pageSite = pageSiteOf(pageUrl);
  if (pageSite === null) {
    return { thirdParty: false, note: `; page URL ${echo(pageUrl)} is malformed, party not computed` };
  }
  // Same site exactly when the host is the page's registrable domain or under it: no PSL lookup per request.
  return underSite(host, pageSite) ? FIRST_PARTY : THIRD_PARTY;
}

/** The answer naming vendor number n; `category` overrides the vendor's (a cookie's own category). */
function vendorAnswer(
  index: VendorIndex,
  n: number,
  thirdParty: boolean,
  reason: string,
  category?: CategoryOrUnknown | null,
): Classification {
  const cat = category ?? index.categories[n] ?? 'unknown';
  return {
    vendor: index.ids[n]!,
    vendorName: index.names[n]!,
    company: index.companies[n] ?? null,
    category: cat,
    thirdParty,
    // A known vendor whose purpose no source names is shown for review, never as exempt.
    reason:
      cat === 'unknown' ? `${reason}; unknown: needs review (no source settles its consent purpose)` : reason,
  };
}

/** Path and query of an absolute URL (bounds from `pathBounds`); query excludes "?" and "#…". */
function pathAndQuery(url: string, { start, end } = pathBounds(url)): { path: string; query: string } {
  const path = end > start ? url.slice(start, end) : '/';
  if (url.charCodeAt(end) !== 63) return { path, query: '' };
  const hash = url.indexOf('#', end + 1);
  return { path, query: url.slice(end + 1, hash === -1 ? undefined : hash) };
}

/** The first path rule (most specific path first) on `host` or its owned suffix that fits the URL. */
function pathRuleFor(index: VendorIndex, host: string, suffix: string, url: string) {
  const rules = index.pathRules.get(host) ?? (suffix !== host ? index.pathRules.get(suffix) : undefined);
  if (rules === undefined) return null;
  const { path, query } = pathAndQuery(url);
  let plain: string | undefined;
  for (const r of rules) {
    if (
      path.startsWith(r.path) &&
      (r.pathEnd === null || (path.endsWith(r.pathEnd) && path.length >= r.path.length + r.pathEnd.length)) &&
      (r.query === null || r.query.test(query) || r.query.test((plain ??= unescapeUnreserved(query))))
    )
      return { rule: r, path };
  }
  return null;
}

/** A percent-escape of a letter, digit, "-", ".", "_" or "~" (RFC 3986 §2.3: the same URI as the character). */
const UNRESERVED_ESCAPE = /%(?:[46][1-9A-Fa-f]|[57][0-9Aa]|3[0-9]|2[DdEe]|5[Ff]|7[Ee])/g;

/**
 * The query with its escaped unreserved characters written plainly: a server reads `id=G%2DABC123` as
 * `id=G-ABC123`, so a rule reading an id must too. Escapes that would change the query's structure (`%26`, `%3D`)
 * stay: the server reads those as part of a value.
 */
function unescapeUnreserved(query: string): string {
  if (!query.includes('%')) return query;
  return query.replace(UNRESERVED_ESCAPE, (e) => String.fromCharCode(parseInt(e.slice(1), 16)));
}

/** Where the path starts and ends in an absolute URL (end excludes "?…" and "#…"), cut by hand: no URL object per request. */
function pathBounds(url: string): { start: number; end: number } {
  const sep = url.indexOf('://');
  let start = sep === -1 ? 0 : sep + 3;
  while (start < url.length) {
    const c = url.charCodeAt(start);
    if (c === 47 || c === 63 || c === 35) break; // / ? #
    start++;
  }
  let end = start;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === 63 || c === 35) break;
    end++;
  }
  return { start, end };
}

const NO_SIGNATURES: readonly Signature[] = [];

/**
 * The signature's literal is in the URL after its path (the query): a substring search, no slicing. A query with
 * an escaped unreserved character may hold it escaped (`tid=G%2D…`): queryFits then reads it unescaped.
 */
function hasNeedle(s: Signature, url: string, end: number): boolean {
  return s.queryHas === null || url.includes(s.queryHas, end) || hidesUnreserved(url, end);
}

/** One escaped unreserved character, searched from a set position (sticky-free: `lastIndex` then `test`). */
const UNRESERVED_ESCAPE_AT = new RegExp(UNRESERVED_ESCAPE.source, 'g');

/**
 * Whether the URL's query escapes an unreserved character: rare in honest URLs (their escapes are of "/", ":",
 * "&", spaces), so a literal hidden by escapes costs one scan, and only for URLs with a "%" after the path.
 */
function hidesUnreserved(url: string, end: number): boolean {
  const at = url.indexOf('%', end);
  if (at === -1) return false;
  UNRESERVED_ESCAPE_AT.lastIndex = at;
  return UNRESERVED_ESCAPE_AT.test(url);
}

/** The signature's literal and pattern fit the query, read as is or with its unreserved escapes written plainly. */
function queryFits(s: Signature, query: string): boolean {
  if (fitsAsIs(s, query)) return true;
  const plain = unescapeUnreserved(query);
  return plain !== query && fitsAsIs(s, plain);
}

/** The signature's literal and pattern are in this query text. */
function fitsAsIs(s: Signature, query: string): boolean {
  return (s.queryHas === null || query.includes(s.queryHas)) && (s.query === null || s.query.test(query));
}

/**
 * The protocol signature the URL's path and query fit, if any. Runs for every request to a host no tracking
 * vendor owns, so it slices nothing until a path length or prefix can match.
 */
function signatureFor(index: VendorIndex, url: string) {
  if (
    index.signatureByPath.size === 0 &&
    index.signaturePrefixes.length === 0 &&
    index.signatureSuffixes.size === 0
  )
    return null;
  const { start, end } = pathBounds(url);
  if (index.signatureLengths.has(end - start)) {
    const exact = index.signatureByPath.get(url.slice(start, end));
    if (exact !== undefined) {
      const { path, query } = pathAndQuery(url, { start, end });
      for (const s of exact) if (hasNeedle(s, url, end) && queryFits(s, query)) return { sig: s, path };
    }
  }
  const prefixes = index.signaturePrefixesAt.get(url.charCodeAt(start + 1)) ?? index.signaturePrefixesShort;
  for (const s of prefixes) {
    if (
      end - start >= s.path.length + (s.pathEnd?.length ?? 0) &&
      url.startsWith(s.path, start) &&
      (s.pathEnd === null || url.startsWith(s.pathEnd, end - s.pathEnd.length)) &&
      hasNeedle(s, url, end)
    ) {
      const { path, query } = pathAndQuery(url, { start, end });
      if (queryFits(s, query)) return { sig: s, path };
    }
  }
  // A suffix starts with "/", so it matches whole segments: /metrics/g/collect, never /xg/collect.
  const suffixes = end - start >= 2 ? index.signatureSuffixes.get(suffixKey(url, end)) : undefined;
  for (const s of suffixes ?? NO_SIGNATURES) {
    if (
      end - start >= s.path.length &&
      url.startsWith(s.path, end - s.path.length) &&
      hasNeedle(s, url, end)
    ) {
      const { path, query } = pathAndQuery(url, { start, end });
      if (queryFits(s, query)) return { sig: s, path };
    }
  }
  return null;
}

/** Explains a signature hit: where the request went, and why no hostname list would have caught it. */
function signatureReason(
  index: VendorIndex,
  { label, vendor, selfHosted }: Signature,
  host: string,
  path: string,
  thirdParty: boolean,
  pageKnown: boolean,
  owner: number | null,
): string {
  const who = index.names[vendor];
  const shown = echo(path.length > 40 ? `${path.slice(0, 40)}…` : path);
  if (owner !== null) {
    return `${label} on a host of ${index.names[owner]} (${host}, path ${shown}): ${who} requests relayed through that service`;
  }
  if (pageKnown && !thirdParty) {
    return selfHosted
      ? `${label} on a first-party host (${host}, path ${shown}): ${who}'s software, run by the site itself or proxied through its domain`
      : `${label} on a first-party host (${host}, path ${shown}): ${who} proxied through the site's own domain (server-side tagging or CNAME cloaking)`;
  }
  return selfHosted
    ? `${label} on host ${host}, which no vendor list names (path ${shown}): ${who}'s software, self-hosted or through a proxy`
    : `${label} on host ${host}, which no vendor list names (path ${shown}): ${who} through a proxy or custom domain`;
}

/**
 * Classifies a request URL. In order: a path rule on the host (shared hosts such as www.google.com, whose paths
 * belong to different products), the vendor owning the most specific suffix of the hostname, and, when no
 * tracking vendor owns the host, the vendors' protocol signatures (request shapes recognised on any host).
 * First/third party is judged by registrable domain against `pageUrl` (false without one). Never throws:
 * malformed input answers category 'unknown' with the reason.
 */
export function classifyRequest(index: VendorIndex, url: string, pageUrl?: string): Classification {
  const host = hostOf(url);
  if (host === null) return unknown(false, `malformed URL ${echo(url)}`);
  const { thirdParty, note } = partyOf(host, pageUrl);
  const hit = walkOwner(index, host);
  if (hit !== null) {
    const n = hit.vendor;
    const ruled = pathRuleFor(index, host, hit.suffix, url);
    if (ruled !== null) {
      const { rule, path } = ruled;
      const shown = echo(path.length > 60 ? `${path.slice(0, 60)}…` : path);
      const reason = `host ${host} path ${shown} is the ${rule.endpoint} of ${index.names[rule.vendor]} (the host alone belongs to ${index.names[n]})${note}`;
      return { ...vendorAnswer(index, rule.vendor, thirdParty, reason, rule.category), rule: rule.id };
    }
    const category = index.categories[n]!;
    // A tracking vendor's own host is already attributed; hosting, CDN and tag-manager hosts may relay a tracker.
    if (hit.tenant || !needsConsent(category)) {
      const found = signatureFor(index, url);
      if (found !== null && found.sig.vendor !== n) {
        const { sig, path } = found;
        const reason = signatureReason(index, sig, host, path, thirdParty, !!pageUrl, n);
        return {
          ...vendorAnswer(index, sig.vendor, thirdParty, reason + note, sig.category),
          signature: sig.id,
        };
      }
    }
    // Never the platform's record (its purpose, its company's GDPR details): the customer is unknown.
    if (hit.tenant) return unknown(thirdParty, `host ${tenantNote(index, hit, host)}: needs review${note}`);
    if (category === 'functional' || category === 'necessary') {
      const word = collectionWord(host);
      if (word !== null) {
        const reason = `host ${host} matches ${hit.suffix} (${index.names[n]}, filed ${category}), but its name says "${word}": a data-collection or ad endpoint by its look, which no source describes${note}`;
        return vendorAnswer(index, n, thirdParty, reason, 'unknown');
      }
    }
    return vendorAnswer(
      index,
      n,
      thirdParty,
      `host ${host} matches ${hit.suffix} (${index.names[n]})${note}`,
    );
  }
  for (const [suffix, v] of index.labelSuffixes) {
    // "x-id5-sync.com": one label ending shared by many of the vendor's registrable domains.
    if (host.endsWith(suffix) && host.length > suffix.length) {
      return vendorAnswer(
        index,
        v,
        thirdParty,
        `host ${host} ends with ${suffix} (${index.names[v]})${note}`,
      );
    }
  }
  const found = signatureFor(index, url);
  if (found !== null) {
    const { sig, path } = found;
    const pageKnown = typeof pageUrl === 'string' && pageUrl !== '' && note === '';
    const reason = signatureReason(index, sig, host, path, thirdParty, pageKnown, null);
    return { ...vendorAnswer(index, sig.vendor, thirdParty, reason + note, sig.category), signature: sig.id };
  }
  // The site's own hosts are never a CDN customer's zone of another party: no lookup for them.
  const ns = thirdParty ? namespaceOf(index, host) : null;
  if (ns !== null) {
    const reason = `host ${host} is a name under ${ns.domain}, where ${ns.operator} gives its customers their hostnames: whose it is, and what it does, is not known: needs review`;
    return unknown(thirdParty, reason + note);
  }
  return unknown(thirdParty, `host ${host} matches no known vendor${note}`);
}

export interface CookieInput {
  name: string;
  /** Cookie domain as the browser reports it (leading dot allowed); '' when unknown. */
  domain: string;
  pageUrl?: string;
  /** Expiry in ms since the epoch; null/undefined = session or unknown. */
  expiresAt?: number | null;
  /** Lifetime in seconds, when the caller already has it (takes precedence over expiresAt). */
  lifetimeSeconds?: number | null;
  value?: string;
  httpOnly?: boolean;
  /** Clock for expiresAt → lifetime (ms since epoch); defaults to Date.now(). */
  now?: number;
  /** Where the name was seen: a cookie (the default) or a key of the page's web storage, classified alike. */
  store?: NameStore;
}

/** A cookie, or a key of the page's localStorage, sessionStorage or IndexedDB (a database name). */
export type NameStore = 'cookie' | 'localStorage' | 'sessionStorage' | 'indexedDB';

/**
 * The consent manager whose record of the visitor's choice a cookie or storage key is, or null: by its name, or for
 * a cookie the site names itself, by its value's format (a manager's long base64 record otherwise reads as a
 * "random-looking" identifier: likely analytics).
 */
function consentToolFor(name: string, store: NameStore | undefined, value?: string): string | null {
  if (store === undefined || store === 'cookie')
    return consentToolForCookie(name) ?? consentToolForCookieValue(value);
  // The managers keep their records in localStorage or sessionStorage; no registry entry names a database.
  return store === 'indexedDB' ? null : consentToolForStorageKey(name);
}

function probe(index: VendorIndex, name: string, groups: readonly number[]) {
  for (const g of groups) {
    const len = index.prefixLengths[g]!;
    if (len > name.length) continue;
    const prefix = name.slice(0, len);
    const entries = index.prefixMaps[g]!.get(prefix);
    if (entries !== undefined) return { entries, prefix };
  }
  return null;
}

const NO_GROUPS: number[] = [];

/** A plain lowercase word and a hyphen (`data-`): sites name their own cookies so, far from the vendor's domain. */
const WORD_PREFIX = /^[a-z]+-$/;

/**
 * Whether a listed cookie-name prefix names its vendor by itself: four or more characters, or at least two
 * letters or digits ending in a separator (`mp_`, `sb-`). `_s`, `_lv`, `CT` or `cap` start too many unrelated
 * names (a site's `_session_id`, `_utm_test`, `captcha`) to attribute a cookie to a vendor.
 */
export function distinctivePrefix(prefix: string): boolean {
  if (prefix.length >= 4) return true;
  return /[_.:-]$/.test(prefix) && codeLength(prefix) >= 2;
}

/** How many letters and digits a prefix has ("_ga_": 2). */
function codeLength(prefix: string): number {
  return prefix.replace(/[^a-z0-9]/gi, '').length;
}

/** Lower-case words after a prefix of two letters or digits: "lang" of "lc_lang", not an ID ("mf_9f2c…", "_ga_G1X2"). */
const LOWER_WORDS = /^[a-z]{2,}(?:[_.-][a-z]{2,})*$/;
function wordsAfterShortPrefix(prefix: string, name: string): boolean {
  return codeLength(prefix) <= 2 && LOWER_WORDS.test(name.slice(prefix.length));
}

/** Name claims for a cookie: exact first, then prefixes longest first (only groups sharing the first 2 chars). */
function claimsFor(
  index: VendorIndex,
  name: string,
): { entries: CookieEntry[]; prefix: string | null } | null {
  const exact = index.cookies.get(name);
  if (exact !== undefined) return { entries: exact, prefix: null };
  if (name.length >= 2) {
    const groups = index.prefixStarts.get((name.charCodeAt(0) << 16) | name.charCodeAt(1)) ?? NO_GROUPS;
    const hit = probe(index, name, groups);
    if (hit !== null) return hit;
  }
  return index.shortPrefixGroups.length > 0 ? probe(index, name, index.shortPrefixGroups) : null;
}

function domainMatches(a: string, b: string): boolean {
  return (
    a === b ||
    (a.endsWith(b) && a.charCodeAt(a.length - b.length - 1) === 46) ||
    (b.endsWith(a) && b.charCodeAt(b.length - a.length - 1) === 46)
  );
}

/**
 * Drops claims that cannot apply: a third-party cookie the record places on a named domain lives only there.
 * First-party claims keep any domain (sources often name the vendor's site, not where the cookie lives).
 * Returns null when no claim is left; allocates only when something is dropped.
 */
function bindable(entries: CookieEntry[], domain: string | null): CookieEntry[] | null {
  if (domain === null) return entries;
  let kept: CookieEntry[] | null = null;
  // Loops, not closures: this runs for every cookie (and tsx wraps each closure it creates).
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const fits = e[3] === 1 || e[1] === null || domainMatches(domain, e[1]);
    if (fits && kept !== null) kept.push(e);
    else if (!fits && kept === null) kept = entries.slice(0, i);
  }
  if (kept === null) return entries;
  return kept.length > 0 ? kept : null;
}

/** Picks among several vendors' claims on one name by the cookie's domain; `why` explains the choice. */
function pick(
  index: VendorIndex,
  entries: CookieEntry[],
  domain: string | null,
): { entry: CookieEntry; why: string; undecided?: true } {
  const first = entries[0]!;
  if (entries.length === 1 && (domain === null || first[1] === null || domainMatches(domain, first[1]))) {
    return { entry: first, why: '' };
  }
  if (domain !== null) {
    for (const e of entries) {
      if (e[1] !== null && domainMatches(domain, e[1]))
        return { entry: e, why: `; the record names its domain ${e[1]}` };
    }
    const owner = cookieDomainOwner(index, domain)?.vendor;
    for (const e of entries) {
      if (e[0] === owner) return { entry: e, why: `; ${domain} belongs to ${index.names[e[0]]}` };
    }
  }
  let others = 0;
  for (const e of entries) if (e[0] !== first[0]) others++;
  if (others === 0) return { entry: first, why: '' };
  return {
    entry: first,
    why: `; name also listed for other vendor(s), domain does not decide`,
    undecided: true,
  };
}

/** The vendors other than `n` among a name's claims, each once, in the database's order. */
function claimantsBesides(index: VendorIndex, entries: CookieEntry[], n: number): CookieClaimant[] {
  const out: CookieClaimant[] = [];
  for (const e of entries) {
    const id = index.ids[e[0]]!;
    if (e[0] === n || out.some((c) => c.vendor === id)) continue;
    out.push(claimant(index, e[0], e[2] ?? index.categories[e[0]] ?? 'unknown'));
  }
  return out;
}

/** Vendor `n` as a claimant of a cookie, with the purpose its claim gives the cookie. */
function claimant(index: VendorIndex, n: number, category: CategoryOrUnknown): CookieClaimant {
  return {
    vendor: index.ids[n]!,
    vendorName: index.names[n]!,
    company: index.companies[n] ?? null,
    category,
  };
}

/**
 * For a third-party cookie bound to an exempt claim by its name alone (not on the vendor's own domain): how the
 * source lists its life and how long this one lives, when it lives for days past that (a session cookie's name
 * on a multi-day persistent cookie, PHPSESSID or __cf_bm for two years), else null. A first-party one is the
 * site's own configuration (a long PHP session) and is never asked.
 */
function outlivesListing(
  entry: CookieEntry,
  input: CookieInput,
  domain: string | null,
  domainOwner: Owner | null,
): { listed: string; life: string } | null {
  const listed = entry[4];
  if (listed === undefined || domain === null) return null;
  const life = lifetimeOf(input);
  if (typeof life !== 'number' || life < 2 * DAY || life <= listed + DAY) return null;
  if ((entry[1] !== null && domainMatches(domain, entry[1])) || domainOwner?.vendor === entry[0]) return null;
  const days = (s: number) => (s < DAY ? 'under a day' : `${Math.round(s / DAY)} days`);
  return { listed: listed === 0 ? 'a session cookie' : `living ${days(listed)}`, life: days(life) };
}

/** The name of a consent-needing vendor among the claims, if any (drives the no-exempt-guess rule). */
function listedTracker(index: VendorIndex, entries: CookieEntry[] | undefined): string | undefined {
  for (const e of entries ?? []) {
    if (needsConsent(e[2] ?? index.categories[e[0]] ?? 'unknown'))
      return e[1] === null ? index.names[e[0]] : `${index.names[e[0]]} on ${e[1]}`;
  }
  return undefined;
}

function lifetimeOf(input: CookieInput): number | null | undefined {
  if (input.lifetimeSeconds !== undefined) return input.lifetimeSeconds;
  if (input.expiresAt === null) return null;
  if (typeof input.expiresAt !== 'number' || !Number.isFinite(input.expiresAt)) return undefined;
  return Math.max(0, Math.round((input.expiresAt - (input.now ?? Date.now())) / 1000));
}

/** The explainable guess for a cookie no vendor record is taken to name (cookie-heuristics.ts). */
function guessUnlisted(
  index: VendorIndex,
  input: CookieInput,
  thirdParty: boolean,
  listedFor: string | undefined,
  family?: FamilyHint | null,
): ReturnType<typeof guessCookiePurpose> {
  const brand = brandInName(index, input.name);
  return guessCookiePurpose({
    name: input.name,
    lifetimeSeconds: lifetimeOf(input),
    thirdParty,
    value: input.value,
    httpOnly: input.httpOnly,
    listedFor,
    brand: family ? (brand ? `${brand}; ${family.clause}` : family.clause) : brand,
  });
}

/**
 * Classifies a cookie (or a web-storage key, `store`): exact name, then name prefixes (longest first),
 * disambiguated by the cookie's domain; a third-party cookie on a vendor's own domain goes to that vendor; anything
 * else gets an explainable guess from cookie-heuristics (vendor null). Never throws.
 *
 * A cookie or storage key a consent manager keeps its record of the visitor's choice in (lib/consent/tools.ts, each
 * from the manager's own code or documentation) is consent management, whatever a cookie list files it under: the
 * Open Cookie Database's "analytics" for Funding Choices' FCCDCF made Google's own consent record an analytics
 * cookie, set after a refusal by the refusal itself. A record no list attributes is named after its manager
 * (`cmp:<tool>`); one a list attributes keeps that vendor.
 */
export function classifyCookie(index: VendorIndex, input: CookieInput): Classification {
  const answer = classifyCookieByDatabase(index, input);
  // A named vendor's or a specification's cookie (the TCF string, written by any CMP) needs no manager named.
  const settled =
    answer.category === 'consent' && (answer.vendor !== null || STANDARD_CONSENT_COOKIES.has(input.name));
  const named = settled ? null : consentToolFor(input?.name, input?.store, input?.value);
  const tool = named !== null && consentManagersPlace(index, input, answer) ? named : null;
  const filed = tool === null ? answer : asConsentRecord(input, answer, tool);
  if (needsConsent(filed.category) || filed.category === 'unknown') return filed;
  // Exempt: a value in a tracker's ID format (a few character tests rule out most) overrides a name's exemption.
  const format = idFormatOf(input.name, input.value);
  return format !== null && nameExempted(index, filed, tool !== null)
    ? trackerIdByValue(index, input, filed, format)
    : filed;
}

/** The answer for a consent manager's own record: consent management, named after the manager when no list names it. */
function asConsentRecord(input: CookieInput, answer: Classification, tool: string): Classification {
  const { nameOnly: _guess, ...rest } = answer;
  const name = toolDisplayName(tool);
  const record = `where ${name} keeps the visitor's consent choice (the consent manager's own record), so consent management`;
  if (answer.vendor !== null)
    return { ...rest, category: 'consent', reason: `${answer.reason}; it is ${record}` };
  const what = input.store && input.store !== 'cookie' ? `${input.store} key` : 'cookie';
  return {
    ...rest,
    vendor: `cmp:${tool}`,
    vendorName: name,
    category: 'consent',
    reason: `${what} ${echo(input.name)} is ${record} (${answer.thirdParty ? 'third' : 'first'}-party; consent manager registry)`,
  };
}

/**
 * Whether a consent manager's record can be where this cookie is: on the visited site (a first-party cookie, or
 * web storage), or on a consent manager's own domain. A manager's script writes its record on the site, so a
 * third-party cookie under its name on a tracking vendor's domain came from that vendor's servers.
 */
function consentManagersPlace(index: VendorIndex, input: CookieInput, answer: Classification): boolean {
  if (!answer.thirdParty || (input.store !== undefined && input.store !== 'cookie')) return true;
  const domain = typeof input.domain === 'string' ? cookieDomainOf(input.domain) : null;
  const owner = domain === null ? null : cookieDomainOwner(index, domain);
  return owner !== null && !owner.tenant && index.categories[owner.vendor] === 'consent';
}

/**
 * Whether the answer exempts the cookie on its name alone: a name guess, a consent manager's name, or a consent
 * manager's (or a specification's) listed name. A value in a tracker's ID format overrides such an answer.
 */
function nameExempted(index: VendorIndex, answer: Classification, byRegistry: boolean): boolean {
  if (byRegistry || answer.vendor === null) return true;
  const n = index.byId.get(answer.vendor);
  return n !== undefined && index.categories[n] === 'consent';
}

/**
 * The cookie as the tracker's whose documented ID format its value has (id-values.ts), with the category the
 * database gives that tracker's own cookie of the format; the answer unchanged when the database lacks it.
 */
function trackerIdByValue(
  index: VendorIndex,
  input: CookieInput,
  answer: Classification,
  format: IdFormat,
): Classification {
  const entry = claimsFor(index, format.cookie)?.entries[0];
  if (entry === undefined) return answer;
  const n = entry[0];
  const what = input.store && input.store !== 'cookie' ? `${input.store} key` : 'cookie';
  const reason = `${what} ${echo(input.name)} holds a value in ${format.format}, so it is ${index.names[n]}'s identifier whatever its name (source: ${format.source}); the name alone said: ${answer.reason}`;
  return vendorAnswer(index, n, answer.thirdParty, reason, entry[2]);
}

/**
 * The name a list holds for a cookie whose stored name matches nothing, with what was undone to reach it, or null:
 * its script percent-encoded it (js-cookie writes Crisp's "crisp-client/session/…" as "crisp-client%2Fsession%2F…"),
 * or the site put `__Host-` / `__Secure-` before it (`__Secure-next-auth.session-token`). Names with neither cost
 * one `includes` and one character test.
 */
function alternateClaim(index: VendorIndex, name: string): { name: string; how: string } | null {
  // safeDecode gives the name back when it holds no valid escape.
  const decoded = name.includes('%') ? safeDecode(name) : name;
  const prefixed = name.charCodeAt(0) === 95 && SECURE_NAME_PREFIX.test(name);
  if ((decoded === name && !prefixed) || claimsFor(index, name) !== null) return null;
  const tries: { name: string; how: string }[] = [];
  const encoded = `the browser holds the name percent-encoded, as ${echo(name)}`;
  if (decoded !== name) tries.push({ name: decoded, how: encoded });
  for (const n of decoded === name ? [name] : [name, decoded]) {
    const m = SECURE_NAME_PREFIX.exec(n);
    if (m === null) continue;
    const held = n === name ? `the browser holds the name as ${echo(name)}` : encoded;
    tries.push({
      name: n.slice(m[0].length),
      how: `${held}, after ${m[0]}, a prefix that only asks for HTTPS`,
    });
  }
  return tries.find((t) => t.name !== '' && claimsFor(index, t.name) !== null) ?? null;
}

/** What the vendor database and the name heuristics say of a cookie (classifyCookie without the consent registry). */
function classifyCookieByDatabase(index: VendorIndex, input: CookieInput): Classification {
  if (typeof input?.name !== 'string') return unknown(false, `malformed cookie name ${echo(input?.name)}`);
  const alternate = alternateClaim(index, input.name);
  if (alternate !== null) {
    const answer = classifyCookieByDatabase(index, { ...input, name: alternate.name });
    return { ...answer, reason: `${answer.reason}; ${alternate.how}` };
  }
  const { name } = input;
  const domain = typeof input.domain === 'string' ? cookieDomainOf(input.domain) : null;
  const { thirdParty, note } =
    domain === null ? { thirdParty: false, note: '' } : partyOf(domain, input.pageUrl);
  const standard = STANDARD_CONSENT_COOKIES.get(name);
  if (standard !== undefined) {
    if (!standardValueFits(name, input.value)) {
      const reason = `unknown: needs review; cookie ${name} is the name the ${standard} specification gives its string, but its value ${echo(input.value)} is not one: whose it is, and what it holds, is not known${note}`;
      return unknown(thirdParty, reason);
    }
    const reason = `cookie ${name} is defined by the ${standard} specification and written by the site's consent tool${note}`;
    return { vendor: null, vendorName: null, company: null, category: 'consent', thirdParty, reason };
  }
  const claimed = claimsFor(index, name);
  // A short prefix ("_s", "CT", "cap") names no vendor by itself: many unrelated cookies start with it.
  const weak = claimed !== null && claimed.prefix !== null && !distinctivePrefix(claimed.prefix);
  // An everyday-word prefix with nothing after it ("visitor_id", Pardot's visitor_id<account>) is the site's word.
  const bare = claimed?.prefix === name && index.genericNames.has(name);
  const found = weak || bare ? null : claimed;
  let entries = found === null ? null : bindable(found.entries, domain);
  let boundNote = '';
  // Listed only as the vendor's cookie on its own domain, but set on the visited site itself: vendors' scripts
  // write many such cookies first-party (sources often name the vendor's domain). Distinctive names only:
  // a short name ("token", "c"), a word prefix ("data-") or everyday words ("sessionid", "locale",
  // "connect.sid") are more likely the site's own.
  const generic = found !== null && entries === null && index.genericNames.has(found.prefix ?? name);
  if (found !== null && entries === null && !thirdParty && note === '' && domain !== null && !generic) {
    const pageKnown = typeof input.pageUrl === 'string' && input.pageUrl !== '';
    if (pageKnown && (found.prefix !== null ? !WORD_PREFIX.test(found.prefix) : name.length >= 6)) {
      entries = found.entries;
      const first = found.entries[0]!;
      boundNote = `; the source lists it on ${first[1]}, here it is set first-party on the site (written by the vendor's script)`;
    }
  }
  const listedFor = found !== null && entries === null ? listedTracker(index, found.entries) : undefined;
  const everyday = generic
    ? ' (everyday words: the name alone does not name the vendor on another site)'
    : '';
  // Listed only as another site's third-party cookie: the name alone says nothing here.
  const unbound =
    found !== null && entries === null
      ? listedFor !== undefined
        ? everyday
        : `; the name is listed only for ${index.names[found.entries[0]![0]]} on ${found.entries[0]![1]}${everyday}`
      : weak
        ? `; it starts with ${claimed.prefix}, a prefix listed for ${index.names[claimed.entries[0]![0]]}, too short to name a vendor`
        : bare
          ? `; ${index.names[claimed.entries[0]![0]]}'s cookies start with ${name} and add to it, and ${name} alone is everyday words`
          : '';
  if (found !== null && entries !== null) {
    const claims = { entries, prefix: found.prefix };
    const { entry, why, undecided } = pick(index, claims.entries, domain);
    let n = entry[0];
    // The domain's owner costs a label walk: only looked up when it can change the answer.
    const domainOwner = thirdParty && domain !== null ? cookieDomainOwner(index, domain) : null;
    // A platform customer's domain is the customer's: the platform's servers did not set the cookie.
    const owner = domainOwner !== null && !domainOwner.tenant ? domainOwner.vendor : null;
    // Only the owner's servers can set a third-party cookie on its domain: that beats an unsupported name claim.
    if (owner !== null && owner !== n) {
      const listed = `the name is listed for ${index.names[n]}`;
      n = owner;
      const reason = `cookie ${echo(name)} is set on ${domain}, which belongs to ${index.names[n]} (${listed})${note}`;
      return vendorAnswer(index, n, thirdParty, reason);
    }
    const outlived = thirdParty ? outlivesListing(entry, input, domain, domainOwner) : null;
    if (outlived !== null) {
      const reason = `unknown: needs review; cookie ${echo(name)} is listed for ${index.names[n]} as ${outlived.listed}, but this one is set by a third party (${domain}) for ${outlived.life}: a persistent cookie under that name, not the platform's${note}`;
      return unknown(thirdParty, reason);
    }
    const what = claims.prefix === null ? `is a known cookie of` : `matches prefix ${claims.prefix}* of`;
    const answer = vendorAnswer(
      index,
      n,
      thirdParty,
      `cookie ${echo(name)} ${what} ${index.names[n]}${why}${boundNote}${note}`,
      entry[2],
    );
    // Which of them wrote it is for the page's other evidence to tell (lib/evidence/derive.ts).
    if (undecided) answer.alternatives = claimantsBesides(index, claims.entries, n);
    // A tracker's prefix before words of a choice ("_gat_optout"): no list names it, and it may be the record of
    // a refusal, which as the tracker's own cookie would read as tracking after the refusal.
    const rest = claims.prefix === null ? null : CHOICE_NAME.exec(name.slice(claims.prefix.length));
    if (rest !== null && needsConsent(answer.category)) {
      answer.category = 'unknown';
      answer.reason += `; but the rest of its name says "${rest[0]}": possibly the record of the visitor's choice rather than tracking by ${index.names[n]}, which no source settles: needs review`;
      return answer;
    }
    // One everyday word, or words after a two-letter prefix ("lc_lang" of LiveChat's "lc_"), bound by the name
    // alone: the site's own cookie unless the vendor shows up on the page.
    const hedge = index.singleWordNames.has(claims.prefix ?? name)
      ? `the name, one everyday word, is listed for ${index.names[n]}`
      : claims.prefix !== null && wordsAfterShortPrefix(claims.prefix, name)
        ? `the name is words after ${claims.prefix}, a two-letter prefix listed for ${index.names[n]}`
        : null;
    if (
      hedge !== null &&
      (domain === null || entry[1] === null || !domainMatches(domain, entry[1])) &&
      (domain === null || cookieDomainOwner(index, domain)?.vendor !== n)
    ) {
      const guess = guessUnlisted(
        index,
        input,
        thirdParty,
        needsConsent(answer.category) ? index.names[n] : undefined,
      );
      answer.nameOnly = { category: guess.category, reason: `${guess.reason}${note}; ${hedge}` };
    }
    return answer;
  }
  const owned = domain === null ? null : cookieDomainOwner(index, domain);
  if (owned !== null && owned.tenant) {
    const guess = guessUnlisted(index, input, thirdParty, listedFor);
    const reason = `${guess.reason}; its domain ${tenantNote(index, owned, domain!)}${unbound}${note}`;
    return { vendor: null, vendorName: null, company: null, category: guess.category, thirdParty, reason };
  }
  if (owned !== null) {
    const reason = `cookie ${echo(name)} is not in the database; its domain ${domain} matches ${owned.suffix} (${index.names[owned.vendor]})${unbound}${note}`;
    return vendorAnswer(index, owned.vendor, thirdParty, reason);
  }
  // No record names it: a tracking vendor's name family still rules out an exempt guess (cookie-families.ts).
  const family = found === null ? familyHint(index, name) : null;
  const guess = guessUnlisted(index, input, thirdParty, listedFor, family);
  const answer: Classification = {
    vendor: null,
    vendorName: null,
    company: null,
    category: guess.category,
    thirdParty,
    reason: guess.reason + unbound + note,
  };
  // Whose family it is, for the derivation: that vendor's when its requests were seen on the page.
  if (family !== null && !thirdParty) answer.family = claimant(index, family.vendor, family.category);
  return answer;
}
