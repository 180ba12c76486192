import type { CategoryOrUnknown } from '../category';
import { DAY } from './retention';

/** What we know about a cookie no vendor record names. */
export interface CookieClues {
  name: string;
  /** Seconds until expiry; null = session cookie; undefined = not known. */
  lifetimeSeconds?: number | null;
  thirdParty: boolean;
  value?: string;
  httpOnly?: boolean;
  /** A tracking vendor whose cookie list has this name (bound to another domain): no exempt guess then. */
  listedFor?: string;
  /** A clause saying the name holds a word of a tracking vendor's name (brand-words.ts): no exempt guess then. */
  brand?: string;
}

export interface CookieGuess {
  category: CategoryOrUnknown;
  /** Human-readable chain of evidence, e.g. `long-lived (400 days) third-party with a UUID value → likely tracking`. */
  reason: string;
}

interface NameRule {
  test: RegExp;
  category: CategoryOrUnknown;
  why: string;
}

// Ordered: the first rule whose pattern matches the name wins (a consent record first, then tracking words, then the
// exempt conventions). Patterns are common framework/CMP conventions.
const NAME_RULES: NameRule[] = [
  {
    // An opt-out is the record of a refusal: `ga-disable-<ID>` (Google's opt-out flag, kept in a cookie), PostHog's and
    // Mixpanel's `__ph_opt_in_out_<token>` / `__mp_opt_in_out_<token>`, written when the visitor refuses. A banner's
    // own record names the cookies and the choice either way round: `cookie-agreed`, `cookies_accepted`, `acceptCookies`.
    test: /consent|gdpr|cookies?[-_]?(notice|law|policy|accept|agree|banner|choice)|(accept(ed)?|agreed?|acc)[-_]?cookies?|optanon|euconsent|cmp_?(id|data)|cookiebot|opt[-_]?out|opt_in_out|ga-disable-|do_?not_?track/i,
    category: 'consent',
    why: 'name suggests a stored consent choice or opt-out',
  },
  // Before the exempt rules: a name that also holds a tracking word (`analytics_session`, `visitor_lang`) is read
  // the stricter way, as a tracker's, never as a session or a preference.
  {
    test: /(^|[_-])(utm|gclid|fbclid|msclkid|ad_?id|adv?|campaign|retarget|affiliate)([_-]|$)/i,
    category: 'advertising',
    why: 'name suggests ad or campaign tracking',
  },
  {
    test: /(^|[_-])(ga|gid|uid|vid|visitor(_?id)?|track(er|ing)?|trk|analytics|stats|ab_?test|experiment)([_-]|$)/i,
    category: 'analytics',
    why: 'name suggests visitor tracking',
  },
  {
    test: /csrf|xsrf|anti-?forgery|verification_?token/i,
    category: 'necessary',
    why: 'name suggests a security (CSRF) token',
  },
  {
    test: /sess(ion)?(id|_?key)?$|^sess|sessid|^sid$|connect\.sid|^jsessionid$|^phpsessid$|_session$/i,
    category: 'necessary',
    why: 'name suggests a session cookie',
  },
  {
    test: /^(awsalb|awselb|awsalbcors|bigipserver|serverid|route|lb|__cf_bm|cf_clearance|ak_bmsc|incap_ses|visid_incap|nlbi)/i,
    category: 'necessary',
    why: 'name suggests load balancing or bot protection',
  },
  {
    // Word-bounded: "_pin_unauth" (Pinterest's ad identifier) must not read as sign-in state.
    test: /(^|[_.-])(auth(_?token)?|login|logged_?in|remember_?me)([_.-]|$)|^(auth|login)/i,
    category: 'necessary',
    why: 'name suggests sign-in state',
  },
  { test: /cart|basket|checkout/i, category: 'necessary', why: 'name suggests a shopping cart' },
  {
    test: /lang|locale|currency|country|region|timezone|^tz$|theme|dark_?mode|font_?size/i,
    category: 'functional',
    why: 'name suggests a display preference',
  },
];

// One combined test first: most names match no rule, and one regex pass is far cheaper than nine.
const ANY_NAME_RULE = new RegExp(NAME_RULES.map((r) => `(?:${r.test.source})`).join('|'), 'i');

/**
 * `__Host-` / `__Secure-` only ask the browser for HTTPS (and, for `__Host-`, no Domain): the rest is the cookie's
 * name (Google's `__Secure-3PSID` is an ad cookie, a site's `__Host-session` a session).
 */
export const SECURE_NAME_PREFIX = /^__(host|secure)-/i;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GA_LIKE = /^(GA|GS)\d\.\d+\./;
const RANDOM_ID = /^[A-Za-z0-9+/_=.-]{22,}$/;
/** Categories a name guess may grant that exempt a cookie from consent: never for third parties or tracker names. */
const EXEMPT = new Set<CategoryOrUnknown>(['necessary', 'functional']);
const REVIEW = 'unknown: needs review';

/** Describes the value's shape when it looks like an identifier; null when it does not. */
function identifierShape(value: string | undefined): string | null {
  if (!value) return null;
  const v = value.length > 4096 ? value.slice(0, 4096) : value;
  if (GA_LIKE.test(v)) return 'a Google-Analytics-style (GA1.x) value';
  if (UUID.test(v)) return 'a UUID value';
  // Long, mixed letters and digits: a random identifier rather than a word or flag.
  if (RANDOM_ID.test(v) && /\d/.test(v) && /[A-Za-z]/.test(v))
    return `a long random-looking value (${v.length} chars)`;
  return null;
}

function lifetimeText(seconds: number | null | undefined): string | null {
  if (seconds === undefined) return null;
  if (seconds === null) return 'session';
  const days = Math.round(seconds / DAY);
  return days >= 30
    ? `long-lived (${days} days)`
    : days >= 1
      ? `short-lived (${days} days)`
      : 'short-lived (< 1 day)';
}

/**
 * Guesses the purpose of a cookie no vendor record names, from explainable clues only: name conventions,
 * lifetime, third-party context and value shape. The reason lists the clues; the category is a guess.
 */
export function guessCookiePurpose(clues: CookieClues): CookieGuess {
  const name = typeof clues.name === 'string' ? clues.name.slice(0, 256) : '';
  const life = lifetimeText(clues.lifetimeSeconds);
  const shape = identifierShape(clues.value);
  const party = clues.thirdParty ? 'third-party' : 'first-party';
  const facts = (life ? `${life} ${party}` : party) + (shape ? ` with ${shape}` : '');
  const bare = name.charCodeAt(0) === 95 ? name.replace(SECURE_NAME_PREFIX, '') : name;
  const rule = ANY_NAME_RULE.test(bare) ? NAME_RULES.find((r) => r.test.test(bare)) : undefined;
  const listed =
    (clues.listedFor ? `; the name is a known cookie of ${clues.listedFor}` : '') +
    (clues.brand ? `; ${clues.brand}` : '');
  const longLived = typeof clues.lifetimeSeconds === 'number' && clues.lifetimeSeconds >= 30 * DAY;
  if (clues.thirdParty && longLived) {
    // A persistent identifier set by a third party: needs consent unless proven otherwise; no vendor to name.
    const hint = rule ? `; ${rule.why}` : '';
    return {
      category: 'unknown',
      reason: `${REVIEW}; ${facts}: a persistent identifier set by a third party, possibly cross-site tracking${hint}${listed}`,
    };
  }
  // A third party's cookie named like a consent record is no consent record of the site's (its banner writes
  // first-party): a tracker can name its ID `gdpr_uid`.
  const thirdPartyConsent = clues.thirdParty && rule?.category === 'consent';
  if (
    rule &&
    (thirdPartyConsent || (EXEMPT.has(rule.category) && (clues.thirdParty || clues.listedFor || clues.brand)))
  ) {
    // A name guess must never exempt a third party's cookie or a tracker's cookie name from consent.
    const why = clues.thirdParty
      ? 'a third party sets it'
      : clues.listedFor
        ? 'a tracking vendor uses this name'
        : 'it is named after a tracking vendor';
    return {
      category: 'unknown',
      reason: `${REVIEW}; ${rule.why} (${facts}), but ${why}, so the name alone cannot make it ${rule.category}${listed}`,
    };
  }
  if (rule)
    return {
      category: rule.category,
      reason: `unknown cookie; ${rule.why} (${facts}) → likely ${rule.category}${listed}`,
    };
  if (shape?.startsWith('a Google'))
    return { category: 'analytics', reason: `unknown cookie; ${facts} → likely analytics${listed}` };
  if (shape && longLived) {
    return {
      category: 'analytics',
      reason: `unknown cookie; ${facts} → likely tracking (analytics)${listed}`,
    };
  }
  if (clues.listedFor || clues.brand) {
    return { category: 'unknown', reason: `${REVIEW}; ${facts}${listed}` };
  }
  return { category: 'unknown', reason: `unknown cookie; no name, lifetime or value clue (${facts})` };
}
