import type { InspectorDb } from '@/lib/store/db';
import { pruneBefore } from '@/lib/store/repo';
import { forgetSummaries } from './saved-summary';

/** Deletes what is past the retention period: the stored visits, and the popup summaries saved for them. */
export async function pruneExpired(db: InspectorDb, retentionDays: number): Promise<void> {
  await pruneBefore(db, Date.now() - retentionDays * 86_400_000);
  await forgetSummaries(null, async (visitId) => !(await db.visits.get(visitId)));
}
