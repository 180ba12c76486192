/**
 * The switches of the consent dialog a visitor saved. A click on Save is settings of unknown content, unless the
 * dialog showed switches: with every switch the visitor could change turned off, Save refuses what Reject all
 * refuses, and a site that then stores consent to tracking has overridden the visitor's settings (the derivation
 * flags it as it flags an accept stored after Reject all: lib/evidence/consent.ts). Only ever read towards a
 * refusal: a switch that is on, or a dialog with none, leaves the click as saved settings of unknown content. A
 * switch the visitor could neither see nor touched is not their setting (a hidden one, checked, had turned a Save
 * with every shown switch off back into settings of unknown content; and a pre-ticked box never shown is no consent).
 */
import type { TargetElement, TargetFacts } from './banner-target';
import { BANNER_HINTS } from './banner-target';
import { someSelector, type ClickAction } from './click';
import type { ClickRule } from './click-rules';

/** A switch as the detector reads it: on or off, and whether the visitor could change it. */
export interface SwitchState {
  on: boolean;
  /** Disabled or read-only: strictly necessary cookies are shown as a switch locked on. */
  locked: boolean;
  /**
   * Neither drawn (nor its label, nor the element holding it: custom toggles hide the box itself) nor touched by the
   * visitor on this page: not a setting of theirs.
   */
  unseen?: boolean;
}

/** How many of the dialog's switches the visitor could change were on and off when they saved it. */
export interface SwitchCount {
  on: number;
  off: number;
}

/** Switches as consent dialogs draw them: checkboxes, and ARIA switches and checkboxes drawn by hand. */
export const SWITCH_SELECTOR = 'input[type="checkbox"], [role="switch"], [role="checkbox"]';

/** Most switches read: a dialog lists its purposes and a few hundred vendors at most. */
export const MAX_SWITCHES = 2_000;

/**
 * The dialog a Save click was in: the outermost element of its path (innermost first) that is a banner by the
 * detected manager's elements, a name, a dialog role or a fixed overlay, below the page itself. Outermost, so a
 * switch in another tab or section of the same dialog counts too.
 */
export function savedDialog<T extends TargetElement>(
  path: readonly T[],
  rule: ClickRule | null,
  facts: Pick<TargetFacts, 'overlay' | 'shell'>,
): T | null {
  const managers = rule?.containers ?? [];
  let dialog: T | null = null;
  for (const el of path) {
    if (facts.shell(el)) break;
    const banner =
      someSelector(managers, (s) => el.matches(s)) ||
      someSelector(BANNER_HINTS, (s) => el.matches(s)) ||
      facts.overlay(el);
    if (banner) dialog = el;
  }
  return dialog;
}

/** The switches the visitor could change, counted; null when there were none (nothing to read the Save by). */
export function countSwitches(switches: readonly SwitchState[]): SwitchCount | null {
  let on = 0;
  let off = 0;
  for (const s of switches.slice(0, MAX_SWITCHES)) {
    if (s.locked || s.unseen) continue;
    if (s.on) on++;
    else off++;
  }
  return on + off === 0 ? null : { on, off };
}

/** Whether a saved dialog refused everything optional: switches the visitor could change, every one off. */
export function savedAsRefusal(count: SwitchCount | undefined | null): boolean {
  return count != null && count.on === 0 && count.off > 0;
}

/** A report's switch count as the background accepts it: two whole numbers within MAX_SWITCHES, else none. */
export function switchCountOf(value: unknown): SwitchCount | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { on, off } = value as { on?: unknown; off?: unknown };
  const fits = (n: unknown): n is number =>
    Number.isInteger(n) && (n as number) >= 0 && (n as number) <= MAX_SWITCHES;
  return fits(on) && fits(off) && on + off > 0 ? { on, off } : undefined;
}

/** What a click answered: Save with every switch the visitor could change off refuses, as Reject all does. */
export function clickAnswer(action: ClickAction, switches?: SwitchCount | null): ClickAction {
  return action === 'save-settings' && savedAsRefusal(switches) ? 'reject-all' : action;
}

/** The click in words: "reject all", "save settings", "save settings with every optional switch off". */
export function clickWords(action: string, switches?: SwitchCount | null): string {
  const words = action.replace('-', ' ');
  return action === 'save-settings' && savedAsRefusal(switches)
    ? `${words} with every optional switch off (${switches!.off})`
    : words;
}
