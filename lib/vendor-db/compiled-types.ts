import type { Category, CategoryOrUnknown } from '../category';
import type { VendorRecord } from './types';

/** Identifies the index file; bump INDEX_VERSION whenever the layout below changes. */
export const INDEX_FORMAT = 'cookie-inspector/vendor-index';
export const INDEX_VERSION = 8;
/**
 * Bump when the matcher files the same data differently (match.ts): it is part of the database's hash, so stored
 * visits are filed again by the new rules, as after a data update. 2: names under a platform's public suffix;
 * 3: consent managers' own records are consent management; 4: storage keys too, a record no list names named after
 * its manager in the classifier (it was the recorder's); 5: a functional vendor's host named like a collection
 * endpoint ("analytics.", "-telemetry-") needs review (collection-host.ts); 6: so does one named like an ad
 * endpoint ("-ads."), and a cookie of a tracking vendor's name family ("_rdt_…") is never exempt by a name guess and
 * is the vendor's when its requests were seen (cookie-families.ts); 7: a name family may be one company's vendors'
 * (Google's `_gcl_`), named for the vendor listing most members; 8: a vendor's record of the visitor's choice
 * (`cto_optout`) neither makes nor breaks its family, a listed prefix written without its suffix (`_hjSession`) is in
 * the family, TCF v1.1's `euconsent` / `eupubconsent` are specification consent cookies, and the name rules read a
 * banner's own record (`cookie-agreed`, `cookies_accepted`) as consent; 9: a tracker's listed prefix before words
 * of a choice (`_gat_optout`) needs review; 10: a value in a tracker's documented ID format is never exempt by a name
 * guess or a consent manager's name, names under a deeper private public suffix (`global.ssl.fastly.net`) are
 * customers', a consent manager's name on a tracking vendor's domain is that vendor's, a specification's consent
 * cookie needs the specification's string, a third party's persistent cookie under a listed session cookie's name
 * needs review, and a name guess never exempts a third party's cookie as consent.
 */
export const MATCH_RULES_VERSION = 10;

/** The key a suffix signature is filed under, and a path looked up by: its two characters before `end`. */
export function suffixKey(text: string, end: number): number {
  return (text.charCodeAt(end - 2) << 16) | text.charCodeAt(end - 1);
}
export const DETAILS_FORMAT = 'cookie-inspector/vendor-details';

/**
 * One vendor claim on a cookie name: [vendor number, setting domain named by the record or null,
 * the cookie's own category when the record gives one (else the vendor's; "unknown" when the vendor's own text
 * leaves this cookie's purpose open), 1 = first-party / 0 = third-party, and for a claim that needs no consent the
 * longest life its source lists in seconds (0 = a session cookie; absent when the source gives none)].
 */
export type CookieEntry = [
  vendor: number,
  domain: string | null,
  category: CategoryOrUnknown | null,
  firstParty: 0 | 1,
  listedSeconds?: number,
];

/** Cookie prefixes that share one length, so a lookup costs one probe per distinct length. */
export interface PrefixGroup {
  length: number;
  names: string[];
  /** entries[i] are the claims on names[i]. */
  entries: CookieEntry[][];
}

/** A path rule: [vendor, path prefix, query regex source or null, category or null, label, path end?]. */
export type PathRuleEntry = [
  vendor: number,
  path: string,
  query: string | null,
  category: Category | null,
  label: string,
  pathEnd?: string,
];

/**
 * A protocol signature: [vendor, id, path, 0 = exact / 1 = prefix / 2 = suffix, query regex or null, label,
 * category or null, 1 = the software may be self-hosted, literal the query must hold or null, how a prefix
 * signature's path must end or null].
 */
export type SignatureEntry = [
  vendor: number,
  id: string,
  path: string,
  match: 0 | 1 | 2,
  query: string | null,
  label: string,
  category: Category | null,
  selfHosted: 0 | 1,
  queryHas: string | null,
  pathEnd: string | null,
];

/** `public/vendor-index.json`: only what classification needs, as parallel arrays (cheap to parse). */
export interface CompiledIndex {
  format: typeof INDEX_FORMAT;
  version: number;
  /** sha256 over the source files (set by scripts/build-vendor-db.ts; '' when compiled in memory). */
  sourceHash: string;
  vendors: { ids: string[]; names: string[]; companies: (string | null)[]; categories: CategoryOrUnknown[] };
  /** Hostname suffix → vendor number (hosts.vendors[i] owns hosts.names[i]). */
  hosts: { names: string[]; vendors: number[] };
  /** Exact cookie name → claims. */
  cookies: { names: string[]; entries: CookieEntry[][] };
  /** Prefix groups, longest prefix first. */
  prefixes: PrefixGroup[];
  /**
   * Host suffix → path rules: the rule list pathRules.sets[pathRules.set[i]] applies under pathRules.hosts[i]
   * (most specific path first). Hosts sharing one list (Google's country domains) share one set.
   */
  pathRules: { hosts: string[]; set: number[]; sets: PathRuleEntry[][] };
  /** Protocol signatures, checked on hosts no tracking vendor owns. */
  signatures: SignatureEntry[];
  /** [label ending such as "-id5-sync.com", vendor]: hosts no suffix matches are tried against these. */
  labelSuffixes: [suffix: string, vendor: number][];
  /** [domain, operator]: CDN customer namespaces no vendor owns (data/curated/customer-namespaces.json). */
  namespaces?: [domain: string, operator: string][];
  /**
   * Brand words of tracking vendors' names (lib/vendor-db/brand-words.ts): brands.vendors[i] use words[i];
   * common[i] = 1 when the word is also an English word (it then counts only at the start of a cookie name).
   */
  brands: { words: string[]; vendors: number[][]; common: (0 | 1)[] };
  /** Listed names (exact or prefix) made only of everyday words (generic-names.ts). */
  genericNames: string[];
  /** Those of them that are one word, a letter or a short word ("hash", "c", "UID"). */
  singleWordNames: string[];
  /** Name codes of one tracking vendor's cookies ("_rdt_", "cto_"; cookie-families.ts), with one listed member. */
  families: { prefixes: string[]; vendors: number[]; examples: string[]; categories: CategoryOrUnknown[] };
}

/** `public/vendor-details.json`: the full records, loaded lazily for the popup and report. */
export interface VendorDetailsFile {
  format: typeof DETAILS_FORMAT;
  version: number;
  sourceHash: string;
  vendors: Record<string, VendorRecord>;
}

/** Two or more vendors list the same cookie name or prefix: reported by the compiler, not fatal. */
export interface CookieConflict {
  name: string;
  match: 'exact' | 'prefix';
  vendors: string[];
}

/** The in-memory, ready-to-match form of a CompiledIndex (built by loadVendorIndex). */
export interface VendorIndex {
  ids: string[];
  names: string[];
  companies: (string | null)[];
  categories: CategoryOrUnknown[];
  byId: Map<string, number>;
  hosts: Map<string, number>;
  /** Whether any host key is a single label: without one, a host's top-level label is never looked up. */
  singleLabelHosts: boolean;
  cookies: Map<string, CookieEntry[]>;
  prefixLengths: number[];
  prefixMaps: Map<string, CookieEntry[]>[];
  /** First two char codes of a prefix (`c0 << 16 | c1`) → the prefix groups (longest first) that hold one. */
  prefixStarts: Map<number, number[]>;
  /** Groups of prefixes shorter than two chars: always probed. */
  shortPrefixGroups: number[];
  /** Host suffix → path rules with their query tests compiled. */
  pathRules: Map<string, PathRule[]>;
  /** Exact-path signatures by path; prefix signatures in a short list. */
  signatureByPath: Map<string, Signature[]>;
  signaturePrefixes: Signature[];
  /** The prefix signatures a path can match, by the path's second character; signaturePrefixesShort for others. */
  signaturePrefixesAt: Map<number, Signature[]>;
  signaturePrefixesShort: Signature[];
  /** Suffix signatures by their path's last two char codes (`c0 << 16 | c1`): a path probes one short list. */
  signatureSuffixes: Map<number, Signature[]>;
  /** Lengths of the exact signature paths: most paths are ruled out without slicing the URL. */
  signatureLengths: Set<number>;
  labelSuffixes: [suffix: string, vendor: number][];
  /** CDN customer namespace → its operator: a host under one belongs to one of its customers, unknown which. */
  namespaces: Map<string, string>;
  sourceHash: string;
  /** Brand word of tracking vendors' names → those vendors, and whether it is also an English word. */
  brands: Map<string, { vendors: number[]; common: boolean }>;
  /** Listed names made only of everyday words: they name a vendor on a site only with its own evidence. */
  genericNames: Set<string>;
  /** Listed single-word names: a cookie given to a vendor by one of them alone needs the vendor's requests. */
  singleWordNames: Set<string>;
  /** Name code of one tracking vendor's cookies → that vendor and one listed member. */
  families: Map<string, { vendor: number; example: string; category: CategoryOrUnknown }>;
}

export interface PathRule {
  vendor: number;
  /** `<vendor id><path>`, reported as Classification.rule (made once at load, not per request). */
  id: string;
  path: string;
  /** What the path must also end with, or null. */
  pathEnd: string | null;
  query: RegExp | null;
  category: Category | null;
  label: string;
  /** The label as a reason names it ("conversion endpoint"), made once at load, not per request. */
  endpoint: string;
}

export interface Signature {
  vendor: number;
  id: string;
  path: string;
  query: RegExp | null;
  label: string;
  category: Category | null;
  selfHosted: boolean;
  queryHas: string | null;
  pathEnd: string | null;
}
