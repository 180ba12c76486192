import { describe, expect, it } from 'vitest';
import { deriveVisit } from '../evidence/derive';
import { T0, entry, visit } from '../report/__fixtures__/visit';
import { cls, exportMeta } from '../report/__fixtures__/export';
import { exportJson } from './json';
import { parseExport } from './import';

/**
 * The report page's "browser-observed evidence only" switch exports the visit derived without detector and page
 * evidence, with `browserOnly: true` and the whole evidence log (exports.ts readWhole). Opening that file again
 * must show the verdict the file states, not one the page's own (forgeable) claims produce.
 */
describe('import of a browser-observed-only export', () => {
  const entries = [
    entry({
      host: 'shop.example',
      at: T0 + 1,
      classification: { ...cls(null, 'unknown'), thirdParty: false },
    }),
    // Only the page's main world claims this tracker cookie (the document.cookie hook): page provenance.
    entry({
      host: 'shop.example',
      at: T0 + 2,
      kind: 'cookie',
      key: '_fbp@shop.example',
      via: 'document.cookie',
      provenance: 'page',
      cookie: { name: '_fbp', domain: 'shop.example', action: 'set', valueLength: 1, valueHash: 'h' },
      classification: { ...cls('facebook', 'advertising'), thirdParty: false },
    }),
  ];

  it('shows the verdict the export states, and says it is browser-observed only', () => {
    const browserOnly = deriveVisit(visit(), entries, { browserOnly: true });
    const all = deriveVisit(visit(), entries);
    // The two views really differ for this evidence.
    expect(browserOnly.verdict.severity).not.toBe('violation');
    expect(all.verdict.severity).toBe('violation');

    const text = exportJson({ derived: browserOnly, entries, browserOnly: true }, [], exportMeta);
    const doc = JSON.parse(text) as { verdict: string; browserOnly: boolean };
    expect(doc.browserOnly).toBe(true);

    const imported = parseExport(text);
    if (!imported.ok) throw new Error(imported.error);
    expect(imported.bundle.derived.verdict.text).toBe(doc.verdict);
    expect(imported.bundle.derived.parties.filter((p) => p.violation)).toEqual([]);
    // Carried, so the report page notes it and exports it again as browser-observed only (entrypoints/report).
    expect(imported.bundle.browserOnly).toBe(true);
  });

  it('derives an ordinary export from all of its evidence', () => {
    const text = exportJson({ derived: deriveVisit(visit(), entries), entries }, [], exportMeta);
    const imported = parseExport(text);
    if (!imported.ok) throw new Error(imported.error);
    expect(imported.bundle.derived.verdict.severity).toBe('violation');
    expect(imported.bundle.browserOnly).toBeUndefined();
  });

  it('refuses a browserOnly that is not true or false, saying where', () => {
    const doc = JSON.parse(exportJson({ derived: deriveVisit(visit(), entries), entries }, [], exportMeta));
    expect(parseExport(JSON.stringify({ ...doc, browserOnly: 'yes' }))).toEqual({
      ok: false,
      error: 'Invalid report: file.browserOnly: expected true or false',
    });
  });
});
