/**
 * Cookie names made only of everyday words ("sessionid", "locale", "connect.sid", "auth_token"). A source that
 * lists such a name on a vendor's own domain (Instagram's `sessionid` on instagram.com) says nothing about a
 * cookie of that name on another site: there it is the site's own as likely as the vendor's script's.
 */
import { wordsOf } from './brand-words';

/** Shortest dictionary word that counts inside a name: three-letter words ("app", "gat", "sap") split brands. */
const MIN_WORD = 4;

// Short words and abbreviations sites use in their own cookie names; vendor abbreviations ("hs", "li", "utm",
// "ads") are deliberately absent.
const SHORT_WORDS = new Set(
  (
    'id ids uid uuid sid url uri api app ip ui ux ab tz ts js ver ref key log set on off new old all and or ' +
    'to in of is by at up my do no ok me eu us csrf xsrf auth gdpr info pref prefs referer config'
  ).split(' '),
);

/** Whether `word` splits into dictionary words of MIN_WORD letters or more and SHORT_WORDS. */
function splitsIntoWords(word: string, dictionary: ReadonlySet<string>): boolean {
  const reachable = new Array<boolean>(word.length + 1).fill(false);
  reachable[0] = true;
  for (let end = 1; end <= word.length; end++) {
    for (let start = 0; start < end && !reachable[end]; start++) {
      if (!reachable[start]) continue;
      const part = word.slice(start, end);
      if (SHORT_WORDS.has(part) || (part.length >= MIN_WORD && dictionary.has(part))) reachable[end] = true;
    }
  }
  return reachable[word.length]!;
}

/**
 * Whether a generic name is one everyday word, a letter or a short word ("hash", "viewer", "c", "UID"), not a
 * compound ("sharedid", "panoramaId") or a code with digits: such a name names a vendor on a site only with the
 * vendor's requests.
 */
export function isSingleWordName(name: string, dictionary: ReadonlySet<string>): boolean {
  // Digits make a code ("TS01", F5's firewall cookies; "A1"), not a word.
  if (/\d/.test(name)) return false;
  const words = wordsOf(name);
  if (words.length !== 1) return false;
  const w = words[0]!;
  return w.length === 1 || SHORT_WORDS.has(w) || (w.length >= MIN_WORD && dictionary.has(w));
}

/**
 * Whether a cookie name (or listed prefix) is made only of everyday words: each word of it (split at
 * separators, camelCase humps and digits; single letters pass) splits into dictionary words, and it holds none
 * of `brands` (the listing vendors' names, lower case, letters and digits only).
 */
export function isGenericCookieName(
  name: string,
  dictionary: ReadonlySet<string>,
  brands: readonly string[] = [],
): boolean {
  const compact = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (brands.some((b) => b.length >= 4 && compact.includes(b))) return false;
  const words = wordsOf(name)
    .flatMap((w) => w.split(/\d+/))
    .filter((w) => w !== '');
  if (words.length === 0) return false;
  return words.every((w) => w.length === 1 || splitsIntoWords(w, dictionary));
}
