import type { Category } from '../category';
import { choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import { jsonObject } from './names';
import type { ConsentSignal } from './types';

// TermsFeed's Free Cookie Consent (cookie-consent.js, versions 3 and 4) keeps the levels in `cookie_consent_level`:
// URL-encoded JSON of booleans per level, `strictly-necessary`, `functionality`, `tracking`, `targeting`. Its code
// writes it from the visitor's buttons (Agree: every level; Reject: strictly-necessary only; the preferences
// centre: each toggle and Save) and re-saves one already there; a first visit's defaults stay in memory (its
// getUserLevels). `cookie_consent_user_accepted` is "true" after Agree and Reject alike, so it names the tool only.
// Meanings from TermsFeed's own Consent Mode template (termsfeed/termsfeed-cookie-consent-gtm-template): tracking →
// analytics_storage, targeting → the ad signals.
const LEVELS: Readonly<Record<string, readonly Category[]>> = {
  'strictly-necessary': ['necessary'],
  functionality: ['functional'],
  tracking: ['analytics'],
  targeting: ['advertising', 'marketing'],
};

/** Parses `cookie_consent_level`. */
export function parseTermsFeed(name: string, value: string): ConsentSignal | null {
  if (name !== 'cookie_consent_level') return null;
  const levels = jsonObject(safeDecode(value).trim());
  if (!levels) return null;
  const toggles: Toggle[] = Object.entries(LEVELS)
    .filter(([id]) => typeof levels[id] === 'boolean')
    .map(([id, categories]) => ({ id, granted: levels[id] === true, categories }));
  if (!toggles.some((t) => t.id !== 'strictly-necessary')) return null;
  return {
    tool: 'termsfeed',
    state: 'choice',
    via: 'cookie:cookie_consent_level',
    raw: clip(value),
    choice: choiceFromToggles(toggles),
    decoded: Object.fromEntries(toggles.map((t) => [t.id, t.granted])),
  };
}
