import type { PageVisit } from '@/lib/findings';
import type { InspectorDb } from '@/lib/store/db';
import { pruneBefore } from '@/lib/store/repo';
import { forgetAudits } from './audit';
import { forgetDerivations } from './derived';
import { forgetSummaries } from './saved-summary';
import { forgetSnapshots } from './visit-pages';
import { forgetMemoriesBefore } from './memories';
import { detachVisits } from './session';
import { forgetSiteAudits } from './site-audit';
import { flush, forgetVisits } from './writer';
import { dropHeld } from './other-tab';

/** What is held in memory of stored visits, forgotten when some are deleted (the derivations, the readings). */
export function forgetInMemory(): void {
  forgetDerivations();
  forgetSnapshots();
}

/**
 * Before visits are deleted: the live ones among them are detached from their tabs and dropped from the writer,
 * so nothing of them is written again, and everything buffered is written first (to be deleted with them).
 */
export async function beforeDeleting(test: (visit: PageVisit) => boolean): Promise<void> {
  forgetVisits(detachVisits(test));
  dropHeld(test);
  await flush();
}

/**
 * After a site's data or history was deleted: its audits (their screenshots and reports) go too, running ones
 * cancelled. Site audits first, so a page audit cancelled here does not start the next page of one.
 */
export async function afterDeleting(
  test: (r: { site: string; startedAt: number }) => boolean,
): Promise<void> {
  await forgetSiteAudits(test);
  await forgetAudits(test);
}

/**
 * Deletes what is past the retention period: the stored visits, the popup summaries saved for them, the finished
 * audits, and what the worker holds of them in memory.
 */
export async function pruneExpired(db: InspectorDb, retentionDays: number): Promise<void> {
  const cutoff = Date.now() - retentionDays * 86_400_000;
  const expired = (v: { startedAt: number }) => v.startedAt < cutoff;
  await beforeDeleting(expired);
  const deleted = await pruneBefore(db, cutoff);
  await afterDeleting(expired);
  if (deleted) forgetInMemory();
  // What is remembered of sites names sites visited: kept no longer than the visits.
  forgetMemoriesBefore(cutoff);
  await forgetSummaries(null, async (visitId) => !(await db.visits.get(visitId)));
}
