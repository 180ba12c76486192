/**
 * The one derivation: a visit's evidence log → findings with phases and violations, one row per party (a
 * vendor, or an unattributed host), counts, the verdict and the badge. Pure and deterministic. The badge, the
 * popup, the report page, every export, the audits and `cli har` read verdicts from here and nowhere else.
 */
import { CATEGORIES, needsConsent, type CategoryOrUnknown } from '../category';
import type { Classification, CookieClaimant } from '../vendor-db/types';
import {
  PHASES,
  type CookieVia,
  type Finding,
  type FindingKind,
  type PageVisit,
  type Phase,
} from '../findings';
import { deriveConsent, isViolation, needsReviewAfter, phaseAt, type DerivedConsent } from './consent';
import { consentStateText, contradictionText, outsideInputText } from './consent-text';
import { MAX_TIMES, type EvidenceEntry, type Provenance } from './types';

/**
 * Bumped whenever a rule here or in consent.ts changes: cached summaries of stored visits are then derived again.
 * 7: a first-party request a vendor claims with no settled purpose (Cloudflare Zaraz) is listed for review. 8: the
 * consent rules of 2026-12-07 (a Save with every switch off, Accept all covering what it asked, over-refusal, and
 * the redirect, manager and click rules of the stop before). 9: an accept-all whose own fields withhold something (a
 * switch it offers off, a service refused by name, a US sale opt-out, nothing needing consent allowed) is read by
 * its categories.
 */
export const DERIVE_VERSION = 9;

export interface DeriveOptions {
  /** Leave out everything the detector or the page reported: what the browser alone observed. */
  browserOnly?: boolean;
}

/** One party: a vendor, or (unattributed) a host. The single rule for "a distinct vendor". */
export interface Party {
  key: string;
  vendorId: string | null;
  name: string;
  /** The most consent-critical category among its findings (one category per party, for every count). */
  category: CategoryOrUnknown;
  phases: Phase[];
  violationPhases: Phase[];
  violation: boolean;
  /** Needs consent and fired (a tracker), whatever the phase. */
  tracker: boolean;
  /**
   * An auditor must look: of unknown purpose (seen from a third party or as a cookie), or a tracker that fired
   * after a stored choice whose content could not be read (`afterUnknownChoice`).
   */
  review: boolean;
  afterUnknownChoice?: boolean;
  firstSeenAt: number;
}

export interface CategoryCount {
  category: CategoryOrUnknown;
  vendors: number;
}

export interface Verdict {
  beforeConsent: CategoryCount[];
  afterReject: CategoryCount[];
  /** Distinct parties with any violation: the badge number. */
  violating: number;
  /** Parties listed for review: of unknown purpose, or trackers after a choice of unknown content. */
  review: number;
  text: string;
  severity: 'violation' | 'clean' | 'empty';
}

export interface Badge {
  text: string;
  color: 'violation' | 'trackers' | 'none';
  title: string;
}

export interface DerivedVisit {
  visit: PageVisit;
  findings: Finding[];
  parties: Party[];
  consent: DerivedConsent;
  verdict: Verdict;
  badge: Badge;
  /** Human line for the consent state, e.g. "OneTrust · rejected at 14:02:11". */
  consentState: string;
  /** The vendors of the visit's requests, sorted: they decide which claimant of a shared cookie name wrote it. */
  requestVendors: string[];
  /**
   * Set when the visit was recorded with another vendor database and its evidence filed again under the current
   * one (lib/evidence/reclassify.ts): how many observations it classifies differently.
   */
  refiled?: number;
}

/** The vendor ids among a visit's parties (whose records the popup, report and exports show). */
export function partyVendorIds(parties: readonly Pick<Party, 'vendorId'>[]): string[] {
  return [...new Set(parties.flatMap((p) => (p.vendorId ? [p.vendorId] : [])))];
}

/** The party key of a finding: its vendor, else its host. */
export function partyKey(f: Pick<Finding, 'vendorId' | 'host'>): string {
  return f.vendorId ?? `host:${f.host}`;
}

/** Most consent-critical first: a vendor seen doing ads and social is counted as advertising. */
export const SEVERITY: readonly CategoryOrUnknown[] = [
  'advertising',
  'marketing',
  'analytics',
  'social',
  'unknown',
  'functional',
  'consent',
  'necessary',
];

function viaOf(e: EvidenceEntry): CookieVia | undefined {
  if (e.kind !== 'cookie') return undefined;
  if (
    e.via === 'cookie-header' ||
    e.via === 'set-cookie' ||
    e.via === 'document.cookie' ||
    e.via === 'cookieStore'
  )
    return e.via;
  return 'cookies-api';
}

/**
 * Each kept sighting time with the number of sightings it stands for. The times beyond MAX_TIMES were dropped
 * from between the earliest and the latest half, so when they happened is unknown: consent-safe, they count with
 * whichever of the two neighbouring kept times makes a violation; when neither does, at the first change of choice
 * between them that does (a refusal in force for a while in that gap: they may have fired then), counted from when
 * it began; else with the later kept time.
 */
function weightedTimes(
  e: EvidenceEntry,
  violatesAt: (t: number) => boolean,
  changes: readonly number[],
): [number, number][] {
  const out: [number, number][] = e.times.map((t) => [t, 1]);
  const extra = e.count - e.times.length;
  if (extra > 0 && out.length) {
    const after = Math.min(MAX_TIMES / 2, out.length - 1);
    const before = Math.max(0, after - 1);
    const [from, to] = [out[before]![0], out[after]![0]];
    if (violatesAt(from) && !violatesAt(to)) out[before]![1] += extra;
    else if (violatesAt(to)) out[after]![1] += extra;
    else {
      const within = changes.find((c) => c > from && c < to && violatesAt(c));
      if (within === undefined) out[after]![1] += extra;
      else out.splice(after, 0, [within, extra]);
    }
  }
  return out;
}

/** The kind of finding an entry's key makes (request, cookie or storage), or null for consent and detector entries. */
function findingKind(e: EvidenceEntry): FindingKind | null {
  return e.kind === 'request' || e.kind === 'cookie' || e.kind === 'storage' ? (e.kind as FindingKind) : null;
}

/**
 * A cookie's removal counts toward no finding: it sends and stores nothing, and managers delete trackers' cookies on
 * a refusal (Cookies EU banner writes `_ga=; expires=1970…` whether or not the cookie exists), which read as the
 * tracker's cookie after a refusal. The entry stays as evidence.
 */
function isRemoval(e: EvidenceEntry): boolean {
  return e.kind === 'cookie' && e.cookie?.action === 'removed';
}

function addUnique<T>(list: T[] | undefined, item: T | undefined, max = 16): T[] | undefined {
  if (item === undefined) return list;
  if (!list) return [item];
  return list.includes(item) || list.length >= max ? list : [...list, item];
}

/** The vendors whose requests the visit shows. */
function requestVendorsOf(entries: readonly EvidenceEntry[]): string[] {
  const seen = new Set<string>();
  for (const e of entries)
    if (e.kind === 'request' && e.classification?.vendor) seen.add(e.classification.vendor);
  return [...seen].sort();
}

/** Who wrote a cookie the classifier named by its name, from the vendors whose requests the page shows. */
export function attributed(c: Classification, seen: ReadonlySet<string>): Classification {
  const named = claimantOf(c, seen);
  return named !== c ? named : c.family ? familyMember(c, c.family, seen) : everydayName(c, seen);
}

/**
 * A first-party cookie no record names, of a tracking vendor's name family ("_rdt_cid", Reddit's "_rdt_"): that
 * vendor's when its requests were seen on the page (its script writes such cookies), with the purpose of the
 * family's listed cookies. Otherwise the classifier's answer stands (never exempt: cookie-families.ts).
 */
function familyMember(c: Classification, family: CookieClaimant, seen: ReadonlySet<string>): Classification {
  if (c.vendor !== null || !seen.has(family.vendor)) return c;
  const { family: _, ...rest } = c;
  const n = family.vendorName;
  return namedFor(
    rest,
    family,
    `: no record lists the name, but it is of ${n}'s cookie names and ${n}'s requests were seen on this page`,
  );
}

/** `c` named for `who`, a vendor whose requests the page shows: the reason says why, then what the classifier said. */
function namedFor(c: Classification, who: CookieClaimant, why: string): Classification {
  const review =
    who.category === 'unknown' ? '; unknown: needs review (no source settles its consent purpose)' : '';
  return {
    ...c,
    vendor: who.vendor,
    vendorName: who.vendorName,
    company: who.company,
    category: who.category,
    reason: `named ${who.vendorName}${why}${review}; ${c.reason}`,
  };
}

/**
 * A cookie given to its vendor by a one-word name alone ("hash", "viewer"), or by words after a two-letter prefix
 * ("lc_lang"; the classifier's `nameOnly` says which): when none of the vendor's requests
 * were seen on the page, it is the site's own cookie of that name, judged as the classifier would without the
 * claim (never exempt when the vendor's purpose needs consent).
 */
function everydayName(c: Classification, seen: ReadonlySet<string>): Classification {
  if (!c.nameOnly || c.vendor === null || seen.has(c.vendor)) return c;
  const { nameOnly: _, alternatives: __, ...rest } = c;
  return {
    ...rest,
    vendor: null,
    vendorName: null,
    company: null,
    category: c.nameOnly.category,
    reason: `${c.nameOnly.reason}, none of whose requests were seen on this page`,
  };
}

/**
 * A cookie name several vendors list, its domain not deciding: the classifier names the database's first
 * claimant. When that vendor's requests were not seen on the page and another claimant's were, the other one
 * wrote it (Customer.io's client sets Segment's `ajs_anonymous_id`). Never toward a claimant whose category would
 * exempt what the first one's needs consent for: the page chooses its requests. When the first claimant's requests
 * were seen too, it keeps the cookie and the reason names the others that were.
 */
function claimantOf(c: Classification, seen: ReadonlySet<string>): Classification {
  if (!c.alternatives || c.vendor === null) return c;
  if (seen.has(c.vendor)) {
    const also = c.alternatives.filter((a) => seen.has(a.vendor)).map((a) => a.vendorName);
    if (also.length === 0) return c;
    return {
      ...c,
      reason: `${c.reason}; ${also.join(', ')} ${also.length > 1 ? 'list' : 'lists'} the name too and ${also.length > 1 ? 'their' : 'its'} requests were also seen on this page: ${also.length > 1 ? 'any of them' : 'either'} may have written it`,
    };
  }
  const alt = c.alternatives.find(
    (a) => seen.has(a.vendor) && (needsConsent(a.category) || !needsConsent(c.category)),
  );
  if (!alt) return c;
  return namedFor(
    c,
    alt,
    `, which lists the name too and whose requests were seen on this page (${c.vendorName}'s were not)`,
  );
}

/**
 * A cookie the derivation gave to another claimant than the classifier's (claimantOf) when the visitor's choice in
 * force refuses the classifier's claimant's purpose and allows the other's: the page chose which requests to show,
 * so which of them wrote it, and so whether it breaks the choice, is not known. Needs review, never exempt.
 */
function undecidedWriter(original: Classification, named: Classification): Classification {
  return {
    ...named,
    vendor: null,
    vendorName: null,
    company: null,
    category: 'unknown',
    reason: `${named.reason}; but ${original.vendorName} lists the name too, and the visitor's choice refuses its purpose (${original.category}) while it allows ${named.vendorName}'s (${named.category}): which of them wrote it is not known: needs review`,
  };
}

function findingsOf(
  visit: PageVisit,
  entries: EvidenceEntry[],
  consent: DerivedConsent,
  requestVendors: readonly string[],
): Finding[] {
  const byId = new Map<string, Finding>();
  const seen = new Set(requestVendors);
  // When the choice in force may change: where sightings whose times were not kept may fall.
  const changes = consent.choices.map((c) => c.at).filter(Number.isFinite);
  for (const e of entries) {
    const kind = findingKind(e);
    if (!kind || !e.classification || isRemoval(e)) continue;
    const named = attributed(e.classification, seen);
    const ownSite = e.kind === 'request' && e.ownOrganisation === true;
    const vendorOf = (x: Classification) => ({ id: x.vendor, ...(x.vendorName && { name: x.vendorName }) });
    const violates = (x: Classification, t: number) =>
      isViolation(phaseAt(consent.choices, t, x.category, vendorOf(x)), x.category);
    // Given to another listed claimant: where the choice treats the two differently, the writer is undecided.
    const original = e.classification;
    const switched =
      !ownSite &&
      original.vendor !== null &&
      named.vendor !== original.vendor &&
      (original.alternatives?.some((a) => a.vendor === named.vendor) ?? false);
    const classificationAt = (t: number): Classification =>
      switched && violates(original, t) && !violates(named, t) ? undecidedWriter(original, named) : named;
    const violatesAt = (t: number) => !ownSite && violates(classificationAt(t), t);
    for (const [t, n] of weightedTimes(e, violatesAt, changes)) {
      const c = classificationAt(t);
      const category = c.category;
      const phase = phaseAt(consent.choices, t, category, vendorOf(c));
      const violation = !ownSite && isViolation(phase, category);
      const id = `${visit.id}|${kind}|${e.key}|${phase}${c === named ? '' : '|undecided'}`;
      const prev = byId.get(id);
      const f: Finding = prev ?? {
        id,
        visitId: visit.id,
        kind,
        key: e.key,
        host: e.host,
        url: e.url ?? visit.url,
        thirdParty: ownSite ? false : c.thirdParty,
        vendorId: ownSite ? null : c.vendor,
        category,
        reason: ownSite
          ? `The site's own organisation (${c.vendorName ?? e.site ?? e.host}): first party`
          : c.reason,
        ...(c.vendorName && !ownSite && { vendorName: c.vendorName }),
        ...(c.recordedAs && { recordedAs: c.recordedAs }),
        phase,
        violation,
        firstSeenAt: t,
        lastSeenAt: t,
        count: 0,
        provenance: [],
      };
      f.count += n;
      f.firstSeenAt = Math.min(f.firstSeenAt, t);
      f.lastSeenAt = Math.max(f.lastSeenAt, t);
      f.violation ||= violation;
      if (!f.provenance!.includes(e.provenance)) f.provenance!.push(e.provenance);
      for (const r of e.resourceTypes ?? []) f.resourceTypes = addUnique(f.resourceTypes, r);
      f.via = addUnique(f.via, viaOf(e));
      if (f.vendorId === null && c.vendor !== null && !ownSite) {
        Object.assign(f, {
          vendorId: c.vendor,
          category: c.category,
          reason: c.reason,
          thirdParty: c.thirdParty,
        });
        if (c.vendorName) f.vendorName = c.vendorName;
        if (c.recordedAs) f.recordedAs = c.recordedAs;
      }
      if (e.cookie) {
        f.cookieName = e.cookie.name;
        if (f.cookieDomain === undefined || e.via !== 'cookie-header') f.cookieDomain = e.cookie.domain;
        if (e.cookie.setBy && !f.setBy) f.setBy = e.cookie.setBy;
        if (e.cookie.lifetimeSeconds !== undefined && e.cookie.action !== 'sent')
          f.lifetimeSeconds = e.cookie.lifetimeSeconds;
        f.valueLength = e.cookie.valueLength;
        f.valueHash = e.cookie.valueHash;
        if (e.cookie.value !== undefined) f.value = e.cookie.value;
        if (e.cookie.partition) f.partition = e.cookie.partition;
      }
      if (e.storage) {
        f.storageArea = e.storage.area;
        f.valueLength = e.storage.valueLength;
        f.valueHash = e.storage.valueHash;
      }
      byId.set(id, f);
    }
  }
  return [...byId.values()].sort(byFirstSeen);
}

function partiesOf(findings: Finding[]): Party[] {
  const parties = new Map<string, Party>();
  for (const f of findings) {
    const key = partyKey(f);
    const p = parties.get(key) ?? {
      key,
      vendorId: f.vendorId,
      name: f.vendorName ?? f.vendorId ?? f.host,
      category: f.category,
      phases: [],
      violationPhases: [],
      violation: false,
      tracker: false,
      review: false,
      firstSeenAt: f.firstSeenAt,
    };
    if (SEVERITY.indexOf(f.category) < SEVERITY.indexOf(p.category)) p.category = f.category;
    if (!p.phases.includes(f.phase)) p.phases.push(f.phase);
    if (f.violation && !p.violationPhases.includes(f.phase)) p.violationPhases.push(f.phase);
    p.violation ||= f.violation;
    p.tracker ||= needsConsent(f.category);
    // The site's own unattributed requests are its own business; one a vendor claims (Cloudflare Zaraz's relay on the
    // site's domain) is not.
    p.review ||= f.category === 'unknown' && (f.thirdParty || f.kind !== 'request' || f.vendorId !== null);
    if (needsReviewAfter(f.phase, f.category)) p.afterUnknownChoice = p.review = true;
    p.firstSeenAt = Math.min(p.firstSeenAt, f.firstSeenAt);
    parties.set(key, p);
  }
  for (const p of parties.values()) {
    p.phases.sort((a, b) => PHASES.indexOf(a) - PHASES.indexOf(b));
    p.violationPhases.sort((a, b) => PHASES.indexOf(a) - PHASES.indexOf(b));
  }
  return [...parties.values()];
}

const ORDER: CategoryOrUnknown[] = [...CATEGORIES, 'unknown'];

function countByCategory(parties: Party[], phase: Phase): CategoryCount[] {
  const counts = new Map<CategoryOrUnknown, number>();
  for (const p of parties)
    if (p.violationPhases.includes(phase)) counts.set(p.category, (counts.get(p.category) ?? 0) + 1);
  return ORDER.filter((c) => counts.has(c)).map((category) => ({ category, vendors: counts.get(category)! }));
}

function listText(counts: CategoryCount[]): string {
  const parts = counts.map((c) => `${c.vendors} ${c.category}`);
  const total = counts.reduce((n, c) => n + c.vendors, 0);
  const joined = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
  return `${joined} tracker${total === 1 ? '' : 's'}`;
}

export function verdictOf(parties: Party[], findings: Finding[], consent: DerivedConsent): Verdict {
  const beforeConsent = countByCategory(parties, 'before-consent');
  const afterReject = countByCategory(parties, 'after-reject');
  const violating = parties.filter((p) => p.violation).length;
  const review = parties.filter((p) => p.review).length;
  const parts: string[] = [];
  if (beforeConsent.length) parts.push(`${listText(beforeConsent)} fired before consent`);
  if (afterReject.length) parts.push(`${listText(afterReject)} fired after consent was refused`);
  if (consent.outsideInput) parts.push(outsideInputText(consent.outsideInput));
  else if (consent.withoutInteraction) parts.push('consent was stored without any interaction');
  if (consent.overClick !== undefined)
    parts.push('consent was stored by the site after the visitor’s Reject all on an earlier visit');
  // Consent stored against the visitor's click is not the visitor's consent: an auditor must see it.
  for (const c of consent.contradicted) parts.push(contradictionText(c));
  const unreadChoice = parties.filter((p) => p.afterUnknownChoice).length;
  const unclear = consent.choices.some((c) => c.overRefusal)
    ? 'after a choice stored over the visitor’s earlier refusal, with no click of theirs in a consent banner we could see'
    : 'after a consent choice that does not say whether it covers them';
  const why = [
    review - unreadChoice && `${review - unreadChoice} of unknown purpose`,
    unreadChoice && `${unreadChoice} ${unclear}`,
  ].filter(Boolean);
  const tail = review ? ` (${why.join(', ')}: needs review)` : '';
  const base = { beforeConsent, afterReject, violating, review };
  if (parts.length) return { ...base, text: parts.join('; ') + tail, severity: 'violation' };
  if (findings.length === 0) return { ...base, text: 'Nothing recorded on this page yet', severity: 'empty' };
  return {
    ...base,
    text: `No tracker that needs consent fired before consent or after a refusal${tail}`,
    severity: 'clean',
  };
}

function badgeOf(parties: Party[], verdict: Verdict): Badge {
  const trackers = parties.filter((p) => p.tracker).length;
  if (verdict.violating)
    return {
      text: String(verdict.violating),
      color: 'violation',
      title: `${verdict.violating} vendor${verdict.violating === 1 ? '' : 's'} fired before consent or after refusal`,
    };
  if (trackers)
    return {
      text: String(trackers),
      color: 'trackers',
      title: `${trackers} tracking vendor${trackers === 1 ? '' : 's'}`,
    };
  return { text: '', color: 'none', title: 'Cookie Inspector' };
}

/** Derives everything shown about one visit from its evidence. */
export function deriveVisit(
  visit: PageVisit,
  entries: readonly EvidenceEntry[],
  options: DeriveOptions = {},
): DerivedVisit {
  const usable = entries.filter((e) => !options.browserOnly || e.provenance === 'browser');
  const consent = deriveConsent(visit, usable, options);
  const requestVendors = requestVendorsOf(usable);
  return fromFindings(visit, findingsOf(visit, usable, consent, requestVendors), consent, requestVendors);
}

/** The thing a finding is about, whatever its phase: the findings of one group come from its entries alone. */
function groupOf(kind: FindingKind, key: string): string {
  return `${kind}|${key}`;
}

const byFirstSeen = (a: Finding, b: Finding) => a.firstSeenAt - b.firstSeenAt || a.id.localeCompare(b.id);

/** Two lists sorted by firstSeenAt then id, as one (the order findingsOf gives their union). */
function mergeSorted(a: Finding[], b: Finding[]): Finding[] {
  const out: Finding[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(byFirstSeen(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/**
 * The same result as `deriveVisit(visit, entries, options)`, from the previous derivation of the visit (made with
 * the same options) and the ids of the entries written since (new or changed; none removed; an entry's id fixes its
 * kind and key, as the recorder makes them). A finding depends
 * only on the entries of its request, cookie or storage key and on the consent choices, so when the choices are
 * unchanged only the written keys are folded again and the other findings are the previous ones; the parties, the
 * verdict and the badge are made again from all findings. Anything else (new choices) derives the whole visit.
 * A 50k-event page's next batch then costs what the batch touched plus one pass over the findings.
 */
export function deriveVisitUpdate(
  prev: DerivedVisit,
  visit: PageVisit,
  entries: readonly EvidenceEntry[],
  written: ReadonlySet<string>,
  options: DeriveOptions = {},
): DerivedVisit {
  const usable = entries.filter((e) => !options.browserOnly || e.provenance === 'browser');
  const consent = deriveConsent(visit, usable, options);
  if (prev.visit.id !== visit.id || JSON.stringify(consent.choices) !== JSON.stringify(prev.consent.choices))
    return deriveVisit(visit, entries, options);
  const requestVendors = requestVendorsOf(usable);
  // A vendor's first request can change who wrote a shared cookie name: those cookies are folded again.
  const seenChanged = requestVendors.join('\n') !== prev.requestVendors.join('\n');
  const groups = new Set<string>();
  // From every written entry, usable or not: one that no longer counts (browserOnly) drops its old findings.
  for (const e of entries) {
    const kind = findingKind(e);
    if (
      kind &&
      (written.has(e.id) ||
        (seenChanged &&
          (e.classification?.alternatives || e.classification?.nameOnly || e.classification?.family)))
    )
      groups.add(groupOf(kind, e.key));
  }
  const touched = usable.filter((e) => {
    const kind = findingKind(e);
    return kind !== null && groups.has(groupOf(kind, e.key));
  });
  const kept = prev.findings.filter((f) => !groups.has(groupOf(f.kind, f.key)));
  const findings = mergeSorted(kept, findingsOf(visit, touched, consent, requestVendors));
  return fromFindings(visit, findings, consent, requestVendors);
}

function fromFindings(
  visit: PageVisit,
  findings: Finding[],
  consent: DerivedConsent,
  requestVendors: string[],
): DerivedVisit {
  const parties = partiesOf(findings);
  const verdict = verdictOf(parties, findings, consent);
  return {
    visit,
    findings,
    parties,
    consent,
    verdict,
    badge: badgeOf(parties, verdict),
    consentState: consentStateText(consent),
    requestVendors,
  };
}

/** Only what the browser observed, e.g. for the report's "browser-observed evidence only" switch. */
export function isBrowserObserved(p: Provenance): boolean {
  return p === 'browser';
}
