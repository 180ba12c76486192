import type { Category, CategoryOrUnknown } from '../category';

/**
 * A fact in a vendor's GDPR block. `derived: true` means no public source states it for this vendor:
 * it was produced by the named rule in lib/vendor-db/derive.ts, and the UI must say so.
 */
export interface Fact<T = string> {
  value: T;
  /** Source id (key of VendorSource.sources / a dataset id such as "seed:consentstack") or the derivation rule id. */
  source: string;
  derived: boolean;
  /** Where a stated fact was checked: the page, the day and the sentence that supports it. */
  evidence?: FactEvidence;
  /** Nobody checked this value against a primary source: show it as unverified, not as stated. */
  unverified?: boolean;
  /** An opinion of the named party (e.g. a consent vendor's marketing page), shown as their claim. */
  claimBy?: string;
}

export interface FactEvidence {
  /** The vendor's own page that states the value. */
  url: string;
  /** The stored copy actually read, when it is not the page itself (an archive or proxy of it). */
  via?: string;
  /** ISO date (YYYY-MM-DD) the page was read. */
  checked: string;
  /** The sentence on that page that supports the value, verbatim. */
  quote: string;
}

export type RiskLevel = 'low' | 'medium' | 'high';

export interface GdprBlock {
  legalBasis: Fact;
  eprivacy: Fact;
  transfer: Fact;
  transferMechanisms: Fact<string[]>;
  euDataRegion: Fact<string | null>;
  risk: Fact<RiskLevel>;
  dpia: Fact;
  consentText: Fact;
  alternatives: Fact<string[]>;
  privacyPolicy: Fact<string | null>;
}

/** The GdprBlock's keys in display order (validation and tests iterate them). */
export const GDPR_FACT_KEYS = [
  'legalBasis',
  'eprivacy',
  'transfer',
  'transferMechanisms',
  'euDataRegion',
  'risk',
  'dpia',
  'consentText',
  'alternatives',
  'privacyPolicy',
] as const satisfies readonly (keyof GdprBlock)[];

export interface VendorCookie {
  /** Exact name, or the fixed prefix when match is 'prefix'. */
  name: string;
  match: 'exact' | 'prefix';
  party: 'first' | 'third';
  /** Domain the cookie is set on, when the source names one. */
  domain?: string;
  /** null = session cookie or the source gives no duration. */
  durationSeconds: number | null;
  /** The source's own retention text, kept verbatim. */
  durationText: string;
  purpose: string;
  /** The consent purpose; "unknown" when the vendor's own text leaves this cookie's purpose open (shown for review). */
  category?: CategoryOrUnknown;
  source: string;
  /** How durationText was read (lib/vendor-db/retention.ts); absent in hand-written records. */
  durationKind?: 'session' | 'duration' | 'persistent' | 'unknown';
  /** Other vendor ids that claim the same name and match: the matcher must disambiguate (e.g. by domain). */
  sharedWith?: string[];
  /** Provenance or caveat, e.g. "named only by this seed" or "normalised from 'SSPR_*'". */
  note?: string;
  /** This vendor also writes the name, but it belongs to another vendor's protocol (e.g. Segment's ajs_*): the
   * matcher names the primary vendor first. */
  secondary?: boolean;
}

export interface SourceRef {
  id: string;
  title: string;
  url: string | null;
  licence: string | null;
}

/**
 * A request on a shared host that belongs to this vendor by its path (e.g. www.google.com/pagead/1p-conversion
 * is Google Ads although www.google.com is not). Checked before the host's owner.
 */
export interface RequestRule {
  /** Hostname suffixes the rule applies to; each must be a domain of some vendor (compile checks it). */
  hosts: string[];
  /** Path prefix, starting with "/". */
  path: string;
  /** What the path must also end with, when an id sits between (`/v1/projects/<key>` + `/integrations`). */
  pathEnd?: string;
  /** Optional regular expression the query string (without "?") must match. */
  query?: string;
  /** The request's category when it differs from the vendor's. */
  category?: Category;
  /** Human-readable name of the endpoint, used in the reason (e.g. "Google Ads conversion"). */
  label: string;
  source: string;
}

/**
 * A protocol signature: the vendor's request shape, recognised on any host (server-side tagging, CNAME cloaking,
 * a proxy on the site's own domain). Only consulted when the host has no vendor or a non-tracking one.
 */
export interface ProtocolSignature {
  /** Stable id, reported as Classification.signature (e.g. "ga4-collect"). */
  id: string;
  /**
   * Exact path; a prefix when match is 'prefix'; the path's last segments when match is 'suffix' (a proxy under a
   * path of the site's choosing, e.g. www.example.com/metrics/g/collect).
   */
  path: string;
  match: 'exact' | 'prefix' | 'suffix';
  /** Optional regular expression the query string (without "?") must match. */
  query?: string;
  /**
   * Text the query must contain, tested before `query` and far cheaper: required on a signature for every path
   * (prefix "/", Datadog's proxy, whose path is the site's choice), whose regex would otherwise run on every request.
   */
  queryHas?: string;
  /**
   * How the path must end, after the prefix (prefix signatures only): Segment's settings request is
   * /v1/projects/<write key>/settings, not any API's /v1/projects/….
   */
  pathEnd?: string;
  /** Human-readable protocol name for the reason (e.g. "GA4 collect protocol"). */
  label: string;
  /** The request's category when it differs from the vendor's (e.g. Meta Pixel: advertising). */
  category?: Category;
  /**
   * The vendor's software also runs on the site's own servers (Matomo, Snowplow): a hit on a host no list names
   * is a self-hosted instance or a proxy, and the reason says both.
   */
  selfHosted?: boolean;
  source: string;
}

/** One file in data/vendors/: everything the product knows about one vendor. */
export interface VendorRecord {
  id: string;
  name: string;
  company: string | null;
  /** ISO 3166-1 alpha-2 of the company's headquarters, or null when no source states it. */
  country: string | null;
  /** The consent purpose; 'unknown' when no source names one (shown as "unknown: needs review"). */
  category: CategoryOrUnknown;
  domains: string[];
  cookies: VendorCookie[];
  gdpr: GdprBlock;
  sources: SourceRef[];
  /** Source id that states `company` / `country` (absent when null). */
  companySource?: string;
  countrySource?: string;
  /** How `category` was chosen, e.g. "third-party-web:ad", "ocd:Marketing", "curated". */
  categoryFrom?: string;
  /** Other names the sources use for this vendor (e.g. Open Cookie Database platform names). */
  aliases?: string[];
  homepage?: string | null;
  /** third-party-web usage statistics, used to rank vendors. */
  usage?: { totalOccurrences: number };
  /** Source id per domain, for domains not taken from third-party-web. */
  domainSources?: Record<string, string>;
  /** Vendor ids named by a source as related or alternatives. */
  related?: string[];
  notes?: string[];
  /** Source ids behind each field (name, company, country, category, domains, cookies, privacyPolicy…). */
  fieldSources?: Record<string, string[]>;
  /** Path rules on shared hosts that attribute requests to this vendor. */
  requestRules?: RequestRule[];
  /** Request shapes that identify this vendor on any host. */
  signatures?: ProtocolSignature[];
  /** Registrable-domain label endings the vendor uses for many domains (e.g. "-id5-sync.com"). */
  hostLabelSuffixes?: { suffix: string; source: string }[];
  /** Company facts with their evidence: legal name, HQ country, EEA controller, DPF status, DPA link. */
  facts?: CompanyFacts;
}

/** Company facts a record states, each with evidence or marked unverified. */
export interface CompanyFacts {
  company?: Fact<string>;
  country?: Fact<string>;
  /** The controller for visitors in the EEA (e.g. Google Ireland Limited) and its country. */
  eeaController?: Fact<string>;
  eeaControllerCountry?: Fact<string>;
  /** EU-US Data Privacy Framework status as the vendor or the DPF list states it. */
  dpf?: Fact<string>;
  /** The vendor's data processing agreement (addendum) URL. */
  dpa?: Fact<string>;
}

/** What the classifier answers for one request or cookie; also the CLI's output contract. */
export interface Classification {
  vendor: string | null;
  vendorName: string | null;
  company: string | null;
  category: CategoryOrUnknown;
  thirdParty: boolean;
  reason: string;
  /** Set when a protocol signature (not the hostname) identified the vendor: the signature id. */
  signature?: string;
  /** Set when a path rule on a shared host identified the vendor: `<vendor id><path>`, e.g. "bing-ads/action/". */
  rule?: string;
  /**
   * A cookie name other vendors list too, where the cookie's domain did not decide: those vendors, in the
   * database's order. The derivation names one of them instead when only its requests were seen on the page.
   */
  alternatives?: CookieClaimant[];
  /**
   * A cookie given to `vendor` by a one-word name alone ("hash", "viewer", "c"; lib/vendor-db/generic-names.ts):
   * what the cookie is without that claim. The derivation uses it when none of the vendor's requests were seen.
   */
  nameOnly?: { category: CategoryOrUnknown; reason: string };
  /**
   * A first-party cookie no record names whose name is of a tracking vendor's family ("_rdt_cid": Reddit's
   * "_rdt_"; lib/vendor-db/cookie-families.ts): that vendor. The derivation names it when its requests were seen.
   */
  family?: CookieClaimant;
  /**
   * Set when stored evidence was classified again with a newer vendor database (lib/evidence/reclassify.ts) and
   * the vendor or category changed: what it was recorded as, e.g. "Shopify, advertising".
   */
  recordedAs?: string;
}

/** Another vendor that lists a cookie name, with the category its record gives that cookie. */
export interface CookieClaimant {
  vendor: string;
  vendorName: string;
  company: string | null;
  category: CategoryOrUnknown;
}
