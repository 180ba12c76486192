import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_IO, T0, bannerEntry, consentEntry, entry, visit } from './__fixtures__/visit';
import type { CategoryOrUnknown } from '../category';
import { deriveVisit } from '../evidence/derive';
import type { CookieDetail, EvidenceEntry } from '../evidence/types';
import { factViews, safeHttpsUrl } from './facts';
import { formatLifetime, formatRelative } from './format';
import { groupVendors, matchVendorCookie, unknownItems } from './vendors';
import { EMPTY_FILTER, buildTimeline, filterTimeline, timelineVendors } from './timeline';

/** A classified browser sighting of `host` (or a cookie on it) at T0 + dt. */
function seen(
  host: string,
  vendor: string | null,
  category: CategoryOrUnknown,
  dt: number,
  extra: Partial<EvidenceEntry> = {},
): EvidenceEntry {
  return entry({
    host,
    at: T0 + dt,
    classification: {
      vendor,
      vendorName: null,
      company: null,
      category,
      thirdParty: true,
      reason: 'no vendor for host',
    },
    ...extra,
  });
}
const cookie = (name: string, domain: string, c: Partial<CookieDetail> = {}): Partial<EvidenceEntry> => ({
  kind: 'cookie',
  key: `${name}@${domain}`,
  via: 'cookies-api',
  cookie: { name, domain, action: 'set', valueLength: 1, valueHash: 'h', ...c },
});
const reject = (dt: number) =>
  consentEntry(
    {
      tool: 'onetrust',
      state: 'choice',
      via: 'cookie:OptanonConsent',
      raw: 'groups=C0004:0',
      choice: { kind: 'reject-all', granted: ['necessary'] },
    },
    { at: T0 + dt },
  );
const derived = (entries: EvidenceEntry[]) => deriveVisit(visit(), entries);

let tz: string | undefined;
beforeAll(() => {
  tz = process.env.TZ;
  process.env.TZ = 'UTC';
});
afterAll(() => {
  process.env.TZ = tz;
});

describe('verdict', () => {
  it('counts distinct vendors per category, naming before-consent and after-reject', () => {
    const v = derived([
      seen('track.customer.io', 'customer-io', 'marketing', 1),
      seen('assets.customer.io', 'customer-io', 'marketing', 2),
      seen('a.test', 'a', 'marketing', 3),
      reject(4000),
      seen('g.test', 'g', 'analytics', 5000),
      seen('cdn.test', 'cdn', 'necessary', 6),
    ]).verdict;
    expect(v.text).toBe(
      '2 marketing trackers fired before consent; 1 analytics tracker fired after consent was refused',
    );
    expect(v.severity).toBe('violation');
    expect(v.violating).toBe(3);
  });

  it('joins several categories, says when nothing needed consent, and names what needs review', () => {
    const two = derived([seen('x', 'customer-io', 'marketing', 1), seen('g', 'g', 'analytics', 2)]).verdict;
    expect(two.text).toBe('1 marketing and 1 analytics trackers fired before consent');
    expect(derived([seen('cdn.test', null, 'necessary', 1)]).verdict.severity).toBe('clean');
    expect(derived([]).verdict.severity).toBe('empty');
    const review = derived([seen('id.test', null, 'unknown', 1, cookie('uid', 'id.test'))]).verdict;
    expect(review.text).toBe(
      'No tracker that needs consent fired before consent or after a refusal (1 of unknown purpose: needs review)',
    );
  });
});

describe('consentState', () => {
  it('names the tool and the latest choice with its time', () => {
    expect(derived([]).consentState).toBe('no consent tool detected');
    const banner = bannerEntry(T0 + 10, 'onetrust');
    expect(derived([banner]).consentState).toBe('OneTrust · no choice yet');
    const cookiebot = consentEntry(
      {
        tool: 'cookiebot',
        state: 'choice',
        via: 'cookie:CookieConsent',
        raw: 'x',
        choice: { kind: 'reject-all', granted: ['necessary'] },
      },
      { at: T0 + 11_000 },
    );
    expect(derived([banner, cookiebot]).consentState).toBe('Cookiebot · rejected at 13:02:11');
    const custom = {
      tool: 'mycmp',
      state: 'choice' as const,
      via: 'c',
      raw: 'a',
      choice: { kind: 'custom' as const, granted: ['necessary' as const, 'analytics' as const] },
    };
    const carried = consentEntry(custom, {
      at: T0,
      via: 'cookie-header',
      consent: { signal: custom, mainFrame: true },
    });
    expect(derived([carried]).consentState).toBe(
      'Mycmp · custom choice (allowed: analytics) before this visit',
    );
  });
});

describe('groupVendors', () => {
  it('groups by category, puts violations first and maps cookies to the vendor DB', () => {
    const d = derived([
      seen('ga.test', 'ga', 'analytics', 1),
      seen('track.customer.io', 'customer-io', 'marketing', 2, { count: 3, times: [T0 + 2, T0 + 3, T0 + 4] }),
      seen('shop.example', 'customer-io', 'marketing', 5, {
        ...cookie('_cioid', 'shop.example', {
          lifetimeSeconds: 31536000,
          setBy: 'https://track.customer.io/track.js',
        }),
        classification: {
          vendor: 'customer-io',
          vendorName: null,
          company: null,
          category: 'marketing',
          thirdParty: false,
          reason: 'cookie',
        },
      }),
      seen('mystery.test', null, 'unknown', 6),
      reject(100),
      seen('late.test', 'late', 'necessary', 200),
    ]);
    const groups = groupVendors(d, [CUSTOMER_IO]);
    expect(groups.map((g) => g.category)).toEqual(['marketing', 'analytics', 'necessary']);
    const [first] = groups[0]!.rows;
    expect(first!.name).toBe('Customer.io');
    expect(first!.beforeConsent && first!.violation).toBe(true);
    expect(first!.violationPhases).toEqual(['before-consent']);
    expect(first!.requestCount).toBe(3);
    expect(first!.cookies[0]).toMatchObject({
      name: '_cioid',
      party: 'first',
      observedLifetime: '1 year',
      declaredDuration: '1-year expiry',
      declaredSourceTitle: 'ConsentStack: Customer.io',
      purpose: 'Persists the resolved user ID across sessions.',
      setBy: 'https://track.customer.io/track.js',
    });
    // A vendor missing from the DB still gets a row, named by its id.
    expect(groups[2]!.rows[0]!.name).toBe('late');
    expect(groups[0]!.violations).toBe(1);
  });

  it('matches exact names before prefixes and the longest prefix', () => {
    const v = {
      ...CUSTOMER_IO,
      cookies: [
        { ...CUSTOMER_IO.cookies[0]!, name: '_c', match: 'prefix' as const },
        { ...CUSTOMER_IO.cookies[0]!, name: '_cio', match: 'prefix' as const, purpose: 'long' },
      ],
    };
    expect(matchVendorCookie(v, '_cio_x')?.purpose).toBe('long');
    expect(matchVendorCookie(v, 'zzz')).toBeNull();
    expect(matchVendorCookie(null, '_cio')).toBeNull();
  });
});

describe('unknownItems', () => {
  it('lists unattributed findings with the classifier reason, before-consent first', () => {
    const d = derived([
      reject(50),
      seen('b.test', null, 'unknown', 100),
      seen('shop.example', null, 'unknown', 1, { ...cookie('<img src=x>', 'shop.example') }),
      seen('track.customer.io', 'customer-io', 'marketing', 2),
      seen('shop.example', null, 'unknown', 3, {
        classification: {
          vendor: null,
          vendorName: null,
          company: null,
          category: 'unknown',
          thirdParty: false,
          reason: 'own',
        },
      }),
    ]);
    const items = unknownItems(d.findings);
    expect(items.map((i) => i.label)).toEqual(['<img src=x> @ shop.example', 'b.test']);
    expect(items[1]!.reason).toBe('no vendor for host');
  });
});

describe('factViews', () => {
  it('labels derived values with their rule and sourced values with the source title', () => {
    const views = factViews(CUSTOMER_IO);
    const risk = views.find((f) => f.key === 'risk')!;
    expect(risk).toMatchObject({
      derived: true,
      provenance: 'Derived: Risk level from the vendor category.',
    });
    const basis = views.find((f) => f.key === 'legalBasis')!;
    expect(basis).toMatchObject({
      derived: false,
      provenance: 'Source: ConsentStack: Customer.io',
      sourceUrl: null,
    });
    const region = views.find((f) => f.key === 'euDataRegion')!;
    expect(region.sourceUrl).toBe('https://example.org/flowconsent');
    expect(views.find((f) => f.key === 'transferMechanisms')!.items).toHaveLength(2);
    expect(views.find((f) => f.key === 'alternatives')!.text).toBe('none stated');
    expect(views.find((f) => f.key === 'privacyPolicy')!).toMatchObject({ text: 'not stated', link: null });
  });

  it('only turns https: URLs into links', () => {
    expect(safeHttpsUrl('https://customer.io/legal')).toBe('https://customer.io/legal');
    for (const bad of ['javascript:alert(1)', 'http://x.test', 'data:text/html,x', 'not a url', 42, null]) {
      expect(safeHttpsUrl(bad)).toBeNull();
    }
    const hostile = {
      ...CUSTOMER_IO,
      gdpr: {
        ...CUSTOMER_IO.gdpr,
        privacyPolicy: { value: 'javascript:alert(1)', source: 's', derived: false },
      },
    };
    expect(factViews(hostile).find((f) => f.key === 'privacyPolicy')!.link).toBeNull();
  });
});

describe('timeline', () => {
  const d = derived([
    seen('track.customer.io', 'customer-io', 'marketing', 100),
    reject(5000),
    seen('ga.test', 'ga', 'analytics', 6000),
    seen('cdn.test', null, 'necessary', 50),
  ]);
  const entries = buildTimeline(d.visit, d.findings, [CUSTOMER_IO], d.consent.lines);

  it('orders findings and consent lines by time, relative to the visit start', () => {
    expect(entries.map((e) => e.label)).toEqual([
      'cdn.test',
      'track.customer.io',
      'OneTrust: rejected all (the visitor’s choice)',
      'ga.test',
    ]);
    expect(entries[1]!.offsetMs).toBe(100);
    expect(entries[1]!.vendorName).toBe('Customer.io');
    expect(entries[2]!.detail).toBe('browser via cookies-api: groups=C0004:0');
  });

  it('filters by category, phase, vendor and text, keeping consent entries for context', () => {
    const consent = 'OneTrust: rejected all (the visitor’s choice)';
    const labels = (f: Partial<typeof EMPTY_FILTER>) =>
      filterTimeline(entries, { ...EMPTY_FILTER, ...f }).map((e) => e.label);
    expect(labels({ categories: ['marketing'] })).toEqual(['track.customer.io', consent]);
    expect(labels({ phases: ['after-reject'] })).toEqual([consent, 'ga.test']);
    expect(labels({ vendorId: 'ga' })).toEqual([consent, 'ga.test']);
    expect(labels({ text: 'CUSTOMER.IO' })).toEqual(['track.customer.io']);
    expect(labels({ kinds: ['consent'] })).toEqual([consent]);
    expect(timelineVendors(entries)).toEqual([
      { id: 'customer-io', name: 'Customer.io' },
      { id: 'ga', name: 'ga' },
    ]);
  });
});

describe('format', () => {
  it('formats lifetimes and offsets', () => {
    expect(formatLifetime(null)).toBe('session');
    expect(formatLifetime(0)).toBe('expired');
    expect(formatLifetime(90)).toBe('1 minute');
    expect(formatLifetime(86400)).toBe('1 day');
    expect(formatLifetime(86399)).toBe('23 hours');
    expect(formatLifetime(14 * 86400)).toBe('14 days');
    expect(formatLifetime(2 * 365 * 86400 + 5)).toBe('2 years');
    expect(formatRelative(1234)).toBe('+1.234 s');
    expect(formatRelative(125_100)).toBe('+2 min 05.1 s');
    expect(formatRelative(-500)).toBe('−0.500 s');
  });
});

describe('displayText', () => {
  it('reveals bidi overrides and zero-width characters, then truncates', async () => {
    const { displayText, showInvisible } = await import('./format');
    expect(showInvisible('rtl\u202Eevil\u200b')).toBe('rtl⟨U+202E⟩evil⟨U+200B⟩');
    expect(displayText('n'.repeat(2000), 10)).toBe('nnnnnnnnn…');
    expect(displayText('short')).toBe('short');
  });
});
