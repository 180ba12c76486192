/**
 * Name comparisons for the importer, each with its own rule: `sameCompany` (legal forms and punctuation aside, or one
 * name's words starting the other's), `spelledAlike` (squashed, one a prefix of the other: a grouping's owner spelt
 * differently) and `spelledByDomain` (which of two near-identical names is the misspelling, by the vendor's domains).
 */

/** Legal-form words dropped before two company names are compared. */
const FORMS =
  /\b(inc|incorporated|llc|ltd|limited|corp|corporation|co|company|gmbh|ag|sa|s\.a|sas|sarl|bv|b\.v|nv|plc|pte|pty|srl|spa|ab|as|oy|kk|holdings?|group|technologies|technology|software|media|the)\b\.?/g;

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

/** Levenshtein distance, 3 for anything over 2 (only near-identical names matter here). */
export function editDistance(a: string, b: string): number {
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

/** The same name spaced or suffixed differently ("Media Math", "MediaMath, Inc."): one squashed name starts the other. */
export function spelledAlike(a: string, b: string): boolean {
  const ka = a.toLowerCase().replace(/[^a-z0-9]/g, '');
  const kb = b.toLowerCase().replace(/[^a-z0-9]/g, '');
  return ka !== '' && kb !== '' && (ka.startsWith(kb) || kb.startsWith(ka));
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
