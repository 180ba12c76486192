import type { Category } from '../../category';

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
 * third-party-web category → our category. Explicit and documented in data/README.md; per-vendor
 * exceptions live in data/curated (e.g. Customer.io is "ad" upstream but marketing automation).
 */
export const TPW_CATEGORY: Readonly<Record<string, Category>> = {
  ad: 'advertising',
  analytics: 'analytics',
  marketing: 'marketing',
  social: 'social',
  'consent-provider': 'consent',
  'customer-success': 'functional',
  'tag-manager': 'functional',
  utility: 'functional',
  cdn: 'functional',
  hosting: 'functional',
  content: 'functional',
  video: 'functional',
  other: 'functional',
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
    return e as TpwEntity;
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
