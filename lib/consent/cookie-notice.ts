import { allOrNothing, choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import { jsonObject } from './names';
import type { ConsentSignal } from './types';

// Cookie Notice & Compliance (WordPress, Hu-manity.co). Its notice writes `cookie_notice_accepted`: "true" from
// Accept, "false" from Reject or the close icon (js/front.js 2.5.9: `cookieValue = 'true'` / `'false'`; early 1.x
// versions wrote "TRUE"). Connected to Hu-manity's Cookie Compliance app, its banner (cdn.hu-manity.co) writes
// `hu-consent` instead: JSON with `consent` (a choice was saved, also for the lowest level) and numbered
// `categories`, of which the plugin's own code names only "1" (Essential); the other numbers stay unmapped.

/** Parses `cookie_notice_accepted` (accept-all / reject-all) and `hu-consent` (numbered categories). */
export function parseCookieNotice(name: string, value: string): ConsentSignal | null {
  if (name === 'cookie_notice_accepted') {
    const v = safeDecode(value).trim().toLowerCase();
    if (v !== 'true' && v !== 'false') return null;
    const accepted = v === 'true';
    return {
      tool: 'cookie-notice',
      state: 'choice',
      via: `cookie:${name}`,
      raw: clip(value),
      choice: allOrNothing(accepted),
      decoded: { accepted },
    };
  }
  if (name !== 'hu-consent') return null;
  const o = jsonObject(safeDecode(value).trim());
  const cats = o?.categories;
  if (!o || o.consent !== true || typeof cats !== 'object' || cats === null) return null;
  const toggles: Toggle[] = Object.entries(cats as Record<string, unknown>)
    .filter(([id, on]) => /^\d{1,2}$/.test(id) && typeof on === 'boolean')
    .slice(0, 20)
    .map(([id, on]) => ({
      id: `category ${id}`,
      granted: on === true,
      categories: id === '1' ? ['necessary'] : [],
    }));
  if (toggles.length === 0) return null;
  return {
    tool: 'cookie-notice',
    state: 'choice',
    via: `cookie:${name}`,
    raw: clip(value),
    choice: choiceFromToggles(toggles),
    decoded: {
      ...(typeof o.consentLevel === 'number' && { consentLevel: o.consentLevel }),
      ...Object.fromEntries(toggles.map((t) => [t.id, t.granted])),
    },
  };
}
