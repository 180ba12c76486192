import type { Category } from '../category';
import { choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import type { ConsentSignal } from './types';

/** CookieYes' fixed categories; "other" is site-defined and stays unmapped. */
const CATEGORIES: Record<string, readonly Category[]> = {
  necessary: ['necessary'],
  functional: ['functional'],
  analytics: ['analytics'],
  performance: ['analytics'],
  advertisement: ['advertising', 'marketing'],
  other: [],
};

/**
 * Parses `cookieyes-consent`: `consentid:…,consent:yes|no,action:yes|,necessary:yes,functional:no,…`.
 * An empty `action` means the visitor has not acted yet (the banner is up).
 */
export function parseCookieYes(name: string, value: string): ConsentSignal | null {
  if (name !== 'cookieyes-consent') return null;
  const fields = new Map<string, string>();
  for (const part of safeDecode(value).split(',').slice(0, 50)) {
    const i = part.indexOf(':');
    if (i > 0) fields.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  if (!fields.has('consent') && !fields.has('action')) return null;
  const toggles: Toggle[] = Object.keys(CATEGORIES)
    .filter((k) => fields.has(k))
    .map((k) => ({ id: k, granted: fields.get(k) === 'yes', categories: CATEGORIES[k] ?? [] }));
  const decoded = {
    consent: fields.get('consent') ?? null,
    action: fields.get('action') ?? null,
    ...Object.fromEntries(toggles.map((t) => [t.id, t.granted])),
  };
  const base = { tool: 'cookieyes', via: 'cookie:cookieyes-consent', raw: clip(value), decoded };
  if (fields.get('action') !== 'yes') return { ...base, state: 'banner' };
  return { ...base, state: 'choice', choice: choiceFromToggles(toggles) };
}
