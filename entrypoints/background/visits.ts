import type { PageVisit } from '@/lib/findings';
import type { ConsentSignal } from '@/lib/consent/types';
import { consentSighting, type SignalSource } from '@/lib/record';
import { allTabs, getTab } from './session';
import { enqueue } from './writer';
import { signalRole, type OpenedBy } from '@/lib/evidence/unprompted';
import { answeredBefore, clickedBy, interactedBy, noteSignal } from './unprompted';
import { markIfAnsweredElsewhere } from './other-tab';
import { noteReadableChoice } from './answered';

/** The live (current, pending or previous) visit with this id, from any tab. */
export function findLiveVisit(visitId: string): PageVisit | undefined {
  for (const s of allTabs()) {
    for (const live of [s.current, s.pending, s.previous]) if (live?.visit.id === visitId) return live.visit;
  }
  return undefined;
}

/**
 * The visits whose visitor's answer may explain a choice of `site` recorded on this one: other tabs' current pages
 * of the site, and for another site's record, this tab's previous page of the same site as this one when its visitor
 * clicked in its detected banner then (a group's shared banner whose answer reloaded the page, then synced it).
 */
function otherVisitsOnSite(visit: PageVisit, site: string, signal: ConsentSignal, at: number): string[] {
  const ids: string[] = [];
  for (const s of allTabs()) {
    const other = s.current?.visit;
    if (other && s.tabId !== visit.tabId && other.site === site && other.incognito === visit.incognito)
      ids.push(other.id);
    const before = s.tabId === visit.tabId && site !== visit.site ? s.previous?.visit : undefined;
    if (before?.site === visit.site && clickedBy([before.id], at, signal.choice)) ids.push(before.id);
  }
  return ids;
}

/** The tab that opened this visit's tab, with its visits (the input that opened it answered nothing here). */
function openedByOf(visit: PageVisit): OpenedBy | undefined {
  const by = getTab(visit.tabId).openedBy;
  if (!by) return undefined;
  const visitIds = [...allTabs()]
    .filter((s) => s.tabId === by.tabId)
    .flatMap((s) => [s.current, s.previous].flatMap((live) => (live ? [live.visit.id] : [])));
  return { at: by.at, visitIds };
}

/**
 * Records a consent signal as evidence of the visit; what it means is derived when the visit is read. A stored
 * choice may be the visitor's answer in another open tab of its site (the cookie and localStorage are shared): it is
 * marked `otherTab` when that tab's visitor answered near its time (lib/evidence/unprompted.ts `answeredElsewhere`),
 * or when this very record was stored after the visitor's input on another visit of the site (read here later); a
 * tab the site opened itself on a link click, untouched, gives no cover, and the input in the tab that opened this
 * one that opened it covers nothing here (however like a banner's its button looked). When that tab's report may
 * still come, the mark is added once the grace has passed (other-tab.ts).
 */
export function recordSignal(visit: PageVisit, signal: ConsentSignal, src: SignalSource): void {
  // Only a choice stored during the visit (or seeded for another site) can be another tab's answer.
  const role = signalRole(visit.site, signal, src);
  const choice = role === 'stored' || role === 'seeded';
  const site = src.site ?? visit.site;
  const others = choice ? otherVisitsOnSite(visit, site, signal, src.at) : [];
  const openedBy = others.length ? openedByOf(visit) : undefined;
  const otherTab =
    choice &&
    ((others.length > 0 && interactedBy(others, src.at, signal.choice, openedBy)) ||
      answeredBefore(site, signal, src, visit.incognito));
  const source = noteSignal(
    visit,
    signal,
    otherTab ? { ...src, otherTab } : src,
    otherTab ? [] : others,
    openedBy,
  );
  noteReadableChoice(visit, signal, source);
  enqueue(visit, consentSighting(visit, signal, source));
  if (!otherTab && others.length) markIfAnsweredElsewhere(visit, signal, source, others, openedBy);
}
