/** Small, locale-free formatters shared by the popup, the report page and the HTML export. */

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** A cookie lifetime in seconds as text: "session", "30 minutes", "14 days", "1 year"; rounded down. */
export function formatLifetime(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return 'session';
  if (!Number.isFinite(seconds) || seconds <= 0) return 'expired';
  if (seconds >= YEAR) return plural(Math.floor(seconds / YEAR), 'year');
  if (seconds >= DAY) return plural(Math.floor(seconds / DAY), 'day');
  if (seconds >= HOUR) return plural(Math.floor(seconds / HOUR), 'hour');
  if (seconds >= MINUTE) return plural(Math.floor(seconds / MINUTE), 'minute');
  return plural(Math.floor(seconds), 'second');
}

/** Time since the visit started: "+0.000 s", "+12.345 s", "+2 min 05.1 s"; negative for carried-over events. */
export function formatRelative(ms: number): string {
  const sign = ms < 0 ? '−' : '+';
  const abs = Math.abs(ms);
  if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(3)} s`;
  const min = Math.floor(abs / 60_000);
  const sec = ((abs % 60_000) / 1000).toFixed(1).padStart(4, '0');
  return `${sign}${min} min ${sec} s`;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Wall-clock time of day in the machine's time zone, e.g. "14:02:11". */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return 'invalid time';
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** ISO 8601 in UTC with milliseconds, or "invalid time" (never throws on bad input). */
export function formatIso(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? 'invalid time' : d.toISOString();
}

/** Local date and time, e.g. "2026-11-25 14:02:11", for headings and lists. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return 'invalid time';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatClock(ms)}`;
}

/** Keeps long page data readable in the UI; the full text stays in exports. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

// Bidi overrides and zero-width characters can disguise a cookie name (e.g. "rtl\u202Eevil"); show them.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** Makes invisible and direction-changing characters visible as ⟨U+XXXX⟩ so page data cannot disguise itself. */
export function showInvisible(text: string): string {
  return text.replace(
    INVISIBLE,
    (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`,
  );
}

/** Page data for on-screen display: invisible characters shown, then cut to `max` characters. */
export function displayText(text: string, max = 300): string {
  return truncate(showInvisible(text), max);
}
