import type { Category } from '../category';
import { allOrNothing, choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import type { ConsentChoice, ConsentSignal } from './types';

// Tealium iQ Consent Manager: cookie `CONSENTMGR` = URL-encoded `key:value` pairs joined by `|`, as real sites send
// it (captured Cookie headers in public code: `consent:true%7Cts:1672327544395`, and `c1:1%7C…%7Cc15:1%7Cts:…%7C
// consent:true`). Tealium's docs, https://docs.tealium.com/consent/client-side/consent-management/explicit-consent-prompt/manage/
// : "c1..N – integer value 1 or [0] indicating the tag category consent status where 1..N is the category number.
// 1=allowed, 0=not allowed"; "consent … true – consent was given using the opt-in option; false – consent was
// declined using the opt-out option"; "After a response to the prompt is submitted (for example, the visitor selects
// Opt-in or Opt-out), the consent cookie is created" (…/explicit-consent-prompt/about/).
// https://docs.tealium.com/platforms/javascript/api/gdpr-functions/ (getConsentState): "Full | 1 | Full consent was
// given (consent:true on the cookie)", "Decline | -1 | Consent was declined (consent:false on the cookie)", "None
// Given | 0 | No consent is given (no cookie present)"; the category numbers follow getCategories() ("analytics",
// "affiliates", "display_ads", "search", "email", "personalization", "social", "big_data", "misc", "cookiematch",
// "cdp", "mobile", "engagement", "monitoring", "crm"): "c1 for Analytics or c2 for Affiliates", and Tealium's shipped
// utag.gdpr (a 2024 utag.js in public code) numbers them `analytics: { id: 1 }` … `crm: { id: 15 }` and writes
// `'c' + (i + 1)`. Its getConsentState reads `consent:false` as declined whatever the c-flags, and `consent:true`
// with no c-flag on as full consent, so consent:true with every flag off is a contradiction and is not read.
// The opt-out ("Do Not Sell", CCPA) popup keeps `dns` in this same cookie (…/privacy-banner-and-popup/manage/:
// "Example value of the CONSENTMGR cookie: ts:1525369619|dns:true"): a record with `dns` is not read as a GDPR
// answer, and one with no `consent` key (the opt-out popup's, or none given) says nothing.

/** Tealium's fixed categories, by c-number; only a name that says its purpose maps, the rest stay unmapped. */
const CATEGORIES: ReadonlyArray<readonly [name: string, categories: readonly Category[]]> = [
  ['analytics', ['analytics']],
  ['affiliates', ['advertising']], // affiliate networks: ad conversion tracking (filed advertising in data/vendors)
  ['display_ads', ['advertising']],
  ['search', ['advertising']], // paid search conversion tags (Google Ads, Microsoft Advertising)
  ['email', ['marketing']], // email marketing (Klaviyo, Braze: marketing in data/vendors)
  ['personalization', []], // Tealium's own consent-mode example ties it to ad personalization: ambiguous
  ['social', ['social']],
  ['big_data', []], // Tealium's EventStore / EventDB, per its docs
  ['misc', []],
  ['cookiematch', ['advertising']], // ad-tech ID syncing between ad platforms
  ['cdp', []], // Tealium's AudienceStream, per its docs
  ['mobile', []],
  ['engagement', []],
  ['monitoring', []],
  ['crm', []],
];

/** Parses `CONSENTMGR`: a whole answer, or a custom choice read per Tealium category. Null when unsure. */
export function parseTealium(name: string, value: string): ConsentSignal | null {
  if (name !== 'CONSENTMGR') return null;
  const pairs = safeDecode(value).split('|');
  if (pairs.length > 100) return null;
  const record = new Map<string, string>();
  for (const pair of pairs) {
    const m = /^([^:]+):([^:]*)$/.exec(pair);
    // Malformed, or a key twice (Tealium keeps the last: which one a site meant is a guess).
    if (!m || record.has(m[1]!)) return null;
    record.set(m[1]!, m[2]!);
  }
  const consent = record.get('consent');
  if ((consent !== 'true' && consent !== 'false') || record.has('dns')) return null;
  const flags: Toggle[] = [];
  for (const [key, v] of record) {
    if (!/^c\d/.test(key)) continue;
    // Tealium reads any `c<digits>…` key by its number (`c01` is c1): only the canonical form, 1 or 0, is read.
    const n = /^c([1-9]\d{0,2})$/.exec(key)?.[1];
    if (!n || (v !== '1' && v !== '0')) return null;
    const [id, categories] = CATEGORIES[Number(n) - 1] ?? [key, []];
    flags.push({ id, granted: v === '1', categories });
  }
  const choice = chosen(consent === 'true', flags);
  if (!choice) return null;
  return {
    tool: 'tealium',
    state: 'choice',
    via: `cookie:${name}`,
    raw: clip(value),
    choice,
    decoded: { consent, categories: Object.fromEntries(flags.slice(0, 50).map((f) => [f.id, f.granted])) },
  };
}

/** consent:false = declined; consent:true = full unless a flag is off; a mix per category; true with all off: null. */
function chosen(consent: boolean, flags: readonly Toggle[]): ConsentChoice | null {
  const on = flags.filter((f) => f.granted).length;
  if (!consent) return allOrNothing(false);
  if (on === flags.length) return allOrNothing(true);
  if (on === 0) return null;
  // A category of ours that Tealium splits (display ads, search…) is granted only when all its parts agree.
  const split = (c: Category) =>
    new Set(flags.filter((f) => f.categories.includes(c)).map((f) => f.granted)).size > 1;
  return choiceFromToggles(flags.map((f) => (f.categories.some(split) ? { ...f, categories: [] } : f)));
}
