import type { Category } from '../category';
import { choiceFromToggles, clip, safeDecode, withoutAdvertising, type Toggle } from './choice';
import { jsonObject } from './names';
import type { ConsentSignal } from './types';

// Shopify's Customer Privacy API keeps the visitor's choice in `_tracking_consent`, whichever banner asked (Shopify's
// own, or a consent app that calls `setTrackingConsent`). Format from Shopify's storefront banner script
// (`var privacyBanner = …`, its cookie reader `fn()`, read in a public copy of the script): JSON with `"v":"2.1"` and
// `con.CMP` {a, m, p, s} each "1" (accepted), "0" (declined) or "" (not asked), or `3<letters>_<region>_<banner
// t|f>_<sale-of-data region t|f>_<id>` whose letters before the first "." are the visitor's answers (upper case
// accepted, lower case declined, absent not asked). Other versions are ignored, as Shopify's own script does.

/** The Customer Privacy API's purposes: analytics, marketing, preferences, sale of data. */
const PURPOSES: ReadonlyArray<readonly [key: string, name: string, categories: readonly Category[]]> = [
  ['a', 'analytics', ['analytics']],
  ['m', 'marketing', ['advertising', 'marketing']],
  ['p', 'preferences', ['functional']],
  // Sale of data is the US opt-out that Shopify maps to third-party marketing (`thirdPartyMarketingAllowed`).
  ['s', 'sale_of_data', ['advertising']],
];

type Answer = '1' | '0' | '';

interface ShopifyRecord {
  version: '2.1' | '3';
  answers: Record<string, Answer>;
  region: string;
  displayBanner: boolean;
}

const answer = (v: unknown): Answer => (v === '1' || v === '0' ? v : '');

function fromJson(text: string): ShopifyRecord | null {
  const o = jsonObject(text) as {
    v?: unknown;
    con?: { CMP?: unknown };
    region?: unknown;
    display_banner?: unknown;
  } | null;
  if (!o) return null;
  const cmp = typeof o.con === 'object' && o.con !== null ? o.con.CMP : undefined;
  if (o.v !== '2.1' || typeof cmp !== 'object' || cmp === null) return null;
  const c = cmp as Record<string, unknown>;
  return {
    version: '2.1',
    answers: Object.fromEntries(PURPOSES.map(([k]) => [k, answer(c[k])])),
    region: typeof o.region === 'string' ? o.region.slice(0, 16) : '',
    displayBanner: o.display_banner === true,
  };
}

function fromCompact(text: string): ShopifyRecord | null {
  const parts = text.slice(1).split('_', 5);
  const letters = parts[0] ?? '';
  if (!/^[A-Za-z.]*$/.test(letters) || letters.length > 16) return null;
  const asked = letters.split('.')[0]!;
  const of = (k: string): Answer => (asked.includes(k) ? '0' : asked.includes(k.toUpperCase()) ? '1' : '');
  return {
    version: '3',
    answers: Object.fromEntries(PURPOSES.map(([k]) => [k, of(k)])),
    region: (parts[1] ?? '').slice(0, 16),
    displayBanner: parts[2] === 't',
  };
}

/**
 * Parses Shopify's `_tracking_consent`. No purpose answered: the banner is up when the record says it is shown in
 * the visitor's region, else nothing (Shopify writes the record on every store, asked or not). A purpose not asked
 * counts as not granted; a declined sale of data withdraws advertising even when marketing was accepted.
 */
export function parseShopifyTrackingConsent(name: string, value: string): ConsentSignal | null {
  if (name !== '_tracking_consent') return null;
  const text = safeDecode(value).trim();
  const record = text.startsWith('{') ? fromJson(text) : text.startsWith('3') ? fromCompact(text) : null;
  if (!record) return null;
  const decoded = {
    version: record.version,
    region: record.region,
    displayBanner: record.displayBanner,
    ...Object.fromEntries(PURPOSES.map(([k, n]) => [n, record.answers[k]])),
  };
  const base = { tool: 'shopify', via: 'cookie:_tracking_consent', raw: clip(value), decoded };
  const answered = PURPOSES.filter(([k]) => record.answers[k] !== '');
  if (answered.length === 0) return record.displayBanner ? { ...base, state: 'banner' } : null;
  // Sale of data is asked only where a US law needs it: it joins the switches only when answered.
  const toggles: Toggle[] = PURPOSES.filter(([k]) => k !== 's' || record.answers.s !== '').map(
    ([k, , categories]) => ({ id: k, granted: record.answers[k] === '1', categories }),
  );
  const choice = choiceFromToggles(toggles);
  return { ...base, state: 'choice', choice: record.answers.s === '0' ? withoutAdvertising(choice) : choice };
}
