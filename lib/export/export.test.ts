import { describe, expect, it } from 'vitest';
import { CUSTOMER_IO, T0, visit } from '../report/__fixtures__/visit';
import { exportMeta, exportSample } from '../report/__fixtures__/export';
import { escapeHtml } from './escape';
import { csvCell, findingsCsv, toCsv } from './csv';
import { EXPORT_FORMAT, buildExport, exportFileStem, exportJson } from './json';
import { parseExport } from './import';

const sample = exportSample;
const meta = exportMeta;

describe('escapeHtml', () => {
  it('escapes the five HTML specials and backtick, and drops control characters', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\``)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;',
    );
    expect(escapeHtml('a\u0000b\u0007c\nd\te')).toBe('abc\nd\te');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(42)).toBe('42');
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180 and neutralises formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    for (const f of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx'])
      expect(csvCell(f).startsWith("'") || csvCell(f).startsWith(`"'`)).toBe(true);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell(-500)).toBe('-500');
    expect(
      toCsv([
        ['a', 'b'],
        [1, null],
      ]),
    ).toBe('a,b\r\n1,\r\n');
  });

  it('writes one row per finding with the vendor name and provenance', () => {
    const b = sample();
    const lines = findingsCsv(b.derived.visit, b.derived.findings, [CUSTOMER_IO]).trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]!.startsWith('visit_id,site,page_url,phase,violation')).toBe(true);
    expect(lines[0]!.endsWith(',provenance')).toBe(true);
    expect(lines[1]).toContain(',before-consent,yes,marketing,customer-io,Customer.io,');
    expect(lines[2]!.endsWith(',page')).toBe(true);
    expect(lines[3]).toContain('"https://ga.test/?q=""=1"');
  });
});

describe('JSON export and import', () => {
  it('round-trips the evidence log and vendors, carrying provenance per entry', () => {
    const b = sample();
    const text = exportJson(b, [CUSTOMER_IO], meta);
    const result = parseExport(text);
    if (!result.ok) throw new Error(result.error);
    expect(result.bundle).toEqual({ derived: b.derived, entries: b.entries });
    expect(result.vendors).toEqual([CUSTOMER_IO]);
    expect(result.doc.verdict).toBe(
      '1 marketing tracker fired before consent; 1 analytics tracker fired after consent was refused (1 of unknown purpose: needs review)',
    );
    expect(result.doc.timeline.map((t) => t.time)[0]).toMatch(/^2026-11-25T13:02:00\.\d{3}Z$/);
    expect(result.doc.consent[0]!.decoded).toEqual({ groups: { C0004: false } });
    expect(result.doc.evidence.map((e) => e.provenance)).toEqual(['browser', 'page', 'browser', 'browser']);
    expect(result.doc.findings.find((f) => f.kind === 'cookie')!.provenance).toEqual(['page']);
    expect(result.doc.attribution.sources.map((s) => s.id)).toEqual([
      'seed:flowconsent',
      'seed:consentstack',
    ]);
  });

  it('rejects bad files with a clear error naming the problem', () => {
    const good = buildExport(sample(), [CUSTOMER_IO], meta);
    const bad = (mut: (d: any) => void) => {
      const d = structuredClone(good) as any;
      mut(d);
      const r = parseExport(JSON.stringify(d));
      return r.ok ? 'ok' : r.error;
    };
    expect(parseExport('')).toEqual({ ok: false, error: 'The file is empty.' });
    expect((parseExport('{nope') as { error: string }).error).toMatch(/^Not valid JSON/);
    expect((parseExport('[]') as { error: string }).error).toBe('Invalid report: file: expected an object');
    expect(bad((d) => (d.format = 'har'))).toContain(EXPORT_FORMAT);
    expect(bad((d) => (d.formatVersion = 99))).toMatch(/Unsupported report version 99/);
    expect(bad((d) => (d.evidence[1].provenance = 'trust-me'))).toBe(
      'Invalid report: evidence[1].provenance: expected one of browser, detector, page',
    );
    expect(bad((d) => delete d.visit.startedAt)).toBe('Invalid report: visit.startedAt: expected a number');
    expect(bad((d) => (d.vendors[0].gdpr.risk.derived = 'yes'))).toBe(
      'Invalid report: vendors[0].gdpr.risk.derived: expected true or false',
    );
    expect(bad((d) => (d.evidence[2].consent.signal.state = 'maybe'))).toMatch(
      /evidence\[2\]\.consent\.signal\.state/,
    );
    // What the derivation and the report read must be there and of its shape: a file that passes never crashes them.
    expect(bad((d) => delete d.evidence[2].consent)).toBe('Invalid report: evidence[2].consent is missing');
    expect(bad((d) => (d.evidence[2].consent.signal.choice = { kind: 'custom', granted: 'all' }))).toBe(
      'Invalid report: evidence[2].consent.signal.choice.granted: expected an array',
    );
    expect(bad((d) => (d.evidence[0].url = 42))).toMatch(/evidence\[0\]\.url: expected a string/);
    expect(bad((d) => delete d.tool)).toBe('Invalid report: tool: expected an object');
    // One visit per file, each entry once: another visit's entries, or a repeated one, would be counted as this one's.
    expect(bad((d) => (d.evidence[1].visitId = 'another-visit'))).toBe(
      "Invalid report: evidence[1].visitId is not the visit's id",
    );
    expect(bad((d) => d.evidence.push(d.evidence[0]))).toMatch(
      /evidence\[\d+\]\.id repeats an earlier entry's/,
    );
    // A remembered click (lib/evidence/answered.ts) names what was clicked and when.
    expect(bad((d) => (d.evidence[2].consent.signal.rememberedClick = { action: 'accept-all', at: 1 }))).toBe(
      'ok',
    );
    expect(bad((d) => (d.evidence[2].consent.signal.rememberedClick = { action: 42, at: 1 }))).toMatch(
      /evidence\[2\]\.consent\.signal\.rememberedClick\.action: expected one of/,
    );
    // A claimant the derivation could name instead of the classified vendor must be well-formed.
    const withClaim = (d: any) => d.evidence.find((e: any) => e.classification)!.classification;
    expect(
      bad((d) => (withClaim(d).alternatives = [{ vendor: 'x', vendorName: 'X', category: 'exempt' }])),
    ).toMatch(/classification\.alternatives\[0\]\.category: expected one of/);
    expect(
      bad((d) => (withClaim(d).alternatives = [{ vendor: 'x', vendorName: 'X', category: 'analytics' }])),
    ).toBe('ok');
    expect(bad((d) => (withClaim(d).nameOnly = { category: 'exempt', reason: 'r' }))).toMatch(
      /classification\.nameOnly\.category: expected one of/,
    );
    expect(bad((d) => (withClaim(d).nameOnly = { category: 'unknown' }))).toMatch(/nameOnly\.reason/);
    expect(bad((d) => (withClaim(d).nameOnly = { category: 'unknown', reason: 'r' }))).toBe('ok');
    expect(bad((d) => (withClaim(d).family = { vendor: 'x', category: 'marketing' }))).toMatch(
      /classification\.family\.vendorName/,
    );
    expect(bad((d) => (withClaim(d).family = { vendor: 'x', vendorName: 'X', category: 'ads' }))).toMatch(
      /classification\.family\.category: expected one of/,
    );
    expect(
      bad(
        (d) => (withClaim(d).family = { vendor: 'x', vendorName: 'X', company: null, category: 'marketing' }),
      ),
    ).toBe('ok');
    expect(bad(() => {})).toBe('ok');
  });

  it('reads a version 1 export and derives it by the current rules', () => {
    const v1 = {
      format: EXPORT_FORMAT,
      formatVersion: 1,
      tool: { name: 'Cookie Inspector', version: '0.1.0' },
      generatedAt: '2026-11-25T13:03:00.000Z',
      verdict: 'old text',
      consentState: 'old',
      visit: { ...visit(), consent: [], consentTool: null, startedAtIso: '2026-11-25T13:02:00.000Z' },
      timeline: [],
      findings: [
        {
          id: 'v1|request|track.customer.io|after-accept',
          visitId: 'v1',
          kind: 'request',
          key: 'track.customer.io',
          host: 'track.customer.io',
          url: 'https://track.customer.io/x',
          thirdParty: true,
          vendorId: 'customer-io',
          category: 'marketing',
          reason: 'host',
          phase: 'after-accept',
          violation: false,
          firstSeenAt: T0 + 5,
          lastSeenAt: T0 + 5,
          count: 1,
        },
      ],
      cookies: [],
      vendors: [],
      attribution: { sources: [], text: null },
    };
    const r = parseExport(JSON.stringify(v1));
    if (!r.ok) throw new Error(r.error);
    // No consent evidence in the file: today's rules put the request before consent.
    expect(r.bundle.derived.verdict.text).toBe('1 marketing tracker fired before consent');
  });

  it('makes safe download names', () => {
    expect(exportFileStem({ site: 'shop.example/../x', startedAt: T0 })).toBe(
      'cookie-inspector_shop.example_.._x_2026-11-25T13-02-00Z',
    );
  });
});
