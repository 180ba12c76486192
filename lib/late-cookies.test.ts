import { describe, expect, it } from 'vitest';
import { LateCookies } from './late-cookies';

describe('LateCookies', () => {
  it('replays a change to a visit whose request to that site started before the change arrived', () => {
    const late = new LateCookies<string>();
    late.hold('customer.io', 1_000, '_cio', []);
    expect(late.take('customer.io', 900, 'v1', 1_100)).toEqual(['_cio']);
    // Once per visit.
    expect(late.take('customer.io', 900, 'v1', 1_100)).toEqual([]);
    // Another visit that also contacted the site before the change gets it too.
    expect(late.take('customer.io', 950, 'v2', 1_100)).toEqual(['_cio']);
  });

  it('does not replay to a visit already credited, a later request, another site, or after the hold time', () => {
    const late = new LateCookies<string>(10_000);
    late.hold('customer.io', 1_000, '_cio', ['v1']);
    expect(late.take('customer.io', 900, 'v1', 1_100)).toEqual([]);
    // The request started after the cookie arrived: the cookie was not set by it.
    expect(late.take('customer.io', 1_001, 'v3', 1_100)).toEqual([]);
    expect(late.take('other.example', 900, 'v4', 1_100)).toEqual([]);
    expect(late.take('customer.io', 900, 'v5', 11_001)).toEqual([]);
    expect(late.size).toBe(0);
  });

  it('keeps at most `max` changes, dropping the oldest', () => {
    const late = new LateCookies<number>(10_000, 3);
    for (let i = 0; i < 5; i++) late.hold('a.example', 1_000 + i, i, []);
    expect(late.size).toBe(3);
    expect(late.take('a.example', 0, 'v', 1_010)).toEqual([2, 3, 4]);
  });
});
