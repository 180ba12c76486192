import type { Category } from '../../category';
import type { VendorCookie } from '../types';
import type { OcdRow } from './ocd';
import type { TpwEntity } from './third-party-web';
import type { WtmTracker } from './whotracksme';

/** A vendor while the importer is still merging sources into it. */
export interface Draft {
  id: string;
  name: string;
  entity?: TpwEntity;
  /** OCD platforms mapped to this vendor, in CSV order. */
  platforms: string[];
  rows: OcdRow[];
  /** domain → source id */
  domains: Map<string, string>;
  extraCookies: VendorCookie[];
  /** WhoTracks.me trackers linked to this vendor by domain (or name). */
  wtm?: WtmTracker[];
}

/** The value that occurs most often (ties: first seen), or null. */
export function mostCommon(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  for (const [v, n] of counts) if (best === null || n > counts.get(best)!) best = v;
  return best;
}

/** The only non-empty value when all agree, else null. */
export function unanimous(values: readonly string[]): string | null {
  const set = new Set(values.filter(Boolean));
  return set.size === 1 ? ([...set][0] ?? null) : null;
}

const OCD_RANK: Category[] = ['marketing', 'analytics', 'functional', 'necessary'];

/** Category of a vendor known only from OCD: its most privacy-relevant cookie category wins. */
export function categoryFromOcd(categories: readonly Category[]): Category {
  return OCD_RANK.find((c) => categories.includes(c)) ?? 'functional';
}
