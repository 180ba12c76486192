import { allOrNothing, clip, safeDecode } from './choice';
import type { ConsentSignal } from './types';

// Commanders Act's TrustCommander keeps the choice in `TC_PRIVACY` (its Platform-Documentation, consent-cookie.md):
// `<status>@<privacy version>[|…]|<banner id>|<site id>@<consent categories>@<locked-on categories>@<times>[@…]`,
// status 0 = opted in to the listed categories, 1 = opted out of them. Category ids are each site's own numbers, so
// they map to no purpose; "ALL" is every category. The separator after the status is a site setting ("@" by
// default, "!" seen). Commanders Act calls the format not guaranteed stable: only these shapes are read.

/** Parses `TC_PRIVACY`: opted out of everything = reject-all, in to "ALL" = accept-all, else custom (unmapped). */
export function parseCommandersAct(name: string, value: string): ConsentSignal | null {
  if (name !== 'TC_PRIVACY') return null;
  const text = safeDecode(value).trim();
  const m = /^([01])([@!#;~^])/.exec(text);
  if (!m) return null;
  const parts = text.split(m[2]!);
  const listed = (parts[2] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^(ALL|\d{1,4})$/.test(s))
    .slice(0, 50);
  const optIn = m[1] === '0';
  const base = {
    tool: 'commanders-act',
    state: 'choice' as const,
    via: 'cookie:TC_PRIVACY',
    raw: clip(value),
    decoded: { optIn, categories: listed },
  };
  if (listed.length === 0) return { ...base, choice: allOrNothing(false) };
  if (optIn && listed.includes('ALL')) return { ...base, choice: allOrNothing(true) };
  if (!optIn && listed.includes('ALL')) return { ...base, choice: allOrNothing(false) };
  const unmapped = optIn
    ? listed.map((id) => `category ${id}`)
    : [`categories other than ${listed.join(', ')}`];
  return { ...base, choice: { kind: 'custom', granted: ['necessary'], unmapped } };
}
