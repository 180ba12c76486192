import type { CategoryOrUnknown } from '../../category';
import { cleanDatasetText } from './sanity';
import { readSqlInserts, type SqlValue } from './sql-values';

export interface WtmCompany {
  id: string;
  name: string;
  /** ISO alpha-2, upper-cased; null when the dataset gives none. */
  country: string | null;
  privacyUrl: string | null;
  website: string | null;
}

/** One WhoTracks.me tracker with its domains and (when linked) its company. */
export interface WtmTracker {
  id: string;
  name: string;
  category: string;
  website: string | null;
  company: WtmCompany | null;
  domains: string[];
}

/**
 * WhoTracks.me category → the consent purpose it implies (definitions: whotracks.me blog "Tracker Categories").
 * Consent purposes map to their consent category. Only infrastructure (cdn, hosting) and "essential" (tag
 * managers, privacy notices) are functional: a list's label is never proof of strict necessity, so nothing maps
 * to necessary. Labels that name no purpose (misc, unknown, extensions) or a feature that may or may not track
 * (chat widgets, players, comments) are "unknown": shown as "unknown: needs review", never silently exempt.
 */
export const WTM_CATEGORY: Readonly<Record<string, CategoryOrUnknown>> = {
  advertising: 'advertising',
  pornvertising: 'advertising',
  site_analytics: 'analytics',
  telemetry: 'analytics',
  social_media: 'social',
  email: 'marketing',
  consent: 'consent',
  cdn: 'functional',
  hosting: 'functional',
  essential: 'functional',
  customer_interaction: 'unknown',
  audio_video_player: 'unknown',
  comments: 'unknown',
  misc: 'unknown',
  unknown: 'unknown',
  extensions: 'unknown',
};

export const WTM = 'whotracksme-2022';

/** The company name WhoTracks.me gives a tracker (its own name when it names no company). */
export function wtmOwner(t: WtmTracker): string {
  return t.company?.name ?? t.name;
}

const text = (v: SqlValue | undefined): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : null;

/** A name as text: a wrong charset or HTML escapes upstream would otherwise become a vendor's name, id or owner. */
const nameText = (v: SqlValue | undefined): string | null => {
  const t = text(v);
  return t === null ? null : cleanDatasetText(t) || null;
};

/**
 * Reads the WhoTracks.me trackerdb.sql dump (2022 copy, CC BY 4.0) into trackers with domains and companies.
 * @throws Error when a table is missing or a tracker names an unknown category.
 */
export function readWhoTracksMe(sql: string): WtmTracker[] {
  const rows = readSqlInserts(sql);
  const categories = new Map<number, string>();
  const companies = new Map<string, WtmCompany>();
  const domains = new Map<string, string[]>();
  const trackers: WtmTracker[] = [];
  const pending: { values: SqlValue[] }[] = [];
  for (const { table, values } of rows) {
    if (table === 'categories') categories.set(values[0] as number, String(values[1]));
    else if (table === 'companies') {
      const country = text(values[6]);
      companies.set(String(values[0]), {
        id: String(values[0]),
        name: nameText(values[1]) ?? String(values[0]),
        country: country && /^[a-z]{2}$/i.test(country) ? country.toUpperCase() : null,
        privacyUrl: text(values[3]),
        website: text(values[4]),
      });
    } else if (table === 'tracker_domains') {
      const t = String(values[0]);
      domains.set(t, [...(domains.get(t) ?? []), String(values[1]).trim().toLowerCase()]);
    } else if (table === 'trackers') pending.push({ values });
  }
  if (categories.size === 0 || companies.size === 0 || pending.length === 0)
    throw new Error('WhoTracks.me: categories, companies or trackers table missing');
  for (const { values } of pending) {
    const id = String(values[0]);
    const category = categories.get(values[2] as number);
    if (category === undefined || !Object.hasOwn(WTM_CATEGORY, category))
      throw new Error(`WhoTracks.me: tracker ${id} has category ${String(values[2])}`);
    const companyId = text(values[4]);
    trackers.push({
      id,
      name: nameText(values[1]) ?? id,
      category,
      website: text(values[3]),
      company: companyId ? (companies.get(companyId) ?? null) : null,
      domains: (domains.get(id) ?? []).sort(),
    });
  }
  return trackers.sort((a, b) => (a.id < b.id ? -1 : 1));
}
