import type { Category } from '../category';
import { choiceFromToggles, clip, togglesFromJar } from './choice';
import type { ConsentSignal } from './types';

/** Complianz (WordPress) per-category cookies, each `allow` or `deny`. */
const CATEGORY_COOKIES: Record<string, readonly Category[]> = {
  cmplz_functional: ['necessary'],
  cmplz_preferences: ['functional'],
  cmplz_statistics: ['analytics'],
  cmplz_marketing: ['advertising', 'marketing'],
};

/**
 * Parses `cmplz_banner-status`: `dismissed` means the visitor answered the banner. The per-category cookies
 * (`cmplz_marketing=allow|deny`…) may hold defaults before any answer, so alone they prove nothing; the
 * choice itself comes from `mergeComplianz` over the whole jar (signals.ts `signalsFromJar`).
 */
export function parseComplianz(name: string, value: string): ConsentSignal | null {
  const v = value.trim();
  if (name !== 'cmplz_banner-status' || v !== 'dismissed') return null;
  return {
    tool: 'complianz',
    state: 'choice',
    via: `cookie:${name}`,
    raw: clip(v),
    decoded: { bannerStatus: v },
  };
}

/**
 * Builds one Complianz choice from the whole cookie jar of the page (name → value), or null when the
 * visitor has not chosen (no category cookie set).
 */
export function mergeComplianz(jar: ReadonlyMap<string, string>): ConsentSignal | null {
  const toggles = togglesFromJar(jar, CATEGORY_COOKIES, ['allow', 'deny']);
  if (toggles.length === 0) return null;
  const raw = toggles.map((t) => `${t.id}=${t.granted ? 'allow' : 'deny'}`).join('; ');
  const decoded = Object.fromEntries(toggles.map((t) => [t.id, t.granted]));
  return {
    tool: 'complianz',
    state: 'choice',
    via: 'cookie:cmplz_*',
    raw,
    decoded,
    choice: choiceFromToggles(toggles),
  };
}
