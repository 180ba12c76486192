/** Maps a classified HAR into the extension's VisitBundle, so the HTML/JSON exporters render it unchanged. */
import { isViolation } from '../consent/timeline';
import type { Finding, PageVisit, Phase } from '../findings';
import type { VisitBundle } from '../messages';
import { mergeObservation, type Observation } from '../observation';
import { siteOf } from '../domain';
import type { CookieRecord } from '../store/db';
import { visitStart, type ClassifiedHar, type ClassifiedItem } from './classify';
import type { HarCapture } from './collect';

/**
 * Without consent evidence the extension's own rule applies: no choice recorded means "before consent".
 * The JSON report says "unknown" instead; the HTML report's method notes explain the rule.
 */
function visitPhase(item: ClassifiedItem): Phase {
  return item.phase === 'unknown' ? 'before-consent' : item.phase;
}

function observation(visitId: string, item: ClassifiedItem): Observation {
  const c = item.cookie;
  if (!c) {
    return {
      visitId,
      kind: 'request',
      key: item.host,
      host: item.host,
      url: item.url,
      at: item.at,
      classification: item.classification,
      resourceType: item.resourceType,
    };
  }
  return {
    visitId,
    kind: 'cookie',
    key: `${c.name}@${siteOf(c.domain) ?? c.domain}`,
    host: item.host,
    url: item.url,
    at: item.at,
    classification: item.classification,
    via: c.via,
    cookieName: c.name,
    cookieDomain: c.domain,
    lifetimeSeconds: c.lifetimeSeconds,
    valueLength: c.valueLength,
    valueHash: c.valueHash,
  };
}

function cookieRecord(visitId: string, item: ClassifiedItem, prev: CookieRecord | undefined): CookieRecord {
  const c = item.cookie!;
  const expiresAt = c.lifetimeSeconds == null ? null : item.at + c.lifetimeSeconds * 1000;
  const base = {
    visitId,
    name: c.name,
    domain: c.domain,
    path: '/',
    thirdParty: item.classification.thirdParty,
  };
  if (!prev) {
    const id = `${visitId}|${c.name}|${c.domain}|/`;
    return {
      ...base,
      id,
      expiresAt,
      valueLength: c.valueLength,
      valueHash: c.valueHash,
      removed: false,
      firstSeenAt: item.at,
      lastSeenAt: item.at,
      changes: 1,
    };
  }
  const changed = prev.valueHash !== c.valueHash;
  return {
    ...prev,
    expiresAt,
    valueLength: c.valueLength,
    valueHash: c.valueHash,
    lastSeenAt: item.at,
    changes: prev.changes + (changed ? 1 : 0),
  };
}

/** Builds the visit, its de-duplicated findings and its cookies from a classified HAR. */
export function harToBundle(capture: HarCapture, classified: ClassifiedHar, visitId = 'har'): VisitBundle {
  const url = classified.page ?? 'about:blank';
  const times = capture.requests.map((r) => r.at).filter(Number.isFinite);
  const startedAt = visitStart(capture);
  const visit: PageVisit = {
    id: visitId,
    tabId: -1,
    url,
    site: siteOf(url) ?? url,
    startedAt,
    endedAt: times.length ? Math.max(...times) : undefined,
    incognito: false,
    consent: classified.consent.events.map((e) => (e.carriedOver ? { ...e, at: startedAt } : e)),
    consentTool: classified.consent.tool,
  };
  const findings = new Map<string, Finding>();
  const cookies = new Map<string, CookieRecord>();
  for (const item of classified.items) {
    if (!Number.isFinite(item.at)) item.at = startedAt;
    const obs = observation(visitId, item);
    const phase = visitPhase(item);
    const violation = isViolation(phase, item.classification.category);
    const id = `${visitId}|${obs.kind}|${obs.key}|${phase}`;
    findings.set(id, mergeObservation(findings.get(id), obs, phase, violation));
    // Set-Cookie stores a cookie; a Cookie header proves one was already stored: both are cookies of the visit.
    if (item.cookie) {
      const key = `${item.cookie.name}|${item.cookie.domain}`;
      cookies.set(key, cookieRecord(visitId, item, cookies.get(key)));
    }
  }
  return { visit, findings: [...findings.values()], cookies: [...cookies.values()] };
}
