import type { Category } from '../category';
import { allOrNothing, choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import { jsonObject } from './names';
import type { ConsentSignal } from './types';

// iubenda's five purposes: 1 strictly necessary, 2 basic interactions & functionalities, 3 experience
// enhancement, 4 measurement, 5 targeting & advertising (iubenda's per-category consent ids, documented in its
// Cookie Solution advanced guide, iubenda.com/en/help/1205; not re-checked from this offline machine).
const PURPOSES: Record<string, readonly Category[]> = {
  '1': ['necessary'],
  '2': ['functional'],
  '3': ['functional'],
  '4': ['analytics'],
  '5': ['advertising', 'marketing'],
};

// iubenda Cookie Solution: cookie `_iub_cs-<siteId>` = URL-encoded JSON {timestamp, version, purposes:
// {"1":true,…}, id, cons:{rand}} with per-category consent, or {consent:true|false} without it
// (source: same guide; autoconsent checks this cookie, node_modules/@duckduckgo/autoconsent EVAL_IUBENDA_1).
/** Parses `_iub_cs-<siteId>`; without purposes or a consent flag it only shows a choice exists. */
export function parseIubenda(name: string, value: string): ConsentSignal | null {
  if (!/^_iub_cs-(s-)?\d{1,20}$/.test(name)) return null;
  const base = { tool: 'iubenda', state: 'choice' as const, via: `cookie:${name}`, raw: clip(value) };
  const obj = jsonObject(safeDecode(value));
  if (!obj) return base;
  const purposes = obj.purposes;
  if (typeof purposes === 'object' && purposes !== null && !Array.isArray(purposes)) {
    const toggles: Toggle[] = Object.entries(purposes as Record<string, unknown>)
      .filter((e): e is [string, boolean] => typeof e[1] === 'boolean')
      .slice(0, 20)
      .map(([id, granted]) => ({ id: `purpose-${id}`, granted, categories: PURPOSES[id] ?? [] }));
    if (toggles.length > 0) {
      return { ...base, choice: choiceFromToggles(toggles), decoded: { purposes } };
    }
  }
  if (typeof obj.consent === 'boolean')
    return { ...base, choice: allOrNothing(obj.consent), decoded: { consent: obj.consent } };
  return base;
}
