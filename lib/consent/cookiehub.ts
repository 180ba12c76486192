import { allOrNothing, choiceFromToggles, clip, safeDecode, withoutAdvertising, type Toggle } from './choice';
import { categoriesForName, fromBase64, jsonObject } from './names';
import type { ConsentChoice, ConsentSignal } from './types';

// CookieHub keeps the visitor's choice in `cookiehub`: base64 of JSON (its support docs: "the cookie value is base64
// encoded"). `answered` says whether the visitor made any choice; `allAllowed` (newer records) is accept-all, whose
// `categories` is then empty ("Empty if all are allowed"); otherwise each category {id, value} is allowed or not
// (ids necessary, preferences, analytics, marketing, or a site's own). `implict` (sic) / `implicit` marks
// implied consent: an unanswered record there is the region's default, not the visitor's choice.

/** Parses `cookiehub`. Answered with nothing allowed (no category, not all allowed) is read as a refusal. */
export function parseCookieHub(name: string, value: string): ConsentSignal | null {
  if (name !== 'cookiehub') return null;
  const b64 = safeDecode(value).trim().replace(/^"|"$/g, '');
  if (!/^[A-Za-z0-9+/]{4,8000}={0,2}$/.test(b64)) return null;
  const o = jsonObject(fromBase64(b64) ?? '');
  if (!o || o.answered !== true) return null;
  const base = { tool: 'cookiehub', state: 'choice' as const, via: 'cookie:cookiehub', raw: clip(value) };
  // Sale of personal data refused (CCPA): advertising is withdrawn whatever the categories say, all allowed or not.
  const sale = (choice: ConsentChoice) => (o.allowSale === false ? withoutAdvertising(choice) : choice);
  const saleDecoded = typeof o.allowSale === 'boolean' ? { allowSale: o.allowSale } : {};
  if (o.allAllowed === true)
    return { ...base, choice: sale(allOrNothing(true)), decoded: { allAllowed: true, ...saleDecoded } };
  const toggles: Toggle[] = (Array.isArray(o.categories) ? o.categories : [])
    .slice(0, 30)
    .filter(
      (c): c is { id: string; value: boolean } =>
        typeof c === 'object' && c !== null && typeof c.id === 'string' && typeof c.value === 'boolean',
    )
    .map((c) => ({ id: c.id, granted: c.value, categories: categoriesForName(c.id) }));
  const choice = sale(toggles.length > 0 ? choiceFromToggles(toggles) : allOrNothing(false));
  return {
    ...base,
    choice,
    decoded: {
      allAllowed: o.allAllowed === true,
      ...saleDecoded,
      ...Object.fromEntries(toggles.map((t) => [t.id, t.granted])),
    },
  };
}
