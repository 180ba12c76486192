import { needsConsent } from '../../category';
import type { Draft } from './draft';
import { nearestDomain } from './nearest-domain';
import { TPW } from './registry';
import { companyKey, sameCompany } from './names';
import { toVendorId } from './slug';
import { TPW_CATEGORY } from './third-party-web';
import { WTM, wtmOwner, type WtmTracker } from './whotracksme';

/** data/curated/groupings.json: "<vendor id>|<domain>" → why an upstream grouping WhoTracks.me disputes is right. */
export type GroupingRules = Record<string, { reason: string; source: string }>;

/** A company's general domain that an upstream dataset filed under one of its consent-needing products. */
export interface ProductSplit {
  vendor: string;
  domain: string;
  /** The product the upstream dataset files the domain under, with its category label. */
  upstream: string;
  /** The WhoTracks.me tracker (same company) that holds the domain, with its label. */
  whotracksme: string;
  /** Where the domain went ("" when kept). */
  to: string;
  action: 'split' | 'kept';
  reason: string;
}

const flat = (name: string): string => companyKey(name).replace(/ /g, '');

/** True when `tracker` names the product `entity` names, or a part of it ("Hotjar Analytics" of "Hotjar"). */
function sameProduct(tracker: string, entity: string): boolean {
  return ` ${companyKey(tracker)} `.includes(` ${companyKey(entity)} `) || flat(tracker) === flat(entity);
}

/** WhoTracks.me labels that say nothing of what a domain is for (not a feature such as comments or a player). */
const NO_PURPOSE = new Set(['misc', 'unknown']);

/**
 * Product check: a third-party-web entity filed under a consent purpose (Bing Ads, advertising) that holds a domain
 * WhoTracks.me gives to another product of the same company with a label that says nothing of its use (microsoft.com:
 * Microsoft Services, misc) loses that domain, unless groupings.json confirms it. The ad product's purpose was never
 * said of the company's general domain, and no source says what that domain is for: it goes to a vendor for the
 * WhoTracks.me tracker (an existing one of that name, else a new one), where it reads "unknown: needs review" unless
 * that vendor's own sources name a purpose. A WhoTracks.me label that names infrastructure (cdn, essential) or a
 * feature (comments, a player) is not a reason to split: consent-safe fusion keeps the purpose the other source named.
 */
export function splitProducts(
  drafts: Map<string, Draft>,
  byDomain: ReadonlyMap<string, WtmTracker>,
  rules: GroupingRules,
): ProductSplit[] {
  const splits: ProductSplit[] = [];
  for (const d of [...drafts.values()]) {
    const purpose = d.entity && TPW_CATEGORY[d.entity.category];
    if (!d.entity || !purpose || !needsConsent(purpose)) continue;
    const upstreamOnly = [...d.domains].filter(([, source]) => source === TPW);
    const known = upstreamOnly.flatMap(([dom]) => {
      // WhoTracks.me's domain covers its hosts (linkedin.com covers www.linkedin.com).
      const t = nearestDomain(byDomain, dom);
      return t ? [{ dom, t }] : [];
    });
    // Only where WhoTracks.me knows the product itself (bing.com: Bing Ads) does it tell the product's domains apart.
    const named = known.filter(({ t }) => sameProduct(t.name, d.entity!.name)).map(({ t }) => wtmOwner(t));
    if (named.length === 0) continue;
    const homes = [d.entity.company ?? d.entity.name, ...named];
    for (const { dom, t } of known) {
      if (!NO_PURPOSE.has(t.category) || sameProduct(t.name, d.entity.name)) continue;
      // Another company's domain is the grouping check's to judge.
      if (!homes.some((h) => sameCompany(wtmOwner(t), h))) continue;
      const rule = rules[`${d.id}|${dom}`];
      const upstream = `${d.entity.name} (${TPW}:${d.entity.category})`;
      const whotracksme = `${t.name} (${WTM}:${t.category})`;
      if (rule) {
        splits.push({
          vendor: d.id,
          domain: dom,
          upstream,
          whotracksme,
          to: '',
          action: 'kept',
          reason: `${rule.reason} (${rule.source})`,
        });
        continue;
      }
      const to = productDraft(drafts, t);
      d.domains.delete(dom);
      to.domains.set(dom, WTM);
      // A host under it that WhoTracks.me files under the product itself (bat.r.msn.com: Bing Ads) stays with it.
      for (const [host, ht] of byDomain)
        if (host.endsWith(`.${dom}`) && sameProduct(ht.name, d.entity.name)) d.domains.set(host, WTM);
      splits.push({
        vendor: d.id,
        domain: dom,
        upstream,
        whotracksme,
        to: to.id,
        action: 'split',
        reason: `WhoTracks.me files ${dom} under ${t.name}, another product of ${wtmOwner(t)}, with a label that names no purpose; ${d.entity.name}'s purpose was never said of it`,
      });
    }
  }
  return splits;
}

/** The vendor for a WhoTracks.me tracker a split domain goes to: the one of its name, else a new one. */
function productDraft(drafts: Map<string, Draft>, t: WtmTracker): Draft {
  const id = toVendorId(t.name);
  const existing = drafts.get(id);
  if (existing) return existing;
  // Linked to its tracker now: the link step may give the tracker to a vendor that holds more of its domains.
  const d: Draft = {
    id,
    name: t.name,
    platforms: [],
    rows: [],
    domains: new Map(),
    extraCookies: [],
    wtm: [t],
  };
  drafts.set(id, d);
  return d;
}
