import type { VendorRecord } from './types';
import {
  DETAILS_FORMAT,
  INDEX_FORMAT,
  INDEX_VERSION,
  suffixKey,
  type CompiledIndex,
  type CookieEntry,
  type PathRule,
  type Signature,
  type VendorDetailsFile,
  type VendorIndex,
} from './compiled-types';

export type { VendorIndex } from './compiled-types';

export class VendorDbFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VendorDbFormatError';
  }
}

function parse(json: unknown, what: string): unknown {
  if (typeof json !== 'string') return json;
  try {
    return JSON.parse(json);
  } catch (e) {
    throw new VendorDbFormatError(`${what} is not valid JSON: ${(e as Error).message}`);
  }
}

/** A label that ends in "endpoint", or in "endpoint (…)". */
const ENDPOINT_WORD = /\bendpoint(?:\s*\([^)]*\))?$/i;

/** A path rule's label as its reason names it: labels are written by hand, and one ending in "endpoint" gets no second. */
function endpointPhrase(label: string): string {
  return ENDPOINT_WORD.test(label) ? label : `${label} endpoint`;
}

function zipMap<V>(keys: string[], values: V[]): Map<string, V> {
  const map = new Map<string, V>();
  for (let i = 0; i < keys.length; i++) map.set(keys[i]!, values[i]!);
  return map;
}

function checkIndex(raw: unknown): CompiledIndex {
  const c = raw as Partial<CompiledIndex> | null;
  if (!c || c.format !== INDEX_FORMAT) throw new VendorDbFormatError('not a vendor index (wrong "format")');
  if (c.version !== INDEX_VERSION) {
    throw new VendorDbFormatError(
      `vendor index version ${String(c.version)}, expected ${INDEX_VERSION}: rebuild it`,
    );
  }
  const v = c.vendors;
  const ok =
    v &&
    [v.ids, v.names, v.companies, v.categories].every((a) => Array.isArray(a) && a.length === v.ids.length) &&
    Array.isArray(c.hosts?.names) &&
    c.hosts.names.length === c.hosts.vendors?.length &&
    Array.isArray(c.cookies?.names) &&
    c.cookies.names.length === c.cookies.entries?.length &&
    Array.isArray(c.prefixes) &&
    Array.isArray(c.pathRules?.hosts) &&
    c.pathRules.hosts.length === c.pathRules.set?.length &&
    Array.isArray(c.pathRules.sets) &&
    Array.isArray(c.signatures) &&
    Array.isArray(c.labelSuffixes) &&
    Array.isArray(c.brands?.words) &&
    c.brands.words.length === c.brands.vendors?.length &&
    c.brands.words.length === c.brands.common?.length &&
    Array.isArray(c.genericNames) &&
    Array.isArray(c.singleWordNames) &&
    Array.isArray(c.families?.prefixes) &&
    c.families.prefixes.length === c.families.vendors?.length &&
    c.families.prefixes.length === c.families.examples?.length &&
    c.families.prefixes.length === c.families.categories?.length;
  if (!ok) throw new VendorDbFormatError('vendor index is truncated or has mismatched tables');
  return c as CompiledIndex;
}

/**
 * Turns the compiled index (the JSON text of public/vendor-index.json, or its parsed object) into the
 * in-memory matcher. One pass per table; call once per service-worker start.
 * @throws VendorDbFormatError when the input is not a compatible index.
 */
export function loadVendorIndex(json: unknown): VendorIndex {
  const c = checkIndex(parse(json, 'vendor index'));
  const prefixes = c.prefixes.slice().sort((a, b) => b.length - a.length);
  const prefixStarts = new Map<number, number[]>();
  const shortPrefixGroups: number[] = [];
  prefixes.forEach((g, i) => {
    if (g.length < 2) return void shortPrefixGroups.push(i);
    for (const name of g.names) {
      const key = (name.charCodeAt(0) << 16) | name.charCodeAt(1);
      const groups = prefixStarts.get(key);
      if (!groups) prefixStarts.set(key, [i]);
      else if (groups[groups.length - 1] !== i) groups.push(i);
    }
  });
  const ruleSets: PathRule[][] = c.pathRules.sets.map((list) =>
    list.map(([vendor, path, query, category, label, pathEnd]) => ({
      vendor,
      id: `${c.vendors.ids[vendor]}${path}${pathEnd ? `*${pathEnd}` : ''}`,
      path,
      pathEnd: pathEnd ?? null,
      query: query === null ? null : new RegExp(query),
      category,
      label,
      endpoint: endpointPhrase(label),
    })),
  );
  const pathRules = new Map<string, PathRule[]>();
  c.pathRules.hosts.forEach((host, i) => pathRules.set(host, ruleSets[c.pathRules.set[i]!]!));
  const signatureByPath = new Map<string, Signature[]>();
  const signaturePrefixes: Signature[] = [];
  const signatureSuffixes = new Map<number, Signature[]>();
  for (const [
    vendor,
    id,
    path,
    match,
    query,
    label,
    category,
    selfHosted,
    queryHas,
    pathEnd,
  ] of c.signatures) {
    const sig = {
      vendor,
      id,
      path,
      query: query === null ? null : new RegExp(query),
      label,
      category: category ?? null,
      selfHosted: selfHosted === 1,
      queryHas: queryHas ?? null,
      pathEnd: pathEnd ?? null,
    };
    if (match === 1) signaturePrefixes.push(sig);
    else if (match === 2) {
      const key = suffixKey(path, path.length);
      signatureSuffixes.set(key, [...(signatureSuffixes.get(key) ?? []), sig]);
    } else signatureByPath.set(path, [...(signatureByPath.get(path) ?? []), sig]);
  }
  return {
    ids: c.vendors.ids,
    names: c.vendors.names,
    companies: c.vendors.companies,
    categories: c.vendors.categories,
    byId: new Map(c.vendors.ids.map((id, n) => [id, n])),
    hosts: zipMap(c.hosts.names, c.hosts.vendors),
    singleLabelHosts: c.hosts.names.some((h) => !h.includes('.')),
    cookies: zipMap<CookieEntry[]>(c.cookies.names, c.cookies.entries),
    prefixLengths: prefixes.map((g) => g.length),
    prefixMaps: prefixes.map((g) => zipMap<CookieEntry[]>(g.names, g.entries)),
    prefixStarts,
    shortPrefixGroups,
    pathRules,
    signatureByPath,
    signaturePrefixes,
    ...prefixSignaturesBySecondChar(signaturePrefixes),
    signatureSuffixes,
    signatureLengths: new Set([...signatureByPath.keys()].map((k) => k.length)),
    labelSuffixes: c.labelSuffixes,
    namespaces: new Map(Array.isArray(c.namespaces) ? c.namespaces : []),
    sourceHash: c.sourceHash,
    brands: new Map(
      c.brands.words.map((w, i) => [w, { vendors: c.brands.vendors[i]!, common: c.brands.common[i] === 1 }]),
    ),
    genericNames: new Set(c.genericNames),
    singleWordNames: new Set(c.singleWordNames),
    families: new Map(
      c.families.prefixes.map((p, i) => [
        p,
        {
          vendor: c.families.vendors[i]!,
          example: c.families.examples[i]!,
          category: c.families.categories[i]!,
        },
      ]),
    ),
  };
}

/** Parses public/vendor-details.json once, so getVendorDetails can be called many times on the result. */
export function parseVendorDetails(json: unknown): VendorDetailsFile {
  const d = parse(json, 'vendor details') as Partial<VendorDetailsFile> | null;
  if (!d || d.format !== DETAILS_FORMAT || typeof d.vendors !== 'object' || d.vendors === null) {
    throw new VendorDbFormatError('not a vendor details file (wrong "format" or no vendors)');
  }
  return d as VendorDetailsFile;
}

/**
 * Full records (GDPR block included) for the given vendor ids, in the order asked; unknown ids are skipped.
 * Accepts the details JSON text or the object parseVendorDetails returned (cache that one in the background).
 */
export function getVendorDetails(detailsJson: unknown, ids: readonly string[]): VendorRecord[] {
  const { vendors } = parseVendorDetails(detailsJson);
  const out: VendorRecord[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    if (typeof id !== 'string' || seen.has(id) || !Object.hasOwn(vendors, id)) continue;
    seen.add(id);
    out.push(vendors[id]!);
  }
  return out;
}

/**
 * Prefix signatures by the second character of their path ("/b/ss/" under "b"), each list in the database's order
 * with the one-character prefixes ("/") in it: a path is tested only against the prefixes it can start with.
 */
function prefixSignaturesBySecondChar(
  prefixes: readonly Signature[],
): Pick<VendorIndex, 'signaturePrefixesAt' | 'signaturePrefixesShort'> {
  const short = prefixes.filter((s) => s.path.length < 2);
  const chars = new Set(prefixes.filter((s) => s.path.length >= 2).map((s) => s.path.charCodeAt(1)));
  const at = new Map(
    [...chars].map((c) => [c, prefixes.filter((s) => s.path.length < 2 || s.path.charCodeAt(1) === c)]),
  );
  return { signaturePrefixesAt: at, signaturePrefixesShort: short };
}
