import type { Category } from '../../category';
import { deriveGdpr } from '../derive';
import { parseRetention } from '../retention';
import type { SourceRef, VendorRecord } from '../types';
import { compareCookies, ocdCookie, tagSharedCookies } from './build-cookies';
import type {
  Aliases,
  CategoryOverrides,
  CompanyFact,
  CuratedConflict,
  CuratedVendor,
  DomainOwners,
} from './curated';
import { categoryFromOcd, mostCommon, unanimous, type Draft } from './draft';
import { OCD_CATEGORY, type OcdRow } from './ocd';
import { KNOWN_SOURCES, OCD, TPW } from './registry';
import { TPW_CATEGORY, type TpwEntity } from './third-party-web';
import { draftsFromEntities, linkOcd, target } from './link';
import { resolveDomains, type DomainConflict } from './domains';

export interface BuildInput {
  entities: TpwEntity[];
  ocd: OcdRow[];
  aliases: Aliases;
  categories: CategoryOverrides;
  domainOwners: DomainOwners;
  companies: Record<string, CompanyFact>;
  curated: CuratedVendor[];
}

export interface BuildReport {
  skippedRows: { id: string; reason: string }[];
  unparsedRetention: { text: string; rows: number }[];
  sharedCookies: { name: string; match: string; vendors: string[] }[];
  domainConflicts: DomainConflict[];
  curatedConflicts: { vendor: string; conflict: CuratedConflict }[];
  ocdOnlyVendors: string[];
}

function chooseCategory(
  d: Draft,
  input: BuildInput,
  curated?: CuratedVendor,
): { value: Category; from: string } {
  const override = input.categories[d.id];
  if (override) return { value: override.category, from: `curated: ${override.reason}` };
  if (curated?.category)
    return { value: curated.category.value, from: `curated: ${curated.category.reason}` };
  const upstream = d.entity && TPW_CATEGORY[d.entity.category];
  if (upstream) return { value: upstream, from: `${TPW}:${d.entity!.category}` };
  const cats = d.rows.flatMap((r) => OCD_CATEGORY[r.category] ?? []);
  return { value: categoryFromOcd(cats), from: `${OCD}: most privacy-relevant cookie category` };
}

function policySource(key: string, fact: CompanyFact): SourceRef {
  return { id: `policy:${key}`, title: `${fact.company} privacy policy`, url: fact.policy, licence: null };
}

/** Merges one draft with its overlays into a record (domains and shared cookies are settled later). */
function toRecord(d: Draft, input: BuildInput, curated?: CuratedVendor): VendorRecord {
  const companyEntry = Object.entries(input.companies).find(([, f]) => f.vendors.includes(d.id));
  const name = curated?.name ?? d.name;
  const category = chooseCategory(d, input, curated);
  const sources = new Map<string, SourceRef>();
  const cite = (id: string): string => {
    const ref = sources.get(id) ?? KNOWN_SOURCES[id] ?? curated?.sources?.find((s) => s.id === id);
    if (!ref) throw new Error(`${d.id}: source ${id} is not declared`);
    sources.set(id, ref);
    return id;
  };
  let company: { value: string; source: string } | null = null;
  let country: { value: string; source: string } | null = null;
  if (companyEntry) {
    const ref = policySource(companyEntry[0], companyEntry[1]);
    sources.set(ref.id, ref);
    company = { value: companyEntry[1].company, source: ref.id };
    country = { value: companyEntry[1].country, source: ref.id };
  }
  const controller = unanimous(d.rows.map((r) => r.controller));
  if (curated?.company) company = curated.company;
  else if (!company && d.entity?.company) company = { value: d.entity.company, source: TPW };
  else if (!company && controller) company = { value: controller, source: OCD };
  if (curated?.country) country = curated.country;

  const gdpr = deriveGdpr(name, category.value, country?.value ?? null);
  const ocdPolicy = mostCommon(d.rows.map((r) => r.privacyUrl).filter((u) => /^https?:\/\//.test(u)));
  if (ocdPolicy) gdpr.privacyPolicy = { value: ocdPolicy, source: OCD, derived: false };
  if (companyEntry)
    gdpr.privacyPolicy = {
      value: companyEntry[1].policy,
      source: `policy:${companyEntry[0]}`,
      derived: false,
    };
  Object.assign(gdpr, curated?.gdpr ?? {});

  const domainList = [...d.domains.keys()];
  const cookies = d.rows.map((r) => ocdCookie(r, category.value, domainList));
  for (const extra of curated?.cookies ?? []) {
    const at = cookies.findIndex((c) => c.name === extra.name && c.match === extra.match);
    if (at >= 0) cookies.splice(at, 1);
    cookies.push(extra);
  }
  for (const fix of curated?.cookieFixes ?? []) {
    const c = cookies.find((k) => k.name === fix.name && k.match === fix.match);
    if (!c) throw new Error(`${d.id}: cookieFixes names missing cookie ${fix.name}`);
    c.party = fix.party;
    if (fix.domain === null) delete c.domain;
    else c.domain = fix.domain;
    c.note = `${fix.note} (${cite(fix.source)})`;
  }
  cookies.sort(compareCookies);

  if (d.entity) cite(TPW);
  for (const c of cookies) cite(c.source);
  for (const f of Object.values(gdpr)) if (!f.derived) cite(f.source);
  for (const s of [company?.source, country?.source, ...d.domains.values()]) if (s) cite(s);

  const record: VendorRecord = {
    id: d.id,
    name,
    company: company?.value ?? null,
    country: country?.value ?? null,
    category: category.value,
    domains: domainList,
    cookies,
    gdpr,
    sources: [...sources.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
  if (company) record.companySource = company.source;
  if (country) record.countrySource = country.source;
  record.categoryFrom = category.from;
  const aliases = d.platforms.filter((p) => p !== name);
  if (d.entity && d.entity.name !== name) aliases.unshift(d.entity.name);
  if (aliases.length) record.aliases = aliases;
  if (curated?.homepage ?? d.entity?.homepage) record.homepage = curated?.homepage ?? d.entity?.homepage;
  if (d.entity?.totalOccurrences !== undefined)
    record.usage = { totalOccurrences: d.entity.totalOccurrences };
  const notes = [...(companyEntry?.[1].note ? [companyEntry[1].note] : []), ...(curated?.notes ?? [])];
  if (curated?.related) record.related = curated.related;
  if (notes.length) record.notes = notes;
  return record;
}

/**
 * Builds every vendor record from the parsed sources and the curated overlays. Pure and deterministic:
 * the same inputs give byte-identical records.
 * @throws Error when an overlay names an unknown vendor or a domain conflict has no curated owner.
 */
export function buildRecords(input: BuildInput): { records: VendorRecord[]; report: BuildReport } {
  const report: BuildReport = {
    skippedRows: [],
    unparsedRetention: [],
    sharedCookies: [],
    domainConflicts: [],
    curatedConflicts: [],
    ocdOnlyVendors: [],
  };
  const drafts = draftsFromEntities(input.entities);
  linkOcd(drafts, input.ocd, input.aliases, report);
  const curatedById = new Map<string, CuratedVendor>();
  for (const c of input.curated) {
    const d = target(drafts, c.id, `data/curated/${c.id}.json`);
    for (const { domain, source } of c.domains ?? [])
      if (!d.domains.has(domain)) d.domains.set(domain, source);
    curatedById.set(c.id, c);
    for (const conflict of c.conflicts ?? []) report.curatedConflicts.push({ vendor: c.id, conflict });
  }
  for (const id of Object.keys(input.categories)) target(drafts, id, 'categories.json');
  for (const f of Object.values(input.companies))
    for (const id of f.vendors) target(drafts, id, 'company-facts.json');

  report.domainConflicts = resolveDomains([...drafts.values()], input.domainOwners);
  const records = [...drafts.values()]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((d) => toRecord(d, input, curatedById.get(d.id)));
  for (const r of records) {
    for (const rel of r.related ?? []) target(drafts, rel, `${r.id}.related`);
    const own = [...r.domains];
    r.domains = own.sort();
    const extra = Object.fromEntries(
      [...drafts.get(r.id)!.domains].filter(([dom, src]) => src !== TPW && own.includes(dom)),
    );
    if (Object.keys(extra).length) r.domainSources = extra;
  }
  report.sharedCookies = tagSharedCookies(records);
  const unparsed = new Map<string, number>();
  for (const row of input.ocd) {
    if (parseRetention(row.retention).kind === 'unknown')
      unparsed.set(row.retention, (unparsed.get(row.retention) ?? 0) + 1);
  }
  report.unparsedRetention = [...unparsed]
    .map(([text, rows]) => ({ text, rows }))
    .sort((a, b) => b.rows - a.rows);
  return { records, report };
}
