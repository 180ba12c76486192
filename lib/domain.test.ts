import { describe, expect, it } from 'vitest';
import { cookieDomainAllowed, hostOf, isThirdParty, normalizeHost, siteOf } from './domain';

describe('hostOf', () => {
  it('reads the host of ordinary URLs', () => {
    expect(hostOf('https://track.customer.io/api/v1?x=1')).toBe('track.customer.io');
    expect(hostOf('https://Shop.Example.COM:8443/a')).toBe('shop.example.com');
    expect(hostOf('wss://user:pw@ws.example.org/socket')).toBe('ws.example.org');
    expect(hostOf('https://example.com?q=a/b')).toBe('example.com');
    expect(hostOf('https://example.com#frag')).toBe('example.com');
    expect(hostOf('https://doubleclick.net./x')).toBe('doubleclick.net');
  });

  it('agrees with the URL parser on odd but valid input', () => {
    for (const url of [
      'https://[2001:db8::1]:443/x',
      'https://bücher.example/',
      'https://ex%41mple.com/',
      '  https://padded.example.com/  ',
      'HTTPS://UPPER.EXAMPLE/',
    ]) {
      expect(hostOf(url)).toBe(new URL(url).hostname.replace(/\.$/, ''));
    }
  });

  it('answers null for malformed input instead of throwing', () => {
    for (const bad of [
      '',
      'not a url',
      'http://',
      'https://exa mple.com/',
      '://x',
      'data:text/plain,hi',
      'https://a:bad/',
    ]) {
      expect(hostOf(bad)).toBeNull();
    }
    expect(hostOf(undefined as unknown as string)).toBeNull();
    expect(hostOf(42 as unknown as string)).toBeNull();
  });

  it('handles a huge URL by its host only', () => {
    expect(hostOf(`https://big.example.com/${'a'.repeat(1_000_000)}`)).toBe('big.example.com');
  });
});

describe('siteOf', () => {
  it('gives the registrable domain of URLs, hosts and cookie domains', () => {
    expect(siteOf('https://track.customer.io/x')).toBe('customer.io');
    expect(siteOf('a.b.example.co.uk')).toBe('example.co.uk');
    expect(siteOf('.Example.com')).toBe('example.com');
    expect(siteOf('https://shop.example/')).toBe('shop.example');
  });

  it('falls back to the host for IPs and single labels, null for nothing', () => {
    expect(siteOf('http://127.0.0.1:8080/')).toBe('127.0.0.1');
    expect(siteOf('localhost')).toBe('localhost');
    expect(siteOf('')).toBeNull();
    expect(siteOf('https://')).toBeNull();
    expect(siteOf(null as unknown as string)).toBeNull();
  });

  it('treats private suffixes as public ones, like browsers do', () => {
    expect(siteOf('https://alice.github.io/')).toBe('alice.github.io');
  });
});

describe('isThirdParty', () => {
  it('compares sites, not hosts', () => {
    expect(isThirdParty('cdn.shop.example', 'shop.example')).toBe(false);
    expect(isThirdParty('track.customer.io', 'shop.example')).toBe(true);
    expect(isThirdParty('.customer.io', 'customer.io')).toBe(false);
  });

  it('is false without a page site or a readable host', () => {
    expect(isThirdParty('track.customer.io', null)).toBe(false);
    expect(isThirdParty('', 'shop.example')).toBe(false);
  });
});

describe('normalizeHost', () => {
  it('strips dots and lowercases', () => {
    expect(normalizeHost('.Foo.Example.')).toBe('foo.example');
    expect(normalizeHost('...')).toBeNull();
    expect(normalizeHost('bad host')).toBeNull();
  });
});

describe('cookieDomainAllowed', () => {
  it('accepts the host and its parents below the public suffix, as a browser does', () => {
    expect(cookieDomainAllowed('track.customer.io', undefined)).toBe(true);
    expect(cookieDomainAllowed('track.customer.io', '.customer.io')).toBe(true);
    expect(cookieDomainAllowed('track.customer.io', 'track.customer.io')).toBe(true);
    expect(cookieDomainAllowed('www.shop.co.uk', 'shop.co.uk')).toBe(true);
    // Another site, a public suffix, a sibling, an IP's parent: rejected by the browser, so not evidence.
    expect(cookieDomainAllowed('evil.example', 'bank.example')).toBe(false);
    expect(cookieDomainAllowed('www.shop.co.uk', 'co.uk')).toBe(false);
    expect(cookieDomainAllowed('a.github.io', 'github.io')).toBe(false);
    expect(cookieDomainAllowed('a.shop.example', 'b.shop.example')).toBe(false);
    expect(cookieDomainAllowed('10.0.0.1', '0.0.1')).toBe(false);
    expect(cookieDomainAllowed('shop.example', 'notshop.example')).toBe(false);
  });
});
