import { describe, expect, it } from 'vitest';
import { SetCookieClaims } from './set-cookie-claims';

describe('SetCookieClaims', () => {
  it('gives a stored cookie to the visit whose response set that very value, once', () => {
    const claims = new SetCookieClaims<string>();
    claims.claim('next-page', 'sid', 'Shop.Example', 's1', 1_000);
    // Another value of the same cookie (the old page's script) is not this response's.
    expect(claims.take('sid', '.shop.example', 's0', 1_050)).toBeNull();
    expect(claims.take('sid', '.shop.example', 's1', 1_050)).toBe('next-page');
    expect(claims.take('sid', '.shop.example', 's1', 1_060)).toBeNull();
  });

  it('forgets claims after the time to live, and keeps at most `max`', () => {
    const claims = new SetCookieClaims<string>(10_000, 3);
    claims.claim('v', 'a', 'x.example', '1', 0);
    expect(claims.take('a', 'x.example', '1', 10_001)).toBeNull();
    for (const n of ['1', '2', '3', '4']) claims.claim('v', 'b', 'x.example', n, 20_000);
    expect(claims.size).toBe(3);
    expect(claims.take('b', 'x.example', '1', 20_001)).toBeNull();
    expect(claims.take('b', 'x.example', '4', 20_001)).toBe('v');
  });
});
