import { allOrNothing, choiceFromToggles, clip, withoutAdvertising, type Toggle } from './choice';
import { categoriesForName, fromBase64, jsonObject } from './names';
import type { ConsentSignal } from './types';

// GDPR Cookie Consent's legacy banner (WordPress `cookie-law-info`, CookieLawInfo; shipped as `legacy/` in 3.x),
// from legacy/public/js/cookie-law-info-public.js 3.2.2: Reject writes `viewed_cookie_policy=no` after switching
// every category not strictly necessary off; Accept, Accept all and Save write `yes`. The categories are in
// `cookielawinfo-checkbox-<slug>` (yes / no, written from the boxes' defaults on the first page view, before any
// answer) and in `CookieLawInfoConsent` (base64 JSON, slug → true / false, rebuilt on each toggle). So only
// `viewed_cookie_policy` proves an answer; the categories are merged from the jar beside it (`mergeCookieLawInfo`).
const TOOL = 'cookie-law-info';
const CHECKBOX = 'cookielawinfo-checkbox-';

/** Parses `viewed_cookie_policy`: "no" is the Reject button (reject-all); "yes" an answer whose categories are in the jar. */
export function parseCookieLawInfo(name: string, value: string): ConsentSignal | null {
  const v = value.trim();
  if (name !== 'viewed_cookie_policy' || (v !== 'yes' && v !== 'no')) return null;
  const base = {
    tool: TOOL,
    state: 'choice' as const,
    via: `cookie:${name}`,
    raw: clip(v),
    decoded: { viewed: v },
  };
  return v === 'no' ? { ...base, choice: allOrNothing(false) } : base;
}

const yes = (v: unknown): boolean | null =>
  v === true || v === 'true' || v === 'yes'
    ? true
    : v === false || v === 'false' || v === 'no'
      ? false
      : null;

/** Slug → yes/no from `CookieLawInfoConsent` (base64 JSON), else from the checkbox cookies. */
function slugs(jar: ReadonlyMap<string, string>): {
  from: string;
  values: Map<string, boolean>;
  optOut: boolean;
} {
  const values = new Map<string, boolean>();
  const stored = jar.get('CookieLawInfoConsent');
  if (stored && /^[A-Za-z0-9+/=]{1,4096}$/.test(stored)) {
    const o = jsonObject(fromBase64(stored) ?? '');
    for (const [k, v] of Object.entries(o ?? {}).slice(0, 30)) {
      const on = yes(v);
      if (k !== 'ver' && k !== 'ccpaOptout' && on !== null) values.set(k, on);
    }
    if (values.size > 0) return { from: 'CookieLawInfoConsent', values, optOut: o?.ccpaOptout === true };
  }
  for (const [name, v] of jar) {
    const on = yes(v);
    if (name.startsWith(CHECKBOX) && on !== null && values.size < 30)
      values.set(name.slice(CHECKBOX.length), on);
  }
  return { from: `${CHECKBOX}*`, values, optOut: false };
}

/** One CookieLawInfo choice over the page's jar: only once `viewed_cookie_policy` says the visitor answered. */
export function mergeCookieLawInfo(jar: ReadonlyMap<string, string>): ConsentSignal | null {
  const viewed = parseCookieLawInfo('viewed_cookie_policy', jar.get('viewed_cookie_policy') ?? '');
  if (!viewed || viewed.choice) return viewed;
  const { from, values, optOut } = slugs(jar);
  const toggles: Toggle[] = [...values].map(([slug, on]) => ({
    id: slug,
    granted: on,
    categories: categoriesForName(slug),
  }));
  if (toggles.length === 0) return viewed;
  const chosen = choiceFromToggles(toggles);
  const choice = optOut ? withoutAdvertising(chosen) : chosen;
  return {
    ...viewed,
    via: `cookie:viewed_cookie_policy+${from}`,
    raw: clip([...values].map(([k, on]) => `${k}=${on ? 'yes' : 'no'}`).join('; ')),
    decoded: { viewed: 'yes', ...Object.fromEntries(values) },
    choice,
  };
}
