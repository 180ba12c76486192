import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromColumns, toColumns } from './columns';

describe('rows as columns', () => {
  it('gives back any rows of JSON values, absent fields absent and nulls null', () => {
    const row = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'cookie', '__proto__'), fc.jsonValue(), {
      maxKeys: 5,
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), (rows) => {
        const back = fromColumns(JSON.parse(JSON.stringify(toColumns(rows))), rows.length);
        expect(back).toEqual(JSON.parse(JSON.stringify(rows)));
        back.forEach((r, i) => expect(Object.keys(r).sort()).toEqual(Object.keys(rows[i]!).sort()));
      }),
    );
  });

  it('lines up the parts of an object field, including an empty object and a null part', () => {
    const rows = [{ cookie: { name: 'a', life: null } }, {}, { cookie: {} }, { cookie: { name: 'b' } }];
    const columns = toColumns(rows);
    expect(columns.cookie).toEqual({
      p: '1011',
      g: { name: { p: '101', v: ['a', 'b'] }, life: { p: '100', v: [null] } },
    });
    expect(fromColumns(columns, 4)).toEqual(rows);
  });

  it('keeps a field named __proto__ as data, never as the prototype', () => {
    const rows = [JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>];
    const [back] = fromColumns(toColumns(rows), 1);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back!)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses columns that do not add up to the rows asked for', () => {
    expect(() => fromColumns({ a: { p: '10', v: [1] } }, 3)).toThrow('column a: 2 rows, expected 3');
    expect(() => fromColumns({ a: { p: '11', v: [1] } }, 2)).toThrow('column a: 1 values for 2 rows');
    expect(() => fromColumns({ a: {} }, 1)).toThrow('column a: no values for 1 rows');
  });
});
