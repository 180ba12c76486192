/** The consent line shown under the verdict, from the derived consent timeline. */
import { formatClock, formatDateTime } from '../report/format';
import { toolDisplayName as toolName } from '../consent/tools';
import { clickAnswer, clickWords, type SwitchCount } from '../consent/switches';
import type { ConsentChoice } from '../consent/types';
import { supersedes, type Contradiction, type CountedChoice, type DerivedConsent } from './consent';

/** A few of the manager's own switch names (the site chose them): clipped, at most five, then a count. */
function names(list: readonly string[]): string {
  const shown = list.slice(0, 5).map((n) => (n.length > 40 ? `${n.slice(0, 39)}…` : n));
  return list.length > 5 ? `${shown.join(', ')} and ${list.length - 5} more` : shown.join(', ');
}

/** "custom choice (allowed: analytics; on, purpose unknown: ga4; switched off: meta-pixel)". */
export function customChoiceText(choice: ConsentChoice): string {
  const granted = choice.granted.filter((g) => g !== 'necessary');
  const parts = [
    granted.length && `allowed: ${granted.join(', ')}`,
    choice.unmapped?.length && `on, purpose unknown: ${names(choice.unmapped)}`,
    choice.refused?.length && `switched off: ${names(choice.refused)}`,
    choice.saleOptOut && 'opted out of the sale or sharing of their data',
  ].filter(Boolean);
  return `custom choice (${parts.length ? parts.join('; ') : 'only necessary'})`;
}

function choiceText(c: Pick<CountedChoice, 'choice' | 'carriedOver' | 'at' | 'clicked'>): string {
  if (c.clicked) return clickOnlyText(c.clicked, c.at);
  const kind = c.choice?.kind;
  const what = !c.choice
    ? 'choice stored (content unknown)'
    : kind === 'accept-all'
      ? 'accepted'
      : kind === 'reject-all'
        ? 'rejected'
        : customChoiceText(c.choice);
  return c.carriedOver ? `${what} before this visit` : `${what} at ${formatClock(c.at)}`;
}

/** "the visitor clicked reject all at 14:02:11" (or the audit's opt-out). */
function clickedText(
  by: 'audit' | undefined,
  action: string,
  at: number,
  switches: SwitchCount | undefined,
): string {
  const who = by === 'audit' ? 'the audit’s opt-out' : 'the visitor';
  return `${who} clicked ${clickWords(action, switches)} at ${formatClock(at)}`;
}

/**
 * A click no stored choice we read confirmed: "the visitor clicked reject all at 14:02:11 (no stored choice was
 * read): trackers after it count as after a refusal", or, for an accept, "… need review".
 */
function clickOnlyText(c: NonNullable<CountedChoice['clicked']>, at: number): string {
  const after =
    clickAnswer(c.action, c.switches) === 'reject-all'
      ? 'trackers after it count as after a refusal'
      : 'trackers after it need review';
  if (c.earlierAt !== undefined)
    return `${c.by === 'audit' ? 'the audit’s opt-out' : 'the visitor'} clicked ${clickWords(c.action, c.switches)} on an earlier visit (${formatDateTime(c.earlierAt)}; no stored choice was read, ${c.earlierIn === 'localStorage' ? 'a localStorage record' : 'a cookie'} the site wrote then is unchanged): ${after.replace(' after it', '')}`;
  return `${clickedText(c.by, c.action, at, c.switches)} (no stored choice was read): ${after}`;
}

/** "the visitor clicked reject all at 14:02:11, and OneTrust then stored: accepted at 14:02:13" (or the audit's opt-out). */
export function contradictionText(c: Contradiction): string {
  const stored = choiceText({ choice: c.choice, carriedOver: false, at: c.storedAt });
  return `${clickedText(c.by, c.action, c.clickAt, c.switches)}, and ${toolName(c.tool)} then stored: ${stored}`;
}

/** Where an outside input landed, as the detector named it: “Read more” (a button's or link's text), or <p>. */
export function placeText(label: string): string {
  return label.startsWith('<') ? label : `“${label}”`;
}

/** "consent was stored after the visitor's click … outside the consent banner (on “Read more”, 14:02:11), …". */
export function outsideInputText(input: { at: number; label?: string }): string {
  const where = input.label ? `on ${placeText(input.label)}, ` : '';
  return `consent was stored after the visitor’s click or key press outside the consent banner (${where}${formatClock(input.at)}), before any answer in it`;
}

/**
 * "OneTrust · no choice yet", "Cookiebot · rejected at 14:02:11", "Usercentrics · the visitor clicked reject all at
 * 14:02:11 (no stored choice was read): …", or "no consent tool detected".
 */
export function consentStateText(consent: DerivedConsent): string {
  // The choice in force at the end, as phases see it: one of unknown content does not hide an earlier known one.
  let last: CountedChoice | undefined;
  for (const c of consent.choices) if (supersedes(c, last)) last = c;
  const tool = consent.tool ?? last?.tool ?? null;
  const notes: string[] = [];
  if (consent.outsideInput) notes.push('consent stored on a click outside the banner');
  else if (consent.withoutInteraction) notes.push('consent stored without interaction');
  if (consent.overClick !== undefined)
    notes.push('consent stored by the site after the visitor’s Reject all on an earlier visit');
  if (consent.choices.some((c) => c.overRefusal))
    notes.push(
      'stored over the refusal brought from an earlier visit, with no click in a banner we could see',
    );
  if (consent.unconfirmed) notes.push('a choice reported by the page, not confirmed');
  if (consent.contradicted.length)
    notes.push(
      consent.contradicted.every((c) => c.by === 'audit')
        ? 'the stored choice contradicts the audit’s refusal'
        : 'the stored choice contradicts the visitor’s click',
    );
  const suffix = notes.length ? ` (${notes.join('; ')})` : '';
  // A banner answered with a click alone, in a manager nothing else named: say it was a banner we could not name.
  if (!tool && last?.clicked) return `a consent banner we could not identify · ${choiceText(last)}${suffix}`;
  if (!tool) return `no consent tool detected${suffix}`;
  return `${toolName(tool)} · ${last ? choiceText(last) : 'no choice yet'}${suffix}`;
}
