/** Consent timeline of a HAR capture, built with the extension's own rules (lib/consent/timeline.ts). */
import type { CategoryOrUnknown } from '../category';
import { applySignal, phaseAt as timelinePhase } from '../consent/timeline';
import type { ConsentChoice, ConsentEvent } from '../consent/types';
import type { Phase } from '../findings';

export type HarPhase = Phase | 'unknown';

export interface HarChoice {
  at: number;
  choice: ConsentChoice;
  tool: string;
  via: string;
  carriedOver: boolean;
  /** Seen only in a later request's Cookie header: the choice was made at this time at the latest. */
  upperBound: boolean;
}

export interface HarConsent {
  /** False when no consent tool, banner, choice or consent evidence (gcs, GPC…) shows up anywhere. */
  evidence: boolean;
  tool: string | null;
  choices: HarChoice[];
  events: ConsentEvent[];
}

/** Applies the collected signals in time order; `visitStartedAt` decides carried-over choices. */
export function buildConsent(signals: ConsentEvent[], visitStartedAt: number): HarConsent {
  let events: ConsentEvent[] = [];
  const ordered = signals.filter((s) => Number.isFinite(s.at)).sort((a, b) => a.at - b.at);
  for (const s of ordered) events = applySignal(events, s, s.at, { visitStartedAt }) ?? events;
  const choices: HarChoice[] = [];
  for (const e of events) {
    if (e.evidence || e.state !== 'choice' || !e.choice) continue;
    const carriedOver = e.carriedOver === true;
    const upperBound = e.decoded?.seenInCookieHeader === true && !carriedOver;
    choices.push({
      at: carriedOver ? -Infinity : e.at,
      choice: e.choice,
      tool: e.tool,
      via: e.via,
      carriedOver,
      upperBound,
    });
  }
  const tools = events.filter((e) => !e.evidence);
  const tool = tools.find((e) => e.state === 'choice')?.tool ?? tools[0]?.tool ?? null;
  return { evidence: events.length > 0, tool, choices, events };
}

/** The phase at `at` for a vendor of `category`; 'unknown' without any consent evidence or usable time. */
export function phaseAt(consent: HarConsent, category: CategoryOrUnknown, at: number): HarPhase {
  if (!consent.evidence || Number.isNaN(at)) return 'unknown';
  return timelinePhase(consent.events, at, category);
}

const ORDER: Record<HarPhase, number> = {
  'before-consent': 0,
  'after-accept': 1,
  'after-reject': 1,
  unknown: 2,
};

/** Sort key so the earliest phase comes first. */
export function phaseRank(p: HarPhase): number {
  return ORDER[p];
}
