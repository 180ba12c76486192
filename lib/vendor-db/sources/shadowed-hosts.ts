import { needsConsent } from '../../category';
import type { VendorRecord } from '../types';
import { nearestDomain } from './nearest-domain';
import { WTM, WTM_CATEGORY, type WtmTracker } from './whotracksme';

/** A host WhoTracks.me names for a tracker, under a domain another vendor holds (cc2.dealer.com under dealer.com). */
export interface ShadowedHost {
  host: string;
  /** The vendor the tracker was linked to. */
  vendor: string;
  tracker: WtmTracker;
}

/** A shadowed host given to its tracker's vendor, and why. */
export interface HostRefiled {
  host: string;
  from: string;
  to: string;
  reason: string;
}

/**
 * Consent-safe fusion for one host: a host WhoTracks.me files under a consent purpose (Dealer.com's analytics host
 * cc2.dealer.com) is never silently exempt because another vendor's broader domain is filed as needing no consent
 * (dealer.com: hosting, functional). Such a host goes to its tracker's vendor when that vendor's category needs
 * consent. A holder that needs consent, or needs review, keeps it: nothing is exempt there. Mutates `records`.
 */
export function refileShadowedHosts(
  records: VendorRecord[],
  shadowed: readonly ShadowedHost[],
): HostRefiled[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  const byDomain = new Map<string, VendorRecord>();
  for (const r of records) for (const d of r.domains) byDomain.set(d, r);
  const refiled: HostRefiled[] = [];
  for (const { host, vendor, tracker } of shadowed) {
    // A host some vendor now names exactly (a curated overlay, say) is that vendor's.
    if (byDomain.has(host)) continue;
    const label = WTM_CATEGORY[tracker.category];
    const holder = nearestDomain(byDomain, host);
    const to = byId.get(vendor);
    if (!holder || !to || holder === to || !label || !needsConsent(label)) continue;
    if (needsConsent(holder.category) || holder.category === 'unknown' || !needsConsent(to.category))
      continue;
    to.domains = [...to.domains, host].sort();
    to.domainSources = { ...to.domainSources, [host]: WTM };
    byDomain.set(host, to);
    refiled.push({
      host,
      from: holder.id,
      to: to.id,
      reason: `WhoTracks.me files ${host} under ${tracker.name} (${tracker.category}); ${holder.name} (${holder.category}) keeps the rest of its domain`,
    });
  }
  return refiled;
}
