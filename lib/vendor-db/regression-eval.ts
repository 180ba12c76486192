// The regression set (data/regression/vendor-docs.json) evaluated against one vendor index: shared by
// regression.test.ts and scripts/import-diff.ts, so both judge an entry by exactly the same rules.
import { needsConsent, type CategoryOrUnknown } from '../category';
import type { VendorIndex } from './compiled-types';
import { classifyCookie, classifyRequest } from './match';

/** One entry of data/regression/vendor-docs.json. */
export interface RegressionEntry {
  vendor: string;
  docs: string;
  /** True only when the listed hosts and cookies were found in the `docs` page's text (quoted in `evidence`). */
  checked: boolean;
  checkedOn?: string;
  evidence?: string;
  /** The stored copy actually read, when it was not the `docs` URL itself (e.g. an http:// copy). */
  via?: string;
  requests: string[];
  cookies: string[];
  category?: CategoryOrUnknown;
  cookieCategory?: CategoryOrUnknown;
}

/** One expectation of an entry that the index does not meet. */
export interface RegressionFailure {
  vendor: string;
  kind: 'request' | 'cookie';
  /** The request URL or the cookie spec ("name" or "name@domain") as written in the entry. */
  subject: string;
  aspect: 'vendor' | 'category';
  expected: string;
  got: string;
}

/** The page every entry is evaluated on. */
export const REGRESSION_PAGE = 'https://shop.example/';
/** A documented cookie is evaluated as a persistent one (90 days), the case where consent matters. */
const COOKIE_LIFETIME = 86_400 * 90;

/** Every expectation of `entry` the index fails; [] when the entry passes. */
export function evaluateEntry(index: VendorIndex, entry: RegressionEntry): RegressionFailure[] {
  const out: RegressionFailure[] = [];
  const fail = (
    kind: RegressionFailure['kind'],
    subject: string,
    aspect: RegressionFailure['aspect'],
    expected: string,
    got: string | null,
  ) => out.push({ vendor: entry.vendor, kind, subject, aspect, expected, got: String(got) });
  for (const url of entry.requests) {
    const c = classifyRequest(index, url, REGRESSION_PAGE);
    if (c.vendor !== entry.vendor) fail('request', url, 'vendor', entry.vendor, c.vendor);
    else if (entry.category && c.category !== entry.category)
      fail('request', url, 'category', entry.category, c.category);
  }
  for (const spec of entry.cookies) {
    // "name" is set first-party on the site by the vendor's script; "name@domain" is a third-party cookie there.
    const [name, domain = 'shop.example'] = spec.split('@') as [string, string?];
    const c = classifyCookie(index, {
      name,
      domain,
      pageUrl: REGRESSION_PAGE,
      lifetimeSeconds: COOKIE_LIFETIME,
    });
    if (c.vendor !== entry.vendor) fail('cookie', spec, 'vendor', entry.vendor, c.vendor);
    else if (entry.cookieCategory) {
      if (c.category !== entry.cookieCategory)
        fail('cookie', spec, 'category', entry.cookieCategory, c.category);
    } else if (!needsConsent(c.category)) fail('cookie', spec, 'category', 'a consent category', c.category);
  }
  return out;
}

/** Every failure of the whole set, in entry order. */
export function evaluateRegressionSet(
  index: VendorIndex,
  entries: readonly RegressionEntry[],
): RegressionFailure[] {
  return entries.flatMap((e) => evaluateEntry(index, e));
}

/** What an index change does to the set: expectations that newly fail, and ones that newly pass. */
export interface RegressionDiff {
  newlyFailing: RegressionFailure[];
  newlyPassing: RegressionFailure[];
  /** Failing before and after (with the same or a different wrong answer). */
  stillFailing: number;
}

const keyOf = (f: RegressionFailure) => `${f.vendor}\t${f.kind}\t${f.subject}\t${f.aspect}`;

/** Compares the failures of one regression set against two indexes (e.g. before and after an upstream update). */
export function diffRegression(
  before: readonly RegressionFailure[],
  after: readonly RegressionFailure[],
): RegressionDiff {
  const was = new Set(before.map(keyOf));
  const now = new Set(after.map(keyOf));
  const seen = new Set<string>();
  // One expectation can appear in two entries of the same vendor: report it once.
  const once = (f: RegressionFailure) => !seen.has(keyOf(f)) && !!seen.add(keyOf(f));
  const newlyFailing = after.filter((f) => !was.has(keyOf(f))).filter(once);
  seen.clear();
  const newlyPassing = before.filter((f) => !now.has(keyOf(f))).filter(once);
  let stillFailing = 0;
  for (const k of now) if (was.has(k)) stillFailing++;
  return { newlyFailing, newlyPassing, stillFailing };
}
