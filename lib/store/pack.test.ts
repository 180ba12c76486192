import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { foldEvidence, packEntries, unpackEntries } from './pack';
import type { EvidenceEntry } from '../evidence/types';

/** A string that is `whole` ending with `end` often enough to take the "ends with" rules, and anything else too. */
const arbHost = fc.oneof(fc.domain(), fc.string({ unit: 'grapheme', maxLength: 20 }));

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
    otherHost: arbHost,
    // Where the host comes from, and how the site and key relate to it (the rules format 2 leaves out).
    hostFrom: fc.constantFrom('url', 'other'),
    siteFrom: fc.constantFrom('suffix', 'null', 'other'),
    siteCut: fc.nat({ max: 30 }),
    keyFrom: fc.constantFrom('host', 'cookie', 'other'),
    idFrom: fc.constantFrom('key', 'visit', 'legacy'),
    idRest: fc.string({ unit: 'grapheme', maxLength: 20 }),
    cookieName: fc.option(fc.string({ unit: 'binary', maxLength: 20 }), { nil: undefined }),
    lifetime: fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: undefined }),
    frame: fc.option(fc.constantFrom('main', 'sub'), { nil: undefined }),
  })
  .map((a): EvidenceEntry => {
    const times = a.gaps.reduce<number[]>((ts, g) => [...ts, (ts.at(-1) ?? a.at) + g], []);
    const host = a.hostFrom === 'url' && a.url ? new URL(a.url).hostname : a.otherHost;
    const site =
      a.siteFrom === 'suffix'
        ? host.slice(Math.min(a.siteCut, host.length))
        : a.siteFrom === 'null'
          ? null
          : a.key;
    const kind = a.cookieName === undefined ? 'request' : 'cookie';
    const key =
      a.keyFrom === 'host'
        ? host
        : a.keyFrom === 'cookie' && a.cookieName !== undefined
          ? `${a.cookieName}@${site}`
          : a.key;
    const id =
      a.idFrom === 'key'
        ? `v|${kind}|${key}${a.idRest}`
        : a.idFrom === 'visit'
          ? `v${a.idRest}`
          : `legacy:${a.idRest}`;
    return {
      id,
      visitId: 'v',
      kind,
      provenance: 'browser',
      via: 'webRequest',
      key,
      host,
      site,
      at: a.at,
      lastAt: times.at(-1)!,
      count: times.length + 3,
      times,
      ...(a.url !== undefined && { url: a.url }),
      ...(a.frame !== undefined && { frame: a.frame }),
      ...(a.cookieName !== undefined && {
        cookie: {
          name: a.cookieName,
          domain: host,
          action: 'set',
          valueLength: 1,
          valueHash: 'x',
          // Present with a value, present as null, or absent: all three come back as they were.
          ...(a.lifetime !== undefined && { lifetimeSeconds: a.lifetime % 3 ? a.lifetime : null }),
        },
      }),
    };
  });

/**
 * Three entries packed by the format-1 code (one object per entry) before format 2 existed, as a database
 * written then holds them: they must stay readable.
 */
const FORMAT_1_PART =
  'hVPNjtowEH4V5ENPAQyEn420ard72B5QW5XeKlQNzhAsHDu1nQUEvHvHSZaypO3mknhm/Pn7cY5sbWwOniWDiK3AIX1wHjGhwDm5lgK8NNqx5MeRPaNOjWUJy4zJFHZBgzp4KRyLmt5nyAmAPVX9zsNVX5i8AH3405zPH0MZPGbGhvo1mt9Im34F66nhbYkRswjOaBrbGOc7vuctiC3aHu4hLwhOuo6SzmPaIT2dFoHzMmKovZVYS9lKnRKYxV8lOk8nFtaQBNAi8F9Zs3NogywJtN7h6ttlcouBbYsBdQK1f7Sc9AG43Vjb2rIcpK5sKjVhxBErrQpqvS9c0u+3MPvCKIXCv3++H77zMr1/6j58fBwMRwRi0ZnSCvx+KCq5bJ+rAPSilryQhH1q1qe/ERYsoVtQhu2D6YRfnsGYR3ecD+nFozi+m9JHPOZjzpfn6OKrMGYrA8x/ba2nXBcKefH1ZwYfNO5c29abauPoTbXxj+7ya/+ux/rVXEUwOTJd+0/nUjk1VQ4J693gFuA3VA5bQYQ/ghYOw3VQco1e5rhAYXRKfk1GfDokp0glqBLnqLOwdzhpCp/ABSg+mq1mQ5ytxCSeToMgFKUlKmtQji58YP5FK/KkKTgiuqhFK9izcxNireR061tTr8w9EdMTnVClGXJ7lZXzxkLWCquoa3VSyghQi8tgHdX2jWx0qdR1IoFuLjNLv3yaDF74xHSbakrL828=';
const FORMAT_1_ENTRIES = [
  {
    id: 'v9|request|t.tracker.example',
    visitId: 'v9',
    kind: 'request',
    provenance: 'browser',
    via: 'webRequest',
    key: 't.tracker.example',
    host: 't.tracker.example',
    site: 'tracker.example',
    frame: 'main',
    at: 1760000000000.25,
    lastAt: 1760000000900.5,
    count: 4,
    times: [1760000000000.25, 1760000000450, 1760000000900.5],
    url: 'https://t.tracker.example/collect?v=2&tid=G-ABC123',
    resourceTypes: ['xmlhttprequest'],
    classification: {
      vendor: 'google-analytics',
      vendorName: 'Google Analytics',
      company: 'Google LLC',
      category: 'analytics',
      thirdParty: true,
      reason: 'host t.tracker.example is listed for Google Analytics',
    },
  },
  {
    id: 'v9|cookie|_ga@news.example|cookies-api|set|',
    visitId: 'v9',
    kind: 'cookie',
    provenance: 'browser',
    via: 'cookies-api',
    key: '_ga@news.example',
    host: 'news.example',
    site: 'news.example',
    at: 0.1,
    lastAt: 0.1,
    count: 1,
    times: [0.1],
    url: 'https://news.example/',
    cookie: {
      name: '_ga',
      domain: '.news.example',
      path: '/',
      action: 'set',
      lifetimeSeconds: 63072000,
      valueLength: 26,
      valueHash: '038b82e8bc6477',
      secure: false,
      httpOnly: false,
      sameSite: 'lax',
    },
  },
  {
    id: 'migrated:1',
    visitId: 'v9',
    kind: 'storage',
    provenance: 'page',
    via: 'localStorage',
    key: 'k',
    host: 'news.example',
    site: null,
    at: 5,
    lastAt: 5,
    count: 1,
    times: [5],
  },
];

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

  it('still reads parts packed in format 1', () => {
    const data = Uint8Array.from(Buffer.from(FORMAT_1_PART, 'base64'));
    expect(unpackEntries(data, 'v9')).toEqual(FORMAT_1_ENTRIES);
  });

  it('stores a field that other fields of the entry give as a rule, not as text', () => {
    const [request, cookie] = FORMAT_1_ENTRIES as EvidenceEntry[];
    const doc = JSON.parse(strFromU8(inflateSync(packEntries([request!, cookie!])))) as {
      format: number;
      columns: Record<string, { v?: unknown[] }>;
    };
    expect(doc.format).toBe(2);
    // The host is the URL's, the site ends the host, the key is the host or name@site, the id is built from them.
    expect(doc.columns.host!.v).toEqual([0, 0]);
    expect(doc.columns.site!.v).toEqual([2, 0]);
    expect(doc.columns.key!.v).toEqual([0, 1]);
    expect(doc.columns.i!.v).toEqual(['', '|cookies-api|set|']);
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
