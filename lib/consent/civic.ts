import { choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import { categoriesForName, jsonObject } from './names';
import type { ConsentSignal } from './types';

// Civic Cookie Control (v9): cookie `CookieControl` = JSON {necessaryCookies:[…], optionalCookies:
// {<categoryName>: "accepted"|"revoked"}, statement, consentDate, consentExpiry, interactedWith, user}
// (Civic's Cookie Control v9 record; category names come from the site's `optionalCookies` config). Names
// are mapped by name (names.ts), else unmapped.
/** Parses `CookieControl`; before the visitor interacted it holds defaults, not a choice. */
export function parseCivicCookieControl(name: string, value: string): ConsentSignal | null {
  if (name !== 'CookieControl') return null;
  const obj = jsonObject(safeDecode(value));
  const optional = obj?.optionalCookies;
  if (!obj || typeof optional !== 'object' || optional === null || Array.isArray(optional)) return null;
  if (obj.interactedWith === false) return null;
  const toggles: Toggle[] = Object.entries(optional as Record<string, unknown>)
    .filter((e): e is [string, string] => e[1] === 'accepted' || e[1] === 'revoked')
    .slice(0, 50)
    .map(([id, state]) => ({ id, granted: state === 'accepted', categories: categoriesForName(id) }));
  if (toggles.length === 0) return null;
  return {
    tool: 'civic-cookie-control',
    state: 'choice',
    choice: choiceFromToggles(toggles),
    via: `cookie:${name}`,
    raw: clip(value),
    decoded: { optionalCookies: Object.fromEntries(toggles.map((t) => [t.id, t.granted])) },
  };
}
