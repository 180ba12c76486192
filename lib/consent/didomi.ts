import type { Category } from '../category';
import { choiceFromToggles, clip, type Toggle } from './choice';
import { fromBase64 } from './names';
import type { ConsentSignal } from './types';

/**
 * Didomi's ids for the IAB TCF purposes → our categories, mapped as in tcf.ts (derived). Other ids are
 * purposes the site defined itself; they stay unmapped.
 */
const PURPOSES: Record<string, readonly Category[]> = {
  cookies: [], // TCF purpose 1, store and/or access information on a device
  select_basic_ads: ['advertising'],
  create_ads_profile: ['advertising'],
  select_personalized_ads: ['advertising'],
  create_content_profile: ['marketing'],
  select_personalized_content: ['marketing'],
  measure_ad_performance: ['advertising'],
  measure_content_performance: ['analytics'],
  market_research: ['analytics'],
  improve_products: ['analytics'],
  use_limited_data_to_select_content: ['functional'],
};

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, 500) : [];
}

/**
 * Parses Didomi's `didomi_token` cookie: base64 JSON with `purposes.enabled/disabled` and
 * `vendors.enabled/disabled`. Didomi also writes `euconsent-v2`, which tcf.ts reads.
 */
export function parseDidomiToken(name: string, value: string): ConsentSignal | null {
  if (name !== 'didomi_token') return null;
  const json = fromBase64(value.trim());
  if (!json) return null;
  let token: Record<string, any>;
  try {
    token = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof token !== 'object' || token === null) return null;
  const enabled = stringList(token.purposes?.enabled);
  const disabled = stringList(token.purposes?.disabled);
  const toggles: Toggle[] = [
    ...enabled.map((id) => ({ id, granted: true, categories: PURPOSES[id] ?? [] })),
    ...disabled.map((id) => ({ id, granted: false, categories: PURPOSES[id] ?? [] })),
  ].filter((t) => t.id !== 'cookies');
  const choice = choiceFromToggles(toggles);
  if (choice.unmapped) choice.unmapped = choice.unmapped.slice(0, 50);
  // Without purpose 1 (device storage) nothing may be stored, whatever else was ticked: no accept of anything.
  if (disabled.includes('cookies')) {
    choice.granted = ['necessary'];
    delete choice.unmapped;
    if (choice.kind === 'accept-all') choice.kind = 'custom';
  }
  // Vendors switched off by name (Didomi's own ids, "c:<id>" for a site's custom vendor; IAB vendors are numbers,
  // which no vendor of ours is named by): refused whatever the purposes allow.
  const refused = stringList(token.vendors?.disabled)
    .map((id) => id.replace(/^c:/, ''))
    .filter((id) => id !== '' && !/^\d+$/.test(id));
  if (refused.length > 0 && choice.kind !== 'reject-all') {
    choice.refused = refused.slice(0, 50);
    if (choice.kind === 'accept-all') choice.kind = 'custom';
  }
  return {
    tool: 'didomi',
    state: 'choice',
    choice,
    via: 'cookie:didomi_token',
    raw: clip(value),
    decoded: {
      purposesEnabled: enabled,
      purposesDisabled: disabled,
      vendorsEnabled: stringList(token.vendors?.enabled).length,
      vendorsDisabled: stringList(token.vendors?.disabled).length,
      created: typeof token.created === 'string' ? token.created : null,
      updated: typeof token.updated === 'string' ? token.updated : null,
    },
  };
}
