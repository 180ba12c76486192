/**
 * Cookie families: a tracking vendor's script names its cookies with one code ("_rdt_" for Reddit's `_rdt_uuid`,
 * "cto_" for Criteo's `cto_bundle`, Microsoft UET's `_uetsid` and its `_uetsid_exp`), and lists never catch every
 * member. A cookie no record names whose name starts with such a code, or with a listed name and a separator, is
 * never exempt by a name guess ("unknown: needs review" unless its name says more), and it is that vendor's when the
 * vendor's own requests were seen on the page (lib/evidence/derive.ts).
 */
import { needsConsent, type CategoryOrUnknown } from '../category';
import type { CookieEntry, VendorIndex } from './compiled-types';
import { isGenericCookieName } from './generic-names';

/** Shortest listed name that counts as a family by itself (a two-letter name like "mc" is anyone's). */
const MIN_BASE = 5;
/** Codes anyone's cookies use, with or without a leading underscore: campaign tags, Prebid's "pbjs_", "ads_". */
const SHARED_CODES = new Set('utm pbjs ads adv tag'.split(' '));
/** Short codes sites use for their own cookies without a leading underscore ("opt_in", "pid_", "ref_"). */
const SHARED_BARE_CODES = new Set(
  'opt pid put stg tap web img cdn usr dev cms sso ref src cnt tmp log msg abc'.split(' '),
);

/**
 * Whether a code is distinctive enough to name one vendor: three letters or digits or more ("cto", "rdt"), or two
 * after a leading underscore ("_tt_"); a bare two-letter code ("sd_", "df_") is anyone's.
 */
function distinctiveCode(code: string, word: string): boolean {
  return word.length >= 3 || (code.startsWith('_') && word.length === 2);
}

/** The family code a name starts with ("_rdt_" of "_rdt_cid"), or null. */
export function familyOf(name: string): string | null {
  const end = codeEnd(name);
  return end > 0 ? name.slice(0, end) : null;
}

/**
 * The compiled families: prefixes[i] is vendors[i]'s code, examples[i] one listed member (for the reason),
 * categories[i] the members' category when they share one, else the vendor's (Reddit: social, its "_rdt_uuid":
 * marketing).
 */
export interface CompiledFamilies {
  prefixes: string[];
  vendors: number[];
  examples: string[];
  categories: CategoryOrUnknown[];
}

/**
 * Family codes that belong to one vendor, or to one company's vendors: every listed name (exact or prefix) with that
 * code is that vendor's (or a vendor's of that company: Google's `_gcl_` names are Google Ads' and one is filed under
 * Other Google APIs), each such cookie and the family's vendor need consent, and the code is distinctive: no everyday
 * word or shared code, not a bare two-letter code, not another vendor's brand ("user_", "site_", "sd_", "ads_" and
 * WordPress's functional "wp_" fail one test or another). The family's vendor is the one listing most members.
 * `brands`: brand word → the vendors of that brand; `companies`: each vendor's company (null: none stated).
 */
export function compileFamilies(
  claims: readonly Map<string, CookieEntry[]>[],
  categories: readonly CategoryOrUnknown[],
  commonWords: ReadonlySet<string>,
  brands: ReadonlyMap<string, readonly number[]> = new Map(),
  companies: readonly (string | null)[] = [],
): CompiledFamilies {
  const members = new Map<
    string,
    { listed: Map<number, number>; consent: boolean; example: string; category: CategoryOrUnknown | null }
  >();
  for (const table of claims) {
    for (const [name, entries] of table) {
      const code = familyOf(name);
      if (code === null) continue;
      let m = members.get(code);
      for (const [vendor, , own] of entries) {
        const category = own ?? categories[vendor]!;
        // A tracker's record of the visitor's choice (Criteo's `cto_optout`) says nothing of its other names.
        if (category === 'consent') continue;
        if (!m) members.set(code, (m = { listed: new Map(), consent: true, example: name, category }));
        m.listed.set(vendor, (m.listed.get(vendor) ?? 0) + 1);
        if (!needsConsent(category)) m.consent = false;
        if (m.category !== category) m.category = null;
      }
    }
  }
  const out: CompiledFamilies = { prefixes: [], vendors: [], examples: [], categories: [] };
  for (const [code, m] of [...members].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const vendor = m.consent ? ownerOf(m.listed, companies) : null;
    if (vendor === null || !needsConsent(categories[vendor]!)) continue;
    const word = code.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
    const shared = SHARED_CODES.has(word) || (!code.startsWith('_') && SHARED_BARE_CODES.has(word));
    if (!distinctiveCode(code, word) || shared || isGenericCookieName(word, commonWords)) continue;
    // Another vendor's brand ("pubmatic_uid" listed for Adhese): the code names that vendor, not the lister.
    const branded = brands.get(word);
    if (branded !== undefined && !branded.includes(vendor)) continue;
    out.prefixes.push(code);
    out.vendors.push(vendor);
    out.examples.push(m.example);
    out.categories.push(m.category ?? categories[vendor]!);
  }
  return out;
}

/** The vendor listing most members when every lister is one vendor or one stated company's, else null. */
function ownerOf(listed: ReadonlyMap<number, number>, companies: readonly (string | null)[]): number | null {
  let best: number | null = null;
  let company: string | null | undefined;
  for (const [vendor, n] of listed) {
    const c = companies[vendor] ?? null;
    if (best === null) company = c;
    else if (c === null || c !== company) return null;
    if (best === null || n > listed.get(best)!) best = vendor;
  }
  return best;
}

/** A family a cookie name belongs to: its vendor and the clause that says why. */
export interface FamilyHint {
  vendor: number;
  /** The purpose the vendor's listed members of the family have. */
  category: CategoryOrUnknown;
  clause: string;
}

/**
 * The family of a cookie no record names: its code is one vendor's family, it is a listed name of a vendor that
 * needs consent followed by a separator and more, or it is such a vendor's listed prefix without its separator and
 * suffix (never an everyday-word name: "session_x" is the site's).
 */
export function familyHint(index: VendorIndex, name: string): FamilyHint | null {
  const end = codeEnd(name);
  if (end > 0 && end < name.length) {
    const code = name.slice(0, end);
    const f = index.families.get(code);
    if (f !== undefined)
      return {
        vendor: f.vendor,
        category: f.category,
        clause: `its name starts with ${code}, like ${index.names[f.vendor]}'s cookies (${f.example})`,
      };
  }
  // A listed name extended after a separator: the first separators only (names are short; 3 probes at most).
  for (let i = MIN_BASE, probes = 0; i < name.length - 1 && probes < 3; i++) {
    if (!isSeparator(name.charCodeAt(i))) continue;
    probes++;
    const base = name.slice(0, i);
    const entries = index.cookies.get(base);
    if (entries === undefined || index.genericNames.has(base)) continue;
    const hint = oneTracker(index, entries, (vendor) => `its name extends ${base}, a cookie of ${vendor}`);
    if (hint !== null) return hint;
  }
  // A listed prefix without its suffix or separator (`_hjSession` of Hotjar's `_hjSession_<site>`): the same base.
  if (name.length >= MIN_BASE && !index.genericNames.has(name)) {
    const g = index.prefixLengths.indexOf(name.length + 1);
    // Only a group holding a prefix with the name's first two characters can hold name + separator.
    const starts = index.prefixStarts.get((name.charCodeAt(0) << 16) | name.charCodeAt(1));
    if (g !== -1 && starts !== undefined && starts.includes(g)) {
      for (const sep of SEPARATORS) {
        const prefix = name + sep;
        const entries = index.prefixMaps[g]!.get(prefix);
        if (entries === undefined) continue;
        const hint = oneTracker(
          index,
          entries,
          (vendor) => `its name is ${prefix}* without a suffix, a cookie of ${vendor}`,
        );
        if (hint !== null) return hint;
      }
    }
  }
  return null;
}

/** The hint when every claim of a listed name is one consent-needing vendor's, else null. */
function oneTracker(
  index: VendorIndex,
  entries: readonly CookieEntry[],
  clause: (vendorName: string) => string,
): FamilyHint | null {
  const [vendor, , own] = entries[0]!;
  const one = entries.every(([v, , c]) => v === vendor && needsConsent(c ?? index.categories[v]!));
  if (!one || !needsConsent(index.categories[vendor]!)) return null;
  return { vendor, category: own ?? index.categories[vendor]!, clause: clause(index.names[vendor]!) };
}

/** The separators a family code or a listed prefix ends with; isSeparator tests the same three by char code. */
const SEPARATORS = ['_', '.', '-'] as const;

/** "_", "." or "-". */
function isSeparator(c: number): boolean {
  return c === 95 || c === 46 || c === 45;
}

/**
 * The length of the family code `name` starts with, or 0: up to two leading underscores, 2–8 letters and digits
 * starting with a letter, and a separator ("_", "." or "-") after them. Scanned by hand: it runs per unknown cookie.
 */
function codeEnd(name: string): number {
  let i = 0;
  while (i < 2 && name.charCodeAt(i) === 95) i++;
  const start = i;
  for (; i < name.length && i - start <= 8; i++) {
    const c = name.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (i === start ? !letter : !(letter || (c >= 48 && c <= 57))) break;
  }
  const length = i - start;
  return length >= 2 && length <= 8 && isSeparator(name.charCodeAt(i)) ? i + 1 : 0;
}
