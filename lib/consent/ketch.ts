import type { Category } from '../category';
import { choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import { fromBase64, jsonObject } from './names';
import type { ConsentSignal } from './types';

/** Ketch canonical purposes → categories (derived from the purpose names; others stay unmapped). */
const CANONICAL: Record<string, readonly Category[]> = {
  essential_services: ['necessary'],
  analytics: ['analytics'],
  behavioral_advertising: ['advertising', 'marketing'],
  personalization: ['functional'],
  prod_enhancement: ['functional'],
  email_mktg: ['marketing'],
  data_broking: ['advertising'],
};

// Ketch: cookie (and localStorage) `_ketch_consent_v1_` = base64(JSON {<purposeCode>: {status:
// "granted"|"denied", canonicalPurposes:[…]}}); the key name is Ketch's PUBLIC_CONSENT_KEY_V1 (Ketch's
// smart-tag source, github.com/ketch-sdk; value shape as written by sites, see __fixtures__/managers.ts).
/** Parses `_ketch_consent_v1_`: one switch per purpose, categories through its canonical purposes. */
export function parseKetch(name: string, value: string): ConsentSignal | null {
  if (name !== '_ketch_consent_v1_') return null;
  const json = fromBase64(safeDecode(value).trim());
  const obj = json ? jsonObject(json) : null;
  if (!obj) return null;
  const toggles: Toggle[] = [];
  for (const [id, entry] of Object.entries(obj).slice(0, 50)) {
    const e = entry as { status?: unknown; canonicalPurposes?: unknown } | null;
    if (e?.status !== 'granted' && e?.status !== 'denied') continue;
    const canonical = Array.isArray(e.canonicalPurposes)
      ? e.canonicalPurposes.filter((c): c is string => typeof c === 'string')
      : [];
    const mapped = canonical.map((c) => CANONICAL[c]);
    // Only when every canonical purpose is known do we claim the categories; otherwise unmapped.
    const categories =
      mapped.length > 0 && mapped.every(Boolean) ? [...new Set(mapped.flat() as Category[])] : [];
    toggles.push({ id, granted: e.status === 'granted', categories });
  }
  if (toggles.length === 0) return null;
  return {
    tool: 'ketch',
    state: 'choice',
    choice: choiceFromToggles(toggles),
    via: `cookie:${name}`,
    raw: clip(value),
    decoded: { purposes: Object.fromEntries(toggles.map((t) => [t.id, t.granted])) },
  };
}
