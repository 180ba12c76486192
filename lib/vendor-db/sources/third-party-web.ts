import type { CategoryOrUnknown } from '../../category';
import { cleanDatasetText } from './sanity';

/** One entity of third-party-web's dist/entities.json (only the fields we use). */
export interface TpwEntity {
  name: string;
  company?: string;
  homepage?: string;
  category: string;
  domains: string[];
  totalOccurrences?: number;
}

/**
 * third-party-web category → consent purpose, read from third-party-web's own definitions (README "Third Parties
 * by Category", third-party-web@0.30.0). Documented in data/README.md; per-vendor exceptions live in data/curated
 * (e.g. Customer.io is "ad" upstream but marketing automation).
 */
export const TPW_CATEGORY: Readonly<Record<string, CategoryOrUnknown>> = {
  // "part of advertising networks, either serving or measuring"
  ad: 'advertising',
  // "measure or track users and their actions"
  analytics: 'analytics',
  // "marketing tools that add popups/newsletters/etc."
  marketing: 'marketing',
  // "enable social features"
  social: 'social',
  // "IAB Consent Management Providers are the 'Cookie Consent' popups"
  'consent-provider': 'consent',
  // Infrastructure: "publicly hosted open source libraries … served over different public CDNs".
  cdn: 'functional',
  // Infrastructure: "web hosting platforms (WordPress, Wix, Squarespace, etc)".
  hosting: 'functional',
  // "load lots of other scripts": the loader itself; what it loads is classified on its own hosts.
  'tag-manager': 'functional',
  // No consent purpose named: "developer utilities (API clients, site monitoring, fraud detection, etc)".
  utility: 'unknown',
  // No consent purpose named: "customer support/marketing providers that offer chat and contact solutions".
  'customer-success': 'unknown',
  // No consent purpose named: "content providers or publishing-specific affiliate tracking".
  content: 'unknown',
  // No consent purpose named: "video player and streaming functionality".
  video: 'unknown',
  // No consent purpose named: "miscellaneous scripts … with no precise category or attribution".
  other: 'unknown',
};

/**
 * Validates the parsed entities.json.
 * @throws Error naming the first malformed entity.
 */
export function readTpwEntities(json: unknown): TpwEntity[] {
  if (!Array.isArray(json)) throw new Error('third-party-web: entities.json is not an array');
  return json.map((e: any, n) => {
    const ok =
      e &&
      typeof e.name === 'string' &&
      typeof e.category === 'string' &&
      Array.isArray(e.domains) &&
      e.domains.every((d: unknown) => typeof d === 'string');
    if (!ok) throw new Error(`third-party-web: entity #${n} is malformed`);
    if (!Object.hasOwn(TPW_CATEGORY, e.category)) {
      throw new Error(`third-party-web: unknown category ${JSON.stringify(e.category)} on ${e.name}`);
    }
    // A name decoded with the wrong charset or left HTML-escaped upstream would become the vendor's name and id.
    const entity = e as TpwEntity;
    const repaired = { ...entity, name: cleanDatasetText(entity.name) };
    if (typeof entity.company === 'string') repaired.company = cleanDatasetText(entity.company);
    return repaired;
  });
}

/** `*.x` means x and its subdomains, which is what a bare suffix means to our matcher: strip it. */
export function normaliseTpwDomains(domains: readonly string[]): string[] {
  const out = new Set<string>();
  for (const d of domains) {
    const host = d.trim().toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
    if (host && !host.includes('*') && !host.includes('/')) out.add(host);
  }
  return [...out].sort();
}
