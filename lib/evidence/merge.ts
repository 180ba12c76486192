import { MAX_TIMES, type EvidenceEntry, type Sighting } from './types';

const MAX_TYPES = 16;
const HALF = MAX_TIMES / 2;

/** Inserts t into a sorted list of times, keeping the earliest HALF and the latest HALF. */
function addTime(times: readonly number[], t: number): number[] {
  const next = [...times];
  let i = next.length;
  while (i > 0 && next[i - 1]! > t) i--;
  next.splice(i, 0, t);
  if (next.length > MAX_TIMES) next.splice(HALF, 1);
  return next;
}

/**
 * Folds one sighting into the stored entry with its id. Pure: `prev` is not mutated. Events arriving out of
 * order (a worker that woke late) widen the first/last times both ways. The latest sighting's details win
 * (a cookie's newest value), except that a vendor match found once is never lost to a later unknown.
 */
export function mergeSighting(prev: EvidenceEntry | undefined, s: Sighting): EvidenceEntry {
  const { resourceType, ...rest } = s;
  if (!prev) {
    return {
      ...rest,
      lastAt: s.at,
      count: 1,
      times: [s.at],
      ...(resourceType && { resourceTypes: [resourceType] }),
    };
  }
  const newer = s.at >= prev.lastAt;
  const base: EvidenceEntry = newer ? { ...prev, ...rest, at: prev.at } : { ...prev };
  if (prev.classification?.vendor && !s.classification?.vendor) base.classification = prev.classification;
  if (newer && prev.cookie?.setBy && s.cookie && !s.cookie.setBy)
    base.cookie = { ...s.cookie, setBy: prev.cookie.setBy };
  const types = prev.resourceTypes ?? [];
  if (resourceType && !types.includes(resourceType) && types.length < MAX_TYPES) {
    base.resourceTypes = [...types, resourceType];
  }
  return {
    ...base,
    at: Math.min(prev.at, s.at),
    lastAt: Math.max(prev.lastAt, s.at),
    count: prev.count + 1,
    times: addTime(prev.times, s.at),
  };
}
