import { isPlatformSuffix, siteOf } from '../../domain';
import type { Draft } from './draft';
import { nearestDomain } from './nearest-domain';
import { TPW } from './registry';
import { companyKey, sameCompany, spelledAlike, spelledByDomain } from './names';
import { looksLikeDomain } from './sanity';
import { toVendorId } from './slug';
import { WTM, wtmOwner, type WtmTracker } from './whotracksme';
import type { ShadowedHost } from './shadowed-hosts';
import { splitProducts, type GroupingRules, type ProductSplit } from './wtm-products';

/** A domain an upstream dataset filed under a vendor that WhoTracks.me gives to an unrelated company. */
export interface GroupingIssue {
  vendor: string;
  domain: string;
  upstream: string;
  whotracksme: string;
  /** split: moved to WhoTracks.me's vendor; kept: a curated rule confirms it; review: kept, the datasets cannot tell. */
  action: 'split' | 'kept' | 'review';
  reason: string;
}

/**
 * The vendor whose domain covers `domain`. A name under a platform's public suffix (d123.cloudfront.net,
 * x.s3.amazonaws.com) or a CDN customer namespace is its customer's own: the platform's claim does not cover it.
 */
function claimant(
  owners: Map<string, string>,
  domain: string,
  namespaces: ReadonlySet<string>,
): string | undefined {
  return nearestDomain(owners, domain, (d) => isPlatformSuffix(d) || namespaces.has(d));
}

/** A conflicts.md row: kept when a curated rule confirms the grouping (with its reason), else `otherwise`. */
function groupingIssue(
  vendor: string,
  domain: string,
  upstream: string,
  t: WtmTracker,
  rule: GroupingRules[string] | undefined,
  otherwise: 'split' | 'review',
  why: string,
): GroupingIssue {
  const action = rule ? 'kept' : otherwise;
  const reason = rule ? `${rule.reason} (${rule.source})` : why;
  return { vendor, domain, upstream, whotracksme: wtmOwner(t), action, reason };
}

/** WhoTracks.me names a company after its domain ("fontawesome.com") when it knows none. */
const noCompany = (owner: string): boolean => looksLikeDomain(owner.toLowerCase());

/**
 * Upstream groupings check: a third-party-web entity whose domains WhoTracks.me gives to an unrelated company
 * (e.g. aniview.com under Tealium) loses that domain, unless groupings.json confirms it. Only judged when at
 * least one of the entity's domains agrees with its own company, so a mere naming difference is not a split.
 * When none agrees and WhoTracks.me names one other company for all of them (Pagely's one domain, optnmstr.com,
 * under OptinMonster), the datasets cannot tell a rename from a wrong grouping: the entity keeps them, and the
 * disagreement is listed for review.
 */
function checkGroupings(
  drafts: Map<string, Draft>,
  byDomain: Map<string, WtmTracker>,
  rules: GroupingRules,
): GroupingIssue[] {
  const issues: GroupingIssue[] = [];
  for (const d of drafts.values()) {
    if (!d.entity || d.domains.size === 0) continue;
    const home = d.entity.company ?? d.entity.name;
    // Only the upstream grouping is judged: a domain a curated overlay added is confirmed by that overlay.
    const known = [...d.domains].flatMap(([dom, source]) => {
      const t = source === TPW ? byDomain.get(dom) : undefined;
      return t ? [{ dom, t }] : [];
    });
    const named = (t: WtmTracker): boolean =>
      sameCompany(wtmOwner(t), home) ||
      sameCompany(t.name, home) ||
      sameCompany(wtmOwner(t), d.name) ||
      ` ${companyKey(d.name)} `.includes(` ${companyKey(t.name)} `);
    const homes = known.filter(({ t }) => named(t)).map(({ t }) => wtmOwner(t));
    // No domain agrees: a renamed vendor (one owner throughout) is kept; two or more unrelated owners are not.
    const owners = new Set(known.map(({ t }) => companyKey(wtmOwner(t))));
    if (homes.length === 0 && owners.size < 2) {
      for (const { dom, t } of known) {
        const owner = wtmOwner(t);
        // Not a disagreement: no company known, the same name spaced differently, or the entity's name misspelt.
        if (noCompany(owner) || spelledAlike(owner, home) || spelledByDomain(home, owner, [dom]) === 'b')
          continue;
        const why = `WhoTracks.me names ${owner} for every domain of ${home} it knows: a rename or a wrong grouping, which the datasets cannot tell apart; third-party-web's grouping is kept, for review`;
        issues.push(groupingIssue(d.id, dom, home, t, rules[`${d.id}|${dom}`], 'review', why));
      }
      continue;
    }
    // WhoTracks.me's own parent for the entity's agreeing domains (YouTube → Google) also agrees.
    const agrees = (t: WtmTracker): boolean => named(t) || homes.some((h) => sameCompany(h, wtmOwner(t)));
    for (const { dom, t } of known) {
      if (agrees(t)) continue;
      const rule = rules[`${d.id}|${dom}`];
      const why = `WhoTracks.me names ${wtmOwner(t)}, unrelated to ${home}; no curated rule confirms the grouping`;
      issues.push(groupingIssue(d.id, dom, home, t, rule, 'split', why));
      if (!rule) d.domains.delete(dom);
    }
  }
  return issues;
}

/** The registrable domain of a website URL ("https://www.trychameleon.com/" → trychameleon.com), or null. */
const websiteSite = (url: string | null | undefined): string | null => (url ? siteOf(url) : null);

/**
 * A name two unrelated companies share (Chameleon, the product-tour tool at trychameleon.com, and Chamaleon's ad
 * network at chameleon.ad): a tracker that only the name would link to a draft stays apart when both sources state
 * a website, the websites differ, no domain of the tracker is under the draft's sites, and WhoTracks.me names a
 * company other than the draft's. Null when the name link stands; else the disagreement, for conflicts.md.
 */
function nameOnlyClash(d: Draft, t: WtmTracker): { mine: string; theirs: string } | null {
  const mine = websiteSite(d.entity?.homepage);
  const theirs = [websiteSite(t.website), websiteSite(t.company?.website)].filter((x) => x !== null);
  if (mine === null || theirs.length === 0 || theirs.includes(mine)) return null;
  const sites = new Set([...d.domains.keys()].map((dom) => siteOf(dom)));
  if (t.domains.some((dom) => sites.has(siteOf(dom)))) return null;
  const owner = wtmOwner(t);
  if (sameCompany(owner, d.entity?.company ?? d.name) || sameCompany(owner, d.name)) return null;
  return { mine, theirs: theirs[0]! };
}

/** Whether a tracker that only its name links to draft `d` joins it, and the conflicts.md rows when it does not. */
function linkByName(
  d: Draft,
  t: WtmTracker,
  rules: GroupingRules,
): { joins: boolean; issues: GroupingIssue[] } {
  const clash = nameOnlyClash(d, t);
  if (clash === null) return { joins: true, issues: [] };
  // A rule confirming any of the tracker's domains confirms the link: the tracker joins whole.
  const confirmed = t.domains.map((dom) => rules[`${d.id}|${dom}`]).find((r) => r !== undefined);
  const why = `linked by the name "${t.name}" alone: third-party-web's website is ${clash.mine}, WhoTracks.me's ${clash.theirs}, and WhoTracks.me names ${wtmOwner(t)}; kept apart (no curated rule confirms the link)`;
  const upstream = d.entity?.company ?? d.name;
  const issues = t.domains.map((dom) =>
    groupingIssue(d.id, dom, upstream, t, rules[`${d.id}|${dom}`] ?? confirmed, 'split', why),
  );
  return { joins: confirmed !== undefined, issues };
}

/**
 * Links WhoTracks.me trackers to drafts by domain, adds their unclaimed domains, and makes a draft for each
 * tracker no other source knows. Deterministic (trackers sorted by id, aliases after their targets).
 */
export function linkWhoTracksMe(
  drafts: Map<string, Draft>,
  trackers: WtmTracker[],
  rules: GroupingRules,
  /** Domains no vendor may hold whole (a CDN's customer namespace): a tracker's host under one is still linked. */
  namespaces: ReadonlySet<string> = new Set(),
): { groupings: GroupingIssue[]; products: ProductSplit[]; created: string[]; shadowed: ShadowedHost[] } {
  const byDomain = new Map<string, WtmTracker>();
  for (const t of trackers) for (const dom of t.domains) byDomain.set(dom, t);
  const groupings = checkGroupings(drafts, byDomain, rules);
  const products = splitProducts(drafts, byDomain, rules);
  const owners = new Map<string, string>();
  for (const d of drafts.values()) for (const dom of d.domains.keys()) owners.set(dom, d.id);
  const byName = new Map<string, string>();
  const nameKey = (n: string): string => companyKey(n).replace(/ /g, '');
  // Same name, spacing aside: a vendor without domains (OCD-only) first, else the first by id.
  for (const d of [...drafts.values()].sort((a, b) => (a.id < b.id ? 1 : -1))) {
    if (!d.entity && d.domains.size === 0) continue;
    byName.set(nameKey(d.name), d.id);
  }
  for (const d of drafts.values()) if (!d.entity && d.domains.size === 0) byName.set(nameKey(d.name), d.id);
  const created: string[] = [];
  const shadowed: ShadowedHost[] = [];
  const draftOfTracker = new Map<string, string>();
  for (const t of trackers.filter((x) => x.domains.length > 0)) {
    const counts = new Map<string, number>();
    for (const dom of t.domains) {
      // Only exact claims vote: a suffix claim (x.cloudfront.net under a CDN vendor) says nothing about the tracker.
      const id = owners.get(dom);
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    let id = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
    const named = id === undefined ? byName.get(nameKey(t.name)) : undefined;
    if (named !== undefined) {
      const { joins, issues } = linkByName(drafts.get(named)!, t, rules);
      groupings.push(...issues);
      if (joins) id = named;
    }
    if (id === undefined) {
      id = toVendorId(t.name);
      if (drafts.has(id)) id = `${id}-wtm`;
      if (drafts.has(id)) id = `${toVendorId(t.id)}-wtm`;
      drafts.set(id, { id, name: t.name, platforms: [], rows: [], domains: new Map(), extraCookies: [] });
      created.push(id);
    }
    const draft = drafts.get(id)!;
    // A vendor the product check made for this tracker already holds it.
    if (!draft.wtm?.includes(t)) (draft.wtm ??= []).push(t);
    draftOfTracker.set(t.id, id);
    for (const dom of t.domains) {
      if (namespaces.has(dom)) continue;
      const holder = claimant(owners, dom, namespaces);
      // A host under another vendor's domain stays that vendor's here; the build may refile it (shadowed-hosts.ts).
      if (holder !== undefined && holder !== id && !owners.has(dom))
        shadowed.push({ host: dom, vendor: id, tracker: t });
      if (holder !== undefined) continue;
      draft.domains.set(dom, WTM);
      owners.set(dom, id);
    }
  }
  return { groupings, products, created, shadowed };
}
