/**
 * Tracking vendors' brand words found in a cookie name the database does not list ("optimizelySession",
 * "__attentive_id"). Not an attribution (no vendor text names the cookie), but a name guess must not exempt it:
 * a "session" cookie named after an A/B-testing or ad vendor is that vendor's until someone checks.
 */
import type { VendorIndex } from './compiled-types';

/** Shortest brand that counts: shorter ones ("ads", "tag", "hj") are too common inside cookie names. */
const MIN_LENGTH = 5;

// First words of vendor names that describe a trade or product rather than naming a company.
const GENERIC = new Set(
  (
    'about advertising affiliate analytics answers banner browser clarity cloud commerce connect consent contact ' +
    'content convert cookie cookies custom customer digital direct display drift email engage exchange ' +
    'experience first front global group insight insights interactive login manager marketing media metrics ' +
    'mobile network networks online optimize other partners pixel platform plugin search segment services ' +
    'session simple smart social software solutions source state studio systems target technologies ' +
    'technology tracker tracking video visitor widget widgets'
  ).split(' '),
);

/**
 * The brand word of a vendor name: its first word, as written ("CertainSource" stays one word; "Blue State
 * Digital" gives "blue", too short), or null when it is short, a number or a trade word.
 */
export function brandOf(vendorName: string): string | null {
  const brand = vendorName
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .find((w) => w !== '');
  if (!brand || brand.length < MIN_LENGTH || GENERIC.has(brand) || /^\d+$/.test(brand)) return null;
  return brand;
}

/** Lower-case words of a cookie name: split on anything not a letter or digit, and at camelCase humps. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/**
 * A clause naming the tracking vendor whose brand is a word of the cookie's name, or undefined. A brand that is
 * also an English word ("attentive", "privy") counts only as the name's first word ("__attentive_id"), not
 * inside it ("cart_total").
 */
export function brandInName(index: VendorIndex, cookieName: string): string | undefined {
  const name = cookieName.slice(0, 256);
  const words = ASCII.test(name) ? asciiWords(name, MIN_LENGTH) : wordsOf(name);
  for (let i = 0; i < words.length; i++) {
    // Shorter words stand in the list as "" (no brand is that short): they still count as words before a brand.
    const brand = words[i]!.length < MIN_LENGTH ? undefined : index.brands.get(words[i]!);
    if (!brand || (brand.common && i > 0)) continue;
    return `its name holds "${words[i]}", the brand of ${owners(index, brand.vendors)}`;
  }
  return undefined;
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * wordsOf for an ASCII name, scanned by hand (it runs for every cookie no record names): the same words, with
 * each word shorter than `minLength` given as "" (not sliced or lower-cased).
 */
export function asciiWords(name: string, minLength = 0): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < name.length) {
    while (i < name.length && !isAlnum(name.charCodeAt(i))) i++;
    if (i === name.length) break;
    const start = i++;
    // A word ends at a separator, or at a capital after a lower-case letter or digit (a camelCase hump).
    while (i < name.length) {
      const c = name.charCodeAt(i);
      if (!isAlnum(c) || (isUpper(c) && !isUpper(name.charCodeAt(i - 1)))) break;
      i++;
    }
    words.push(i - start < minLength ? '' : name.slice(start, i).toLowerCase());
  }
  return words;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || isUpper(c) || (c >= 97 && c <= 122);
}

/** One vendor's name; for several, their common company ("Google LLC (15 tracking vendors)") or the first. */
function owners(index: VendorIndex, vendors: readonly number[]): string {
  const first = vendors[0]!;
  if (vendors.length === 1) return index.names[first]!;
  const company = index.companies[first];
  if (company && vendors.every((n) => index.companies[n] === company))
    return `${company} (${vendors.length} tracking vendors)`;
  return `${index.names[first]} and ${vendors.length - 1} other tracking vendor${vendors.length === 2 ? '' : 's'}`;
}
