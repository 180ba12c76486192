/**
 * A stored choice may be the visitor's answer in another open tab of its site (lib/evidence/unprompted.ts
 * `answeredElsewhere`). That tab's report of the visitor's input can come after the cookie's: such a choice is held
 * here until the grace after it has passed, then marked `otherTab` when the answer was reported meanwhile. Mirrored
 * to storage.session, so a worker stopped in between still adds the mark.
 */
import type { ConsentSignal } from '@/lib/consent/types';
import type { OpenedBy } from '@/lib/evidence/unprompted';
import { LATER_INPUT_EVERY_MS } from '@/lib/messages';
import { addBounded } from '@/lib/evidence/bounded-memory';
import { ACTIVATION_GRACE_MS } from '@/lib/evidence/consent';
import type { PageVisit } from '@/lib/findings';
import { hashString } from '@/lib/hash';
import { consentSighting, type SignalSource } from '@/lib/record';
import { sessionValue } from './session';
import { interactedBy } from './unprompted';
import { enqueue } from './writer';

/** Choices held at once; the oldest are dropped (unmarked: flagged, never exempt). */
const MAX_HELD = 200;

interface Held {
  visit: PageVisit;
  signal: ConsentSignal;
  source: SignalSource;
  others: string[];
  openedBy?: OpenedBy;
}

const held: Record<string, Held> = {};
/** Values already judged (bounded): later sightings of them are judged by recordSignal's own check only. */
const settled = new Set<string>();
const MAX_SETTLED = 2_000;
const live = sessionValue<Record<string, Held>>('otherTabHeld');
const persist = () => live.write(held);

/** Re-arms the choices a stopped worker held; part of the worker's ready() (after the activation memory). */
export async function loadOtherTabHeld(): Promise<void> {
  const stored = await live.read();
  if (!stored || typeof stored !== 'object') return;
  for (const [id, h] of Object.entries(stored)) {
    if (held[id]) continue;
    held[id] = h;
    arm(id);
  }
}

/**
 * Holds a choice stored while other tabs (`others`: their visits) showed its site, until the grace has passed
 * (`openedBy`: the tab that opened this one, whose input then covers nothing here).
 */
export function markIfAnsweredElsewhere(
  visit: PageVisit,
  signal: ConsentSignal,
  source: SignalSource,
  others: string[],
  openedBy?: OpenedBy,
): void {
  // One hold per value: the first sighting dates it (requests carrying the cookie repeat it many times).
  const id = `${visit.id}|${signal.tool}|${signal.via}|${hashString(signal.raw)}`;
  if (held[id] || settled.has(id)) return;
  held[id] = { visit, signal, source, others, ...(openedBy && { openedBy }) };
  const ids = Object.keys(held);
  if (ids.length > MAX_HELD) delete held[ids[0]!];
  persist();
  arm(id);
}

/** The visits `gone` picks were deleted: nothing is written for them any more. */
export function dropHeld(gone: (visit: PageVisit) => boolean): void {
  const ids = Object.keys(held).filter((id) => gone(held[id]!.visit));
  for (const id of ids) delete held[id];
  if (ids.length) persist();
}

function arm(id: string): void {
  const at = held[id]!.source.at;
  // The other tab's later input may come up to LATER_INPUT_EVERY_MS after it was made (the detector's throttle).
  const settleAt = at + ACTIVATION_GRACE_MS + LATER_INPUT_EVERY_MS + 100;
  setTimeout(() => settle(id), Math.max(0, settleAt - Date.now()));
}

function settle(id: string): void {
  const h = held[id];
  if (!h) return;
  delete held[id];
  persist();
  addBounded(settled, id, MAX_SETTLED);
  if (interactedBy(h.others, h.source.at, h.signal.choice, h.openedBy))
    enqueue(h.visit, consentSighting(h.visit, h.signal, { ...h.source, otherTab: true }));
}
