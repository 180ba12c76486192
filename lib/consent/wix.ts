import type { Category } from '../category';
import { choiceFromToggles, clip, safeDecode, withoutAdvertising, type Toggle } from './choice';
import { jsonObject } from './names';
import type { ConsentSignal } from './types';

// Wix's cookie banner keeps the visitor's policy in `consent-policy`: URL-encoded JSON of 0/1 flags, e.g.
// {"ess":1,"func":0,"anl":0,"adv":0,"dt3":1,"ts":28815767} (public samples). The keys are the short forms of Wix's
// documented policy fields (dev.wix.com consent-policy-manager: essential, functional, analytics, advertising,
// dataToThirdParty), as one Wix page config shows side by side ("consentPolicy":{"essential":true,…} with its
// header copy {"func":0,…,"ess":1}). Only a stored choice carries `ts`: the header copy of the site's default has none.

/** Wix's flags: `dt3` (data to third parties) is the US sale-or-share switch, still 1 after a GDPR "reject all". */
const FLAGS: ReadonlyArray<readonly [key: string, categories: readonly Category[]]> = [
  ['ess', ['necessary']],
  ['func', ['functional']],
  ['anl', ['analytics']],
  ['adv', ['advertising', 'marketing']],
];

/**
 * Parses Wix's `consent-policy`. A value without `ts` (the site's default policy, no visitor choice) is no signal.
 * `dt3` never grants anything; set to 0 it withdraws advertising (data no longer goes to third parties).
 */
export function parseWix(name: string, value: string): ConsentSignal | null {
  if (name !== 'consent-policy') return null;
  let text = safeDecode(value).trim();
  if (text.startsWith('%7B')) text = safeDecode(text);
  const o = jsonObject(text);
  if (!o || typeof o.ts !== 'number') return null;
  const known = FLAGS.filter(([k]) => o[k] === 0 || o[k] === 1);
  if (known.length === 0) return null;
  const toggles: Toggle[] = known.map(([k, categories]) => ({ id: k, granted: o[k] === 1, categories }));
  const chosen = choiceFromToggles(toggles);
  const choice = o.dt3 === 0 ? withoutAdvertising(chosen) : chosen;
  const decoded = Object.fromEntries(
    ['ess', 'func', 'anl', 'adv', 'dt3', 'ts'].filter((k) => typeof o[k] === 'number').map((k) => [k, o[k]]),
  );
  return { tool: 'wix', state: 'choice', via: 'cookie:consent-policy', raw: clip(value), choice, decoded };
}
