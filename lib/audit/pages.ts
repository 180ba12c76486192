/**
 * Which pages of a site to audit besides its start page: given candidates in order (a list, a sitemap, links
 * found on the page), same site only, no fragments, no files that are not pages, each once, up to a limit.
 * Shared by `cli audit --pages` and the extension's site audit.
 */
import { siteOf } from '../domain';

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

/**
 * Up to `max` more pages of the start page's site, in order: `given`, then the sitemap, then links. The start
 * page itself (also where it redirected to, `landed`), other sites and non-page files are left out; each page once.
 */
export function pickPages(
  startUrl: string,
  sources: { given?: string[]; sitemap?: string[]; links?: string[]; landed?: string },
  max: number,
): string[] {
  const start = pageUrl(startUrl);
  const site = start ? siteOf(start) : null;
  if (!start || !site) return [];
  const out: string[] = [];
  const landed = sources.landed === undefined ? null : pageUrl(sources.landed);
  const seen = new Set(landed ? [start, landed] : [start]);
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
