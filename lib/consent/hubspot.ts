import { choiceFromServiceMap } from './klaro';
import { clip, safeDecode } from './choice';
import type { ConsentSignal } from './types';

const PAIR = /^(\d{1,3}):(true|false)$/;

// HubSpot cookie banner: cookie `__hs_cookie_cat_pref` = "<category id>:<true|false>" pairs joined by "," (some
// stored values use "_"), e.g. "1:true,2:false,3:false". Public samples: values sites store, and the cookie tables
// sites copy from HubSpot's knowledge base ("This cookie is used to record the categories a visitor consented
// to."). Nothing HubSpot published that we could read says which number is which purpose, so the categories stay
// unmapped: all on = accept-all, all off = reject-all, a mix = custom (never a refusal or a grant we cannot show).
/** Parses HubSpot's `__hs_cookie_cat_pref`. */
export function parseHubSpot(name: string, value: string): ConsentSignal | null {
  if (name !== '__hs_cookie_cat_pref') return null;
  const text = safeDecode(value).trim();
  const parts = text.split(/[,_]/);
  if (parts.length > 20) return null;
  const categories: Record<string, boolean> = {};
  for (const part of parts) {
    const m = PAIR.exec(part.trim());
    if (!m) return null;
    categories[`category ${m[1]}`] = m[2] === 'true';
  }
  return {
    tool: 'hubspot',
    state: 'choice',
    via: `cookie:${name}`,
    raw: clip(value),
    choice: choiceFromServiceMap(categories, { named: false }),
    decoded: { categories },
  };
}
