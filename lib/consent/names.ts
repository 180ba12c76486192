import type { Category } from '../category';

/**
 * Categories for a consent category *name* a site chose itself (vanilla-cookieconsent `analytics`, Civic
 * Cookie Control `marketing`, Piwik PRO `remarketing`…). Derived rule, not a source: we read the usual
 * English words; any other name maps to nothing and stays unmapped (conservative, see README).
 */
const RULES: ReadonlyArray<readonly [RegExp, readonly Category[]]> = [
  [/^(necessary|essential|strictly[_ -]?necessary|strict|required|technical)$/i, ['necessary']],
  [/analytic|statistic|performance|measure/i, ['analytics']],
  [/marketing|advertis|^ads?$|targeting|remarketing|retargeting/i, ['advertising', 'marketing']],
  [/social/i, ['social']],
  [/^(functional|functionality|preferences?|personali[sz]ation)$/i, ['functional']],
];

/** Categories a site-defined category name stands for, or [] when the name says nothing we can map. */
export function categoriesForName(name: string): readonly Category[] {
  for (const [re, categories] of RULES) if (re.test(name)) return categories;
  return [];
}

/** Every optional category: what "accept all" grants when a tool's switches are not known one by one. */
export const ALL_OPTIONAL: readonly Category[] = [
  'necessary',
  'functional',
  'analytics',
  'marketing',
  'advertising',
  'social',
];

/** Parses JSON without throwing; null for anything that is not an object. */
export function jsonObject(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Decodes base64 or base64url to text without DOM-only APIs (Node and extension workers). */
export function fromBase64(text: string): string | null {
  const clean = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(clean) || clean.length > 60000) return null;
  try {
    const bin = atob(clean + '='.repeat((4 - (clean.length % 4)) % 4));
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}
