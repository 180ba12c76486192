import type { Category } from '../category';
import { ALL_OPTIONAL } from './names';
import type { ConsentChoice } from './types';

/** One switch of a consent tool (a OneTrust group, a TCF purpose, a Cookiebot level) and what it allowed. */
export interface Toggle {
  id: string;
  granted: boolean;
  /** Categories this switch governs; empty when the id is site-defined and has no known meaning. */
  categories: readonly Category[];
}

/** Longest raw value we keep on a signal: consent strings are short, anything longer is cut, not dropped. */
export const MAX_RAW = 4096;

/** Cuts a raw value to MAX_RAW characters so a hostile cookie cannot bloat the store. */
export function clip(raw: string): string {
  return raw.length > MAX_RAW ? raw.slice(0, MAX_RAW) : raw;
}

/**
 * Builds a choice from a tool's switches, ignoring the always-on ones (strictly necessary).
 * All optional switches on → accept-all; all off → reject-all; otherwise custom. `acceptedOnly`: the record lists
 * the switches that are on and no others, so what it offered is not known.
 */
export function choiceFromToggles(
  toggles: readonly Toggle[],
  { named = false, acceptedOnly = false }: { named?: boolean; acceptedOnly?: boolean } = {},
): ConsentChoice {
  const optional = toggles.filter(
    (t) => !t.categories.every((c) => c === 'necessary') || t.categories.length === 0,
  );
  const on = optional.filter((t) => t.granted);
  const granted = new Set<Category>(['necessary']);
  for (const t of on) for (const c of t.categories) granted.add(c);
  const unmapped = on.filter((t) => t.categories.length === 0).map((t) => t.id);
  const kind =
    on.length === optional.length && optional.length > 0
      ? 'accept-all'
      : on.length === 0
        ? 'reject-all'
        : 'custom';
  const choice: ConsentChoice = { kind, granted: [...granted] };
  if (unmapped.length > 0) choice.unmapped = unmapped;
  // What the switches cover tells what an answer that is not a refusal left unasked.
  if (kind !== 'reject-all' && !acceptedOnly)
    choice.offered = [...new Set(optional.flatMap((t) => t.categories).filter((c) => c !== 'necessary'))];
  // Switches that are services, by name: one switched off stays refused whatever category another one allows.
  const off = optional.filter((t) => !t.granted).map((t) => t.id);
  if (named && kind === 'custom' && off.length > 0) choice.refused = off.slice(0, 50);
  return choice;
}

/**
 * Switches whose purposes we cannot tell (a manager's own ids, essential ones among them): every one on =
 * accept-all, every one off = reject-all, a mix (a refusal keeping the essential ones, a custom choice, defaults)
 * or none = null, since nothing says which it is.
 */
export function wholeAnswer(states: readonly boolean[]): ConsentChoice | null {
  if (states.length === 0) return null;
  const on = states.filter(Boolean).length;
  return on === states.length ? allOrNothing(true) : on === 0 ? allOrNothing(false) : null;
}

/** A tool's one yes-or-no answer: accept-all grants every optional category, reject-all only necessary. */
export function allOrNothing(accepted: boolean): ConsentChoice {
  return accepted
    ? { kind: 'accept-all', granted: [...ALL_OPTIONAL] }
    : { kind: 'reject-all', granted: ['necessary'] };
}

/**
 * A US "do not sell or share" opt-out withdraws advertising, whatever else the choice allows: an accept-all with it
 * is no longer all (the phase reads an accept-all's kind before its categories).
 */
export function withoutAdvertising(choice: ConsentChoice): ConsentChoice {
  return {
    ...choice,
    kind: choice.kind === 'accept-all' ? 'custom' : choice.kind,
    granted: choice.granted.filter((c) => c !== 'advertising'),
    saleOptOut: true,
  };
}

/**
 * The switches of a tool that keeps one cookie per category (Complianz, Squarespace): each named cookie in the jar
 * whose value is exactly `on` or `off`.
 */
export function togglesFromJar(
  jar: ReadonlyMap<string, string>,
  cookies: Readonly<Record<string, readonly Category[]>>,
  [on, off]: readonly [on: string, off: string],
): Toggle[] {
  const toggles: Toggle[] = [];
  for (const [name, categories] of Object.entries(cookies)) {
    const v = jar.get(name);
    if (v === on || v === off) toggles.push({ id: name, granted: v === on, categories });
  }
  return toggles;
}

/** Safe decodeURIComponent: returns the input unchanged when it is not valid percent-encoding. */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
