import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { strToU8, deflateSync } from 'fflate';
import { foldEvidence, packEntries, unpackEntries } from './pack';
import type { EvidenceEntry } from '../evidence/types';

const arbEntry = fc
  .record({
    key: fc.string({ unit: 'grapheme', maxLength: 40 }),
    // Browser event times are fractional milliseconds; any double must come back bit for bit.
    at: fc.oneof(
      fc.integer({ min: 0, max: 2 ** 45 }),
      fc.integer({ min: 1_700_000_000_000_000, max: 1_900_000_000_000_000 }).map((us) => us / 1000),
      fc.double({ min: 0, max: 2 ** 45, noNaN: true }),
    ),
    gaps: fc.array(fc.oneof(fc.integer({ min: 0, max: 1e7 }), fc.double({ min: 0, max: 1e7, noNaN: true })), {
      minLength: 1,
      maxLength: 64,
    }),
    url: fc.option(fc.webUrl({ withQueryParameters: true }), { nil: undefined }),
    cookieName: fc.option(fc.string({ unit: 'binary', maxLength: 20 }), { nil: undefined }),
  })
  .map(({ key, at, gaps, url, cookieName }): EvidenceEntry => {
    const times = gaps.reduce<number[]>((ts, g) => [...ts, (ts.at(-1) ?? at) + g], []);
    return {
      // Ids start with the visit id, except some migrated ones: both come back as they were.
      id: key.length % 2 ? `v1-legacy:${key}` : `v|x|${key}`,
      visitId: 'v',
      kind: cookieName === undefined ? 'request' : 'cookie',
      provenance: 'browser',
      via: 'webRequest',
      key,
      host: 'h.example',
      site: null,
      at,
      lastAt: times.at(-1)!,
      count: times.length + 3,
      times,
      ...(url !== undefined && { url }),
      ...(cookieName !== undefined && {
        cookie: {
          name: cookieName,
          domain: 'h.example',
          action: 'set',
          valueLength: 1,
          valueHash: 'x',
          lifetimeSeconds: null,
        },
      }),
    };
  });

describe('packed evidence', () => {
  it('unpacks exactly what was packed (any text, any times)', () => {
    fc.assert(
      fc.property(fc.array(arbEntry, { maxLength: 30 }), (entries) => {
        expect(unpackEntries(packEntries(entries), 'v')).toEqual(entries);
      }),
    );
  });

  it('is much smaller than the JSON of a realistic request log', () => {
    const entries: EvidenceEntry[] = Array.from({ length: 100 }, (_, i) => ({
      id: `visit-1|request|t${i % 40}.tracker.example`,
      visitId: 'visit-1',
      kind: 'request',
      provenance: 'browser',
      via: 'webRequest',
      key: `t${i % 40}.tracker.example`,
      host: `t${i % 40}.tracker.example`,
      site: 'tracker.example',
      frame: 'main',
      at: 1_760_000_000_000 + i * 37,
      lastAt: 1_760_000_000_000 + i * 37 + 900,
      count: 3,
      times: [0, 450, 900].map((d) => 1_760_000_000_000 + i * 37 + d),
      url: `https://t${i % 40}.tracker.example/collect?v=2&tid=G-ABC123&cid=1234567.89&dl=https%3A%2F%2Fnews.example%2F`,
      classification: {
        vendor: 'google-analytics',
        vendorName: 'Google Analytics',
        company: 'Google LLC',
        category: 'analytics',
        thirdParty: true,
        reason: 'host tracker.example is listed for Google Analytics',
      },
      resourceTypes: ['xmlhttprequest'],
    }));
    const json = JSON.stringify(entries).length;
    expect(packEntries(entries).byteLength).toBeLessThan(json / 8);
  });

  it('refuses a part in another format with a clear error', () => {
    const other = deflateSync(strToU8(JSON.stringify({ format: 99, entries: [] })));
    expect(() => unpackEntries(other, 'v7')).toThrow('packed evidence of visit v7: unknown format 99');
    expect(() => unpackEntries(new Uint8Array([1, 2, 3]), 'v7')).toThrow();
  });

  it('folds rows written after packing into the packed entry with the same id', () => {
    const entry = (at: number, count = 1): EvidenceEntry => ({
      id: 'v|request|a.example',
      visitId: 'v',
      kind: 'request',
      provenance: 'browser',
      via: 'webRequest',
      key: 'a.example',
      host: 'a.example',
      site: 'a.example',
      at,
      lastAt: at,
      count,
      times: [at],
    });
    const other = { ...entry(7), id: 'v|request|b.example', key: 'b.example', host: 'b.example' };
    const parts = [{ visitId: 'v', part: 0, data: packEntries([entry(5, 2)]) }];
    const byVisit = foldEvidence(['v', 'empty'], parts, [entry(9), other]);
    expect(byVisit.get('empty')).toEqual([]);
    expect(byVisit.get('v')).toEqual([{ ...entry(5), lastAt: 9, count: 3, times: [5, 9] }, other]);
  });
});
