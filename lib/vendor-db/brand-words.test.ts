import { describe, expect, it } from 'vitest';
import { classifyCookie } from './match';
import { asciiWords, brandInName, brandOf, wordsOf } from './brand-words';
import { compileVendors } from './compile';
import { loadVendorIndex } from './load';
import { vendor } from './__fixtures__/vendors';

// Fictional vendors: an A/B-testing tracker whose brand is no English word, an ad vendor whose brand is one, a
// trade word as a brand, and a functional vendor (its brand never counts).
const records = [
  vendor('splitzy-testing', 'analytics', ['splitzy.example']),
  vendor('attentive-ads', 'advertising', ['attentive.example']),
  vendor('media-box', 'advertising', ['mediabox.example']),
  vendor('cartly-cdn', 'functional', ['cartly.example']),
];
const index = loadVendorIndex(compileVendors(records, '', [], new Set(['attentive', 'media'])).index);
const cookie = (name: string) =>
  classifyCookie(index, { name, domain: 'shop.test', pageUrl: 'https://shop.test/' });

describe('brand words', () => {
  it("takes a vendor name's first word, unless short, numeric or a trade word", () => {
    expect(brandOf('Splitzy Testing')).toBe('splitzy');
    expect(brandOf('CertainSource')).toBe('certainsource');
    expect(brandOf('Blue State Digital')).toBeNull();
    expect(brandOf('Media Box')).toBeNull();
    expect(brandOf('24metrics')).toBe('24metrics');
    expect(brandOf('12345 Ads')).toBeNull();
  });

  it('splits cookie names at separators and camelCase humps', () => {
    expect(wordsOf('optimizelySession')).toEqual(['optimizely', 'session']);
    expect(wordsOf('__attentive_id')).toEqual(['attentive', 'id']);
  });

  it('scans an ASCII name into the same words as the regular expressions do', () => {
    // Every name of up to 4 characters over letters of both cases, a digit and separators, and some longer ones.
    const alphabet = ['a', 'B', 'z', 'Q', '7', '_', '.', '%'];
    const names = [''];
    for (let length = 0; length < 4; length++)
      for (const n of names.filter((x) => x.length === length)) for (const c of alphabet) names.push(n + c);
    names.push('optimizelySession', 'AMP_TOKEN', 'a1B2cD', 'ABCdef', '__Host-x', 'x--y__z', 'pubmaticUID2');
    for (const name of names) expect(asciiWords(name), name).toEqual(wordsOf(name));
  });

  it('names the tracking vendor a cookie is named after; an English brand only as the first word', () => {
    expect(brandInName(index, 'splitzySession')).toMatch(/"splitzy", the brand of Splitzy Testing/);
    expect(brandInName(index, 'x_splitzy_uid')).toMatch(/Splitzy Testing/);
    expect(brandInName(index, '__attentive_id')).toMatch(/Attentive Ads/);
    expect(brandInName(index, 'cart_attentive')).toBeUndefined();
    expect(brandInName(index, 'cartly_session')).toBeUndefined();
  });
});

describe('a cookie named after a tracking vendor, not in the database', () => {
  it('never gets an exempt category from its name', () => {
    const c = cookie('splitzySession');
    expect(c).toMatchObject({ vendor: null, category: 'unknown' });
    expect(c.reason).toMatch(/named after a tracking vendor.*cannot make it necessary/);
    // The same guess without the brand stays a likely session cookie.
    expect(cookie('shopSession').category).toBe('necessary');
  });

  it('is "unknown: needs review" with the brand named, instead of a bare unknown', () => {
    expect(cookie('__attentive_id').reason).toMatch(/^unknown: needs review; .*the brand of Attentive Ads/);
    expect(cookie('__unbranded_id').reason).toMatch(/^unknown cookie; no name, lifetime or value clue/);
  });
});
