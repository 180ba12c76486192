/**
 * Rows of plain JSON objects as columns: each field's values of all rows side by side. Deflate then sees a run of
 * hosts, then a run of URLs, then a run of times, and finds far more back-references than in row order, where
 * every entry interleaves them. Lossless: a field a row lacks stays absent, a null stays null, and an object field
 * (a cookie's details) becomes columns of its own so its parts line up too.
 */

type Row = Record<string, unknown>;

/**
 * One field: `p` says which rows have it ('1'/'0' per row, left out when all do), `v` holds those rows' values in
 * order, or `g` holds the columns of its parts when every value is an object.
 */
export interface Column {
  p?: string;
  v?: unknown[];
  g?: Record<string, Column>;
}

const isObject = (x: unknown): x is Row => typeof x === 'object' && x !== null && !Array.isArray(x);

/** An own property even for a field named "__proto__", which plain assignment would take as the prototype. */
const set = (row: Row, field: string, value: unknown) =>
  Object.defineProperty(row, field, { value, enumerable: true, writable: true, configurable: true });

/** The columns of `rows`; object fields are split into their parts down to `depth` levels. */
export function toColumns(rows: readonly Row[], depth = 1): Record<string, Column> {
  const fields = new Set<string>();
  for (const r of rows) for (const [k, x] of Object.entries(r)) if (x !== undefined) fields.add(k);
  const columns: Row = {};
  for (const field of fields) {
    const present = rows.map((r) => Object.hasOwn(r, field) && r[field] !== undefined);
    const values = rows.filter((_, i) => present[i]).map((r) => r[field]);
    const column: Column = present.every(Boolean) ? {} : { p: present.map((b) => (b ? '1' : '0')).join('') };
    if (depth > 0 && values.every(isObject)) column.g = toColumns(values as Row[], depth - 1);
    else column.v = values;
    set(columns, field, column);
  }
  return columns as Record<string, Column>;
}

/** The `n` rows that `toColumns` turned into `columns`. Throws on columns that do not add up to `n` rows. */
export function fromColumns(columns: Record<string, Column>, n: number): Row[] {
  const rows: Row[] = Array.from({ length: n }, () => ({}));
  for (const [field, column] of Object.entries(columns)) {
    const present = column.p ?? '1'.repeat(n);
    if (present.length !== n) throw new Error(`column ${field}: ${present.length} rows, expected ${n}`);
    const count = [...present].filter((c) => c === '1').length;
    const values = column.g ? fromColumns(column.g, count) : column.v;
    if (!Array.isArray(values) || values.length !== count)
      throw new Error(`column ${field}: ${values?.length ?? 'no'} values for ${count} rows`);
    let next = 0;
    for (let i = 0; i < n; i++) if (present[i] === '1') set(rows[i]!, field, values[next++]);
  }
  return rows;
}
