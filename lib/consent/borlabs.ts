import type { Category } from '../category';
import { choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import type { ConsentSignal } from './types';

/**
 * Borlabs Cookie's default groups, which it restores when one is missing (2.x `SystemCheck::checkDefaultCookieGroups`:
 * `group_id IN ("essential", "statistics", "marketing", "external-media")`, re-inserted unless all four exist);
 * sites may add groups, which stay unmapped. External Media holds its default content blockers for embeds
 * (Facebook, Instagram, X, YouTube, Google Maps…): social here, as the embeds we can name are.
 */
const GROUPS: Record<string, readonly Category[]> = {
  essential: ['necessary'],
  statistics: ['analytics'],
  marketing: ['advertising', 'marketing'],
  'external-media': ['social'],
};

/**
 * Parses `borlabs-cookie`: URL-encoded JSON whose `consents` object lists the accepted groups (each with
 * its accepted cookies). A default group missing from `consents` was refused.
 */
export function parseBorlabs(name: string, value: string): ConsentSignal | null {
  if (name !== 'borlabs-cookie') return null;
  let data: any;
  try {
    data = JSON.parse(safeDecode(value));
  } catch {
    return null;
  }
  const consents = data?.consents;
  if (typeof consents !== 'object' || consents === null || Array.isArray(consents)) return null;
  const accepted = Object.keys(consents).slice(0, 50);
  const toggles: Toggle[] = [
    ...Object.keys(GROUPS)
      .filter((g) => g !== 'essential')
      .map((g) => ({ id: g, granted: accepted.includes(g), categories: GROUPS[g] ?? [] })),
    ...accepted.filter((g) => !(g in GROUPS)).map((g) => ({ id: g, granted: true, categories: [] })),
  ];
  return {
    tool: 'borlabs',
    state: 'choice',
    choice: choiceFromToggles(toggles),
    via: 'cookie:borlabs-cookie',
    raw: clip(value),
    decoded: { acceptedGroups: accepted, version: typeof data.version === 'string' ? data.version : null },
  };
}
