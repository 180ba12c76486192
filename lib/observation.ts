import type { Classification } from './vendor-db/types';
import type { CookieVia, Finding, FindingKind, Phase } from './findings';

/** One classified event, before de-duplication: what the background hands to the writer. */
export interface Observation {
  visitId: string;
  kind: FindingKind;
  /** Request: hostname. Cookie: `${name}@${site of the cookie's domain}`. */
  key: string;
  host: string;
  url: string;
  /** Browser event time (ms since epoch). */
  at: number;
  classification: Classification;
  resourceType?: string;
  via?: CookieVia;
  cookieName?: string;
  cookieDomain?: string;
  setBy?: string;
  lifetimeSeconds?: number | null;
  valueLength?: number;
  valueHash?: string;
  value?: string;
}

export function findingId(visitId: string, kind: FindingKind, key: string, phase: Phase): string {
  return `${visitId}|${kind}|${key}|${phase}`;
}

const MAX_LIST = 16;

function addUnique<T>(list: T[] | undefined, item: T | undefined): T[] | undefined {
  if (item === undefined) return list;
  if (!list) return [item];
  if (list.includes(item) || list.length >= MAX_LIST) return list;
  return [...list, item];
}

/**
 * Folds one observation into the finding it de-duplicates into (same visit, kind, key and phase).
 * Pure: `prev` is not mutated. Out-of-order events (worker woke late) widen first/last seen both ways.
 */
export function mergeObservation(
  prev: Finding | undefined,
  obs: Observation,
  phase: Phase,
  violation: boolean,
): Finding {
  const c = obs.classification;
  const base: Finding = prev ?? {
    id: findingId(obs.visitId, obs.kind, obs.key, phase),
    visitId: obs.visitId,
    kind: obs.kind,
    key: obs.key,
    host: obs.host,
    url: obs.url,
    thirdParty: c.thirdParty,
    vendorId: c.vendor,
    category: c.category,
    reason: c.reason,
    phase,
    violation,
    firstSeenAt: obs.at,
    lastSeenAt: obs.at,
    count: 0,
  };
  const next: Finding = {
    ...base,
    count: base.count + 1,
    firstSeenAt: Math.min(base.firstSeenAt, obs.at),
    lastSeenAt: Math.max(base.lastSeenAt, obs.at),
    violation: base.violation || violation,
    resourceTypes: addUnique(base.resourceTypes, obs.resourceType),
    via: addUnique(base.via, obs.via),
  };
  // A vendor match found later (e.g. a cookie first seen in a header, then with its domain) upgrades an unknown.
  if (base.vendorId === null && c.vendor !== null) {
    Object.assign(next, {
      vendorId: c.vendor,
      category: c.category,
      reason: c.reason,
      thirdParty: c.thirdParty,
    });
  }
  if (obs.cookieName !== undefined) next.cookieName = obs.cookieName;
  if (obs.cookieDomain !== undefined && (next.cookieDomain === undefined || obs.via !== 'cookie-header')) {
    next.cookieDomain = obs.cookieDomain;
  }
  if (obs.setBy && !next.setBy) next.setBy = obs.setBy;
  if (obs.lifetimeSeconds !== undefined) next.lifetimeSeconds = obs.lifetimeSeconds;
  if (obs.valueLength !== undefined) next.valueLength = obs.valueLength;
  if (obs.valueHash !== undefined) next.valueHash = obs.valueHash;
  if (obs.value !== undefined) next.value = obs.value;
  return next;
}
