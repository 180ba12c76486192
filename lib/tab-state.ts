/**
 * Which page visit an event belongs to. Pure: the background keeps one TabState per tab in storage.session
 * (so a restarted worker continues) and feeds events through these functions.
 *
 * Rules (documented in README "How events are attributed"):
 * - A main-frame request opens a *pending* visit; the old document stays current until the commit, so its
 *   late requests (unload beacons) stay with it. `webNavigation.onCommitted` (frame 0) promotes the pending visit.
 * - Redirects keep the same pending visit (same requestId). Reloads and bfcache restores are new visits.
 * - Sub-frame requests belong to the tab's current visit. Requests carrying the documentId of the previous
 *   document belong to the previous visit; a top-frame request from a document not yet committed belongs to
 *   the pending visit (the browser may fetch a new page's resources before its commit event arrives).
 * - Requests with tabId -1 (service/shared workers) go to the newest current visit whose origin initiated them.
 * - A committed visit keeps its main-frame requestId: Firefox can deliver the commit before the main-frame
 *   response (and has no documentId), and that late response, with the page's own Set-Cookie, joins the
 *   committed visit instead of opening a pending visit that would never commit.
 * - Firefox can even deliver the commit before the main-frame request itself: a main-frame request that
 *   started before the commit of a visit that has none, on the committed site, is adopted by that visit.
 */
import { siteOf } from './domain';
import type { PageVisit } from './findings';
import type { ObservedRequest } from './request';

export interface LiveVisit {
  visit: PageVisit;
  documentId: string | null;
  /** Sites this visit requested, for attributing cookies.onChanged events (which carry no tab). */
  sites: string[];
  /** The main-frame request that loaded this document, once committed (absent: unknown, e.g. recovered). */
  requestId?: string;
}

export interface TabState {
  tabId: number;
  current: LiveVisit | null;
  pending: (LiveVisit & { requestId: string }) | null;
  previous: LiveVisit | null;
  /** The tab that opened this one (tabs.onCreated's `openerTabId`), and when: its input then opened a page. */
  openedBy?: { tabId: number; at: number };
}

const MAX_SITES = 500;

export function emptyTab(tabId: number): TabState {
  return { tabId, current: null, pending: null, previous: null };
}

export function newVisit(
  id: string,
  tabId: number,
  url: string,
  at: number,
  incognito: boolean,
  classifiedWith?: string,
): PageVisit {
  return {
    id,
    tabId,
    url,
    site: siteOf(url) ?? url,
    startedAt: at,
    incognito,
    ...(classifiedWith && { classifiedWith }),
  };
}

/** A main-frame request: open (or, for a redirect, update) the pending visit. */
export function onMainFrameRequest(
  state: TabState,
  req: ObservedRequest,
  makeVisit: () => PageVisit,
): TabState {
  // A replayed main-frame request of a prerender that was just shown belongs to that shown visit, and a
  // late event of the main-frame request that loaded a committed document belongs to that document.
  if (isShownDocument(state, req) || loadedCommitted(state, req) !== null) return state;
  if (loadedCurrentLate(state, req))
    return { ...state, current: { ...state.current!, requestId: req.requestId } };
  if (state.pending && state.pending.requestId === req.requestId) {
    if (state.pending.visit.url === req.url) return state;
    const visit = { ...state.pending.visit, url: req.url, site: siteOf(req.url) ?? req.url };
    return { ...state, pending: { ...state.pending, visit } };
  }
  return { ...state, pending: { visit: makeVisit(), documentId: null, sites: [], requestId: req.requestId } };
}

/** A top-frame commit: the pending visit (or a fresh one) becomes current; the old current one ends. */
export function onCommit(
  state: TabState,
  commit: { url: string; at: number; documentId: string | null },
  makeVisit: () => PageVisit,
): { state: TabState; ended: PageVisit | null } {
  const site = siteOf(commit.url) ?? commit.url;
  const usePending = state.pending !== null && state.pending.visit.site === site;
  const next: LiveVisit = usePending
    ? {
        visit: { ...state.pending!.visit, url: commit.url },
        documentId: commit.documentId,
        sites: state.pending!.sites,
        requestId: state.pending!.requestId,
      }
    : { visit: makeVisit(), documentId: commit.documentId, sites: [] };
  const ended = state.current ? { ...state.current.visit, endedAt: commit.at } : null;
  const previous = state.current ? { ...state.current, visit: ended! } : null;
  return { state: { ...state, current: next, pending: null, previous }, ended };
}

/** The live visit a request of this tab belongs to, or null when the tab has no visit yet. */
export function visitForRequest(state: TabState, req: ObservedRequest): LiveVisit | null {
  if (req.type === 'main_frame') {
    if (isShownDocument(state, req)) return state.current;
    return loadedCommitted(state, req) ?? state.pending ?? state.current;
  }
  if (req.documentId) {
    if (state.current?.documentId === req.documentId) return state.current;
    if (state.previous?.documentId === req.documentId) return state.previous;
    // The browser starts loading a new document's resources before its commit reaches us: a top-frame
    // document we do not know yet, while a navigation is pending, is that navigation's document.
    if (req.topFrame && state.pending) return state.pending;
  }
  return state.current ?? state.pending;
}

function isShownDocument(state: TabState, req: ObservedRequest): boolean {
  return req.documentId !== null && state.current?.documentId === req.documentId;
}

/** The committed visit (current, or the one before it) whose document this main-frame request loaded. */
function loadedCommitted(state: TabState, req: ObservedRequest): LiveVisit | null {
  if (req.type !== 'main_frame') return null;
  if (state.current?.requestId === req.requestId) return state.current;
  if (state.previous?.requestId === req.requestId) return state.previous;
  return null;
}

/**
 * Firefox delivers webRequest and webNavigation events on separate channels: under load a commit can reach us
 * before the main-frame request that loaded it. A main-frame request that started before the current visit
 * committed, on the same site, while that visit has no main-frame request yet, is that document's request.
 */
function loadedCurrentLate(state: TabState, req: ObservedRequest): boolean {
  const current = state.current;
  return (
    current !== null &&
    current.requestId === undefined &&
    req.at <= current.visit.startedAt &&
    (siteOf(req.url) ?? req.url) === current.visit.site
  );
}

/** Applies `update` to the live visit with this id, wherever it sits in the tab (current, pending, previous). */
export function updateLive(
  state: TabState,
  visitId: string,
  update: (live: LiveVisit) => LiveVisit,
): TabState {
  const swap = <T extends LiveVisit | null>(live: T): T =>
    live && live.visit.id === visitId ? (update(live) as T) : live;
  return {
    ...state,
    current: swap(state.current),
    pending: swap(state.pending),
    previous: swap(state.previous),
  };
}

/** Notes that a live visit contacted a site (bounded), returning the same object when nothing changed. */
export function withSite(live: LiveVisit, site: string): LiveVisit {
  if (live.sites.includes(site) || live.sites.length >= MAX_SITES) return live;
  return { ...live, sites: [...live.sites, site] };
}

/** Current visits a cookie on `cookieSite` belongs to: the page's own site, or a site the page contacted. */
export function visitsForCookie(states: Iterable<TabState>, cookieSite: string): LiveVisit[] {
  const out: LiveVisit[] = [];
  for (const s of states) {
    const live = s.current;
    if (live && (live.visit.site === cookieSite || live.sites.includes(cookieSite))) out.push(live);
  }
  return out;
}

/** For worker requests (tabId -1): the newest current visit whose page origin initiated it. */
export function visitForInitiator(states: Iterable<TabState>, initiator: string): LiveVisit | null {
  let best: LiveVisit | null = null;
  for (const s of states) {
    const live = s.current;
    if (!live) continue;
    let origin: string | null = null;
    try {
      origin = new URL(live.visit.url).origin;
    } catch {
      continue;
    }
    if (origin === initiator && (!best || live.visit.startedAt > best.visit.startedAt)) best = live;
  }
  return best;
}
