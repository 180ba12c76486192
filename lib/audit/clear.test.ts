import { describe, expect, it } from 'vitest';
import { cookieRemovalUrl, cookiesOfSite, originsToClear } from './clear';

const c = (domain: string, secure = true, path = '/') => ({ name: 'n', domain, path, secure });

describe('site clearing helpers', () => {
  it('builds removal URLs from domain cookies and host-only cookies', () => {
    expect(cookieRemovalUrl(c('.shop.example'))).toBe('https://shop.example/');
    expect(cookieRemovalUrl(c('www.shop.example', false, '/cart'))).toBe('http://www.shop.example/cart');
  });

  it('keeps only the site’s own cookies, subdomains included', () => {
    const all = [
      c('.shop.example'),
      c('www.shop.example'),
      c('.doubleclick.net'),
      c('shop.example.evil.example'),
    ];
    expect(cookiesOfSite(all, 'shop.example').map((x) => x.domain)).toEqual([
      '.shop.example',
      'www.shop.example',
    ]);
  });

  it('lists the page origin and the site origins, port kept', () => {
    expect(originsToClear('https://www.shop.co.uk/a?b')).toEqual([
      'https://www.shop.co.uk',
      'http://www.shop.co.uk',
      'https://shop.co.uk',
      'http://shop.co.uk',
    ]);
    expect(originsToClear('http://shop.example:8080/')).toContain('http://www.shop.example:8080');
    expect(() => originsToClear('not a url')).toThrow();
  });
});
