import type { Category } from '../category';
import { choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import { jsonObject } from './names';
import type { ConsentSignal } from './types';

// c15t (npm `c15t`, consent.io; its core: the repository's packages/core, there is no `@c15t/core` on npm).
// 1.8.x (c15t 1.8.6, dist/index.js: STORAGE_KEY_V2 = 'c15t', saveConsentToStorage, setCookie, flattenObject) keeps
// `{consents, consentInfo: {time, id?, identified}}` in localStorage `c15t` (JSON) and in the cookie `c15t`: the
// same record flattened to `key:value` pairs joined by `,`, keys shortened by COOKIE_KEY_MAP (c = consents,
// i = consentInfo, t = time, y = type, eid = identified), true written `1`, false left out (`c.necessary:1,
// c.measurement:1,i.t:1767225600000`). 1.3–1.7 (c15t 1.7.0, dist/index.js saveConsents, STORAGE_KEY =
// 'privacy-consent-storage') wrote `{consents, consentInfo: {time, type: 'all' | 'necessary' | 'custom'}}` to
// localStorage `privacy-consent-storage` only (1.8+ moves it to `c15t` as it is). In every 1.x the record is written
// only when the visitor saves (saveConsents: Accept all, Reject = necessary only, a saved dialog, or the page's
// setConsent call); the defaults and the no-regulation auto-grant stay in memory.
// 2.x (c15t 2.2.1, dist/index.js) is NOT read: its `unstable_acceptPolicyConsent` (a terms-and-conditions consent)
// saves the in-memory consents with a new consentInfo — before any answer the opt-in defaults (the same record as
// Reject), or the opt-out / no-regulation auto-grant (the same as Accept all, marketing and measurement off under
// GPC) — and nothing in the record tells that from a banner answer. Every 2.x write carries `consentInfo.subjectId`
// (`i.sid`), which 1.x never wrote: such a record is left to the visitor's click.
// Categories are c15t's five fixed ones (consent-types: sites show a subset, never rename them), meanings from its
// own Consent Mode mapping (CONSENT_STATE_TO_GTM_MAPPING): functionality → functionality_storage, measurement →
// analytics_storage, marketing → ad_storage + ad_user_data + ad_personalization. `experience` ("improve the quality
// of your user experience and enable interactions with external content, networks, and platforms";
// personalization_storage) spans embeds of any kind: unmapped.
const CATEGORIES: Readonly<Record<string, readonly Category[]>> = {
  necessary: ['necessary'],
  functionality: ['functional'],
  measurement: ['analytics'],
  marketing: ['advertising', 'marketing'],
  experience: [],
};
const NAMES = Object.keys(CATEGORIES);
/** saveConsents' `type` in 1.3–1.7 records. */
const SAVE_TYPES = new Set(['all', 'necessary', 'custom']);
/** The consentInfo short keys we read (COOKIE_KEY_MAP). */
const INFO_KEYS = new Map([
  ['t', 'time'],
  ['y', 'type'],
  ['sid', 'subjectId'],
]);

interface Record1x {
  consents: Record<string, unknown>;
  info: Record<string, unknown>;
}

/** The cookie's `key:value,…` pairs back into the record (c15t's getCookie, its short keys expanded). */
function fromCookie(value: string): Record1x | null {
  const consents: Record<string, unknown> = {};
  const info: Record<string, unknown> = {};
  const pairs = value.split(',');
  if (pairs.length > 100) return null;
  for (const pair of pairs) {
    const at = pair.indexOf(':');
    if (at < 1) return null;
    const [group, key, ...deeper] = pair.slice(0, at).split('.');
    const v = pair.slice(at + 1);
    if (key === undefined || deeper.length > 0) continue; // other top-level fields (1.x has none we read)
    if (group === 'c') {
      if (v !== '1' && v !== '0') return null; // a switch is `1` (false is left out)
      consents[key] = v === '1';
    } else if (group === 'i') {
      const field = INFO_KEYS.get(key);
      if (field) info[field] = key === 't' && /^\d{1,15}$/.test(v) ? +v : v;
    }
  }
  return { consents, info };
}

function fromJson(value: string): Record1x | null {
  const record = jsonObject(value);
  const { consents, consentInfo } = record ?? {};
  if (typeof consents !== 'object' || consents === null || Array.isArray(consents)) return null;
  if (typeof consentInfo !== 'object' || consentInfo === null || Array.isArray(consentInfo)) return null;
  return { consents: consents as Record<string, unknown>, info: consentInfo as Record<string, unknown> };
}

/** A 1.x record's choice; null for a 2.x record, a contradiction or another script's value. */
function signal(record: Record1x | null, via: string, raw: string): ConsentSignal | null {
  if (!record) return null;
  const { consents, info } = record;
  const time = info.time;
  if (typeof time !== 'number' || !Number.isFinite(time) || time <= 0) return null;
  // 2.x: possibly the unanswered state saved by unstable_acceptPolicyConsent (see above).
  if (Object.hasOwn(info, 'subjectId')) return null;
  const type = info.type;
  if (type !== undefined && (typeof type !== 'string' || !SAVE_TYPES.has(type))) return null;
  // Switches c15t did not write as booleans: not its record. Absent = false (c15t reads it so).
  if (NAMES.some((n) => consents[n] !== undefined && typeof consents[n] !== 'boolean')) return null;
  // Every save keeps `necessary` (disabled, default true) on.
  if (consents.necessary !== true) return null;
  const toggles: Toggle[] = NAMES.map((id) => ({
    id,
    granted: consents[id] === true,
    categories: CATEGORIES[id]!,
  }));
  const choice = choiceFromToggles(toggles);
  if (type === 'necessary' && choice.kind !== 'reject-all') return null;
  return {
    tool: 'c15t',
    state: 'choice',
    via,
    raw: clip(raw),
    choice,
    decoded: {
      consents: Object.fromEntries(toggles.map((t) => [t.id, t.granted])),
      ...(typeof type === 'string' && { saved: type }),
    },
  };
}

/** Parses c15t 1.8.x's cookie `c15t`. */
export function parseC15tCookie(name: string, value: string): ConsentSignal | null {
  if (name !== 'c15t') return null;
  const v = safeDecode(value.trim());
  return signal(fromCookie(v), `cookie:${name}`, v);
}

/** Parses c15t's localStorage record: `c15t` (1.8.x, or a 1.3–1.7 record moved there) or `privacy-consent-storage` (1.3–1.7). */
export function parseC15tStorage(key: string, value: string): ConsentSignal | null {
  if (key === 'c15t') return signal(fromJson(value), `storage:${key}`, value);
  // The legacy key is a generic name: only 1.3–1.7's shape, with its save type, is c15t's.
  if (key === 'privacy-consent-storage') {
    const record = fromJson(value);
    if (typeof record?.info.type !== 'string') return null;
    return signal(record, `storage:${key}`, value);
  }
  return null;
}
