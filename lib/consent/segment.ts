import type { Category } from '../category';
import { choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import { choiceFromServiceMap } from './klaro';
import { categoriesForName, jsonObject } from './names';
import type { ConsentChoice, ConsentSignal } from './types';

// Segment Consent Manager (npm @segment/consent-manager 5.8.1, src/consent-manager-builder/preferences.ts) keeps
// the choice in the cookie `tracking-preferences`, written by js-cookie as JSON `{version: 1, destinations, custom}`
// (`"` `,` and spaces percent-encoded): `destinations` maps each Segment destination name ("Google Analytics 4
// Web", "Customer.io") to true / false; `custom` the banner's categories (its default ConsentManager:
// marketingAndAnalytics, advertising, functional; a site's `customCategories` by their own names) to true / false.
// It is written only by `savePreferences`: Allow all / Deny all, the preferences dialog's Save (which refuses to
// save an unanswered category), and where the site configured it, closing the banner (`closeBehavior`) or any click
// on the page (`implyConsentOnInteraction`: the derivation's outside-input rule sees that click). The site may
// rename the cookie (`cookieName`); that record is not read.
const DEFAULT_CATEGORIES: Readonly<Record<string, readonly Category[]>> = {
  // Its ConsentManager files Analytics, Email, A/B testing, heatmaps, surveys… destinations here.
  marketingAndAnalytics: ['analytics', 'marketing'],
  // Advertising and Tag Managers destinations.
  advertising: ['advertising'],
  // CRM, live chat, helpdesk, personalisation, performance monitoring destinations.
  functional: ['functional'],
};

/** `{name: boolean}` entries of a record's map (other values are not answers), at most 200. */
function booleans(value: unknown): [string, boolean][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>)
    .filter((e): e is [string, boolean] => typeof e[1] === 'boolean')
    .slice(0, 200);
}

/** The banner's categories, with the destinations switched off kept by name (they are vendors' names). */
function categoryChoice(custom: [string, boolean][], offDestinations: string[]): ConsentChoice {
  const toggles: Toggle[] = custom.map(([id, granted]) => ({
    id,
    granted,
    categories: DEFAULT_CATEGORIES[id] ?? categoriesForName(id),
  }));
  const choice = choiceFromToggles(toggles);
  if (choice.kind === 'reject-all' || offDestinations.length === 0) return choice;
  // Categories on, a destination kept off (the dialog's per-destination switches of older versions): not all.
  return { ...choice, kind: 'custom', refused: offDestinations.slice(0, 50) };
}

/** Parses Segment Consent Manager's `tracking-preferences` cookie. */
export function parseSegmentConsentManager(name: string, value: string): ConsentSignal | null {
  if (name !== 'tracking-preferences') return null;
  const once = safeDecode(value.trim());
  const record = jsonObject(once) ?? jsonObject(safeDecode(once));
  // Every version of the library writes version 1; anything else is another script's cookie of that name.
  if (!record || record.version !== 1) return null;
  const custom = booleans(record.custom);
  const destinations = booleans(record.destinations);
  const off = destinations.filter(([, on]) => !on).map(([n]) => n);
  let choice: ConsentChoice;
  if (custom.length > 0) choice = categoryChoice(custom, off);
  // ConsentManagerBuilder without categories: destinations only, by name, purposes unknown.
  else if (destinations.length > 0) choice = choiceFromServiceMap(Object.fromEntries(destinations));
  else return null;
  return {
    tool: 'segment-consent-manager',
    state: 'choice',
    via: `cookie:${name}`,
    raw: clip(value),
    choice,
    decoded: {
      ...(custom.length > 0 && { custom: Object.fromEntries(custom) }),
      ...(destinations.length > 0 && { destinations: Object.fromEntries(destinations.slice(0, 50)) }),
    },
  };
}
