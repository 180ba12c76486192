/**
 * `compute` memoised per key, forgetting everything once `max` keys are held: a bounded cache for hot paths
 * whose keys repeat (hosts, cookie domains, page URLs). `undefined` is never a result worth caching.
 */
export function boundedMemo<K, V>(max: number, compute: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      if (cache.size >= max) cache.clear();
      cache.set(key, value);
    }
    return value;
  };
}
