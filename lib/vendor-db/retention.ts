/** How a retention text was understood. */
export type RetentionKind = 'session' | 'duration' | 'persistent' | 'unknown';

export interface Retention {
  kind: RetentionKind;
  /** Seconds for 'duration' (upper bound for ranges such as "1 week to 1 year"); otherwise null. */
  seconds: number | null;
  /** The source's text, verbatim. */
  text: string;
}

/** Seconds in a day, the unit lifetimes are compared in. */
export const DAY = 86_400;
const YEAR = 365 * DAY;
// A month is a twelfth of a 365-day year, so "12 months" and "1 year" agree.
const MONTH = YEAR / 12;

const UNITS: Record<string, number> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hour: 3600,
  hours: 3600,
  d: DAY,
  day: DAY,
  days: DAY,
  w: 7 * DAY,
  week: 7 * DAY,
  weeks: 7 * DAY,
  month: MONTH,
  months: MONTH,
  y: YEAR,
  year: YEAR,
  years: YEAR,
};

const SESSION = /^(session|sessions|seesion|session cookie|end of session( \(browser\))?)$/;
const PERSISTENT = /^(persistent|forever|permanent|unlimited|no expiration)$/;
const AMOUNT = /^(\d{1,6})\s*([a-z]+)$/;
// Qualifiers that do not change the stated maximum ("2 years after last activity").
const QUALIFIER =
  /\s+(after last activity|by default, modifiable|from set\/ ?update|\(in some countries[^)]*\))$/;
const RANGE = /^(.+?)\s+(?:to|till)\s+(.+)$/;

function amount(text: string): number | null {
  const m = AMOUNT.exec(text);
  if (!m) return null;
  const unit = UNITS[m[2] ?? ''];
  return unit === undefined ? null : Number(m[1]) * unit;
}

/**
 * Parses a free-text cookie retention ("1 year", "13 months", "Session", "30 mins") into seconds.
 * Ranges give their upper bound; anything ambiguous ("1 hour or longer", "Varies", a date) is
 * kind 'unknown' with seconds null, and the text is always kept verbatim.
 */
export function parseRetention(text: string): Retention {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ').replace(QUALIFIER, '');
  if (SESSION.test(t)) return { kind: 'session', seconds: null, text };
  if (PERSISTENT.test(t)) return { kind: 'persistent', seconds: null, text };
  const single = amount(t);
  if (single !== null) return { kind: 'duration', seconds: single, text };
  const range = RANGE.exec(t);
  if (range) {
    const [, from = '', to = ''] = range;
    const upper = amount(to);
    const lower = from === 'session' ? 0 : amount(from);
    if (upper !== null && lower !== null && lower <= upper) return { kind: 'duration', seconds: upper, text };
  }
  return { kind: 'unknown', seconds: null, text };
}
