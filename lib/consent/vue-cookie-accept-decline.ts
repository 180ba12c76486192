import { allOrNothing, clip } from './choice';
import type { ConsentSignal } from './types';

// vue-cookie-accept-decline (npm 6.1.0, Vue 3; the same in 5.x for Vue 2; src/vue-cookie-accept-decline.vue,
// setCookieStatus): localStorage `vue-cookie-accept-decline-<elementId>` (the component's required `elementId`, the
// site's), or a cookie of that name (tiny-cookie) where localStorage is unavailable or `forceCookies` is set, holds
// `accept` (its accept button, "Got It!" by default), `decline` (its decline button, "Opt Out"; hidden with
// `disableDecline`) or `postpone` (the close button: the banner stays closed, nothing was answered).
export const VUE_COOKIE_ACCEPT_DECLINE_PREFIX = 'vue-cookie-accept-decline-';

/** Parses its record (a cookie or, through asCookie, a localStorage key): accept-all or reject-all; postpone is none. */
export function parseVueCookieAcceptDecline(name: string, value: string): ConsentSignal | null {
  const id = name.startsWith(VUE_COOKIE_ACCEPT_DECLINE_PREFIX)
    ? name.slice(VUE_COOKIE_ACCEPT_DECLINE_PREFIX.length)
    : '';
  if (!id || id.length > 100) return null;
  const v = value.trim();
  if (v !== 'accept' && v !== 'decline') return null;
  return {
    tool: 'vue-cookie-accept-decline',
    state: 'choice',
    via: `cookie:${name}`,
    raw: clip(v),
    choice: allOrNothing(v === 'accept'),
  };
}
