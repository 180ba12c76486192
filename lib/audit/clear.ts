/** Pure helpers for clearing one site's data before an audit (the browser calls live in the background). */
import { siteOf } from '../domain';

export interface CookieLike {
  name: string;
  domain: string;
  path: string;
  secure: boolean;
  storeId?: string;
}

/** The URL `cookies.remove` needs to address this exact cookie. */
export function cookieRemovalUrl(c: CookieLike): string {
  const host = c.domain.replace(/^\./, '');
  return `${c.secure ? 'https' : 'http'}://${host}${c.path || '/'}`;
}

/** Cookies that belong to `site` (its registrable domain or any subdomain); others are left alone. */
export function cookiesOfSite<T extends CookieLike>(cookies: readonly T[], site: string): T[] {
  return cookies.filter((c) => siteOf(c.domain.replace(/^\./, '')) === site);
}

/** Origins whose storage is cleared: the page's own origin plus the bare and www. origins of its site. */
export function originsToClear(url: string): string[] {
  const u = new URL(url);
  const site = siteOf(u.hostname) ?? u.hostname;
  const hosts = new Set([u.hostname, site, `www.${site}`]);
  const out: string[] = [];
  for (const h of hosts)
    for (const scheme of ['https', 'http']) out.push(`${scheme}://${h}${u.port ? `:${u.port}` : ''}`);
  return out;
}
