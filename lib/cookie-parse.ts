/** Parsing of Set-Cookie and Cookie header values. Never throws; odd input yields fewer cookies, not errors. */

export interface SetCookie {
  name: string;
  value: string;
  domain?: string;
  path?: string;
  /** Lifetime in seconds from Max-Age or Expires relative to `now`; null = session cookie. */
  lifetimeSeconds: number | null;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: string;
  /** CHIPS `Partitioned`: the browser keeps it only for the top-level site it was set under. */
  partitioned?: boolean;
}

/** Longest name or value we keep; real browsers cap a cookie at 4096 bytes. */
export const MAX_COOKIE_PART = 4096;
/** Longest attribute value a browser takes (RFC 6265bis: a longer one is ignored). */
export const MAX_ATTRIBUTE_VALUE = 1024;
/** Most pairs read from one Cookie header (Chromium keeps at most 180 cookies per domain). */
export const MAX_COOKIES_PER_HEADER = 500;

function clip(text: string): string {
  return text.length > MAX_COOKIE_PART ? text.slice(0, MAX_COOKIE_PART) : text;
}

/** Parses one Set-Cookie header value (RFC 6265 §5.2, lenient like browsers). */
export function parseSetCookie(header: string, now = Date.now()): SetCookie | null {
  if (typeof header !== 'string' || header.length === 0) return null;
  const [pair = '', ...attrs] = header.split(';');
  const eq = pair.indexOf('=');
  // A pair without '=' is a cookie with an empty name in RFC 6265bis; browsers accept it as a value-only cookie.
  const name = clip((eq < 0 ? '' : pair.slice(0, eq)).trim());
  const value = clip((eq < 0 ? pair : pair.slice(eq + 1)).trim());
  if (name === '' && value === '') return null;
  const out: SetCookie = { name, value, lifetimeSeconds: null, secure: false, httpOnly: false };
  let maxAge: number | null = null;
  let expires: number | null = null;
  for (const attr of attrs) {
    const i = attr.indexOf('=');
    const key = (i < 0 ? attr : attr.slice(0, i)).trim().toLowerCase();
    const val = i < 0 ? '' : attr.slice(i + 1).trim();
    // Browsers ignore an attribute whose value is over 1024 bytes (RFC 6265bis §5.6).
    if (val.length > MAX_ATTRIBUTE_VALUE) continue;
    if (key === 'domain' && val) out.domain = val.replace(/^\./, '').toLowerCase();
    else if (key === 'path') out.path = val;
    else if (key === 'secure') out.secure = true;
    else if (key === 'httponly') out.httpOnly = true;
    else if (key === 'samesite') out.sameSite = val.toLowerCase();
    else if (key === 'partitioned') out.partitioned = true;
    else if (key === 'max-age' && /^-?\d+$/.test(val)) maxAge = Number(val);
    else if (key === 'expires') {
      const t = Date.parse(val);
      if (!Number.isNaN(t)) expires = Math.round((t - now) / 1000);
    }
  }
  // Max-Age wins over Expires (RFC 6265 §5.3 step 3).
  out.lifetimeSeconds = maxAge ?? expires;
  return out;
}

/** A Set-Cookie (or script write) whose Max-Age/Expires is already past deletes the cookie. */
export function isDeletion(c: Pick<SetCookie, 'lifetimeSeconds'>): boolean {
  return c.lifetimeSeconds !== null && c.lifetimeSeconds <= 0;
}

/** Splits a Cookie request header into name/value pairs. */
export function parseCookieHeader(header: string): { name: string; value: string }[] {
  if (typeof header !== 'string' || header.length === 0) return [];
  const out: { name: string; value: string }[] = [];
  for (const part of header.split(';', MAX_COOKIES_PER_HEADER)) {
    const eq = part.indexOf('=');
    const name = clip((eq < 0 ? '' : part.slice(0, eq)).trim());
    const value = clip((eq < 0 ? part : part.slice(eq + 1)).trim());
    if (name !== '' || value !== '') out.push({ name, value });
  }
  return out;
}

/** Parses a `document.cookie = "…"` assignment string: same grammar as Set-Cookie. */
export const parseCookieAssignment = parseSetCookie;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Firefox's cookies API hands back a non-ASCII cookie name or value as its UTF-8 bytes read as Latin-1
 * ("emojiðª"). Undo that when the string is exactly such bytes; anything else (plain ASCII, real Latin-1
 * text that is not valid UTF-8) is returned as it is.
 */
export function utf8FromLatin1(s: string): string {
  let high = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return s;
    if (c >= 0x80) high = true;
  }
  if (!high) return s;
  const bytes = Uint8Array.from(s, (ch) => ch.charCodeAt(0));
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return s;
  }
}
