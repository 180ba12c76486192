import { describe, expect, it } from 'vitest';
import { CUSTOMER_IO, T0, bundle, entry } from '@/lib/report/__fixtures__/visit';
import { HOSTILE, cls, exportMeta, exportSample } from '@/lib/report/__fixtures__/export';
import type { ExportInput } from '@/lib/export/json';
import { EXPORT_CSS } from './style';
import { renderHtmlReport } from './html';

/** How the renderer writes HOSTILE as text: `<` and `&` escaped, so no tag can open. */
const HOSTILE_TEXT = '&lt;img src=x onerror=alert(1)>';
const meta = exportMeta;

function sample(): ExportInput {
  const b = exportSample();
  return { derived: b.derived, entries: b.entries };
}

/** Every class attribute value in the document, split into class names. */
function classesIn(html: string): Set<string> {
  return new Set([...html.matchAll(/ class="([^"]*)"/g)].flatMap((m) => m[1]!.split(/\s+/).filter(Boolean)));
}

describe('renderHtmlReport', () => {
  const html = renderHtmlReport(sample(), [CUSTOMER_IO], meta);

  it('is one self-contained document: strict CSP, inline CSS, no script, no button, no remote load', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"/>`,
    );
    expect(html).toContain(`<style>${EXPORT_CSS}</style>`);
    expect(html).not.toMatch(/<script|<button|<input|<link|<img|<iframe/i);
    // No event handler and no remote load in any tag (the hostile text only appears escaped, outside tags).
    expect(html).not.toMatch(/<[a-z][^>]*\s(on[a-z]+|src)=/i);
    // Toggles are details/summary, open so that everything prints.
    expect(html).toMatch(/<li class="vendor-row violation" data-vendor="customer-io"><details open><summary/);
  });

  it('shows page data as text only', () => {
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain(HOSTILE_TEXT);
    expect(html).toContain('Open Cookie Database, Apache-2.0 &lt;x>');
  });

  it('carries the verdict, consent timeline, vendor GDPR details, derived markers and unknowns', () => {
    expect(html).toContain(
      '<p class="verdict violation" id="verdict" role="status">1 marketing tracker fired before consent; 1 analytics tracker fired after consent was refused',
    );
    expect(html).toContain('OneTrust: rejected all');
    expect(html).toContain('<pre>groups=C0001:1,C0004:0</pre>');
    expect(html).toContain('&quot;C0004&quot;: false');
    expect(html).toMatch(/<details open><summary>Raw and decoded signal<\/summary>/);
    expect(html).toContain('<span class="name">Customer.io</span>');
    expect(html).toContain('Consent, Article 6(1)(a)');
    expect(html).toMatch(
      /<abbr class="derived fact-derived" title="Derived, not sourced[^"]*rule:risk-by-category[^"]*"[^>]*>derived<\/abbr>/,
    );
    expect(html).toContain('title="Source: ConsentStack: Customer.io"');
    expect(html).toContain(
      `<span class="reason"><bdi class="page-text">unknown &quot;${HOSTILE_TEXT}&quot;</bdi></span>`,
    );
    expect(html).toContain('Method and limitations');
    expect(html).toContain(
      '<a href="https://example.org/flowconsent" target="_blank" rel="noreferrer noopener">',
    );
  });

  it('lists every timeline event in full, with the query string intact', () => {
    const rows = html.match(/<tr class="t-/g) ?? [];
    expect(rows).toHaveLength(4);
    expect(html).toContain('<bdi class="page-text">https://ga.test/?q=&quot;=1</bdi>');
    expect(html).not.toContain('height:44px');
  });

  it('lists every event and unknown of a long visit, none cut short', () => {
    const long = 'x'.repeat(1000);
    const entries = Array.from({ length: 250 }, (_, i) =>
      entry({
        host: `h${i}.unknown.example`,
        at: T0 + 10 + i,
        url: `https://h${i}.unknown.example/${long}`,
        classification: cls(null, 'unknown', 'no vendor'),
      }),
    );
    const b = bundle(entries);
    const out = renderHtmlReport({ derived: b.derived, entries: b.entries! }, [], meta);
    expect(out.match(/<tr class="t-/g) ?? []).toHaveLength(250);
    expect(out).toContain(`h249.unknown.example/${long}</bdi>`);
    expect(out.match(/<ul class="unknowns">/g)).toHaveLength(1);
    expect(out).toContain('h249.unknown.example</code>');
  });

  it('says when the observations came from a HAR file', () => {
    expect(html).not.toContain('built offline from a HAR file');
    expect(renderHtmlReport(sample(), [], { ...meta, capture: 'har' })).toContain(
      'built offline from a HAR file',
    );
    expect(renderHtmlReport(sample(), [], { ...meta, capture: 'har' })).not.toContain('no valid start time');
    expect(renderHtmlReport(sample(), [], { ...meta, capture: 'har', undatedEntries: 2 })).toContain(
      '2 entries of the file had no valid start time',
    );
    // Before, only the CLI's stderr and the JSON said a header had been cut or a cookie refused.
    const gaps = renderHtmlReport(sample(), [], {
      ...meta,
      capture: 'har',
      truncatedHeaders: 1,
      rejectedCookies: 3,
    });
    expect(gaps).toContain(
      '1 header value was over 1 MiB and cut there: cookies after the cut are not in this report.',
    );
    expect(gaps).toContain('3 Set-Cookies name a domain the responding host may not set cookies for');
    expect(renderHtmlReport(sample(), [], { ...meta, capture: 'har' })).not.toContain('cut there');
  });

  it('says when only browser-observed evidence was used', () => {
    expect(html).not.toContain('Browser-observed evidence only');
    expect(renderHtmlReport({ ...sample(), browserOnly: true }, [], meta)).toContain(
      '<strong>Browser-observed evidence only</strong>',
    );
  });

  it('never links a non-https policy URL', () => {
    const hostile = {
      ...CUSTOMER_IO,
      gdpr: {
        ...CUSTOMER_IO.gdpr,
        privacyPolicy: { value: 'javascript:alert(1)', source: 'x', derived: false },
      },
    };
    const out = renderHtmlReport(sample(), [hostile], meta);
    expect(out).toContain('javascript:alert(1)');
    expect(out).not.toContain('href="javascript:');
    expect([...out.matchAll(/href="([^"]*)"/g)].every((m) => m[1]!.startsWith('https://'))).toBe(true);
  });

  it('styles every class it uses (the inline CSS covers the shared components)', () => {
    const unstyled = [...classesIn(html)].filter((c) => !EXPORT_CSS.includes(`.${c}`));
    // Hooks for tests and scripts, not looks: timeline row kinds, fact statuses, the consent line's status.
    expect(unstyled.filter((c) => !/^(t-|fact-)/.test(c)).sort()).toEqual(['counted', 'nowrap', 'who']);
  });
});

describe('renderHtmlReport with disguised names', () => {
  it('reveals bidi overrides in page data', () => {
    const b = bundle([
      entry({
        host: 'shop.example',
        kind: 'cookie',
        key: 'rtl\u202Eevil@shop.example',
        cookie: {
          name: 'rtl\u202Eevil',
          domain: 'shop.example',
          action: 'set',
          valueLength: 1,
          valueHash: 'h',
        },
      }),
    ]);
    const out = renderHtmlReport({ derived: b.derived, entries: b.entries! }, [], meta);
    expect(out).toContain('rtl⟨U+202E⟩evil');
    expect(out).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
  });
});

describe('renderHtmlReport company provenance', () => {
  it('names the source of company and country when the record gives one', () => {
    const v = { ...CUSTOMER_IO, companySource: 'seed:flowconsent', countrySource: 'seed:consentstack' };
    const out = renderHtmlReport(sample(), [v], meta);
    expect(out).toMatch(
      /<strong>Customer\.io<\/strong><sup class="src-ref" title="Source: FlowConsent: Customer\.io">src<\/sup> · United States<sup class="src-ref" title="Source: ConsentStack: Customer\.io">src<\/sup>/,
    );
  });
});
