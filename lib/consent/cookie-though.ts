import type { Category } from '../category';
import { choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import { categoriesForName } from './names';
import type { ConsentSignal } from './types';

// Cookie Though (npm cookie-though 1.7.3, dist/lib.js; the same in 1.1.4): the cookie `cookie-preferences`
// (COOKIE_PREFERENCES_KEY; a site may rename it with `cookiePreferenceKey`, not read) holds one `<policy id>:<1|0>`
// per policy of the site's config, joined by `|` (formatToCookie), written unencoded by setCookiePreferences, which
// only its two buttons call: Decline (policies of category `essential` on, every other off) and Accept (every policy
// on while the options are closed and none is switched on: "Accept all"; else the switches as the visitor set them).
// Nothing is written before an answer: the defaults stay in memory until a button is clicked. The ids are the site's;
// those of its default config (essential, functional, statistics, marketing, social, personalisation, named after
// its fixed policy categories) are mapped here, any other by its name (names.ts) or left unmapped. The cookie name is
// a generic one: only the library's exact format is read.
const POLICIES: Readonly<Record<string, readonly Category[]>> = {
  essential: ['necessary'],
  functional: ['functional'],
  statistics: ['analytics'],
  marketing: ['advertising', 'marketing'],
  social: ['social'],
  personalisation: ['functional'],
};
const PAIR = /^([\w .-]{1,64}):([01])$/;

/** Parses Cookie Though's `cookie-preferences`: all on = accept-all, only essential ones on = reject-all. */
export function parseCookieThough(name: string, value: string): ConsentSignal | null {
  if (name !== 'cookie-preferences') return null;
  const v = safeDecode(value.trim());
  const pairs = v.split('|');
  if (pairs.length > 50) return null;
  const toggles: Toggle[] = [];
  for (const pair of pairs) {
    const m = PAIR.exec(pair);
    if (!m) return null;
    const id = m[1]!;
    if (toggles.some((t) => t.id === id)) return null;
    const categories = Object.hasOwn(POLICIES, id) ? POLICIES[id]! : categoriesForName(id);
    toggles.push({ id, granted: m[2] === '1', categories });
  }
  return {
    tool: 'cookie-though',
    state: 'choice',
    via: `cookie:${name}`,
    raw: clip(v),
    choice: choiceFromToggles(toggles),
    decoded: Object.fromEntries(toggles.map((t) => [t.id, t.granted])),
  };
}
