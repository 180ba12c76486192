import { isCategoryOrUnknown, type Category, type CategoryOrUnknown } from '../../category';
import type {
  FactEvidence,
  GdprBlock,
  ProtocolSignature,
  RequestRule,
  SourceRef,
  VendorCookie,
} from '../types';

/** A stated value and the source id that states it. */
export interface Sourced<T = string> {
  value: T;
  source: string;
}

/** A seed disagreement and how it was resolved (rendered into data/conflicts.md). */
export interface CuratedConflict {
  topic: string;
  values: string[];
  chosen: string;
  reason: string;
}

/** data/curated/<id>.json: a partial record that overrides or extends the imported one. */
export interface CuratedVendor {
  id: string;
  /** Make the vendor when no dataset has it (needs `name`). */
  create?: boolean;
  /** Evidence for `company` (page, date read, sentence): the owner then reads as stated, not unverified. */
  companyEvidence?: FactEvidence;
  name?: string;
  company?: Sourced;
  country?: Sourced;
  /** "unknown" states that the purpose needs review (a host whose operator the domain does not tell). */
  category?: { value: CategoryOrUnknown; reason: string };
  homepage?: string;
  domains?: { domain: string; source: string }[];
  /** Added to the imported cookies; one with the same name and match replaces the imported one (a prefix also
   * replaces the imported exact name it covers). */
  cookies?: VendorCookie[];
  /** Corrections to imported cookies' party/domain, each citing the source that states the fix. */
  cookieFixes?: CookieFix[];
  gdpr?: Partial<GdprBlock>;
  related?: string[];
  sources?: SourceRef[];
  notes?: string[];
  conflicts?: CuratedConflict[];
  requestRules?: RequestRule[];
  hostLabelSuffixes?: { suffix: string; source: string }[];
  signatures?: ProtocolSignature[];
  /** Re-files the imported cookies' categories (e.g. Hotjar: analytics, whatever OCD says), with the reason. */
  cookieCategory?: { value: Category; reason: string; source: string };
}

/** A source-backed correction of where an imported cookie is set. */
export interface CookieFix {
  name: string;
  match: 'exact' | 'prefix';
  party: 'first' | 'third';
  /** The cookie's domain; null removes the imported one. */
  domain: string | null;
  source: string;
  note: string;
}

/** Evidence for one company fact: the page, the day it was read, the sentence (FactEvidence). */
export type Evidence = FactEvidence;

/** The company facts that can carry evidence. */
export const COMPANY_FACT_FIELDS = ['company', 'country', 'policy', 'eeaController', 'dpf', 'dpa'] as const;
export type CompanyFactField = (typeof COMPANY_FACT_FIELDS)[number];

/**
 * data/curated/company-facts.json: one entry per company, naming the vendor ids its policy covers. A field with
 * an `evidence` entry was checked (page, date, sentence); every other field is shown as unverified.
 */
export interface CompanyFact {
  company: string;
  /** HQ country (ISO alpha-2); absent when no page read names it, so the record shows none stated. */
  country?: string;
  /**
   * Privacy-policy URL; absent when no page read gives the company's policy (an owner named from a filing): the
   * record then states none, and a dataset's policy (of the owner it names) is not shown.
   */
  policy?: string;
  vendors: string[];
  note?: string;
  eeaController?: { name: string; country: string };
  dpf?: string;
  dpa?: string;
  evidence?: Partial<Record<CompanyFactField, Evidence>>;
}

/** data/curated/aliases.json */
export interface Aliases {
  /** OCD platform → vendor id. */
  platforms: Record<string, string>;
  /** "OCD platform|cookie name" → vendor id, for platforms that mix several vendors' cookies. */
  cookies: Record<string, string>;
}

/** data/curated/categories.json: category overrides with the reason. */
export type CategoryOverrides = Record<string, { category: Category; reason: string }>;

/** data/curated/domain-owners.json: who owns a domain two vendors claim. */
export type DomainOwners = Record<string, { owner: string; reason: string }>;

/** An ISO 3166-1 alpha-2 country code, the only form a curated country takes. */
const isCountryCode = (x: unknown): x is string => typeof x === 'string' && /^[A-Z]{2}$/.test(x);

function fail(file: string, message: string): never {
  throw new Error(`${file}: ${message}`);
}

/**
 * Checks a curated vendor overlay's shape.
 * @throws Error naming the file and the first problem.
 */
export function checkCuratedVendor(file: string, raw: unknown): CuratedVendor {
  const c = raw as CuratedVendor;
  if (!c || typeof c !== 'object' || typeof c.id !== 'string') fail(file, 'needs an "id"');
  if (c.category && !isCategoryOrUnknown(c.category.value))
    fail(file, `bad category ${String(c.category.value)}`);
  for (const s of [c.company, c.country]) {
    if (s && (typeof s.value !== 'string' || typeof s.source !== 'string'))
      fail(file, 'company/country need value+source');
  }
  if (c.country && !isCountryCode(c.country.value)) fail(file, 'country must be ISO 3166-1 alpha-2');
  for (const [key, fact] of Object.entries(c.gdpr ?? {})) {
    const rule = fact?.derived === true && fact.source.startsWith('rule:');
    if (!fact || typeof fact.source !== 'string' || (fact.derived !== false && !rule)) {
      fail(file, `gdpr.${key} must be a stated Fact {value, source, derived: false} or name its rule`);
    }
  }
  for (const k of c.cookies ?? []) {
    if (!k.name || !k.source || !k.purpose)
      fail(file, `cookie ${JSON.stringify(k.name)} needs name, source, purpose`);
    if (k.category !== undefined && !isCategoryOrUnknown(k.category))
      fail(file, `cookie ${k.name}: bad category ${String(k.category)}`);
  }
  return c;
}

/**
 * Checks company-facts.json.
 * @throws Error naming the first bad entry.
 */
export function checkCompanyFacts(raw: unknown): Record<string, CompanyFact> {
  const file = 'company-facts.json';
  if (!raw || typeof raw !== 'object') fail(file, 'must be an object');
  for (const [key, f] of Object.entries(raw as Record<string, CompanyFact>)) {
    if (key.startsWith('_')) continue;
    if (typeof f.company !== 'string' || !f.company.trim()) fail(file, `${key}: needs a company`);
    // The country may be absent (no page names it), never a guess in another format.
    if (f.country !== undefined && !isCountryCode(f.country))
      fail(file, `${key}: country must be ISO 3166-1 alpha-2 or absent`);
    if (f.country === undefined && f.evidence?.country)
      fail(file, `${key}: evidence for country but no country`);
    if (f.policy !== undefined && !/^https:\/\/[^\s]+$/.test(f.policy))
      fail(file, `${key}: policy must be an https URL or absent`);
    if (f.policy === undefined && f.evidence?.policy) fail(file, `${key}: evidence for policy but no policy`);
    if (!Array.isArray(f.vendors) || f.vendors.length === 0) fail(file, `${key}: needs vendor ids`);
    if (f.eeaController && (!f.eeaController.name || !isCountryCode(f.eeaController.country)))
      fail(file, `${key}: eeaController needs name and ISO country`);
    for (const [field, ev] of Object.entries(f.evidence ?? {})) {
      if (!(COMPANY_FACT_FIELDS as readonly string[]).includes(field))
        fail(file, `${key}: evidence for ${field}?`);
      // A stated fact needs the page, the day it was read and the sentence that supports it.
      if (!/^https:\/\//.test(ev.url) || !/^\d{4}-\d{2}-\d{2}$/.test(ev.checked) || !ev.quote?.trim())
        fail(file, `${key}: evidence for ${field} needs an https url, checked YYYY-MM-DD and the quote`);
    }
  }
  return Object.fromEntries(
    Object.entries(raw as Record<string, CompanyFact>).filter(([k]) => !k.startsWith('_')),
  );
}
