import type { PageVisit } from '@/lib/findings';
import type { ConsentSignal } from '@/lib/consent/types';
import { consentSighting, type SignalSource } from '@/lib/record';
import { allTabs } from './session';
import { enqueue } from './writer';

/** The live (current, pending or previous) visit with this id, from any tab. */
export function findLiveVisit(visitId: string): PageVisit | undefined {
  for (const s of allTabs()) {
    for (const live of [s.current, s.pending, s.previous]) if (live?.visit.id === visitId) return live.visit;
  }
  return undefined;
}

/** Records a consent signal as evidence of the visit; what it means is derived when the visit is read. */
export function recordSignal(visit: PageVisit, signal: ConsentSignal, src: SignalSource): void {
  enqueue(visit, consentSighting(visit, signal, src));
}
