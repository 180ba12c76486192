import { needsConsent, type CategoryOrUnknown } from '../category';
import type { Phase } from '../findings';
import type { ConsentChoice, ConsentEvent, ConsentSignal } from './types';

/**
 * A choice seen this soon after the visit started (or before it, e.g. in the main-frame request's Cookie
 * header) was stored on an earlier visit: nobody clicks a banner within a second and a half of loading.
 */
export const CARRY_OVER_MS = 1500;

export interface TimelineOptions {
  visitStartedAt: number;
  /** Override CARRY_OVER_MS (tests, slow machines). */
  carryOverMs?: number;
}

/** Longest timeline kept per visit; later changes replace the last event so nothing grows unbounded. */
const MAX_EVENTS = 200;

function sameChoice(a?: ConsentChoice, b?: ConsentChoice): boolean {
  if (!a || !b) return a === b;
  if (a.kind !== b.kind) return false;
  const ga = [...a.granted].sort().join(',');
  const gb = [...b.granted].sort().join(',');
  return ga === gb && (a.unmapped ?? []).join(',') === (b.unmapped ?? []).join(',');
}

function isValidSignal(signal: ConsentSignal): boolean {
  return (
    typeof signal === 'object' &&
    signal !== null &&
    typeof signal.tool === 'string' &&
    signal.tool.length > 0 &&
    (signal.state === 'banner' || signal.state === 'choice')
  );
}

/**
 * Adds a signal to a visit's consent timeline. Returns the new timeline (sorted by time), or null when
 * nothing changed: repeats of a tool's current state, invalid input, and a content-less "a choice exists"
 * signal (e.g. `OptanonAlertBoxClosed`) for a tool whose choice is already known are all ignored.
 */
export function applySignal(
  timeline: readonly ConsentEvent[],
  signal: ConsentSignal,
  at: number,
  options: TimelineOptions,
): ConsentEvent[] | null {
  if (!isValidSignal(signal) || !Number.isFinite(at)) return null;
  const previous = [...timeline]
    .filter((e) => e.at <= at || e.carriedOver)
    .reverse()
    .find((e) => e.tool === signal.tool && e.evidence === signal.evidence);
  if (previous && previous.state === signal.state) {
    if (sameChoice(previous.choice, signal.choice)) return null;
    if (signal.state === 'choice' && !signal.choice) return null;
  }
  const event: ConsentEvent = { ...signal, at };
  const carry = options.carryOverMs ?? CARRY_OVER_MS;
  const bannerBefore = timeline.some((e) => !e.evidence && e.state === 'banner' && e.at <= at);
  if (
    signal.state === 'choice' &&
    !signal.evidence &&
    (at - options.visitStartedAt <= carry || signal.stored === true) &&
    !bannerBefore
  ) {
    event.carriedOver = true;
  }
  const next = [...timeline, event].sort((a, b) => a.at - b.at);
  return next.length > MAX_EVENTS ? [...next.slice(0, MAX_EVENTS - 1), event] : next;
}

/**
 * The visitor's consent state at time t: the latest banner/choice event from a consent tool (evidence
 * such as Consent Mode or GPC is skipped). A carried-over choice counts from the start of the visit. A
 * choice of unknown content does not hide an earlier known choice. Null = no consent tool spoke yet.
 */
export function stateAt(timeline: readonly ConsentEvent[], t: number): ConsentEvent | null {
  let current: ConsentEvent | null = null;
  for (const e of timeline) {
    if (e.evidence || (e.at > t && !e.carriedOver)) continue;
    if (e.state === 'choice' && !e.choice && current?.state === 'choice' && current.choice) continue;
    current = e;
  }
  return current;
}

/** The latest evidence event of each kind (Consent Mode, GPC, GPP) at time t. */
export function evidenceAt(timeline: readonly ConsentEvent[], t: number): ConsentEvent[] {
  const latest = new Map<string, ConsentEvent>();
  for (const e of timeline) if (e.evidence && e.at <= t) latest.set(e.evidence, e);
  return [...latest.values()];
}

/**
 * The consent phase of something of `category` that happened at time t. No choice yet (or a banner up)
 * → before-consent. Accept-all / reject-all → after-accept / after-reject. A custom choice → after-accept
 * if the category was granted, else after-reject — unless the visitor granted purposes we cannot map, or
 * the choice's content is unknown: then after-accept, so we never claim a refusal we cannot show.
 */
export function phaseAt(timeline: readonly ConsentEvent[], t: number, category: CategoryOrUnknown): Phase {
  const state = stateAt(timeline, t);
  if (!state || state.state === 'banner') return 'before-consent';
  const choice = state.choice;
  if (!choice || choice.kind === 'accept-all') return 'after-accept';
  if (choice.kind === 'reject-all') return 'after-reject';
  if (category !== 'unknown' && choice.granted.includes(category)) return 'after-accept';
  return choice.unmapped && choice.unmapped.length > 0 ? 'after-accept' : 'after-reject';
}

/** A tracker of this category firing in this phase breaks the prior-consent rule (ePrivacy art. 5(3)). */
export function isViolation(phase: Phase, category: CategoryOrUnknown): boolean {
  return phase !== 'after-accept' && needsConsent(category);
}
