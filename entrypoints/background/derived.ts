import { deriveVisit, type DeriveOptions, type DerivedVisit } from '@/lib/evidence/derive';
import type { EvidenceEntry } from '@/lib/evidence/types';
import { getVisitLog } from '@/lib/store/repo';
import { ready } from './context';
import { flush } from './writer';

/** A stored visit derived by the one derivation, after writing what is buffered. Null when unknown. */
export async function readDerived(
  visitId: string,
  options: DeriveOptions = {},
): Promise<{ derived: DerivedVisit; entries: EvidenceEntry[] } | null> {
  const { db } = await ready();
  await flush();
  const log = await getVisitLog(db, visitId);
  return log ? { derived: deriveVisit(log.visit, log.entries, options), entries: log.entries } : null;
}
