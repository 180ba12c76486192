import type { PageVisit } from '@/lib/findings';
import type { ConsentSignal } from '@/lib/consent/types';
import { consentSighting, type SignalSource } from '@/lib/record';
import { allTabs, getTab } from './session';
import { enqueue } from './writer';
import { signalRole, type OpenedBy } from '@/lib/evidence/unprompted';
import { answeredBefore, clickedBy, interactedBy, noteSignal, storageSeenBy, watchedBy } from './unprompted';
import { markIfAnsweredElsewhere } from './other-tab';
import { noteReadableChoice } from './answered';

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
 * How long after the next page's navigation began a record stored before its detector's first report is the
 * hand-over's: that report comes at the page's document_start; past this the page has long been running.
 */
const HANDOVER_MS = 10_000;
/** How long after the next page's request a record the current page stores is its leaving's (a slow server). */
const LEAVING_MS = 30_000;

/**
 * The visit of the page being left when a record was stored as the tab went from one page of the site to the next:
 * the tab's current page while its next is on its way (the page's own pagehide or unload handler, or a keepalive
 * request it sent then), the page just left when it reports one after the next began (its pagehide read of
 * localStorage), or the page before, when the new page's detector had not yet reported (the old page's handler,
 * reported late, or a new page's script storing it as it loads). A main-frame response's Set-Cookie is judged as
 * that response's; a request sending a record stores nothing.
 */
function pageLeft(visit: PageVisit, src: SignalSource): string | undefined {
  if (src.via === 'set-cookie' || src.via === 'cookie-header' || src.mainFrame || src.initial)
    return undefined;
  const tab = getTab(visit.tabId);
  // The page just left, reporting late (its pagehide read of localStorage): stored once the next page was on its way.
  const next = tab.current?.visit;
  if (tab.previous?.visit.id === visit.id && next && next.incognito === visit.incognito) {
    const sinceNext = src.at - next.startedAt;
    return sinceNext >= 0 && sinceNext <= LEAVING_MS ? visit.id : undefined;
  }
  if (tab.current?.visit.id !== visit.id) return undefined;
  // (Bounded: a download's request that ended with no commit may leave a pending visit behind.)
  const sinceNext = tab.pending ? src.at - tab.pending.visit.startedAt : -1;
  if (sinceNext >= 0 && sinceNext <= LEAVING_MS) return visit.id;
  const before = tab.previous?.visit;
  if (!before || before.site !== visit.site || before.incognito !== visit.incognito) return undefined;
  if (src.at - visit.startedAt > HANDOVER_MS || watchedBy(visit.id, src.at)) return undefined;
  return before.id;
}

/**
 * The visit of the page before, when this page finds a consent record in localStorage at its start (read before its
 * scripts ran) that the page before, watched by the detector to its pagehide, never showed: stored as the tab went
 * (that page's own pagehide handler runs after the detector's read). Only the tab's page just before, of the site.
 */
function storagePageLeft(visit: PageVisit, signal: ConsentSignal, src: SignalSource): string | undefined {
  if (src.via !== 'localStorage' || !src.initial) return undefined;
  const tab = getTab(visit.tabId);
  const before =
    tab.current?.visit.id === visit.id
      ? tab.previous?.visit
      : tab.pending?.visit.id === visit.id
        ? tab.current?.visit
        : undefined;
  if (!before || before.site !== visit.site || before.incognito !== visit.incognito) return undefined;
  const { watched, seen } = storageSeenBy(before.id, signal);
  return watched && !seen ? before.id : undefined;
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
  const role = signalRole(visit.site, signal, src);
  const left =
    role === 'stored'
      ? pageLeft(visit, src)
      : role === 'carried'
        ? storagePageLeft(visit, signal, src)
        : undefined;
  // Only a choice stored during the visit (or as the tab came to it) can be another tab's answer.
  const choice = role === 'stored' || role === 'seeded';
  const site = src.site ?? visit.site;
  const others = choice || left ? otherVisitsOnSite(visit, site, signal, src.at) : [];
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
    left,
  );
  noteReadableChoice(visit, signal, source);
  enqueue(visit, consentSighting(visit, signal, source));
  if (choice && !otherTab && others.length) markIfAnsweredElsewhere(visit, signal, source, others, openedBy);
}
