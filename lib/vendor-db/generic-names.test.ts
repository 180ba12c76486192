import { describe, expect, it } from 'vitest';
import { isGenericCookieName, isSingleWordName } from './generic-names';

const words = new Set([
  'session',
  'locale',
  'connect',
  'remember',
  'version',
  'user',
  'token',
  'test',
  'cookie',
  'stripe',
]);

describe('isGenericCookieName', () => {
  it('takes names made of dictionary words and common short words as everyday', () => {
    for (const name of ['sessionid', 'locale', 'connect.sid', 'auth_token', 'remember_me', 'user_session'])
      expect(isGenericCookieName(name, words), name).toBe(true);
    // Digits and single letters do not make a name distinctive.
    expect(isGenericCookieName('version2', words)).toBe(true);
    expect(isGenericCookieName('c_user', words)).toBe(true);
  });

  it('keeps names with anything else distinctive', () => {
    for (const name of ['_uetsid', '__hstc', 'hubspotutk', 'ajs_user_id', 'AMP_TEST', 'li_session'])
      expect(isGenericCookieName(name, words), name).toBe(false);
    // Three-letter dictionary words do not count inside a name: they would split brands ("sap", "tad").
    expect(isGenericCookieName('tadsession', new Set([...words, 'tad']))).toBe(false);
  });

  it('keeps a name holding its vendor’s name distinctive, even when the name is a dictionary word', () => {
    expect(isGenericCookieName('__stripe_user', words)).toBe(true);
    expect(isGenericCookieName('__stripe_user', words, ['stripe'])).toBe(false);
    // A vendor name shorter than four letters is too common inside names to decide.
    expect(isGenericCookieName('user_session', words, ['use'])).toBe(true);
  });

  it('knows no word without a dictionary but the short ones', () => {
    expect(isGenericCookieName('sessionid', new Set())).toBe(false);
    expect(isGenericCookieName('auth_token', new Set())).toBe(false);
    expect(isGenericCookieName('api_key', new Set())).toBe(true);
    expect(isGenericCookieName('', words)).toBe(false);
  });

  it('tells one everyday word, a letter or a short word from compounds', () => {
    for (const name of ['locale', '__Version', 'c', 'UID', 'ts'])
      expect(isSingleWordName(name, words), name).toBe(true);
    for (const name of ['sessionid', 'user_session', 'connect.sid', 'hstc', 'sid_session', 'TS01', 'A1'])
      expect(isSingleWordName(name, words), name).toBe(false);
  });
});
