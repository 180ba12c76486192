import { describe, expect, it } from 'vitest';
import { buildDeclaration, declarationCsv, declarationHtml, lifetimeText } from './declaration';
import { buildSiteReport } from './site-report';
import { cls, cookie, page, request, stored } from './__fixtures__/site';
import { CUSTOMER_IO, T0 } from '../report/__fixtures__/visit';

const CIO_1P = cls('customer-io', 'marketing', false, 'Customer.io');
const CIO_3P = cls('customer-io', 'marketing', true, 'Customer.io');
const report = buildSiteReport({
  site: 'shop.example',
  startUrl: 'https://shop.example/',
  auditedAt: T0,
  pages: [
    {
      url: 'https://shop.example/',
      report: null,
      derived: page('v', 'https://shop.example/', [
        request('v', 'track.customer.io', CIO_3P),
        cookie('v', '_cioid', 'shop.example', CIO_1P, 365 * 86_400),
        cookie('v', '_cio', 'customer.io', CIO_3P, 86_400),
        cookie('v', 'sid', 'shop.example', cls(null, 'necessary', false), null),
        stored('v', 'sessionStorage', 'step', cls(null, 'unknown', false)),
        stored('v', 'indexedDB', '<img src=x onerror=alert(1)>', cls(null, 'unknown', false)),
        stored('v', 'localStorage', '=HYPERLINK("x")', cls(null, 'unknown', false)),
      ]),
    },
  ],
});

describe('buildDeclaration', () => {
  const d = buildDeclaration(report, [CUSTOMER_IO]);

  it('puts classified items in their category table with provider, purpose, lifetime, type and party', () => {
    expect(d.tables.map((t) => t.category)).toEqual(['marketing']);
    const rows = d.tables[0]!.rows;
    expect(rows.map((r) => r.name)).toEqual(['_cio', '_cioid']);
    expect(rows.find((r) => r.name === '_cioid')).toMatchObject({
      provider: 'Customer.io',
      purpose: 'Persists the resolved user ID across sessions.',
      purposeSource: 'seed:consentstack',
      lifetime: '1 year',
      type: 'HTTP cookie',
      party: 'first',
    });
    expect(rows.find((r) => r.name === '_cio')).toMatchObject({ party: 'third', lifetime: '1 day' });
  });

  it('lists every item the database cannot name for review, with the classifier guess', () => {
    expect(d.review.map((r) => [r.name, r.type, r.category])).toEqual([
      ['<img src=x onerror=alert(1)>', 'IndexedDB', 'unknown'],
      ['=HYPERLINK("x")', 'Local storage', 'unknown'],
      ['sid', 'HTTP cookie', 'necessary'],
      ['step', 'Session storage', 'unknown'],
    ]);
    expect(d.review.find((r) => r.name === 'sid')!.provider).toBe('shop.example (this site)');
    const all = d.tables.flatMap((t) => t.rows).length + d.review.length;
    expect(all).toBe(report.cookies.length + report.storage.length);
  });

  it('writes escaped, self-contained HTML and formula-safe CSV', () => {
    const html = declarationHtml(d);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script|<link|src="/i);
    const csv = declarationCsv(d);
    expect(csv.split('\r\n')[0]).toBe(
      'category,name,provider,purpose,lifetime,type,party,domain,needs_review,pages,first_page',
    );
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv.trim().split('\r\n')).toHaveLength(1 + 6);
  });
});

describe('lifetimeText', () => {
  it('speaks in cookie-policy units', () => {
    expect(lifetimeText('cookie', null)).toBe('Session');
    expect(lifetimeText('cookie', 1800)).toBe('30 minutes');
    expect(lifetimeText('cookie', 86_400)).toBe('1 day');
    expect(lifetimeText('cookie', 63_072_000)).toBe('2 years');
    expect(lifetimeText('cookie', 7_776_000)).toBe('3 months');
    expect(lifetimeText('cookie', undefined)).toMatch(/^Unknown/);
    expect(lifetimeText('localStorage', undefined)).toMatch(/^Persistent/);
    expect(lifetimeText('sessionStorage', undefined)).toMatch(/^Session/);
  });
});
