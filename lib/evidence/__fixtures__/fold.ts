// Test fixtures only (imported by *.test.ts, never by product code).
import { mergeSighting } from '../merge';
import type { EvidenceEntry, Sighting } from '../types';

/** Folds sightings into stored entries as the writer does. */
export function folded(...sightings: Sighting[]): EvidenceEntry[] {
  const byId = new Map<string, EvidenceEntry>();
  for (const s of sightings) byId.set(s.id, mergeSighting(byId.get(s.id), s));
  return [...byId.values()];
}
