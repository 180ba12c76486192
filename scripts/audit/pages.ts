/**
 * Which pages of a site to audit besides its start page: a given list first, then the site's sitemap.xml, then
 * links found on the start page; same site only, no fragments, no files that are not pages, up to a limit.
 */
import { XMLParser } from 'fast-xml-parser';
import { siteOf } from '../../lib/domain';

export type DiscoverSource = 'links' | 'sitemap';

// Links to these are downloads, not pages.
const NOT_A_PAGE =
  /\.(?:pdf|zip|gz|tgz|rar|7z|jpe?g|png|gif|webp|avif|svg|ico|bmp|tiff?|mp[34]|m4a|mov|webm|ogg|wav|avi|css|js|mjs|json|xml|rss|atom|txt|csv|xlsx?|docx?|pptx?|dmg|exe|apk|woff2?|ttf|eot)$/i;

/** A page URL as audited: http(s), no fragment; null when it is not one. */
export function pageUrl(raw: string, base?: string): string | null {
  try {
    const u = new URL(raw.trim(), base);
    if (!/^https?:$/.test(u.protocol)) return null;
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

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

/**
 * Up to `max` more pages of the start page's site, in order: `given`, then the sitemap, then links. The start
 * page itself, other sites and non-page files are left out; each page once.
 */
export function pickPages(
  startUrl: string,
  sources: { given?: string[]; sitemap?: string[]; links?: string[] },
  max: number,
): string[] {
  const start = pageUrl(startUrl);
  const site = start ? siteOf(start) : null;
  if (!start || !site) return [];
  const out: string[] = [];
  const seen = new Set([start]);
  for (const raw of [...(sources.given ?? []), ...(sources.sitemap ?? []), ...(sources.links ?? [])]) {
    if (out.length >= max) break;
    const url = pageUrl(raw, start);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    if (siteOf(url) !== site || NOT_A_PAGE.test(new URL(url).pathname)) continue;
    out.push(url);
  }
  return out;
}
