import type { PageVisit } from '@/lib/findings';
import type { ConsentSignal } from '@/lib/consent/types';
import { applySignal } from '@/lib/consent/timeline';
import { updateLive } from '@/lib/tab-state';
import { allTabs, getTab, setTab } from './session';
import { remarkLater, saveVisit } from './writer';

/** The live (current, pending or previous) visit with this id, from any tab. */
export function findLiveVisit(visitId: string): PageVisit | undefined {
  for (const s of allTabs()) {
    for (const live of [s.current, s.pending, s.previous]) if (live?.visit.id === visitId) return live.visit;
  }
  return undefined;
}

/** Applies a consent signal to a live visit's timeline, persisting the visit when the state changed. */
export function applyConsent(tabId: number, visitId: string, signal: ConsentSignal, at: number): void {
  const state = getTab(tabId);
  let changed: PageVisit | null = null;
  const next = updateLive(state, visitId, (live) => {
    const timeline = applySignal(live.visit.consent, signal, at, { visitStartedAt: live.visit.startedAt });
    if (!timeline) return live;
    changed = { ...live.visit, consent: timeline, consentTool: live.visit.consentTool ?? signal.tool };
    // A choice found to predate the visit re-files what was already written as "before consent".
    const carried = (t: typeof timeline) => t.filter((e) => e.carriedOver).length;
    if (carried(timeline) > carried(live.visit.consent)) remarkLater(live.visit.id);
    return { ...live, visit: changed };
  });
  if (changed) {
    setTab(next);
    saveVisit(changed);
  }
}

/** Records the consent tool a content script saw on the page. */
export function setConsentTool(tabId: number, tool: string): void {
  const state = getTab(tabId);
  const live = state.current;
  if (!live || live.visit.consentTool === tool) return;
  const visit = { ...live.visit, consentTool: tool };
  setTab({ ...state, current: { ...live, visit } });
  saveVisit(visit);
}
