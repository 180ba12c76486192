/**
 * Vendor DB compiler: VendorRecord[] (data/vendors/*.json) → a small index for matching plus a details file.
 *
 * Compiled format (see compiled-types.ts for the exact types):
 * - `public/vendor-index.json` (CompiledIndex, format "cookie-inspector/vendor-index", version 1). Parallel
 *   arrays, because JSON.parse of arrays is cheaper than of wide objects and the loader turns them into Maps
 *   in one pass:
 *   - `vendors.{ids,names,companies,categories}[n]` describe vendor number n (sorted by id).
 *   - `hosts.names[i]` (lower-case hostname suffix, no `*.`/leading dot) is owned by vendor `hosts.vendors[i]`.
 *   - `cookies.names[i]` (exact, case-sensitive) is claimed by `cookies.entries[i]`, a list of
 *     `[vendor, settingDomain|null, category|null, firstParty 1|0]`.
 *   - `prefixes[]` groups prefix names by length, longest first, with the same entry lists.
 *   - `sourceHash` lets the Node loader tell whether the file is stale against data/vendors.
 * - `public/vendor-details.json` (VendorDetailsFile): `vendors[id]` is the full VendorRecord, GDPR block included.
 *
 * Fatal (CompileError): duplicate vendor ids, a domain owned by two vendors, a record missing id/name/category,
 * an unreadable domain or an empty cookie name. Reported only: cookie names claimed by several vendors.
 */
import { isCategory, isCategoryOrUnknown, needsConsent, type CategoryOrUnknown } from '../category';
import { brandOf } from './brand-words';
import { compileFamilies } from './cookie-families';
import { isGenericCookieName, isSingleWordName } from './generic-names';
import { normalizeHost } from '../domain';
import type { VendorRecord } from './types';
import {
  DETAILS_FORMAT,
  INDEX_FORMAT,
  INDEX_VERSION,
  type CompiledIndex,
  type CookieConflict,
  type CookieEntry,
  type PathRuleEntry,
  type PrefixGroup,
  type SignatureEntry,
  type VendorDetailsFile,
} from './compiled-types';

export class CompileError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `vendor DB does not compile (${problems.length} problem(s)):\n- ${problems.slice(0, 50).join('\n- ')}`,
    );
    this.name = 'CompileError';
  }
}

export interface CompileResult {
  index: CompiledIndex;
  details: VendorDetailsFile;
  conflicts: CookieConflict[];
  stats: {
    vendors: number;
    hosts: number;
    exactCookies: number;
    prefixCookies: number;
    prefixLengths: number;
  };
}

type Claims = Map<string, CookieEntry[]>;

/**
 * The life a source lists for an exempt cookie (0 for a session cookie), or null: the matcher does not take a third
 * party's much longer-lived cookie of that name for the listed one (match.ts, `outlivesListing`).
 */
function exemptLifetime(c: VendorRecord['cookies'][number], category: CategoryOrUnknown): number | null {
  if (category === 'unknown' || needsConsent(category)) return null;
  if (c.durationKind === 'session') return 0;
  return c.durationKind === 'duration' && typeof c.durationSeconds === 'number' ? c.durationSeconds : null;
}

function addClaim(claims: Claims, name: string, entry: CookieEntry, secondary = false): void {
  const list = claims.get(name);
  if (!list) claims.set(name, [entry]);
  // One vendor listing the same cookie twice (e.g. two domains) keeps both; exact duplicates are dropped.
  else if (!list.some((e) => e[0] === entry[0] && e[1] === entry[1])) {
    // Secondary claims go last, so an undecided match names the primary vendor.
    if (secondary) list.push(entry);
    else list.splice(list.findIndex((e) => secondaries.has(e)) >>> 0, 0, entry);
  }
  if (secondary) secondaries.add(entry);
}

const secondaries = new WeakSet<CookieEntry>();

function conflictsOf(claims: Claims, match: 'exact' | 'prefix', ids: string[]): CookieConflict[] {
  const out: CookieConflict[] = [];
  for (const [name, entries] of claims) {
    const vendors = [...new Set(entries.map((e) => ids[e[0]]!))];
    if (vendors.length > 1) out.push({ name, match, vendors });
  }
  return out;
}

function checkRecord(r: VendorRecord, where: string, problems: string[]): boolean {
  if (typeof r !== 'object' || r === null) return (void problems.push(`${where}: not an object`), false);
  if (typeof r.id !== 'string' || r.id.trim() === '')
    return (void problems.push(`${where}: missing id`), false);
  if (typeof r.name !== 'string' || r.name === '') problems.push(`${r.id}: missing name`);
  // 'unknown': no source names a consent purpose; the classifier answers it and the UI asks for review.
  if (!isCategoryOrUnknown(r.category))
    problems.push(`${r.id}: category ${JSON.stringify(r.category)} is not a category`);
  if (!Array.isArray(r.domains)) problems.push(`${r.id}: domains is not an array`);
  if (!Array.isArray(r.cookies)) problems.push(`${r.id}: cookies is not an array`);
  return Array.isArray(r.domains) && Array.isArray(r.cookies);
}

function regexProblem(source: string | undefined): string | null {
  if (source === undefined) return null;
  try {
    new RegExp(source);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** A signature's `match`, by its number in the compiled index. */
const SIGNATURE_MATCH = ['exact', 'prefix', 'suffix'] as const;

/** Path rules keyed by host (each host must be some vendor's domain) and protocol signatures. */
function compileRequestShapes(
  valid: VendorRecord[],
  vendorNo: Map<string, number>,
  hostOwner: Map<string, number>,
  problems: string[],
): { pathRules: CompiledIndex['pathRules']; signatures: SignatureEntry[] } {
  const byHost = new Map<string, PathRuleEntry[]>();
  const signatures: SignatureEntry[] = [];
  const sigIds = new Set<string>();
  for (const r of valid) {
    const n = vendorNo.get(r.id)!;
    for (const rule of r.requestRules ?? []) {
      const bad = regexProblem(rule.query);
      const badEnd = rule.pathEnd !== undefined && !rule.pathEnd.startsWith('/');
      if (!rule.path?.startsWith('/') || bad !== null || badEnd || !rule.label || !rule.source) {
        problems.push(
          `${r.id}: request rule ${JSON.stringify(rule.path)} needs a /path (and /pathEnd), label, source${bad ? ` (${bad})` : ''}`,
        );
        continue;
      }
      if (rule.category !== undefined && !isCategory(rule.category))
        problems.push(`${r.id}: request rule ${rule.path} has category ${JSON.stringify(rule.category)}`);
      for (const h of rule.hosts ?? []) {
        const key = domainKey(h);
        // A rule on a host nobody owns would never be consulted: the matcher only looks at owned suffixes.
        if (key === null || !hostOwner.has(key)) {
          problems.push(`${r.id}: request rule host ${JSON.stringify(h)} is no vendor's domain`);
          continue;
        }
        const list = byHost.get(key) ?? [];
        const entry: PathRuleEntry = [n, rule.path, rule.query ?? null, rule.category ?? null, rule.label];
        if (rule.pathEnd !== undefined) entry.push(rule.pathEnd);
        list.push(entry);
        byHost.set(key, list);
      }
    }
    for (const s of r.signatures ?? []) {
      const bad = regexProblem(s.query);
      const kind = SIGNATURE_MATCH.indexOf(s.match);
      if (!s.id || !s.path?.startsWith('/') || bad !== null || !s.label || !s.source || kind < 0) {
        problems.push(
          `${r.id}: signature ${JSON.stringify(s.id)} needs id, /path, match (${SIGNATURE_MATCH.join('|')}), label, source${bad ? ` (${bad})` : ''}`,
        );
        continue;
      }
      if (sigIds.has(`${s.id}|${s.path}`)) problems.push(`${r.id}: duplicate signature ${s.id} ${s.path}`);
      sigIds.add(`${s.id}|${s.path}`);
      if (s.category !== undefined && !isCategory(s.category))
        problems.push(`${r.id}: signature ${s.id} has category ${JSON.stringify(s.category)}`);
      if (s.pathEnd !== undefined && (s.match !== 'prefix' || !s.pathEnd.startsWith('/')))
        problems.push(`${r.id}: signature ${s.id} has a pathEnd, which needs match prefix and a leading /`);
      if (s.match === 'prefix' && s.path === '/' && !s.queryHas)
        problems.push(`${r.id}: signature ${s.id} is on every path, so it needs queryHas`);
      // Paths like /tr, /i or /collect are common: the pattern runs only on queries holding text it requires.
      if (s.query !== undefined && !s.queryHas)
        problems.push(
          `${r.id}: signature ${s.id} has a query pattern, so it needs queryHas (text the pattern requires)`,
        );
      else if (s.query !== undefined && s.queryHas && !s.query.includes(s.queryHas.replace(/^&/, '')))
        problems.push(
          `${r.id}: signature ${s.id}'s queryHas ${JSON.stringify(s.queryHas)} is not in its pattern`,
        );
      signatures.push([
        n,
        s.id,
        s.path,
        kind as 0 | 1 | 2,
        s.query ?? null,
        s.label,
        s.category ?? null,
        s.selfHosted === true ? 1 : 0,
        s.queryHas ?? null,
        s.pathEnd ?? null,
      ]);
    }
  }
  // Owned hosts under a rule host (www.google.co.uk under google.co.uk) carry the rules too: the matcher
  // only looks up the host and the suffix it matched.
  for (const key of hostOwner.keys()) {
    if (byHost.has(key)) continue;
    for (let dot = key.indexOf('.'); dot !== -1; dot = key.indexOf('.', dot + 1)) {
      const inherited = byHost.get(key.slice(dot + 1));
      if (inherited !== undefined) {
        byHost.set(key, inherited);
        break;
      }
    }
  }
  // Longest path first, so the most specific rule wins; identical lists are stored once.
  const sets: PathRuleEntry[][] = [];
  const setNo = new Map<string, number>();
  const set: number[] = [];
  for (const list of byHost.values()) {
    const span = (e: PathRuleEntry) => e[1].length + (e[5]?.length ?? 0);
    list.sort((a, b) => span(b) - span(a) || (a[1] < b[1] ? -1 : 1));
    const key = JSON.stringify(list);
    let n = setNo.get(key);
    if (n === undefined) setNo.set(key, (n = sets.push(list) - 1));
    set.push(n);
  }
  return { pathRules: { hosts: [...byHost.keys()], set, sets }, signatures };
}

/** Turns a record's domain (`*.doubleclick.net`, `.Example.com`) into a hostname suffix, or null if unreadable. */
export function domainKey(domain: string): string | null {
  if (typeof domain !== 'string') return null;
  const host = normalizeHost(domain.trim().replace(/^\*\./, ''));
  return host !== null && !host.includes('*') ? host : null;
}

/**
 * Compiles vendor records into the index and details files. Pure: no file access.
 * Throws CompileError listing every fatal problem; cookie-name collisions come back in `conflicts`.
 * @param where optional label per record (e.g. its file name) for error messages.
 */
export function compileVendors(
  records: VendorRecord[],
  sourceHash = '',
  where: string[] = [],
  /** English words (the build passes a word list): a brand that is one counts only at a cookie name's start. */
  commonWords: ReadonlySet<string> = new Set(),
  /** CDN customer namespaces → operator (data/curated/customer-namespaces.json), named in unknown hosts' reasons. */
  namespaces: Readonly<Record<string, string>> = {},
): CompileResult {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const valid: VendorRecord[] = [];
  records.forEach((r, i) => {
    const label = where[i] ?? `record ${i}`;
    if (!checkRecord(r, label, problems)) return;
    const prev = seen.get(r.id);
    if (prev !== undefined) problems.push(`duplicate vendor id ${r.id} (${prev} and ${label})`);
    else seen.set(r.id, label);
    valid.push(r);
  });
  valid.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const vendorNo = new Map(valid.map((r, n) => [r.id, n]));

  const hostOwner = new Map<string, number>();
  const exact: Claims = new Map();
  const prefix: Claims = new Map();
  for (const r of valid) {
    const n = vendorNo.get(r.id)!;
    for (const d of r.domains) {
      const key = domainKey(d);
      if (key === null) {
        problems.push(`${r.id}: unreadable domain ${JSON.stringify(d)}`);
        continue;
      }
      const owner = hostOwner.get(key);
      if (owner !== undefined && owner !== n)
        problems.push(`domain ${key} is owned by both ${valid[owner]!.id} and ${r.id}`);
      else hostOwner.set(key, n);
    }
    for (const c of r.cookies) {
      if (typeof c?.name !== 'string' || c.name === '') {
        problems.push(`${r.id}: cookie with an empty or missing name`);
        continue;
      }
      const domain = c.domain ? domainKey(c.domain) : null;
      const category = isCategoryOrUnknown(c.category) ? c.category : null;
      const entry: CookieEntry = [n, domain, category, c.party === 'third' ? 0 : 1];
      const listed = exemptLifetime(c, category ?? r.category);
      if (listed !== null) entry.push(listed);
      addClaim(c.match === 'prefix' ? prefix : exact, c.name, entry, c.secondary === true);
    }
  }
  const { pathRules, signatures } = compileRequestShapes(valid, vendorNo, hostOwner, problems);
  const labelSuffixes: [string, number][] = [];
  for (const r of valid) {
    for (const { suffix } of r.hostLabelSuffixes ?? []) {
      if (!/^-[a-z0-9-]*\.[a-z0-9.-]+$/.test(suffix))
        problems.push(`${r.id}: bad host label suffix ${JSON.stringify(suffix)}`);
      else labelSuffixes.push([suffix, vendorNo.get(r.id)!]);
    }
  }
  for (const domain of Object.keys(namespaces))
    if (!/^[a-z0-9-]+\.[a-z0-9-]+$/.test(domain))
      problems.push(`customer namespace ${JSON.stringify(domain)} is not a two-label domain`);
  if (problems.length > 0) throw new CompileError(problems);

  const ids = valid.map((r) => r.id);
  const groups = new Map<number, PrefixGroup>();
  for (const [name, entries] of prefix) {
    let g = groups.get(name.length);
    if (!g) groups.set(name.length, (g = { length: name.length, names: [], entries: [] }));
    g.names.push(name);
    g.entries.push(entries);
  }
  const index: CompiledIndex = {
    format: INDEX_FORMAT,
    version: INDEX_VERSION,
    sourceHash,
    vendors: {
      ids,
      names: valid.map((r) => r.name),
      companies: valid.map((r) => r.company ?? null),
      categories: valid.map((r) => r.category),
    },
    hosts: { names: [...hostOwner.keys()], vendors: [...hostOwner.values()] },
    cookies: { names: [...exact.keys()], entries: [...exact.values()] },
    prefixes: [...groups.values()].sort((a, b) => b.length - a.length),
    pathRules,
    signatures,
    labelSuffixes,
    namespaces: Object.entries(namespaces).sort(([a], [b]) => (a < b ? -1 : 1)),
    brands: compileBrands(valid, commonWords),
    ...compileGenericNames([exact, prefix], valid, commonWords),
    families: compileFamilies(
      [exact, prefix],
      valid.map((r) => r.category),
      commonWords,
      brandVendors(valid),
      valid.map((r) => r.company),
    ),
  };
  const details: VendorDetailsFile = {
    format: DETAILS_FORMAT,
    version: INDEX_VERSION,
    sourceHash,
    vendors: Object.fromEntries(valid.map((r) => [r.id, r])),
  };
  const conflicts = [...conflictsOf(exact, 'exact', ids), ...conflictsOf(prefix, 'prefix', ids)];
  const stats = {
    vendors: valid.length,
    hosts: hostOwner.size,
    exactCookies: exact.size,
    prefixCookies: prefix.size,
    prefixLengths: groups.size,
  };
  return { index, details, conflicts, stats };
}

/**
 * Listed names (exact and prefixes) made of everyday words (generic-names.ts): one listed only on the vendor's own
 * domain does not claim a site's cookie; a single word names the vendor only with its requests.
 */
function compileGenericNames(
  claims: readonly Map<string, CookieEntry[]>[],
  valid: readonly VendorRecord[],
  commonWords: ReadonlySet<string>,
): Pick<CompiledIndex, 'genericNames' | 'singleWordNames'> {
  const out: string[] = [];
  for (const table of claims) {
    for (const [name, entries] of table) {
      const brands = entries.flatMap(([n]) => {
        const vendorName = valid[n]!.name;
        return [vendorName.toLowerCase().replace(/[^a-z0-9]/g, ''), brandOf(vendorName) ?? ''];
      });
      if (isGenericCookieName(name, commonWords, brands)) out.push(name);
    }
  }
  return { genericNames: out, singleWordNames: out.filter((n) => isSingleWordName(n, commonWords)) };
}

/** Brand word → the vendors of that brand, in the database's order; only vendors `keep` accepts. */
function brandVendors(
  valid: readonly VendorRecord[],
  keep: (r: VendorRecord) => boolean = () => true,
): Map<string, number[]> {
  const out = new Map<string, number[]>();
  valid.forEach((r, n) => {
    const brand = keep(r) ? brandOf(r.name) : null;
    if (brand) out.set(brand, [...(out.get(brand) ?? []), n]);
  });
  return out;
}

/** The brand words of the vendors whose category needs consent, in the database's order. */
function compileBrands(
  valid: readonly VendorRecord[],
  commonWords: ReadonlySet<string>,
): CompiledIndex['brands'] {
  const byWord = brandVendors(valid, (r) => needsConsent(r.category));
  const words = [...byWord.keys()];
  return {
    words,
    vendors: words.map((w) => byWord.get(w)!),
    common: words.map((w) => (commonWords.has(w) ? 1 : 0)),
  };
}
