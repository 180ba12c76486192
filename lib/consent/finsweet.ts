import type { Category } from '../category';
import { choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import { jsonObject } from './names';
import type { ConsentSignal } from './types';

// Finsweet Cookie Consent for Webflow (npm @finsweet/cookie-consent 1.15.0, fs-cc.js) keeps the choice in the
// cookie `fs-cc`: JSON `{id, consents}`, URL-encoded by the library and again by its js-cookie, with a boolean per category (essential, personalization,
// analytics, marketing, uncategorized). Its code writes the cookie only in `updateConsents`, which runs on the
// visitor's Allow (all true), Deny (essential only), a submitted preferences form, or closing an informational-mode
// banner (all true); opt-out mode's "everything allowed" default stays in memory. So the cookie is a choice.
// Its own Consent Mode mapping: marketing → ad_storage, analytics → analytics_storage, personalization →
// functionality and personalization storage. `uncategorized` (scripts the site did not file) maps to nothing.
// Its successor, Finsweet Attributes' Consent (finsweet/attributes, packages/consent/src/utils/cookies.ts and
// constants.ts), writes the same record under `fs-consent`, encoded the same way, with the same Allow / Deny values
// (CONSENT_ALL, CONSENT_REQUIRED). Consent Pro's `{id, choices, timestamp}` under that name is not read: nothing
// public says when it is first written.
const CATEGORIES: Readonly<Record<string, readonly Category[]>> = {
  essential: ['necessary'],
  personalization: ['functional'],
  analytics: ['analytics'],
  marketing: ['advertising', 'marketing'],
  uncategorized: [],
};

/** The JSON under the two URL encodings (once where a site wrote the cookie itself). */
function record(value: string): Record<string, unknown> | null {
  const once = safeDecode(value.trim());
  return jsonObject(once) ?? jsonObject(safeDecode(once));
}

/** Parses `fs-cc` (Finsweet Cookie Consent v1) and `fs-consent` (Finsweet Attributes' Consent). */
export function parseFinsweet(name: string, value: string): ConsentSignal | null {
  if (name !== 'fs-cc' && name !== 'fs-consent') return null;
  const consents = record(value)?.consents;
  if (typeof consents !== 'object' || consents === null || Array.isArray(consents)) return null;
  const flags = consents as Record<string, unknown>;
  const toggles: Toggle[] = Object.entries(CATEGORIES)
    .filter(([id]) => typeof flags[id] === 'boolean')
    .map(([id, categories]) => ({ id, granted: flags[id] === true, categories }));
  if (toggles.length === 0) return null;
  return {
    tool: 'finsweet',
    state: 'choice',
    via: `cookie:${name}`,
    raw: clip(value),
    choice: choiceFromToggles(toggles),
    decoded: Object.fromEntries(toggles.map((t) => [t.id, t.granted])),
  };
}
