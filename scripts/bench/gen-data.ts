// Deterministic request and cookie lists for `npm run bench`, drawn from the compiled index plus synthetic sites.
import type { VendorIndex } from '../../lib/vendor-db/compiled-types';
import { int, mulberry32, pick, token, type Rng } from './prng';

export interface BenchRequest {
  url: string;
  pageUrl: string;
}
export interface BenchCookie {
  name: string;
  domain: string;
  pageUrl: string;
}

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ne',
  'ro',
  'sa',
  'ti',
  'vu',
  'zen',
  'bar',
  'cor',
  'dex',
  'fin',
  'gal',
  'hop',
  'jet',
];
const TLDS = [
  'com',
  'com',
  'com',
  'de',
  'fr',
  'nl',
  'it',
  'es',
  'pl',
  'se',
  'io',
  'net',
  'org',
  'co.uk',
  'com.br',
  'com.au',
  'co.jp',
];
const SUBS = ['www', 'cdn', 'static', 'img', 'api', 'assets', 'media', 'shop'];
const TRACKER_SUBS = [
  'www',
  'cdn',
  'track',
  'api',
  'static',
  'pixel',
  'px',
  'collect',
  'js',
  'e',
  'sb',
  'eu',
  'us-east-1',
];
const TRACKER_PATHS = [
  '/collect',
  '/g/collect',
  '/tr/',
  '/pixel.gif',
  '/sdk.js',
  '/v1/events',
  '/i.gif',
  '/api/v2/track',
  '/b/ss',
  '/sync',
];
const FIRST_PATHS = [
  '/assets/app.js',
  '/images/hero.jpg',
  '/api/products',
  '/css/main.css',
  '/fonts/inter.woff2',
  '/',
  '/search',
];
const COOKIE_PARTS = [
  'sess',
  'pref',
  'uid',
  'ab',
  'cart',
  'lang',
  'tok',
  'v',
  'x',
  'id',
  'visit',
  'seen',
  'promo',
  'tz',
  'exp',
];

function siteName(rng: Rng): string {
  let s = '';
  for (let i = int(rng, 2, 4); i > 0; i--) s += pick(rng, SYLLABLES);
  return `${s}.${pick(rng, TLDS)}`;
}

function query(rng: Rng, pageUrl: string): string {
  const n = int(rng, 0, 6);
  const parts: string[] = [];
  for (let i = 0; i < n; i++)
    parts.push(`${token(rng, int(rng, 1, 4), 'abcdefghijklmnopqrstuvwxyz')}=${token(rng, int(rng, 1, 24))}`);
  if (rng() < 0.3) parts.push(`dl=${encodeURIComponent(pageUrl)}`);
  if (rng() < 0.05) parts.push(`data=${token(rng, int(rng, 200, 2000))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** 45% vendor hosts (often with a subdomain), 35% first-party, 20% unknown third parties; 500 sites, bursts per page. */
export function genRequests(index: VendorIndex, count: number, seed = 1): BenchRequest[] {
  const rng = mulberry32(seed);
  const sites = Array.from({ length: 500 }, () => siteName(rng));
  const vendorHosts = [...index.hosts.keys()];
  const out: BenchRequest[] = [];
  let site = '';
  let pageUrl = '';
  for (let i = 0, left = 0; i < count; i++, left--) {
    // Requests come in bursts per page view (20-100 each, like real page loads), not one page per request.
    if (left <= 0) {
      left = int(rng, 20, 100);
      site = pick(rng, sites);
      pageUrl = `https://www.${site}/${pick(rng, ['', 'products/', 'blog/', 'cart'])}${token(rng, 6)}`;
    }
    const r = rng();
    let host: string;
    let path: string;
    if (r < 0.45 && vendorHosts.length > 0) {
      const base = pick(rng, vendorHosts);
      host = rng() < 0.5 ? `${pick(rng, TRACKER_SUBS)}.${base}` : base;
      path = pick(rng, TRACKER_PATHS);
    } else if (r < 0.8) {
      host = `${pick(rng, SUBS)}.${site}`;
      path = pick(rng, FIRST_PATHS);
    } else {
      host = `${pick(rng, SUBS)}.${siteName(rng)}`;
      path = pick(rng, TRACKER_PATHS);
    }
    out.push({ url: `https://${host}${path}${query(rng, pageUrl)}`, pageUrl });
  }
  return out;
}

/** 35% exact known names, 25% prefix names with random suffixes, 40% unknown names. */
export function genCookies(index: VendorIndex, count: number, seed = 2): BenchCookie[] {
  const rng = mulberry32(seed);
  const sites = Array.from({ length: 500 }, () => siteName(rng));
  const exact = [...index.cookies.keys()];
  const prefixes = index.prefixMaps.flatMap((m) => [...m.keys()]);
  const vendorHosts = [...index.hosts.keys()];
  const out: BenchCookie[] = [];
  let site = '';
  for (let i = 0, left = 0; i < count; i++, left--) {
    if (left <= 0) {
      left = int(rng, 5, 40); // cookies seen per page view
      site = pick(rng, sites);
    }
    const r = rng();
    let name: string;
    if (r < 0.35 && exact.length > 0) name = pick(rng, exact);
    else if (r < 0.6 && prefixes.length > 0) name = pick(rng, prefixes) + token(rng, int(rng, 4, 16));
    else
      name = `${rng() < 0.5 ? '_' : ''}${pick(rng, COOKIE_PARTS)}${rng() < 0.5 ? `_${pick(rng, COOKIE_PARTS)}` : ''}${rng() < 0.3 ? token(rng, 4) : ''}`;
    const domain = rng() < 0.25 && vendorHosts.length > 0 ? `.${pick(rng, vendorHosts)}` : `.${site}`;
    out.push({ name, domain, pageUrl: `https://www.${site}/` });
  }
  return out;
}
