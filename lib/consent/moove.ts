import type { Category } from '../category';
import { choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import { jsonObject } from './names';
import type { ConsentSignal } from './types';

// GDPR Cookie Compliance (WordPress, Moove Agency) writes `moove_gdpr_popup`: URL-encoded JSON of "1"/"0" per tab
// (assets/scripts/main.js 5.0.16: Accept writes every key "1", Reject `{strict: '1', thirdparty: '0', advanced: '0',
// performance: '0', preference: '0'}`). The meanings are the plugin's own WP Consent API mapping: strict →
// functional (the always-on tab), thirdparty → statistics, advanced → marketing, preference → preferences;
// `performance` has none there, so its name decides (analytics). Older versions write only the first three keys.
const TABS: ReadonlyArray<readonly [key: string, categories: readonly Category[]]> = [
  ['strict', ['necessary']],
  ['thirdparty', ['analytics']],
  ['advanced', ['advertising', 'marketing']],
  ['performance', ['analytics']],
  ['preference', ['functional']],
];

const flag = (v: unknown): boolean | null =>
  v === '1' || v === 1 ? true : v === '0' || v === 0 ? false : null;

/** Parses `moove_gdpr_popup`: the choice the visitor saved, tab by tab. */
export function parseMoove(name: string, value: string): ConsentSignal | null {
  if (name !== 'moove_gdpr_popup') return null;
  const o = jsonObject(safeDecode(value).trim());
  if (!o) return null;
  const toggles: Toggle[] = TABS.flatMap(([k, categories]) => {
    const on = flag(o[k]);
    return on === null ? [] : [{ id: k, granted: on, categories }];
  });
  if (!toggles.some((t) => t.id !== 'strict')) return null;
  return {
    tool: 'moove',
    state: 'choice',
    via: `cookie:${name}`,
    raw: clip(value),
    choice: choiceFromToggles(toggles),
    decoded: Object.fromEntries(toggles.map((t) => [t.id, t.granted])),
  };
}
