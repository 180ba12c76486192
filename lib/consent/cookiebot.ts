import type { Category } from '../category';
import { choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import type { ConsentSignal } from './types';

/** Cookiebot's four fixed consent levels. */
const LEVELS: Record<string, readonly Category[]> = {
  necessary: ['necessary'],
  preferences: ['functional'],
  statistics: ['analytics'],
  marketing: ['advertising', 'marketing'],
};

/** Reads Cookiebot's JS-object-like text `{stamp:'…',necessary:true,…}` into flat key → string|boolean. */
function parseObjectText(text: string): Record<string, string | boolean> | null {
  const body = /^\{(.*)\}$/s.exec(text.trim())?.[1];
  if (body === undefined) return null;
  const out: Record<string, string | boolean> = {};
  for (const m of body.matchAll(/([A-Za-z_]\w{0,40}):('(?:[^'\\]|\\.)*'|[^,]*)/g)) {
    const key = m[1] ?? '';
    const v = m[2] ?? '';
    out[key] = v === 'true' ? true : v === 'false' ? false : v.startsWith("'") ? v.slice(1, -1) : v;
  }
  return out;
}

/**
 * Parses Cookiebot's `CookieConsent` cookie. `-1` means consent is not required for this visitor (Cookiebot's value
 * for regions without a consent law and for bots), and a record with `stamp:'-1'` or `method:'implied'` is Cookiebot's
 * own too (its levels all on, nobody asked): evidence of the manager's default, never a choice, so no consent is read
 * from it (a site writing one after the visitor's Reject all gains nothing by it).
 */
export function parseCookiebot(name: string, value: string): ConsentSignal | null {
  if (name !== 'CookieConsent') return null;
  const text = safeDecode(value);
  const base = { tool: 'cookiebot', via: 'cookie:CookieConsent', raw: clip(value) };
  const manager = { ...base, state: 'choice' as const, evidence: 'manager-default' as const };
  if (text === '-1') return { ...manager, decoded: { consentRequired: false } };
  const obj = parseObjectText(text);
  if (!obj || typeof obj.necessary !== 'boolean') return null;
  // Cookiebot's own record where it decided no consent is needed (stamp '-1', every level on) or consent is implied
  // (`method:'implied'`): nobody answered, as with a bare `-1`.
  if (obj.stamp === '-1' || obj.method === 'implied')
    return {
      ...manager,
      decoded: {
        consentRequired: obj.stamp === '-1' ? false : null,
        method: obj.method ?? null,
        region: obj.region ?? null,
      },
    };
  const toggles: Toggle[] = Object.keys(LEVELS)
    .filter((k) => typeof obj[k] === 'boolean')
    .map((k) => ({ id: k, granted: obj[k] === true, categories: LEVELS[k] ?? [] }));
  const decoded: Record<string, unknown> = {
    levels: Object.fromEntries(toggles.map((t) => [t.id, t.granted])),
    method: obj.method ?? null,
    region: obj.region ?? null,
    utc: typeof obj.utc === 'string' && /^\d{10,14}$/.test(obj.utc) ? Number(obj.utc) : null,
  };
  return { ...base, state: 'choice', choice: choiceFromToggles(toggles), decoded };
}
