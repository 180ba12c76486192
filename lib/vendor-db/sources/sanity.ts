import { decodeHTML } from 'entities';
import { parseRetention } from '../retention';
import { companyKey, editDistance } from './names';

/** UTF-8 read as Latin-1 leaves "Ã", "Â", "â" or "Å" before a byte of U+0080–U+00BF ("StrÃ¶er" for "Ströer"). */
const MOJIBAKE = /[\u00c2-\u00c5\u00e2][\u0080-\u00bf]/;

/**
 * A dataset string whose UTF-8 was decoded as Latin-1, decoded again ("StrÃ¶er Digital Media" → "Ströer Digital
 * Media", third-party-web 0.30.0); any other string unchanged, including one that only looks so but is not valid UTF-8
 * as Latin-1 bytes.
 */
export function repairMojibake(value: string): string {
  if (!MOJIBAKE.test(value)) return value;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0xff) return value;
  const bytes = Uint8Array.from(value, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return value;
  }
}

/**
 * A dataset's name or company as text: the charset repaired (`repairMojibake`), HTML character references decoded
 * (third-party-web 0.30.0 names "Northern &amp; Shell Media Group", which became the id
 * `northern-and-amp-shell-media-group`) and runs of white space made one space ("GET ME IN!  (TicketMaster)").
 */
export function cleanDatasetText(value: string): string {
  const text = repairMojibake(value);
  return (text.includes('&') ? decodeHTML(text) : text).replace(/\s+/g, ' ').trim();
}

const REGIONS = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
/** Codes ICU names that are no country: the EU, the eurozone, the UN, "unknown", outlying Oceania. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO']);

/**
 * A dataset's company country as an ISO 3166-1 alpha-2 code, or why it is refused. WhoTracks.me writes the
 * United Kingdom "UK" (ISO's reserved alias of GB: read as "UK" the adequacy rule missed it) and Korea "KO" (no code).
 */
export function datasetCountry(value: string): { code: string } | { problem: string } {
  const v = value.trim().toUpperCase();
  if (v === 'UK') return { code: 'GB' };
  if (/^[A-Z]{2}$/.test(v) && !NOT_COUNTRIES.has(v) && REGIONS.of(v) !== undefined) return { code: v };
  return { problem: `not an ISO 3166-1 country code (${JSON.stringify(value)})` };
}

const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/;

/** Whether a (lower-case) value is a domain name ("fontawesome.com"), which a company value must not be. */
export const looksLikeDomain = (value: string): boolean => DOMAIN.test(value);
const PLACEHOLDER = /^(n\/?a|none|unknown|undefined|null|-+|\?+|tbd|other)$/i;

/**
 * Why a company value from a dataset must not be shown as an owner, or null when it looks like a name.
 * Catches durations ("29 days", a swapped retention column), domains and URLs, placeholders, and
 * misspellings (edit distance 1–2) of a name in `known` (curated, verified names).
 */
export function companyProblem(value: string, known: readonly string[] = [], self?: string): string | null {
  const v = value.trim();
  if (v === '') return 'empty';
  if (PLACEHOLDER.test(v)) return `placeholder ${JSON.stringify(v)}`;
  if (/^\d/.test(v) && parseRetention(v).kind !== 'unknown')
    return `looks like a duration (${JSON.stringify(v)}): retention and controller columns swapped?`;
  if (/^(session|persistent)$/i.test(v)) return `looks like a duration (${JSON.stringify(v)})`;
  if (/^(https?:\/\/|www\.)/i.test(v) || v.includes('://')) return `looks like a URL (${JSON.stringify(v)})`;
  if (looksLikeDomain(v)) return `looks like a domain name (${JSON.stringify(v)}), not a company`;
  const key = companyKey(v).replace(/ /g, '');
  // A company named like the vendor itself ("Segmento") is its own name, not a misspelling of another.
  if (self !== undefined && companyKey(self).replace(/ /g, '') === key) return null;
  for (const k of known) {
    const kk = companyKey(k).replace(/ /g, '');
    // Spacing variants ("Active Campaign") are the same name; other companies differ by more than one letter
    // ("Gemius" vs "Genius" are two companies), so only one edit on a long name counts as a misspelling.
    if (kk.length < 8 || kk === key) continue;
    if (editDistance(key, kk) === 1) return `looks like a misspelling of ${JSON.stringify(k)}`;
  }
  return null;
}

/** Why a retention text cannot be read, or null when it parses. */
export function retentionProblem(value: string): string | null {
  return parseRetention(value).kind === 'unknown'
    ? `retention ${JSON.stringify(value)} is not readable`
    : null;
}
