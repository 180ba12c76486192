import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_IO, T0, finding, visit } from './__fixtures__/visit';
import { factViews, safeHttpsUrl } from './facts';
import { formatLifetime, formatRelative } from './format';
import { computeVerdict, consentStateText } from './verdict';
import { groupVendors, matchVendorCookie, unknownItems } from './vendors';
import { EMPTY_FILTER, buildTimeline, filterTimeline, timelineVendors } from './timeline';

const cio = (p: Parameters<typeof finding>[0]) =>
  finding({ vendorId: 'customer-io', category: 'marketing', violation: true, ...p });

let tz: string | undefined;
beforeAll(() => {
  tz = process.env.TZ;
  process.env.TZ = 'UTC';
});
afterAll(() => {
  process.env.TZ = tz;
});

describe('computeVerdict', () => {
  it('counts distinct vendors per category, naming before-consent and after-reject', () => {
    const findings = [
      cio({ host: 'track.customer.io' }),
      cio({ host: 'assets.customer.io' }),
      finding({ host: 'a.test', vendorId: 'a', category: 'marketing', violation: true }),
      finding({
        host: 'g.test',
        vendorId: 'g',
        category: 'analytics',
        violation: true,
        phase: 'after-reject',
      }),
      finding({ host: 'cdn.test', vendorId: 'cdn', category: 'necessary' }),
      finding({ host: 'ok.test', vendorId: 'ok', category: 'analytics', phase: 'after-accept' }),
    ];
    const v = computeVerdict(findings);
    expect(v.text).toBe(
      '2 marketing trackers fired before consent; 1 analytics tracker fired after consent was refused',
    );
    expect(v.severity).toBe('violation');
  });

  it('joins several categories and says when nothing needed consent', () => {
    const two = computeVerdict([
      cio({ host: 'x' }),
      finding({ host: 'g', vendorId: 'g', category: 'analytics', violation: true }),
    ]);
    expect(two.text).toBe('1 marketing and 1 analytics trackers fired before consent');
    expect(computeVerdict([finding({ host: 'cdn.test', category: 'necessary' })]).severity).toBe('clean');
    expect(computeVerdict([]).severity).toBe('empty');
  });
});

describe('consentStateText', () => {
  it('names the tool and the latest choice with its time', () => {
    expect(consentStateText(visit())).toBe('no consent tool detected');
    expect(consentStateText(visit({ consentTool: 'onetrust' }))).toBe('OneTrust · no choice yet');
    const rejected = visit({
      consentTool: 'cookiebot',
      consent: [
        { tool: 'cookiebot', state: 'banner', via: 'dom', raw: '', at: T0 + 10 },
        {
          tool: 'cookiebot',
          state: 'choice',
          via: 'cookie:CookieConsent',
          raw: 'x',
          at: T0 + 11_000,
          choice: { kind: 'reject-all', granted: ['necessary'] },
        },
      ],
    });
    expect(consentStateText(rejected)).toBe('Cookiebot · rejected at 13:02:11');
    const carried = visit({
      consent: [
        {
          tool: 'MyCMP',
          state: 'choice',
          via: 'c',
          raw: '',
          at: T0,
          carriedOver: true,
          choice: { kind: 'custom', granted: ['necessary', 'analytics'] },
        },
      ],
    });
    expect(consentStateText(carried)).toBe('MyCMP · custom choice (allowed: analytics) before this visit');
  });
});

describe('groupVendors', () => {
  it('groups by category, puts violations first and maps cookies to the vendor DB', () => {
    const findings = [
      finding({ host: 'late.test', vendorId: 'late', category: 'marketing', phase: 'after-accept' }),
      cio({ host: 'track.customer.io', count: 3 }),
      cio({
        kind: 'cookie',
        host: 'shop.example',
        cookieName: '_cioid',
        cookieDomain: 'shop.example',
        thirdParty: false,
        lifetimeSeconds: 31536000,
        setBy: 'https://track.customer.io/track.js',
      }),
      finding({ host: 'ga.test', vendorId: 'ga', category: 'analytics', violation: true }),
      finding({ host: 'mystery.test' }),
    ];
    const groups = groupVendors(findings, [CUSTOMER_IO]);
    expect(groups.map((g) => g.category)).toEqual(['marketing', 'analytics']);
    const [first, second] = groups[0]!.rows;
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
    expect(second!.name).toBe('late');
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
  it('lists unattributed findings with the classifier reason, violations phase first', () => {
    const items = unknownItems([
      finding({ host: 'b.test', phase: 'after-accept', reason: 'no vendor for host' }),
      finding({
        kind: 'cookie',
        host: 'shop.example',
        cookieName: '<img src=x>',
        reason: 'unknown cookie name',
      }),
      cio({ host: 'track.customer.io' }),
      finding({
        host: 'shop.example',
        thirdParty: false,
        reason: 'host shop.example matches no known vendor',
      }),
    ]);
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
  const v = visit({
    consent: [
      {
        tool: 'onetrust',
        state: 'choice',
        via: 'cookie:OptanonConsent',
        raw: 'groups=C0004:0',
        at: T0 + 5000,
        choice: { kind: 'reject-all', granted: ['necessary'] },
      },
    ],
  });
  const findings = [
    cio({ host: 'track.customer.io', firstSeenAt: T0 + 100 }),
    finding({
      host: 'ga.test',
      vendorId: 'ga',
      category: 'analytics',
      phase: 'after-reject',
      violation: true,
      firstSeenAt: T0 + 6000,
    }),
    finding({ host: 'cdn.test', category: 'necessary', firstSeenAt: T0 + 50 }),
  ];
  const entries = buildTimeline(v, findings, [CUSTOMER_IO]);

  it('orders findings and consent changes by time, relative to the visit start', () => {
    expect(entries.map((e) => e.label)).toEqual([
      'cdn.test',
      'track.customer.io',
      'OneTrust: rejected all',
      'ga.test',
    ]);
    expect(entries[1]!.offsetMs).toBe(100);
    expect(entries[1]!.vendorName).toBe('Customer.io');
    expect(entries[2]!.detail).toBe('cookie:OptanonConsent: groups=C0004:0');
  });

  it('filters by category, phase, vendor and text, keeping consent entries for context', () => {
    const labels = (f: Partial<typeof EMPTY_FILTER>) =>
      filterTimeline(entries, { ...EMPTY_FILTER, ...f }).map((e) => e.label);
    expect(labels({ categories: ['marketing'] })).toEqual(['track.customer.io', 'OneTrust: rejected all']);
    expect(labels({ phases: ['after-reject'] })).toEqual(['OneTrust: rejected all', 'ga.test']);
    expect(labels({ vendorId: 'ga' })).toEqual(['OneTrust: rejected all', 'ga.test']);
    expect(labels({ text: 'CUSTOMER.IO' })).toEqual(['track.customer.io']);
    expect(labels({ kinds: ['consent'] })).toEqual(['OneTrust: rejected all']);
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
