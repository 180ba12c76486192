import { decodeHTML } from 'entities';
import { parseRetention } from '../retention';

/** Legal-form words dropped before two company names are compared. */
const FORMS =
  /\b(inc|incorporated|llc|ltd|limited|corp|corporation|co|company|gmbh|ag|sa|s\.a|sas|sarl|bv|b\.v|nv|plc|pte|pty|srl|spa|ab|as|oy|kk|holdings?|group|technologies|technology|software|media|the)\b\.?/g;

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

/** Lower case without accents ("Ströer" → "stroer"), for comparing names. */
const folded = (name: string): string =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');

/** Lower-case name without legal forms and punctuation ("Sovrn Holdings, Inc." → "sovrn"). */
export function companyKey(name: string): string {
  return folded(name)
    .replace(/[,()]/g, ' ')
    .replace(FORMS, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** True when two company names plausibly name the same company (same key, or one key's words start the other). */
export function sameCompany(a: string, b: string): boolean {
  const ka = companyKey(a);
  const kb = companyKey(b);
  if (!ka || !kb) return false;
  if (ka === kb) return true;
  const [short, long] = ka.length <= kb.length ? [ka, kb] : [kb, ka];
  return long === short || long.startsWith(`${short} `) || long.replace(/ /g, '') === short.replace(/ /g, '');
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
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

/** Legal forms at the end of a company name, dropped when the name stands for the vendor ("SpringServe, LLC"). */
const TRAILING_FORM =
  /(?:,?\s+(?:inc|llc|ltd|limited|corp|corporation|gmbh|ag|s\.?a|sas|b\.?v|n\.?v|ab|oy|a\/s|plc)\.?)+$/i;

/** A company name as a vendor's name: without its legal form. */
export const withoutLegalForm = (company: string): string =>
  company.replace(TRAILING_FORM, '').trim() || company;

/** A name's words, lower-case, without accents or legal form ("Media-Click, Inc." → ["media", "click"]). */
const words = (name: string): string[] =>
  folded(withoutLegalForm(name))
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/**
 * Which of two names for one vendor is a misspelling, told by its domains: `'a'` when the domains spell `a` and not
 * `b` (so `b` is misspelled), `'b'` the other way round, null when they cannot tell. Only near-identical names count:
 * one edit apart, or two on names of equal length (swapped or transposed letters: "Gugaboo" for Gubagoo), five
 * letters or more, and not one name plus words ("Gainsight PX" is a product of Gainsight, not a misspelling).
 */
export function spelledByDomain(a: string, b: string, domains: readonly string[]): 'a' | 'b' | null {
  const wa = words(a);
  const wb = words(b);
  const ka = wa.join('');
  const kb = wb.join('');
  if (ka.length < 5 || kb.length < 5 || ka === kb) return null;
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  if (short.every((w, i) => long[i] === w)) return null;
  const d = editDistance(ka, kb);
  if (d > 2 || (d === 2 && ka.length !== kb.length)) return null;
  const spelt = domains.map((x) => x.toLowerCase().replace(/[^a-z0-9]/g, ''));
  const hasA = spelt.some((x) => x.includes(ka));
  const hasB = spelt.some((x) => x.includes(kb));
  return hasA === hasB ? null : hasA ? 'a' : 'b';
}

/** Why a retention text cannot be read, or null when it parses. */
export function retentionProblem(value: string): string | null {
  return parseRetention(value).kind === 'unknown'
    ? `retention ${JSON.stringify(value)} is not readable`
    : null;
}
