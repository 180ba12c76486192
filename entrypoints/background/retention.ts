import type { InspectorDb } from '@/lib/store/db';
import { pruneBefore } from '@/lib/store/repo';
import { forgetDerivations } from './derived';
import { forgetSummaries } from './saved-summary';
import { forgetSnapshots } from './visit-pages';
import { forgetMemoriesBefore } from './memories';

/** What is held in memory of stored visits, forgotten when some are deleted (the derivations, the readings). */
export function forgetInMemory(): void {
  forgetDerivations();
  forgetSnapshots();
}

/**
 * Deletes what is past the retention period: the stored visits, the popup summaries saved for them, and what
 * the worker holds of them in memory.
 */
export async function pruneExpired(db: InspectorDb, retentionDays: number): Promise<void> {
  const cutoff = Date.now() - retentionDays * 86_400_000;
  const deleted = await pruneBefore(db, cutoff);
  if (deleted) forgetInMemory();
  // What is remembered of sites names sites visited: kept no longer than the visits.
  forgetMemoriesBefore(cutoff);
  await forgetSummaries(null, async (visitId) => !(await db.visits.get(visitId)));
}
