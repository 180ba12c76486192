const WIDTH = 110;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isScalar = (v: Json): boolean => v === null || typeof v !== 'object';

function fmt(value: Json, indent: string, lead: number, tail: number): string {
  if (isScalar(value)) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    // Prettier puts an array of scalars on one line when it fits in the print width.
    if (value.every(isScalar)) {
      const flat = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
      if (lead + flat.length + tail <= WIDTH) return flat;
    }
    const items = value.map((v, n) => `${inner}${fmt(v, inner, inner.length, n < value.length - 1 ? 1 : 0)}`);
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as { [k: string]: Json });
  if (entries.length === 0) return '{}';
  const lines = entries.map(([k, v], n) => {
    const key = `${inner}${JSON.stringify(k)}: `;
    return `${key}${fmt(v, inner, key.length, n < entries.length - 1 ? 1 : 0)}`;
  });
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

/** JSON.stringify with 2-space indent, laid out the way Prettier formats JSON (printWidth 110). */
export function formatJson(value: unknown): string {
  return `${fmt(JSON.parse(JSON.stringify(value)) as Json, '', 0, 0)}\n`;
}
