import type { Category } from '../category';
import { choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import { TARTEAUCITRON_ADS, TARTEAUCITRON_ANALYTIC, TARTEAUCITRON_SOCIAL } from './tarteaucitron-services';
import type { ConsentSignal } from './types';

/** Service key → categories, through the `type` tarteaucitron itself gives each service. */
const SERVICE_CATEGORIES = new Map<string, readonly Category[]>([
  ...TARTEAUCITRON_ADS.map((k) => [k, ['advertising', 'marketing']] as const),
  ...TARTEAUCITRON_ANALYTIC.map((k) => [k, ['analytics']] as const),
  ...TARTEAUCITRON_SOCIAL.map((k) => [k, ['social']] as const),
]);

// tarteaucitron.js: cookie `tarteaucitron` = "!<serviceKey>=<wait|true|false>" repeated
// (source: node_modules/tarteaucitronjs/tarteaucitron.js, tarteaucitron.cookie.create, v1.34.0).
/**
 * Parses the `tarteaucitron` cookie. Each service answered true/false is a switch, its categories from
 * the service's own type (ads/analytic/social); other service keys stay unmapped. `wait` = not answered:
 * a cookie with only `wait` entries is no choice yet.
 */
export function parseTarteaucitron(name: string, value: string): ConsentSignal | null {
  if (name !== 'tarteaucitron') return null;
  const services: Record<string, boolean> = {};
  for (const m of safeDecode(value).matchAll(/!([A-Za-z0-9_-]{1,80})=(true|false|wait)/g)) {
    if (Object.keys(services).length >= 200) break;
    if (m[2] !== 'wait') services[m[1] ?? ''] = m[2] === 'true';
  }
  const toggles: Toggle[] = Object.entries(services).map(([id, granted]) => ({
    id,
    granted,
    categories: SERVICE_CATEGORIES.get(id) ?? [],
  }));
  if (toggles.length === 0) return null;
  return {
    tool: 'tarteaucitron',
    state: 'choice',
    // Its switches are services: one switched off stays refused where another grants its category (GA on, Hotjar off).
    choice: choiceFromToggles(toggles, { named: true }),
    via: `cookie:${name}`,
    raw: clip(value),
    decoded: { services },
  };
}
