import { describe, expect, it } from 'vitest';
import {
  MAX_COOKIE_PART,
  MAX_COOKIES_PER_HEADER,
  parseCookieHeader,
  parseSetCookie,
  utf8FromLatin1,
} from './cookie-parse';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('parseSetCookie', () => {
  it('reads name, value and attributes', () => {
    const c = parseSetCookie(
      '_cio=abc%20def; Domain=.customer.io; Path=/; Max-Age=86400; Secure; HttpOnly; SameSite=None',
      NOW,
    );
    expect(c).toEqual({
      name: '_cio',
      value: 'abc%20def',
      domain: 'customer.io',
      path: '/',
      lifetimeSeconds: 86400,
      secure: true,
      httpOnly: true,
      sameSite: 'none',
    });
  });

  it('uses Expires when there is no Max-Age, and Max-Age when both are present', () => {
    expect(parseSetCookie('a=1; Expires=Fri, 01 Jan 2027 00:00:00 GMT', NOW)?.lifetimeSeconds).toBe(
      365 * 86400,
    );
    expect(
      parseSetCookie('a=1; Expires=Fri, 01 Jan 2027 00:00:00 GMT; Max-Age=5', NOW)?.lifetimeSeconds,
    ).toBe(5);
    expect(parseSetCookie('a=1', NOW)?.lifetimeSeconds).toBeNull();
  });

  it('keeps values that contain "=" and tolerates garbage attributes', () => {
    expect(parseSetCookie('tok=a=b=c; ;;; Max-Age=abc; Expires=never', NOW)).toMatchObject({
      name: 'tok',
      value: 'a=b=c',
      lifetimeSeconds: null,
    });
  });

  it('keeps hostile names as plain strings and clips huge ones', () => {
    expect(parseSetCookie('<img src=x onerror=alert(1)>=1', NOW)?.name).toBe('<img src');
    const huge = parseSetCookie(`${'n'.repeat(10000)}=${'v'.repeat(10000)}`, NOW)!;
    expect(huge.name.length).toBe(MAX_COOKIE_PART);
    expect(huge.value.length).toBe(MAX_COOKIE_PART);
  });

  it('returns null for empty or non-string input', () => {
    expect(parseSetCookie('', NOW)).toBeNull();
    expect(parseSetCookie(undefined as unknown as string, NOW)).toBeNull();
    expect(parseSetCookie('=', NOW)).toBeNull();
  });
});

describe('attribute limits', () => {
  it('ignores an attribute value over 1024 bytes, as browsers do', () => {
    const long = `x${'a'.repeat(1024)}.example`;
    expect(parseSetCookie(`id=1; Domain=${long}; Path=/p; SameSite=${'L'.repeat(2000)}`)).toMatchObject({
      name: 'id',
      path: '/p',
    });
    expect(parseSetCookie(`id=1; Domain=${long}`)!.domain).toBeUndefined();
    expect(parseSetCookie(`id=1; Domain=${'a'.repeat(1012)}.example`)!.domain).toBe(
      `${'a'.repeat(1012)}.example`,
    );
  });
});

describe('parseCookieHeader', () => {
  it('splits pairs and trims', () => {
    expect(parseCookieHeader('_cio=1; _cioid=abc;  ajs_user_id=%22x%22')).toEqual([
      { name: '_cio', value: '1' },
      { name: '_cioid', value: 'abc' },
      { name: 'ajs_user_id', value: '%22x%22' },
    ]);
    expect(parseCookieHeader('')).toEqual([]);
  });

  it('reads a bounded number of pairs from a hostile header', () => {
    const header = Array.from({ length: 5000 }, (_, i) => `c${i}=v`).join('; ');
    const pairs = parseCookieHeader(header);
    expect(pairs).toHaveLength(MAX_COOKIES_PER_HEADER);
    expect(pairs[0]).toEqual({ name: 'c0', value: 'v' });
  });
});

describe('Partitioned', () => {
  it('reads the CHIPS attribute', () => {
    expect(parseSetCookie('cid=1; Secure; Path=/; SameSite=None; Partitioned')).toMatchObject({
      partitioned: true,
    });
    expect(parseSetCookie('cid=1; Secure')?.partitioned).toBeUndefined();
  });
});

describe('utf8FromLatin1', () => {
  it("undoes Firefox's Latin-1 reading of a UTF-8 cookie name", () => {
    const name = 'emoji🍪_ünï';
    expect(utf8FromLatin1(Buffer.from(name, 'utf8').toString('latin1'))).toBe(name);
  });

  it('leaves ASCII, real Latin-1 text and wide characters alone', () => {
    expect(utf8FromLatin1('_ga_ABC=1')).toBe('_ga_ABC=1');
    // "café" in Latin-1 is not valid UTF-8 bytes: it stays as it is.
    expect(utf8FromLatin1('caf\u00e9')).toBe('caf\u00e9');
    expect(utf8FromLatin1('🍪')).toBe('🍪');
  });
});
