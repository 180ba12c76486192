/**
 * The length of JSON.stringify(value) without building the string: UTF-16 code units, which is its UTF-8 byte
 * count for ASCII text without characters JSON escapes. An estimate of stored size that allocates nothing.
 */
export function jsonSize(value: unknown): number {
  if (value === null) return 4;
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4;
    case 'boolean':
      return value ? 4 : 5;
    case 'object':
      break;
    default:
      return 0;
  }
  if (Array.isArray(value)) {
    let n = 1 + Math.max(1, value.length);
    // JSON writes undefined and functions inside arrays as null.
    for (const item of value) n += jsonSize(item) || 4;
    return n;
  }
  let n = 2;
  let fields = 0;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const size = jsonSize(item);
    // JSON leaves out fields whose value is undefined or a function.
    if (!size) continue;
    n += key.length + 3 + size;
    fields++;
  }
  return n + Math.max(0, fields - 1);
}
