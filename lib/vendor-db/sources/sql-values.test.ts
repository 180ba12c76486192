import { describe, expect, it } from 'vitest';
import { readSqlInserts } from './sql-values';

describe('readSqlInserts', () => {
  it('reads strings with doubled quotes, numbers, NULL and skips other statements', () => {
    const sql = [
      'BEGIN TRANSACTION;',
      'CREATE TABLE t(a, b, c, d);',
      `INSERT INTO "t" VALUES('it''s',42,NULL,'a \\"quoted\\" \\r\\n');`,
      "INSERT INTO t VALUES(-1.5,'x');",
      'COMMIT;',
    ].join('\n');
    expect(readSqlInserts(sql)).toEqual([
      { table: 't', values: ["it's", 42, null, 'a \\"quoted\\" \\r\\n'] },
      { table: 't', values: [-1.5, 'x'] },
    ]);
  });

  it('reads a string that spans lines and keeps counting lines after it', () => {
    const rows = readSqlInserts(`INSERT INTO "t" VALUES('a\nb',1);\nINSERT INTO "u" VALUES(2);`);
    expect(rows).toEqual([
      { table: 't', values: ['a\nb', 1] },
      { table: 'u', values: [2] },
    ]);
  });

  it('names the line of a malformed statement', () => {
    expect(() => readSqlInserts(`\nINSERT INTO "t" VALUES('open);`)).toThrow(/line 2: unterminated/);
    expect(() => readSqlInserts(`INSERT INTO "t" VALUES(1 2);`)).toThrow(/line 1: expected , or \)/);
    expect(() => readSqlInserts(`INSERT INTO "t" VALUES(foo);`)).toThrow(/unreadable value/);
  });
});
