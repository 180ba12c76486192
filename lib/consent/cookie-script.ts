import type { Category } from '../category';
import { choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import { jsonObject } from './names';
import type { ConsentSignal } from './types';

/** Cookie-Script's fixed categories ("strict" is always on; "unclassified" has no known meaning). */
const CATEGORIES: Record<string, readonly Category[]> = {
  performance: ['analytics'],
  targeting: ['advertising', 'marketing'],
  functionality: ['functional'],
  unclassified: [],
};

// Cookie-Script: cookie `CookieScriptConsent` = JSON {bannershown, action:"accept"|"reject", consenttime,
// categories:"[\"performance\",\"targeting\"]" (a JSON string, or an array), key, googleconsentmap}
// (the record as Cookie-Script writes it and sites read it back, sample values in
// lib/consent/__fixtures__/managers.ts). The listed categories are the accepted ones.
/** Parses `CookieScriptConsent`. */
export function parseCookieScript(name: string, value: string): ConsentSignal | null {
  if (name !== 'CookieScriptConsent') return null;
  const obj = jsonObject(safeDecode(value));
  if (!obj || (obj.action !== 'accept' && obj.action !== 'reject')) return null;
  let listed: unknown = obj.categories;
  if (typeof listed === 'string')
    listed = (() => {
      try {
        return JSON.parse(listed) as unknown;
      } catch {
        return [];
      }
    })();
  const accepted = Array.isArray(listed) ? listed.filter((c): c is string => typeof c === 'string') : [];
  const toggles: Toggle[] = Object.keys(CATEGORIES).map((id) => ({
    id,
    granted: obj.action === 'accept' && accepted.includes(id),
    categories: CATEGORIES[id] ?? [],
  }));
  return {
    tool: 'cookie-script',
    state: 'choice',
    choice: choiceFromToggles(toggles),
    via: `cookie:${name}`,
    raw: clip(value),
    decoded: { action: obj.action, categories: accepted.slice(0, 20) },
  };
}
