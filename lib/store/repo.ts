/** Queries and writes on the Dexie schema. Every function takes `db` so tests use isolated databases. */
import type { Finding, PageVisit, Phase } from '../findings';
import { findingId, mergeObservation, type Observation } from '../observation';
import type { SiteSummary, VisitBundle } from '../messages';
import type { CookieRecord, InspectorDb } from './db';

/** An observation with the phase it fell in, decided by the caller from the visit's consent timeline. */
export interface PhasedObservation {
  obs: Observation;
  phase: Phase;
  violation: boolean;
}

/** Latest attributes of one cookie as seen by a Set-Cookie header, cookies.onChanged or a script write. */
export interface CookieUpdate extends Omit<CookieRecord, 'id' | 'firstSeenAt' | 'lastSeenAt' | 'changes'> {
  at: number;
}

export interface Batch {
  visits: PageVisit[];
  observations: PhasedObservation[];
  cookies: CookieUpdate[];
}

/** Records per transaction; larger batches are split so no transaction grows unbounded. */
export const MAX_TRANSACTION = 500;

export function cookieRecordId(u: Pick<CookieRecord, 'visitId' | 'name' | 'domain' | 'path'>): string {
  return `${u.visitId}|${u.name}|${u.domain}|${u.path}`;
}

function mergeCookie(prev: CookieRecord | undefined, u: CookieUpdate): CookieRecord {
  const { at, ...attrs } = u;
  if (!prev) return { ...attrs, id: cookieRecordId(u), firstSeenAt: at, lastSeenAt: at, changes: 1 };
  // Keep the latest state by event time; older events only widen the seen range.
  const latest = at >= prev.lastSeenAt ? { ...prev, ...attrs } : prev;
  return {
    ...latest,
    firstSeenAt: Math.min(prev.firstSeenAt, at),
    lastSeenAt: Math.max(prev.lastSeenAt, at),
    changes: prev.changes + 1,
  };
}

async function writeObservations(db: InspectorDb, items: PhasedObservation[]): Promise<void> {
  const ids = items.map((i) => findingId(i.obs.visitId, i.obs.kind, i.obs.key, i.phase));
  const unique = [...new Set(ids)];
  const stored = await db.findings.bulkGet(unique);
  const byId = new Map<string, Finding>();
  unique.forEach((id, n) => stored[n] && byId.set(id, stored[n]));
  items.forEach((item, n) =>
    byId.set(ids[n]!, mergeObservation(byId.get(ids[n]!), item.obs, item.phase, item.violation)),
  );
  await db.findings.bulkPut([...byId.values()]);
}

async function writeCookies(db: InspectorDb, updates: CookieUpdate[]): Promise<void> {
  const ids = updates.map(cookieRecordId);
  const unique = [...new Set(ids)];
  const stored = await db.cookies.bulkGet(unique);
  const byId = new Map<string, CookieRecord>();
  unique.forEach((id, n) => stored[n] && byId.set(id, stored[n]));
  updates.forEach((u, n) => byId.set(ids[n]!, mergeCookie(byId.get(ids[n]!), u)));
  await db.cookies.bulkPut([...byId.values()]);
}

/** Writes one batch: visits first, then observations and cookies in transactions of at most MAX_TRANSACTION. */
export async function writeBatch(db: InspectorDb, batch: Batch): Promise<void> {
  if (batch.visits.length) await db.visits.bulkPut(batch.visits);
  for (let i = 0; i < batch.observations.length; i += MAX_TRANSACTION) {
    const chunk = batch.observations.slice(i, i + MAX_TRANSACTION);
    await db.transaction('rw', db.findings, () => writeObservations(db, chunk));
  }
  for (let i = 0; i < batch.cookies.length; i += MAX_TRANSACTION) {
    const chunk = batch.cookies.slice(i, i + MAX_TRANSACTION);
    await db.transaction('rw', db.cookies, () => writeCookies(db, chunk));
  }
}

/**
 * Re-files a visit's findings after its consent timeline changed retroactively (a stored choice reported
 * late): each finding takes the phase `decide` gives for its first sighting, merging with any finding
 * already in that phase. Returns how many findings moved.
 */
export async function remarkVisit(
  db: InspectorDb,
  visitId: string,
  decide: (f: Finding) => { phase: Phase; violation: boolean },
): Promise<number> {
  let moved = 0;
  await db.transaction('rw', db.findings, async () => {
    const findings = await db.findings.where('visitId').equals(visitId).toArray();
    const byId = new Map(findings.map((f) => [f.id, f]));
    const gone: string[] = [];
    for (const f of findings) {
      const { phase, violation } = decide(f);
      if (phase === f.phase && violation === f.violation) continue;
      const id = findingId(f.visitId, f.kind, f.key, phase);
      const target = id === f.id ? undefined : byId.get(id);
      const next: Finding = target
        ? {
            ...target,
            count: target.count + f.count,
            firstSeenAt: Math.min(target.firstSeenAt, f.firstSeenAt),
            lastSeenAt: Math.max(target.lastSeenAt, f.lastSeenAt),
            violation,
          }
        : { ...f, id, phase, violation };
      if (id !== f.id) {
        gone.push(f.id);
        byId.delete(f.id);
      }
      byId.set(id, next);
      moved += 1;
    }
    await db.findings.bulkDelete(gone);
    await db.findings.bulkPut([...byId.values()]);
  });
  return moved;
}

export async function getVisitBundle(db: InspectorDb, visitId: string): Promise<VisitBundle | null> {
  const visit = await db.visits.get(visitId);
  if (!visit) return null;
  const [findings, cookies] = await Promise.all([
    db.findings.where('visitId').equals(visitId).toArray(),
    db.cookies.where('visitId').equals(visitId).toArray(),
  ]);
  return { visit, findings, cookies };
}

/** Sites with their visit count, last visit and number of distinct violating vendors; newest first. */
export async function listSites(db: InspectorDb): Promise<SiteSummary[]> {
  const bySite = new Map<string, SiteSummary>();
  const visitSite = new Map<string, string>();
  await db.visits.each((v) => {
    visitSite.set(v.id, v.site);
    const s = bySite.get(v.site) ?? { site: v.site, visits: 0, lastVisitAt: 0, violations: 0 };
    s.visits += 1;
    s.lastVisitAt = Math.max(s.lastVisitAt, v.startedAt);
    bySite.set(v.site, s);
  });
  // One vendor firing on many pages of a site is one violating vendor, not many.
  const violators = new Map<string, Set<string>>();
  await db.findings.each((f) => {
    const site = visitSite.get(f.visitId);
    if (!f.violation || site === undefined) return;
    const set = violators.get(site) ?? new Set<string>();
    set.add(f.vendorId ?? `${f.kind}:${f.key}`);
    violators.set(site, set);
  });
  for (const [site, set] of violators) bySite.get(site)!.violations = set.size;
  return [...bySite.values()].sort((a, b) => b.lastVisitAt - a.lastVisitAt);
}

export async function listVisits(db: InspectorDb, site: string): Promise<PageVisit[]> {
  const visits = await db.visits.where('site').equals(site).toArray();
  return visits.sort((a, b) => b.startedAt - a.startedAt);
}

async function deleteVisits(db: InspectorDb, visitIds: string[]): Promise<number> {
  if (!visitIds.length) return 0;
  await db.transaction('rw', db.visits, db.findings, db.cookies, async () => {
    await db.findings.where('visitId').anyOf(visitIds).delete();
    await db.cookies.where('visitId').anyOf(visitIds).delete();
    await db.visits.bulkDelete(visitIds);
  });
  return visitIds.length;
}

export async function deleteSite(db: InspectorDb, site: string): Promise<number> {
  return deleteVisits(db, (await db.visits.where('site').equals(site).primaryKeys()) as string[]);
}

export async function deleteAll(db: InspectorDb): Promise<number> {
  const n = await db.visits.count();
  await db.transaction('rw', db.visits, db.findings, db.cookies, async () => {
    await Promise.all([db.visits.clear(), db.findings.clear(), db.cookies.clear()]);
  });
  return n;
}

/** Deletes visits that started before `cutoff` (retention). Returns how many went. */
export async function pruneBefore(db: InspectorDb, cutoff: number): Promise<number> {
  return deleteVisits(db, (await db.visits.where('startedAt').below(cutoff).primaryKeys()) as string[]);
}
