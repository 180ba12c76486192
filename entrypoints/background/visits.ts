import type { PageVisit } from '@/lib/findings';
import type { ConsentSignal } from '@/lib/consent/types';
import { consentSighting, type SignalSource } from '@/lib/record';
import { allTabs } from './session';
import { enqueue } from './writer';
import { noteSignal } from './unprompted';
import { noteReadableChoice } from './answered';

/** The live (current, pending or previous) visit with this id, from any tab. */
export function findLiveVisit(visitId: string): PageVisit | undefined {
  for (const s of allTabs()) {
    for (const live of [s.current, s.pending, s.previous]) if (live?.visit.id === visitId) return live.visit;
  }
  return undefined;
}

/** Whether a tab other than the visit's has a page of `site` open (in the same cookie store). */
function otherTabOnSite(visit: PageVisit, site: string): boolean {
  for (const s of allTabs()) {
    const other = s.current?.visit;
    if (other && s.tabId !== visit.tabId && other.site === site && other.incognito === visit.incognito)
      return true;
  }
  return false;
}

/** Records a consent signal as evidence of the visit; what it means is derived when the visit is read. */
export function recordSignal(visit: PageVisit, signal: ConsentSignal, src: SignalSource): void {
  // A stored choice another open tab of its site may have made: the derivation must not call it the site's doing.
  const otherTab = signal.state === 'choice' && otherTabOnSite(visit, src.site ?? visit.site);
  const source = noteSignal(visit, signal, otherTab ? { ...src, otherTab } : src);
  noteReadableChoice(visit, signal, source);
  enqueue(visit, consentSighting(visit, signal, source));
}
