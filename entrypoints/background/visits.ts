import type { PageVisit } from '@/lib/findings';
import type { ConsentSignal } from '@/lib/consent/types';
import { consentSighting, type SignalSource } from '@/lib/record';
import { allTabs } from './session';
import { enqueue } from './writer';
import { interactedBy, noteSignal } from './unprompted';
import { markIfAnsweredElsewhere } from './other-tab';
import { noteReadableChoice } from './answered';

/** The live (current, pending or previous) visit with this id, from any tab. */
export function findLiveVisit(visitId: string): PageVisit | undefined {
  for (const s of allTabs()) {
    for (const live of [s.current, s.pending, s.previous]) if (live?.visit.id === visitId) return live.visit;
  }
  return undefined;
}

/** The visits other tabs show on `site` (in the same cookie store as the visit's). */
function otherVisitsOnSite(visit: PageVisit, site: string): string[] {
  const ids: string[] = [];
  for (const s of allTabs()) {
    const other = s.current?.visit;
    if (other && s.tabId !== visit.tabId && other.site === site && other.incognito === visit.incognito)
      ids.push(other.id);
  }
  return ids;
}

/**
 * Records a consent signal as evidence of the visit; what it means is derived when the visit is read. A stored
 * choice may be the visitor's answer in another open tab of its site (the cookie and localStorage are shared): it is
 * marked `otherTab` when that tab's visitor answered near its time (lib/evidence/unprompted.ts `answeredElsewhere`);
 * a tab the site opened itself on a link click, untouched, gives no cover. When that tab's report may still come,
 * the mark is added once the grace has passed (other-tab.ts).
 */
export function recordSignal(visit: PageVisit, signal: ConsentSignal, src: SignalSource): void {
  const others = signal.state === 'choice' ? otherVisitsOnSite(visit, src.site ?? visit.site) : [];
  const otherTab = others.length > 0 && interactedBy(others, src.at);
  const source = noteSignal(visit, signal, otherTab ? { ...src, otherTab } : src, otherTab ? [] : others);
  noteReadableChoice(visit, signal, source);
  enqueue(visit, consentSighting(visit, signal, source));
  if (!otherTab && others.length) markIfAnsweredElsewhere(visit, signal, source, others);
}
