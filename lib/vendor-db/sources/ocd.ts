import type { Category } from '../../category';
import { cleanDatasetText } from './sanity';

/** One Open Cookie Database row, with the cookie name normalised. */
export interface OcdRow {
  id: string;
  platform: string;
  category: string;
  name: string;
  match: 'exact' | 'prefix';
  domain: string;
  description: string;
  retention: string;
  controller: string;
  privacyUrl: string;
  /** Set when the name was changed from the source's spelling. */
  note?: string;
}

/** OCD category → ours. OCD folds advertising into "Marketing"; the importer refines it per vendor. */
export const OCD_CATEGORY: Readonly<Record<string, Category>> = {
  Marketing: 'marketing',
  Analytics: 'analytics',
  Functional: 'functional',
  Personalization: 'functional',
  Security: 'necessary',
  Necessary: 'necessary',
};

/** One cookie of open-cookie-database.json, which maps each platform name to a list of these. */
interface OcdJsonCookie {
  id: string;
  category: string;
  cookie: string;
  domain: string;
  description: string;
  retentionPeriod: string;
  dataController: string;
  privacyLink: string;
  wildcardMatch: string;
}

const FIELDS: readonly (keyof OcdJsonCookie)[] = [
  'id',
  'category',
  'cookie',
  'domain',
  'description',
  'retentionPeriod',
  'dataController',
  'privacyLink',
  'wildcardMatch',
];

// Non-wildcard rows written as "SSPR_*" are prefixes in disguise.
const STAR_SUFFIX = /^([^*]+)\*$/;
// So are names ending in one "_": Baidu's `Hm_lvt_` is `Hm_lvt_<site id>` on every site ("__exponea_etc__" is whole).
const OPEN_END = /[^_]_$/;

function checkCookie(platform: string, n: number, c: unknown): OcdJsonCookie {
  const where = `OCD: ${JSON.stringify(platform)}[${n}]`;
  if (typeof c !== 'object' || c === null) throw new Error(`${where} is not an object`);
  for (const f of FIELDS) {
    if (typeof (c as Record<string, unknown>)[f] !== 'string') throw new Error(`${where} has no string ${f}`);
  }
  const cookie = c as OcdJsonCookie;
  if (!Object.hasOwn(OCD_CATEGORY, cookie.category)) {
    throw new Error(`${where} has category ${cookie.category}`);
  }
  return cookie;
}

/**
 * Reads open-cookie-database.json (`{ platform: cookie[] }`, parsed) into rows, platform by platform.
 * @throws Error when the shape differs: not an object of arrays, a missing field, an unknown category.
 */
export function readOcdJson(json: unknown): OcdRow[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error('OCD: expected an object of platforms');
  }
  return Object.entries(json).flatMap(([platform, list]) => {
    if (!Array.isArray(list)) throw new Error(`OCD: ${JSON.stringify(platform)} is not a list`);
    return list.map((c, n) => {
      const { id, category, cookie: rawName, wildcardMatch: wildcard, ...f } = checkCookie(platform, n, c);
      const trimmed = rawName.trim();
      const star = wildcard !== '1' ? STAR_SUFFIX.exec(trimmed) : null;
      const openEnd = wildcard !== '1' && !star && OPEN_END.test(trimmed);
      const row: OcdRow = {
        id,
        platform: cleanDatasetText(platform),
        category,
        name: star?.[1] ?? trimmed,
        match: wildcard === '1' || star || openEnd ? 'prefix' : 'exact',
        domain: f.domain.trim(),
        description: f.description.trim(),
        retention: f.retentionPeriod,
        controller: cleanDatasetText(f.dataController),
        privacyUrl: f.privacyLink.trim(),
      };
      if (row.name !== rawName) row.note = `name normalised from ${JSON.stringify(rawName)}`;
      else if (openEnd) row.note = 'a prefix: the OCD row is not marked wildcard, but the name ends in "_"';
      return row;
    });
  });
}

/**
 * The cookie's own domain from OCD's Domain column ("adform.net (3rd party)", ".bing.com (3rd party) or
 * .microsoft.com (3rd party)"): the first host named, and whether OCD calls it third-party.
 */
export function readOcdDomain(text: string): { domain: string | null; thirdParty: boolean } {
  const thirdParty = /\(3rd party\)/i.test(text);
  const host = text
    .replace(/\u200b/g, '')
    .split(/\s+or\s+|\s+/)
    .map((t) => t.trim().toLowerCase())
    .find((t) => /^\.?[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(t));
  return { domain: host ?? null, thirdParty };
}
