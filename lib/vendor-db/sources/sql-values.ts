/** A value of an SQL literal: text, number or NULL. */
export type SqlValue = string | number | null;

export interface SqlInsert {
  table: string;
  values: SqlValue[];
}

/**
 * Reads the `INSERT INTO "table" VALUES(...);` statements of an SQLite dump (the dialect `sqlite3 .dump` writes:
 * '…' strings with '' for a quote, integers, reals, NULL). Other statements are skipped. A statement may span
 * lines (a string literal with newlines). Backslashes are literal in SQLite, so `\"` stays two characters.
 * @throws Error naming the line of a malformed INSERT.
 */
export function readSqlInserts(sql: string): SqlInsert[] {
  const out: SqlInsert[] = [];
  const head = /INSERT INTO\s+(?:"([^"]+)"|(\w+))\s+VALUES\s*\(/y;
  let i = 0;
  let line = 1;
  while (i < sql.length) {
    head.lastIndex = i;
    const m = head.exec(sql);
    if (m === null) {
      const nl = sql.indexOf('\n', i);
      if (nl === -1) break;
      i = nl + 1;
      line++;
      continue;
    }
    const start = line;
    let p = head.lastIndex;
    const values: SqlValue[] = [];
    for (;;) {
      while (sql[p] === ' ') p++;
      if (sql[p] === "'") {
        let text = '';
        p++;
        for (;;) {
          const q = sql.indexOf("'", p);
          if (q === -1) throw new Error(`SQL line ${start}: unterminated string`);
          text += sql.slice(p, q);
          if (sql[q + 1] === "'") {
            text += "'";
            p = q + 2;
          } else {
            p = q + 1;
            break;
          }
        }
        for (const ch of text) if (ch === '\n') line++;
        values.push(text);
      } else {
        const lit = /NULL|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
        lit.lastIndex = p;
        const v = lit.exec(sql);
        if (v === null)
          throw new Error(`SQL line ${start}: unreadable value at ${JSON.stringify(sql.slice(p, p + 20))}`);
        values.push(v[0] === 'NULL' ? null : Number(v[0]));
        p = lit.lastIndex;
      }
      while (sql[p] === ' ') p++;
      if (sql[p] === ',') {
        p++;
        continue;
      }
      if (sql[p] === ')') break;
      throw new Error(`SQL line ${start}: expected , or ) after value ${values.length}`);
    }
    out.push({ table: m[1] ?? m[2]!, values });
    const nl = sql.indexOf('\n', p);
    if (nl === -1) break;
    i = nl + 1;
    line++;
  }
  return out;
}
