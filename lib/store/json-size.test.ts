import { describe, expect, it } from 'vitest';
import { jsonSize } from './json-size';

const exact = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

describe('jsonSize', () => {
  it('is the length of JSON.stringify for ASCII values, without building it', () => {
    const values: unknown[] = [
      null,
      'abc',
      '',
      0,
      -12.5,
      1e21,
      true,
      false,
      [],
      {},
      [1, 'a', null],
      { a: 1, b: undefined, c: [undefined, 2], d: { e: 'x', f: () => 1 } },
      { id: 'v|request|t.example', times: [1, 2, 3], classification: { vendor: null, thirdParty: true } },
    ];
    for (const v of values) expect(jsonSize(v), JSON.stringify(v)).toBe(exact(v));
  });

  it('writes non-finite numbers as null, as JSON does', () => {
    expect(jsonSize([NaN, Infinity])).toBe(exact([NaN, Infinity]));
  });
});
