import { clip, safeDecode } from './choice';
import type { ConsentSignal } from './types';

/**
 * Klaro's `klaro` cookie: URL-encoded JSON `{serviceName: boolean}`. Service names are chosen by the site,
 * so only "all on" (accept-all) can be told apart; any other mix is a choice we cannot map.
 */
export function parseKlaro(name: string, value: string): ConsentSignal | null {
  if (name !== 'klaro') return null;
  let services: unknown;
  try {
    services = JSON.parse(safeDecode(value));
  } catch {
    return null;
  }
  if (typeof services !== 'object' || services === null || Array.isArray(services)) return null;
  const entries = Object.entries(services as Record<string, unknown>)
    .filter((e): e is [string, boolean] => typeof e[1] === 'boolean')
    .slice(0, 200);
  if (entries.length === 0) return null;
  const base = {
    tool: 'klaro',
    state: 'choice' as const,
    via: 'cookie:klaro',
    raw: clip(value),
    decoded: { services: Object.fromEntries(entries) },
  };
  if (entries.every(([, on]) => on)) {
    return {
      ...base,
      choice: {
        kind: 'accept-all',
        granted: ['necessary', 'functional', 'analytics', 'marketing', 'advertising', 'social'],
      },
    };
  }
  return base;
}
