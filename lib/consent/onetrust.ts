import type { Category } from '../category';
import { choiceFromToggles, clip, safeDecode, type Toggle } from './choice';
import type { ConsentSignal } from './types';

/** OneTrust's standard category ids (OneTrust cookie-category defaults); sites may add their own ids. */
const GROUPS: Record<string, readonly Category[]> = {
  C0001: ['necessary'],
  C0002: ['analytics'], // "Performance cookies"
  C0003: ['functional'],
  C0004: ['advertising', 'marketing'], // "Targeting cookies"
  C0005: ['social'],
};

/** Reads the `groups=C0001:1,C0002:0` list; unknown ids are kept as unmapped switches. */
function parseGroups(list: string): Toggle[] {
  const toggles: Toggle[] = [];
  for (const part of list.split(',')) {
    const [, id, bit] = /^([A-Za-z0-9_-]{1,40}):([01])$/.exec(part.trim()) ?? [];
    if (id && bit) toggles.push({ id, granted: bit === '1', categories: GROUPS[id] ?? [] });
  }
  return toggles;
}

/**
 * Parses OneTrust's `OptanonConsent` cookie (an URL-encoded querystring). `interactionCount=0` means the
 * visitor has not answered the banner yet; the groups then only show the site's defaults.
 */
export function parseOptanonConsent(name: string, value: string): ConsentSignal | null {
  if (name !== 'OptanonConsent' || !value.includes('=')) return null;
  const params = new URLSearchParams(value.length > 8192 ? value.slice(0, 8192) : value);
  const groupsRaw = params.get('groups');
  if (groupsRaw === null && !params.has('interactionCount')) return null;
  const groups = parseGroups(safeDecode(groupsRaw ?? ''));
  const interactionCount = Number(params.get('interactionCount') ?? '0');
  const decoded: Record<string, unknown> = {
    groups: Object.fromEntries(groups.map((g) => [g.id, g.granted])),
    interactionCount: Number.isFinite(interactionCount) ? interactionCount : null,
    isGpcEnabled: params.get('isGpcEnabled') === '1',
    landingPath: params.get('landingPath'),
    version: params.get('version'),
    datestamp: params.get('datestamp'),
  };
  const base = { tool: 'onetrust', via: 'cookie:OptanonConsent', raw: clip(value), decoded };
  if (!(interactionCount > 0)) return { ...base, state: 'banner' };
  return { ...base, state: 'choice', choice: choiceFromToggles(groups) };
}

/**
 * Parses `OptanonAlertBoxClosed` (an ISO date): the banner was closed, so a choice exists. Which one is
 * only in `OptanonConsent`, so this signal carries no choice.
 */
export function parseOptanonAlertBoxClosed(name: string, value: string): ConsentSignal | null {
  if (name !== 'OptanonAlertBoxClosed') return null;
  const when = Date.parse(safeDecode(value));
  if (!Number.isFinite(when)) return null;
  return {
    tool: 'onetrust',
    state: 'choice',
    via: 'cookie:OptanonAlertBoxClosed',
    raw: clip(value),
    decoded: { closedAt: new Date(when).toISOString() },
  };
}
