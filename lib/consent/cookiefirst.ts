import type { Category } from '../category';
import { choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import { jsonObject } from './names';
import type { ConsentSignal } from './types';

const CATEGORIES: Record<string, readonly Category[]> = {
  performance: ['analytics'],
  functional: ['functional'],
  advertising: ['advertising', 'marketing'],
};

// CookieFirst: cookie `cookiefirst-consent` = URL-encoded JSON {necessary, performance, functional,
// advertising, timestamp, type:"category", version} (the fields autoconsent's cookiefirst rule reads:
// node_modules/@duckduckgo/autoconsent/lib/eval-snippets.ts EVAL_COOKIEFIRST_0).
/** Parses `cookiefirst-consent`. */
export function parseCookieFirst(name: string, value: string): ConsentSignal | null {
  if (name !== 'cookiefirst-consent') return null;
  const obj = jsonObject(safeDecode(value));
  if (!obj) return null;
  const toggles: Toggle[] = Object.keys(CATEGORIES)
    .filter((k) => typeof obj[k] === 'boolean')
    .map((k) => ({ id: k, granted: obj[k] === true, categories: CATEGORIES[k] ?? [] }));
  if (toggles.length === 0) return null;
  return {
    tool: 'cookiefirst',
    state: 'choice',
    choice: choiceFromToggles(toggles),
    via: `cookie:${name}`,
    raw: clip(value),
    decoded: Object.fromEntries(toggles.map((t) => [t.id, t.granted])),
  };
}
