import { clip, safeDecode } from './choice';
import { jsonObject } from './names';
import type { ConsentSignal } from './types';

// Real Cookie Banner (devowl.io, WordPress): cookie `real_cookie_banner-v:<n>_blog:<id>_path:<hash>` (older
// `real_cookie_banner-blog:<id>`) = "[<unix time>:]<uuid>:<revisionHash>:{<groupId>:[<serviceId>,…]}", the
// accepted services per group; the essential group is always in it (values as the plugin writes them,
// see __fixtures__/managers.ts). Companion cookies (-tcf, -gcm, -test) are not the decision.
/**
 * Parses the decision cookie. Group ids are the site's own: only the essential group = reject-all; more
 * groups = custom with the group ids unmapped.
 */
export function parseRealCookieBanner(name: string, value: string): ConsentSignal | null {
  if (!name.startsWith('real_cookie_banner') || /-(tcf|gcm|test)$/.test(name)) return null;
  const text = safeDecode(value);
  const m = /^(?:\d{9,13}:)?([0-9a-f-]{36}):([0-9a-f]{6,64}):(\{.*\})$/s.exec(text);
  const groups = m ? jsonObject(m[3] ?? '') : null;
  if (!m || !groups) return null;
  const ids = Object.keys(groups).slice(0, 50);
  if (ids.length === 0) return null;
  return {
    tool: 'real-cookie-banner',
    state: 'choice',
    choice:
      ids.length === 1
        ? { kind: 'reject-all', granted: ['necessary'] }
        : { kind: 'custom', granted: ['necessary'], unmapped: ids },
    via: `cookie:${name}`,
    raw: clip(value),
    decoded: { uuid: m[1], revision: m[2], groups: ids },
  };
}
