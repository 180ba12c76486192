/** Site history: visits per site and distinct violating parties, by the same derivation as every verdict. */
import { deriveVisit } from '../evidence/derive';
import type { EvidenceEntry } from '../evidence/types';
import type { SiteSummary } from '../messages';
import type { InspectorDb } from './db';

/** Sites with their visit count, last visit and number of distinct violating parties; newest first. */
export async function listSites(db: InspectorDb): Promise<SiteSummary[]> {
  const visits = await db.visits.toArray();
  const byVisit = new Map<string, EvidenceEntry[]>();
  await db.evidence.each((e) => {
    const list = byVisit.get(e.visitId);
    if (list) list.push(e);
    else byVisit.set(e.visitId, [e]);
  });
  const bySite = new Map<string, SiteSummary & { parties: Set<string> }>();
  for (const v of visits) {
    const s = bySite.get(v.site) ?? {
      site: v.site,
      visits: 0,
      lastVisitAt: 0,
      violations: 0,
      parties: new Set(),
    };
    s.visits += 1;
    s.lastVisitAt = Math.max(s.lastVisitAt, v.startedAt);
    // One vendor firing on many pages of a site is one violating vendor, not many.
    for (const p of deriveVisit(v, byVisit.get(v.id) ?? []).parties) if (p.violation) s.parties.add(p.key);
    bySite.set(v.site, s);
  }
  return [...bySite.values()]
    .map(({ parties, ...s }) => ({ ...s, violations: parties.size }))
    .sort((a, b) => b.lastVisitAt - a.lastVisitAt);
}
