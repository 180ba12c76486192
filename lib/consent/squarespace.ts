import type { Category } from '../category';
import { choiceFromToggles, togglesFromJar } from './choice';
import type { ConsentSignal } from './types';

// Squarespace's cookie banner writes two cookies, "true" or "false" each: `ss_performanceCookiesAllowed` and
// `ss_marketingCookiesAllowed` (its site script: Accept sets both true, Decline both false, Manage each one; the
// older `ss_cookieAllowed` is only expired there). One cookie alone is half the answer: a "false" is a refusal of
// its own category and says nothing of the other; a "true" is an answer whose other half is in the jar
// (`mergeSquarespace`, as for Complianz).
const COOKIES: Readonly<Record<string, readonly Category[]>> = {
  ss_performanceCookiesAllowed: ['analytics'],
  ss_marketingCookiesAllowed: ['advertising', 'marketing'],
};

export function parseSquarespace(name: string, value: string): ConsentSignal | null {
  const v = value.trim();
  if (!Object.hasOwn(COOKIES, name) || (v !== 'true' && v !== 'false')) return null;
  const base = {
    tool: 'squarespace',
    state: 'choice' as const,
    via: `cookie:${name}`,
    raw: v,
    decoded: { [name]: v === 'true' },
  };
  // Consent-safe while the other half is unknown: a refusal grants nothing; an acceptance waits for the jar.
  return v === 'false' ? { ...base, choice: { kind: 'custom', granted: ['necessary'] } } : base;
}

/** Both cookies from the page's jar as one choice, or null until both are there. */
export function mergeSquarespace(jar: ReadonlyMap<string, string>): ConsentSignal | null {
  const toggles = togglesFromJar(jar, COOKIES, ['true', 'false']);
  if (toggles.length < 2) return null;
  return {
    tool: 'squarespace',
    state: 'choice',
    via: 'cookie:ss_*CookiesAllowed',
    raw: toggles.map((t) => `${t.id}=${t.granted}`).join('; '),
    decoded: Object.fromEntries(toggles.map((t) => [t.id, t.granted])),
    choice: choiceFromToggles(toggles),
  };
}
