// A tracker's identifier known by its value's documented format, whatever the cookie is named: trackers let the site
// rename their cookies (gtag.js `cookie_prefix`, Matomo's `setCookieNamePrefix`), so a name guess or a consent
// manager's name prefix must not exempt a value that is a tracker's visitor ID.

/** One vendor's documented identifier format: the cookie the database lists it under, and where it is stated. */
export interface IdFormat {
  /** The vendor's own cookie of this format, as the database lists it: its claim names the vendor and category. */
  cookie: string;
  /** The format as a reason shows it. */
  format: string;
  /** The vendor's own text stating the format (or, for Google, the renaming the name test reads). */
  source: string;
  /** Whether the cookie (name and value) has the format. */
  test: (name: string, value: string) => boolean;
}

// Meta: "The fbp event parameter value must be of the form version.subdomainIndex.creationTime.randomnumber, where
// version is always this prefix: fb ... creationTime is the UNIX time since epoch in milliseconds", example
// fb.1.1596403881668.1116446470.
const META_FBP = /^fb\.[0-2]\.\d{13}\.\d{6,20}$/;

// Matomo's JS tracker (matomo-org/matomo js/piwik.js, setVisitorIdCookie): the id cookie's value is
// `uuid + '.' + createTs + '.'` followed by older visit counters; the visitor ID `_id` "must be a 16 characters
// hexadecimal string" (Matomo Tracking HTTP API), createTs a Unix time in seconds.
const MATOMO_ID = /^[0-9a-f]{16}\.\d{10}\.[\d.]*$/;

// Google does not document the `_ga` value's format, so no value alone is taken as Google's. What it documents is
// the rename: gtag.js `cookie_prefix` "example" makes the ID cookie `example_ga` (and GA4's session cookie
// `example_ga_<container-id>`); such a name holding a GA1./GS1./GS2. value (the shape cookie-heuristics.ts
// already reads as Google Analytics') is that cookie renamed.
const GA_RENAMED = /[^_]_ga(?:_[A-Z0-9]{4,16})?$/;
const GA_VALUE = /^(?:GA1\.\d+\.\d+\.\d+$|GS[12]\.\d+\.)/;

export const ID_FORMATS: readonly IdFormat[] = [
  {
    cookie: '_fbp',
    format: "Meta Pixel's browser ID format (fb.<subdomain index>.<creation time in ms>.<random number>)",
    source: 'https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/fbp-and-fbc/',
    test: (_name, value) => META_FBP.test(value),
  },
  {
    cookie: '_pk_id.1.ab12',
    format: "Matomo's visitor-ID cookie format (<16 hex>.<creation time>.…)",
    source: 'https://github.com/matomo-org/matomo/blob/master/js/piwik.js (setVisitorIdCookie)',
    test: (_name, value) => MATOMO_ID.test(value),
  },
  {
    cookie: '_ga',
    format:
      "Google Analytics' client-ID cookie renamed by gtag.js cookie_prefix (<prefix>_ga holding a GA1./GS1./GS2. value)",
    source: 'https://developers.google.com/analytics/devguides/collection/gtagjs/cookies-user-id',
    test: (name, value) => GA_VALUE.test(value) && GA_RENAMED.test(name),
  },
];

/**
 * The documented identifier format a cookie has, or null. First characters rule out almost every value, so an
 * exempt cookie costs one or two character tests.
 */
export function idFormatOf(name: string, value: string | undefined): IdFormat | null {
  if (typeof value !== 'string' || value.length < 10 || value.length > 200) return null;
  const c = value.charCodeAt(0);
  // 'f' (Meta), 'G' (Google), or a hex digit (Matomo).
  if (c !== 0x66 && c !== 0x47 && !isHexDigit(c)) return null;
  for (const f of ID_FORMATS) if (f.test(name, value)) return f;
  return null;
}

/** 0-9 or a-f: Matomo's visitor ID starts with one. */
function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66);
}
