/**
 * Which pages of a site to audit besides its start page: a given list first, then the site's sitemap.xml, then
 * links found on the start page. Reading the sitemap is here; picking the pages is in lib/audit/pages.ts.
 */
import { XMLParser } from 'fast-xml-parser';

export type DiscoverSource = 'links' | 'sitemap';

// The pure picking is shared with the extension's site audit.
export { pageUrl, pickPages } from '../../lib/audit/pages';

/** The `<loc>` URLs of a sitemap (a `<urlset>`; a `<sitemapindex>` lists sitemaps, not pages, and yields none). */
export function sitemapUrls(xml: string): string[] {
  if (!xml.trim()) return [];
  let doc: unknown;
  try {
    doc = new XMLParser({ ignoreAttributes: true, isArray: (name) => name === 'url' }).parse(xml);
  } catch {
    return [];
  }
  const urls = (doc as { urlset?: { url?: { loc?: unknown }[] } })?.urlset?.url ?? [];
  return urls.map((u) => (typeof u?.loc === 'string' ? u.loc : '')).filter(Boolean);
}
