/** Per-site memories the background keeps (unprompted.ts, answered.ts): bounded, oldest out. */

/** Key prefix of a record of a private window's cookie store (`private|<site>|…`): never kept on disk. */
export const PRIVATE_PREFIX = 'private|';

/** The memory with one record set (the oldest by `at` dropped past `max`) or removed. */
export function withEntry<T extends { at: number }>(
  memory: Record<string, T>,
  key: string,
  record: T | null,
  max: number,
): Record<string, T> {
  const next = { ...memory };
  if (record === null) {
    delete next[key];
    return next;
  }
  next[key] = record;
  const keys = Object.keys(next);
  if (keys.length > max) {
    keys.sort((a, b) => next[a]!.at - next[b]!.at);
    for (const k of keys.slice(0, keys.length - max)) delete next[k];
  }
  return next;
}

/** Adds `id` to a set of ids already handled, dropping the oldest past `max` (a Set keeps insertion order). */
export function addBounded(set: Set<string>, id: string, max: number): void {
  set.add(id);
  if (set.size > max) set.delete(set.values().next().value!);
}
