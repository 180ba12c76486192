import { describe, expect, it } from 'vitest';
import { pageUrl, pickPages, sitemapUrls } from './pages';

describe('sitemapUrls', () => {
  it('reads the <loc> of each <url>, entities decoded', () => {
    const xml = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://a.example/</loc><lastmod>2026-01-01</lastmod></url>
      <url><loc>https://a.example/p?x=1&amp;y=2</loc></url></urlset>`;
    expect(sitemapUrls(xml)).toEqual(['https://a.example/', 'https://a.example/p?x=1&y=2']);
  });
  it('yields nothing for a sitemap index, an HTML 404 page or garbage', () => {
    expect(
      sitemapUrls('<sitemapindex><sitemap><loc>https://a.example/s.xml</loc></sitemap></sitemapindex>'),
    ).toEqual([]);
    expect(sitemapUrls('<html><body>Not found</body></html>')).toEqual([]);
    expect(sitemapUrls('<<<')).toEqual([]);
    expect(sitemapUrls('')).toEqual([]);
  });
});

describe('pickPages', () => {
  const start = 'https://www.a.example/';
  it('takes given pages, then the sitemap, then links, same site only, each once, up to the limit', () => {
    const pages = pickPages(
      start,
      {
        given: ['https://www.a.example/given'],
        sitemap: ['https://www.a.example/', 'https://shop.a.example/s1', 'https://other.example/x'],
        links: [
          '/l1#top',
          'https://www.a.example/given',
          'mailto:x@a.example',
          '/brochure.PDF',
          '/l2',
          '/l3',
        ],
      },
      4,
    );
    expect(pages).toEqual([
      'https://www.a.example/given',
      'https://shop.a.example/s1',
      'https://www.a.example/l1',
      'https://www.a.example/l2',
    ]);
  });
  it('gives nothing for a limit of 0 or a bad start URL', () => {
    expect(pickPages(start, { links: ['/x'] }, 0)).toEqual([]);
    expect(pickPages('not a url', { links: ['/x'] }, 3)).toEqual([]);
  });
  it('leaves out the page the start URL redirected to: it is the start page', () => {
    const sitemap = ['https://a.example/', 'https://www.a.example/', 'https://www.a.example/about'];
    expect(pickPages('https://a.example/', { sitemap }, 3)).toEqual([
      'https://www.a.example/',
      'https://www.a.example/about',
    ]);
    expect(pickPages('https://a.example/', { sitemap, landed: 'https://www.a.example/' }, 3)).toEqual([
      'https://www.a.example/about',
    ]);
  });
  it('drops fragments and keeps queries', () => {
    expect(pageUrl('/a?b=1#c', start)).toBe('https://www.a.example/a?b=1');
    expect(pageUrl('javascript:void(0)', start)).toBeNull();
  });
});
