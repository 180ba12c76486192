import { needsConsent } from '../category';
import type { Classification } from '../vendor-db/types';
import { MAX_TIMES, type EvidenceEntry, type Sighting } from './types';

/**
 * Whether an earlier classification of an entry outlives a later one: a vendor match found once is never lost to a
 * later unknown, and a purpose that needs consent is never lost to a later sighting whose purpose needs none (a
 * tracker's cookie re-set short-lived, or overwritten with a value shaped like a consent record, would otherwise
 * re-file every earlier sighting of it: the entry keeps one classification for all its times).
 */
function keepsEarlier(earlier: Classification | undefined, later: Classification | undefined): boolean {
  if (!earlier) return false;
  if (earlier.vendor && !later?.vendor) return true;
  return needsConsent(earlier.category) && (!later || !needsConsent(later.category));
}

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
 * (a cookie's newest value), except for a classification an earlier one outlives (`keepsEarlier`).
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
  if (newer && keepsEarlier(prev.classification, s.classification)) base.classification = prev.classification;
  // An older sighting that arrives late still brings its vendor match, or its purpose, to an entry that had none.
  if (!newer && keepsEarlier(s.classification, prev.classification)) base.classification = s.classification;
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

/** Keeps the earliest HALF and the latest HALF of a sorted list of times, as addTime does one at a time. */
function boundTimes(sorted: number[]): number[] {
  return sorted.length > MAX_TIMES ? [...sorted.slice(0, HALF), ...sorted.slice(-HALF)] : sorted;
}

/**
 * Folds two stored entries with the same id (a packed visit's entry and sightings written after it was packed)
 * by the rules of mergeSighting: counts add up, times widen both ways, the later entry's details win except
 * that a vendor match or a script that set the cookie, once found, is kept.
 */
export function mergeEntries(a: EvidenceEntry, b: EvidenceEntry): EvidenceEntry {
  const [older, newer] = b.lastAt >= a.lastAt ? [a, b] : [b, a];
  const merged: EvidenceEntry = { ...older, ...newer };
  if (keepsEarlier(older.classification, newer.classification)) merged.classification = older.classification;
  if (older.cookie?.setBy && newer.cookie && !newer.cookie.setBy)
    merged.cookie = { ...newer.cookie, setBy: older.cookie.setBy };
  const types = [...new Set([...(older.resourceTypes ?? []), ...(newer.resourceTypes ?? [])])];
  if (types.length) merged.resourceTypes = types.slice(0, MAX_TYPES);
  return {
    ...merged,
    at: Math.min(a.at, b.at),
    lastAt: Math.max(a.lastAt, b.lastAt),
    count: a.count + b.count,
    times: boundTimes([...a.times, ...b.times].sort((x, y) => x - y)),
  };
}
