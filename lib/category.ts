/** Vendor categories, in the order the UI lists them. */
export const CATEGORIES = [
  'advertising',
  'marketing',
  'analytics',
  'social',
  'functional',
  'consent',
  'necessary',
] as const;

export type Category = (typeof CATEGORIES)[number];
export type CategoryOrUnknown = Category | 'unknown';

/** Categories that need prior consent under ePrivacy art. 5(3): firing before a choice is a violation. */
const NEEDS_CONSENT: ReadonlySet<CategoryOrUnknown> = new Set([
  'advertising',
  'marketing',
  'analytics',
  'social',
]);

export function needsConsent(category: CategoryOrUnknown): boolean {
  return NEEDS_CONSENT.has(category);
}

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

/** A category, or "unknown" (no source settles the purpose): what a record, overlay or cookie may say. */
export function isCategoryOrUnknown(value: unknown): value is CategoryOrUnknown {
  return value === 'unknown' || isCategory(value);
}
