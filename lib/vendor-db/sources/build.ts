import type { CategoryOrUnknown } from '../../category';
import { deriveGdpr, deriveTransferFromController } from '../derive';
import { parseRetention } from '../retention';
import type { CompanyFacts, Fact, FactEvidence, SourceRef, VendorCookie, VendorRecord } from '../types';
import { compareCookies, ocdCookie, tagSharedCookies, thirdPartyDeviceId } from './build-cookies';
import type {
  Aliases,
  CategoryOverrides,
  CompanyFact,
  CuratedConflict,
  CuratedVendor,
  DomainOwners,
} from './curated';
import { categoryFromOcd, mostCommon, unanimous, type Draft } from './draft';
import { type OcdRow } from './ocd';
import { ocdPurpose } from './ocd-purpose';
import { KNOWN_SOURCES, OCD, TPW } from './registry';
import { TPW_CATEGORY, type TpwEntity } from './third-party-web';
import { draftsFromEntities, linkOcd, target } from './link';
import { withdrawNamespaces, type CustomerNamespaces, type NamespaceWithdrawn } from './namespaces';
import { resolveDomains, type DomainConflict } from './domains';
import { sameCompany, spelledByDomain, withoutLegalForm } from './names';
import { companyProblem, datasetCountry } from './sanity';
import { WTM, WTM_CATEGORY, wtmOwner, type WtmTracker } from './whotracksme';
import { linkWhoTracksMe, type GroupingIssue } from './wtm-link';
import type { GroupingRules, ProductSplit } from './wtm-products';
import { refileShadowedHosts, type HostRefiled, type ShadowedHost } from './shadowed-hosts';
import { needsConsent } from '../../category';

export interface BuildInput {
  entities: TpwEntity[];
  ocd: OcdRow[];
  aliases: Aliases;
  categories: CategoryOverrides;
  domainOwners: DomainOwners;
  companies: Record<string, CompanyFact>;
  curated: CuratedVendor[];
  /** WhoTracks.me 2022 trackers (optional so small tests can leave it out). */
  wtm?: WtmTracker[];
  groupings?: GroupingRules;
  namespaces?: CustomerNamespaces;
}

/** Two sources disagree on a vendor's owner or category; `rule` names what decided. */
export interface FieldConflict {
  vendor: string;
  field: 'name' | 'company' | 'category';
  values: string[];
  chosen: string;
  rule: string;
}

/** A dataset value the sanity checks refused to show. */
export interface RejectedValue {
  vendor: string;
  field: string;
  value: string;
  source: string;
  problem: string;
}

/** An OCD row whose exempt label its own description contradicts (ocd-purpose.ts), and what the record says. */
export interface PurposeRefiled {
  vendor: string;
  cookie: string;
  label: string;
  phrase: string;
  stated: string;
  /** The category the record ends with (a curated overlay may still decide). */
  final: string;
}

export interface BuildReport {
  skippedRows: { id: string; reason: string }[];
  purposeRefiled: PurposeRefiled[];
  unparsedRetention: { text: string; rows: number }[];
  sharedCookies: { name: string; match: string; vendors: string[] }[];
  domainConflicts: DomainConflict[];
  curatedConflicts: { vendor: string; conflict: CuratedConflict }[];
  ocdOnlyVendors: string[];
  groupings: GroupingIssue[];
  productSplits: ProductSplit[];
  hostsRefiled: HostRefiled[];
  namespacesWithdrawn: NamespaceWithdrawn[];
  fieldConflicts: FieldConflict[];
  rejected: RejectedValue[];
  wtmOnlyVendors: string[];
}

/** The WhoTracks.me category most of the vendor's linked trackers (by domain count) carry, or null. */
function wtmCategory(d: Draft): { value: CategoryOrUnknown; label: string } | null {
  const votes = new Map<string, number>();
  for (const t of d.wtm ?? [])
    votes.set(t.category, (votes.get(t.category) ?? 0) + Math.max(1, t.domains.length));
  const top = [...votes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return top ? { value: WTM_CATEGORY[top[0]]!, label: top[0] } : null;
}

function chooseCategory(
  d: Draft,
  input: BuildInput,
  report: BuildReport,
  curated?: CuratedVendor,
): { value: CategoryOrUnknown; from: string } {
  const override = input.categories[d.id];
  if (override) return { value: override.category, from: `curated: ${override.reason}` };
  if (curated?.category)
    return { value: curated.category.value, from: `curated: ${curated.category.reason}` };
  const upstream = d.entity && TPW_CATEGORY[d.entity.category];
  const wtm = wtmCategory(d);
  if (upstream && upstream !== 'unknown') {
    // Consent-safe fusion: a list that files the vendor under a consent purpose beats one that calls it functional.
    if (wtm && !needsConsent(upstream) && needsConsent(wtm.value)) {
      report.fieldConflicts.push({
        vendor: d.id,
        field: 'category',
        values: [`${upstream} (${TPW}:${d.entity!.category})`, `${wtm.value} (${WTM}:${wtm.label})`],
        chosen: wtm.value,
        rule: 'consent-safe: a consent purpose named by one source beats functional from another',
      });
      return { value: wtm.value, from: `${WTM}:${wtm.label} (over ${TPW}:${d.entity!.category})` };
    }
    if (wtm && wtm.value !== upstream && needsConsent(wtm.value)) {
      report.fieldConflicts.push({
        vendor: d.id,
        field: 'category',
        values: [`${upstream} (${TPW}:${d.entity!.category})`, `${wtm.value} (${WTM}:${wtm.label})`],
        chosen: upstream,
        rule: 'both need consent: third-party-web (maintained) is kept',
      });
    }
    return { value: upstream, from: `${TPW}:${d.entity!.category}` };
  }
  const cats = d.rows.map((r) => ocdPurpose(r).category);
  // WhoTracks.me's "essential" as the only word on a vendor is a label no other source backs (it files ad and
  // affiliate networks such as Contaxe and MaxBounty there too): needs review, never silently exempt.
  if (upstream === undefined && wtm?.label === 'essential' && cats.length === 0)
    return { value: 'unknown', from: `${WTM}:essential, and no other source names a purpose` };
  if (upstream !== 'unknown') return fromOcdAndWtm(d, wtm, cats, report);
  // third-party-web's label names no consent purpose (utility, content, video …): another source's purpose
  // decides, else "unknown: needs review"; never silently functional.
  const label = `${TPW}:${d.entity!.category}`;
  if (cats.length === 0 && (!wtm || wtm.value === 'unknown')) return { value: 'unknown', from: label };
  const other = fromOcdAndWtm(d, wtm, cats, report);
  report.fieldConflicts.push({
    vendor: d.id,
    field: 'category',
    values: [`unknown (${label}: names no consent purpose)`, `${other.value} (${other.from})`],
    chosen: other.value,
    rule: 'third-party-web names no consent purpose: the purpose another source names decides',
  });
  return { value: other.value, from: `${other.from} (${label} names no purpose)` };
}

/** Without a third-party-web purpose: WhoTracks.me and the Open Cookie Database cookie categories decide. */
function fromOcdAndWtm(
  d: Draft,
  wtm: ReturnType<typeof wtmCategory>,
  cats: ReturnType<typeof categoryFromOcd>[],
  report: BuildReport,
): { value: CategoryOrUnknown; from: string } {
  if (wtm && (cats.length === 0 || needsConsent(wtm.value)))
    return { value: wtm.value, from: `${WTM}:${wtm.label}` };
  const ocd = categoryFromOcd(cats);
  // WhoTracks.me naming no purpose (misc, unknown …) says less than the vendor's categorised cookies.
  if (wtm && wtm.value !== 'unknown' && !needsConsent(ocd))
    return { value: wtm.value, from: `${WTM}:${wtm.label}` };
  if (wtm && wtm.value !== ocd) {
    report.fieldConflicts.push({
      vendor: d.id,
      field: 'category',
      values: [`${ocd} (${OCD}: cookie categories)`, `${wtm.value} (${WTM}:${wtm.label})`],
      chosen: ocd,
      rule:
        wtm.value === 'unknown'
          ? 'WhoTracks.me names no consent purpose: the categories of the cookies Open Cookie Database lists decide'
          : 'consent-safe: a consent purpose named by one source beats functional from another',
    });
  }
  return { value: ocd, from: `${OCD}: most privacy-relevant cookie category` };
}

/** Curated company names: the reference list for the misspelling check. */
function knownCompanies(input: BuildInput): string[] {
  const names = Object.values(input.companies).map((f) => f.company);
  for (const c of input.curated) if (c.company) names.push(c.company.value);
  return [...new Set(names)].sort();
}

function withEvidence<T>(fact: Fact<T>, evidence: FactEvidence | undefined): Fact<T> {
  return evidence ? { ...fact, evidence } : { ...fact, unverified: true };
}

/** company-facts.json entry → the record's company facts, each with its evidence or marked unverified. */
function companyFacts(key: string, f: CompanyFact): CompanyFacts {
  const source = `policy:${key}`;
  const ev = f.evidence ?? {};
  const out: CompanyFacts = {
    company: withEvidence({ value: f.company, source, derived: false }, ev.company),
  };
  if (f.country) out.country = withEvidence({ value: f.country, source, derived: false }, ev.country);
  if (f.eeaController) {
    out.eeaController = withEvidence(
      { value: f.eeaController.name, source, derived: false },
      ev.eeaController,
    );
    out.eeaControllerCountry = withEvidence(
      { value: f.eeaController.country, source, derived: false },
      ev.eeaController,
    );
  }
  if (f.dpf) out.dpf = withEvidence({ value: f.dpf, source, derived: false }, ev.dpf);
  if (f.dpa) out.dpa = withEvidence({ value: f.dpa, source, derived: false }, ev.dpa);
  return out;
}

function sourceTitleOf(id: string, curated?: CuratedVendor): string {
  return curated?.sources?.find((s) => s.id === id)?.title ?? KNOWN_SOURCES[id]?.title ?? id;
}

/** The company-facts entry as a source: its privacy policy, or (an entry without one) the page naming the company. */
function policySource(key: string, fact: CompanyFact): SourceRef {
  return fact.policy
    ? { id: `policy:${key}`, title: `${fact.company} privacy policy`, url: fact.policy, licence: null }
    : {
        id: `policy:${key}`,
        title: `${fact.company} (company facts; no privacy policy read)`,
        url: fact.evidence?.company?.url ?? null,
        licence: null,
      };
}

/** Merges one draft with its overlays into a record (domains and shared cookies are settled later). */
function toRecord(
  d: Draft,
  input: BuildInput,
  report: BuildReport,
  known: string[],
  curated?: CuratedVendor,
): VendorRecord {
  const companyEntry = Object.entries(input.companies).find(([, f]) => f.vendors.includes(d.id));
  let name = curated?.name ?? d.name;
  const category = chooseCategory(d, input, report, curated);
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
    // An entry without a country states none: a dataset's country may still fill in, shown as unverified.
    if (companyEntry[1].country) country = { value: companyEntry[1].country, source: ref.id };
  }
  // A dataset value the sanity checks refuse is listed in conflicts.md, never used.
  const reject = (field: string, value: string, source: string, problem: string): null => {
    report.rejected.push({ vendor: d.id, field, value, source, problem });
    return null;
  };
  const domainList = [...d.domains.keys()];
  // Dataset owners, each through the sanity checks; the first acceptable one in source order wins.
  const checked = (value: string | null | undefined, source: string) => {
    if (!value) return null;
    const problem =
      companyProblem(value, known, d.name) ??
      (spelledByDomain(d.name, value, domainList) === 'a'
        ? `looks like a misspelling of the vendor's own name ${JSON.stringify(d.name)}, which its domain spells`
        : null);
    return problem === null ? { value, source } : reject('company', value, source, problem);
  };
  const wtmCompanies = (d.wtm ?? []).filter((t) => t.company !== null);
  const candidates = [
    checked(d.entity?.company, TPW),
    checked(wtmCompanies[0] ? wtmOwner(wtmCompanies[0]) : null, WTM),
    checked(unanimous(d.rows.map((r) => r.controller)), OCD),
  ].filter((c): c is { value: string; source: string } => c !== null);
  if (curated?.company) company = curated.company;
  else if (!company && candidates[0]) company = candidates[0];
  if (company) {
    const others = candidates.filter(
      (c) => c.source !== company!.source && !sameCompany(c.value, company!.value),
    );
    if (others.length > 0) {
      report.fieldConflicts.push({
        vendor: d.id,
        field: 'company',
        values: [`${company.value} (${company.source})`, ...others.map((o) => `${o.value} (${o.source})`)],
        chosen: company.value,
        rule:
          company.source.startsWith('policy:') || curated?.company
            ? 'curated (verified or overlay) beats datasets'
            : 'source order: third-party-web › WhoTracks.me 2022 › Open Cookie Database (WhoTracks.me is dated 2022)',
      });
    }
  }
  if (!curated?.name && company && spelledByDomain(name, company.value, domainList) === 'b') {
    // A dataset's name one letter off its company's, which the vendor's own domain spells ("Signyfyd" on
    // signifyd.com): the misspelling gives way to the company's spelling.
    const fixed = withoutLegalForm(company.value);
    report.fieldConflicts.push({
      vendor: d.id,
      field: 'name',
      values: [`${name} (${d.entity ? TPW : d.rows.length ? OCD : WTM})`, `${fixed} (${company.source})`],
      chosen: fixed,
      rule: "a name one letter off its company's (or two swapped), where only the company's spelling is in the vendor's domains: the domain's spelling",
    });
    name = fixed;
  }
  if (curated?.country) country = curated.country;
  // Under a company-facts entry, only a dataset country of that same company may fill in (WhoTracks.me's Arm is
  // not Treasure Data, Inc.).
  const wtmCountry = wtmCompanies.find(
    (t) => t.company!.country && (!companyEntry || sameCompany(wtmOwner(t), companyEntry[1].company)),
  )?.company!.country;
  if (!country && wtmCountry) {
    const c = datasetCountry(wtmCountry);
    if ('code' in c) country = { value: c.code, source: WTM };
    else reject('country', wtmCountry, WTM, c.problem);
  }
  const gdpr = deriveGdpr(name, category.value, country?.value ?? null);
  const ocdPolicy = mostCommon(d.rows.map((r) => r.privacyUrl).filter((u) => /^https?:\/\//.test(u)));
  const wtmPolicy = wtmCompanies.map((t) => t.company!.privacyUrl).find((u) => u && /^https?:\/\//.test(u));
  // A company-facts entry decides the policy. Without one of its own, none is stated (deriveGdpr's default): the
  // datasets' policy is that of the owner the entry replaces.
  if (!companyEntry && ocdPolicy) gdpr.privacyPolicy = { value: ocdPolicy, source: OCD, derived: false };
  else if (!companyEntry && wtmPolicy) gdpr.privacyPolicy = { value: wtmPolicy, source: WTM, derived: false };
  const facts = companyEntry ? companyFacts(companyEntry[0], companyEntry[1]) : undefined;
  if (companyEntry) {
    const policy = companyEntry[1].policy;
    if (policy) {
      gdpr.privacyPolicy = withEvidence(
        { value: policy, source: `policy:${companyEntry[0]}`, derived: false },
        companyEntry[1].evidence?.policy,
      );
    }
    const eea = companyEntry[1].eeaController;
    if (eea) {
      gdpr.transfer = deriveTransferFromController(
        eea.name,
        eea.country,
        companyEntry[1].company,
        companyEntry[1].country ?? null,
        !companyEntry[1].evidence?.eeaController,
      );
    }
  }
  Object.assign(gdpr, curated?.gdpr ?? {});
  // A value a consent vendor's page or a seed states, nobody checked against the vendor: its claim, unverified.
  for (const f of Object.values(gdpr) as Fact<unknown>[]) {
    if (f.derived || f.evidence) continue;
    f.unverified = true;
    if (f.source.startsWith('seed:') && !f.claimBy) f.claimBy = sourceTitleOf(f.source, curated);
  }

  // A curated cookie replaces the imported one of its name and match; a curated prefix also replaces the imported
  // exact name it covers (Cloudflare's `__cfwaitingroom` takes a custom suffix: the OCD's exact row is the same cookie).
  const own = curated?.cookies ?? [];
  const replaced = (c: VendorCookie) =>
    own.some((e) => e.name === c.name && (e.match === c.match || e.match === 'prefix'));
  const cookies = [
    ...d.rows.map((r) => ocdCookie(r, category.value, domainList)).filter((c) => !replaced(c)),
    ...own,
  ];
  for (const fix of curated?.cookieFixes ?? []) {
    const c = cookies.find((k) => k.name === fix.name && k.match === fix.match);
    if (!c) throw new Error(`${d.id}: cookieFixes names missing cookie ${fix.name}`);
    c.party = fix.party;
    if (fix.domain === null) delete c.domain;
    else c.domain = fix.domain;
    c.note = `${fix.note} (${cite(fix.source)})`;
  }
  if (curated?.cookieCategory) {
    const { value, reason, source } = curated.cookieCategory;
    for (const c of cookies) {
      if (c.source !== OCD || c.category === value || c.category === 'consent') continue;
      c.note = `${c.note ? `${c.note}; ` : ''}OCD files it as ${c.category}; re-filed as ${value}: ${reason} (${cite(source)})`;
      c.category = value;
    }
  }
  cookies.sort(compareCookies);

  if (d.entity) cite(TPW);
  if (d.wtm?.length) cite(WTM);
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
  // The entry names no country: one from a dataset or overlay is shown, unverified.
  if (facts && !facts.country && country) facts.country = { ...country, derived: false, unverified: true };
  if (curated?.company) {
    // An overlay's owner (e.g. Neustar → TransUnion) reads as stated only with its evidence.
    const owner = withEvidence({ ...curated.company, derived: false }, curated.companyEvidence);
    record.facts = { ...facts, company: owner };
  } else if (facts) record.facts = facts;
  else if (company || country) {
    // Owners and countries from datasets were never checked against the vendor: shown as unverified.
    record.facts = {};
    if (company) record.facts.company = { ...company, derived: false, unverified: true };
    if (country) record.facts.country = { ...country, derived: false, unverified: true };
  }
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
  for (const rule of curated?.requestRules ?? []) cite(rule.source);
  for (const sig of curated?.signatures ?? []) cite(sig.source);
  if (curated?.requestRules?.length) record.requestRules = curated.requestRules;
  if (curated?.signatures?.length) record.signatures = curated.signatures;
  for (const h of curated?.hostLabelSuffixes ?? []) cite(h.source);
  if (curated?.hostLabelSuffixes?.length) record.hostLabelSuffixes = curated.hostLabelSuffixes;
  record.fieldSources = fieldSources(d, record);
  record.sources = [...sources.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  return record;
}

/** Which sources stand behind each field of the record (chosen source first). */
function fieldSources(d: Draft, r: VendorRecord): Record<string, string[]> {
  const uniq = (xs: (string | undefined | null)[]): string[] => [
    ...new Set(xs.filter((x): x is string => !!x)),
  ];
  const out: Record<string, string[]> = {
    name: uniq([d.entity ? TPW : null, d.rows.length ? OCD : null, d.wtm?.length ? WTM : null]),
    category: uniq([(r.categoryFrom ?? '').split(':')[0]?.replace(/^curated$/, 'curated')]),
    domains: uniq([...d.domains].filter(([dom]) => r.domains.includes(dom)).map(([, s]) => s)),
    cookies: uniq(r.cookies.map((c) => c.source)),
  };
  if (r.companySource) out.company = [r.companySource];
  if (r.countrySource) out.country = [r.countrySource];
  if (!r.gdpr.privacyPolicy.derived) out.privacyPolicy = [r.gdpr.privacyPolicy.source];
  if (r.requestRules?.length) out.requestRules = uniq(r.requestRules.map((x) => x.source));
  if (r.signatures?.length) out.signatures = uniq(r.signatures.map((x) => x.source));
  for (const k of Object.keys(out)) if (out[k]!.length === 0) delete out[k];
  return out;
}

/**
 * Builds every vendor record from the parsed sources and the curated overlays. Pure and deterministic:
 * the same inputs give byte-identical records.
 * @throws Error when an overlay names an unknown vendor or a domain conflict has no curated owner.
 */
export function buildRecords(input: BuildInput): { records: VendorRecord[]; report: BuildReport } {
  const report: BuildReport = {
    skippedRows: [],
    purposeRefiled: [],
    unparsedRetention: [],
    sharedCookies: [],
    domainConflicts: [],
    curatedConflicts: [],
    ocdOnlyVendors: [],
    groupings: [],
    productSplits: [],
    hostsRefiled: [],
    namespacesWithdrawn: [],
    fieldConflicts: [],
    rejected: [],
    wtmOnlyVendors: [],
  };
  const drafts = draftsFromEntities(input.entities);
  const namespaces = input.namespaces ?? {};
  // Before WhoTracks.me links its hosts: a host it names under a namespace (tealium.hs.llnwd.net) is then unclaimed.
  report.namespacesWithdrawn = withdrawNamespaces(drafts, namespaces);
  linkOcd(drafts, input.ocd, input.aliases, report);
  const curatedById = new Map<string, CuratedVendor>();
  const applyOverlay = (c: CuratedVendor) => {
    const d = target(drafts, c.id, `data/curated/${c.id}.json`);
    for (const { domain, source } of c.domains ?? [])
      if (!d.domains.has(domain)) d.domains.set(domain, source);
    curatedById.set(c.id, c);
    for (const conflict of c.conflicts ?? []) report.curatedConflicts.push({ vendor: c.id, conflict });
  };
  // An overlay of a vendor only WhoTracks.me knows waits until that dataset has made the vendor.
  const waiting: CuratedVendor[] = [];
  for (const c of input.curated) {
    // A vendor no dataset knows, made from the overlay alone (its name and every fact cite their sources).
    if (c.create && !drafts.has(c.id)) {
      if (!c.name) throw new Error(`data/curated/${c.id}.json: "create" needs a "name"`);
      drafts.set(c.id, {
        id: c.id,
        name: c.name,
        platforms: [],
        rows: [],
        domains: new Map(),
        extraCookies: [],
      });
    }
    if (drafts.has(c.id) || !input.wtm) applyOverlay(c);
    else waiting.push(c);
  }
  let shadowed: ShadowedHost[] = [];
  if (input.wtm) {
    const {
      groupings,
      products,
      created,
      shadowed: hidden,
    } = linkWhoTracksMe(drafts, input.wtm, input.groupings ?? {}, new Set(Object.keys(namespaces)));
    report.groupings = groupings;
    report.productSplits = products;
    report.wtmOnlyVendors = created;
    shadowed = hidden;
  }
  waiting.forEach(applyOverlay);
  // Nor may an overlay hold one.
  report.namespacesWithdrawn.push(...withdrawNamespaces(drafts, namespaces));
  for (const id of Object.keys(input.categories)) target(drafts, id, 'categories.json');
  for (const f of Object.values(input.companies))
    for (const id of f.vendors) target(drafts, id, 'company-facts.json');

  report.domainConflicts = resolveDomains([...drafts.values()], input.domainOwners);
  const known = knownCompanies(input);
  const records = [...drafts.values()]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((d) => toRecord(d, input, report, known, curatedById.get(d.id)));
  for (const r of records) {
    for (const rel of r.related ?? []) target(drafts, rel, `${r.id}.related`);
    const own = [...r.domains];
    r.domains = own.sort();
    const extra = Object.fromEntries(
      [...drafts.get(r.id)!.domains].filter(([dom, src]) => src !== TPW && own.includes(dom)),
    );
    if (Object.keys(extra).length) r.domainSources = extra;
  }
  report.hostsRefiled = refileShadowedHosts(records, shadowed);
  report.sharedCookies = tagSharedCookies(records);
  for (const r of records) {
    for (const row of drafts.get(r.id)!.rows) {
      const { category, statedBy, inName } = ocdPurpose(row);
      const cookie = r.cookies.find((c) => c.name === row.name && c.match === row.match);
      // The other re-filing of an exempt row (build-cookies.ts): a third party's device identifier, needing review.
      const deviceId =
        !statedBy &&
        cookie?.source === OCD &&
        cookie.category === 'unknown' &&
        thirdPartyDeviceId(cookie, category);
      const phrase = deviceId
        ? `${deviceId} (a third party's own cookie)`
        : statedBy && (inName ? `${statedBy} (in its name)` : statedBy);
      if (!phrase) continue;
      report.purposeRefiled.push({
        vendor: r.id,
        cookie: row.name,
        label: row.category,
        phrase,
        stated: deviceId ? 'unknown' : category,
        final: cookie?.category ?? category,
      });
    }
  }
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
