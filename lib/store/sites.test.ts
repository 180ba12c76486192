import { describe, expect, it, vi } from 'vitest';
import { createDb, type InspectorDb } from './db';
import { writeBatch } from './repo';
import { listSites, visitBytes } from './sites';
import { requestSighting, visitRow } from './__fixtures__/sighting';
import type { EvidenceEntry } from '../evidence/types';
import { indexClassifier } from '../classifier';
import { compileVendors } from '../vendor-db/compile';
import { loadVendorIndex } from '../vendor-db/load';
import { vendor as vendorRecord } from '../vendor-db/__fixtures__/vendors';

const visit = visitRow;
const req = (visitId: string, host: string, at: number, path = 'x') =>
  requestSighting(visitId, host, at, { url: `https://${host}/${path}` });

/** The bytes a site's rows take as JSON, read back from the database: what the estimate must match. */
async function jsonBytesOf(db: InspectorDb, site: string): Promise<number> {
  let n = 0;
  for (const { summary: _cache, ...row } of await db.visits.where('site').equals(site).toArray()) {
    n += Buffer.byteLength(JSON.stringify(row));
    for (const e of await db.evidence.where('visitId').equals(row.id).toArray())
      n += Buffer.byteLength(JSON.stringify(e));
  }
  return n;
}

describe('site history size', () => {
  it('gives each site the JSON size of its stored visits and evidence', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await writeBatch(db, {
      visits: [visit('a1', 'a.example', 100), visit('a2', 'a.example', 300), visit('b1', 'b.example', 200)],
      sightings: [
        req('a1', 't.example', 101),
        req('a1', 'cdn.example', 102, 'a-much-longer-path/with/segments?and=query'),
        req('a2', 't.example', 301),
        req('a2', 't.example', 302),
        req('b1', 'cdn.example', 201),
      ],
    });
    const sites = await listSites(db);
    expect(sites.map((s) => s.site)).toEqual(['a.example', 'b.example']);
    expect(sites[0]!.bytes).toBe(await jsonBytesOf(db, 'a.example'));
    expect(sites[1]!.bytes).toBe(await jsonBytesOf(db, 'b.example'));
    expect(sites[0]!.bytes).toBeGreaterThan(sites[1]!.bytes);
  });

  it('reads the size from the per-visit cache and measures again when new evidence arrives', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await writeBatch(db, {
      visits: [visit('a1', 'a.example', 100)],
      sightings: [req('a1', 't.example', 101)],
    });
    const first = (await listSites(db))[0]!.bytes;
    expect((await db.visits.get('a1'))!.summary!.bytes).toBe(first);
    // The history reads the cache, not the evidence: a hand-edited size shows through.
    await db.visits.update('a1', { 'summary.bytes': 7 });
    expect((await listSites(db))[0]!.bytes).toBe(7);
    await writeBatch(db, { visits: [], sightings: [req('a1', 'other.example', 102)] });
    expect((await db.visits.get('a1'))!.summary).toBeUndefined();
    const second = (await listSites(db))[0]!.bytes;
    expect(second).toBe(await jsonBytesOf(db, 'a.example'));
    expect(second).toBeGreaterThan(first);
  });

  it('measures a visit whose cache was written before sizes existed', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await writeBatch(db, {
      visits: [visit('a1', 'a.example', 100)],
      sightings: [req('a1', 't.example', 101)],
    });
    await listSites(db);
    const { bytes: _old, ...withoutSize } = (await db.visits.get('a1'))!.summary!;
    await db.visits.update('a1', { summary: withoutSize as never });
    expect((await listSites(db))[0]!.bytes).toBe(await jsonBytesOf(db, 'a.example'));
  });

  it('derives each uncached visit once when two pages ask for the history at the same moment', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await writeBatch(db, {
      visits: [visit('a1', 'a.example', 100), visit('b1', 'b.example', 200)],
      sightings: [req('a1', 't.example', 101), req('b1', 't.example', 201)],
    });
    const fills = vi.spyOn(db.visits, 'bulkUpdate');
    const [first, second] = await Promise.all([listSites(db), listSites(db)]);
    expect(second).toEqual(first);
    expect(first.map((s) => s.site)).toEqual(['b.example', 'a.example']);
    // The second call ran after the first had written both caches, so it found nothing to derive.
    expect(fills).toHaveBeenCalledTimes(1);
    expect(fills.mock.calls[0]![0].map((u) => u.key)).toEqual(['a1', 'b1']);
  });

  it('lists again after a call that failed', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await writeBatch(db, {
      visits: [visit('a1', 'a.example', 100)],
      sightings: [req('a1', 't.example', 101)],
    });
    vi.spyOn(db.visits, 'bulkUpdate').mockRejectedValueOnce(new Error('disk full'));
    await expect(listSites(db)).rejects.toThrow('disk full');
    expect((await listSites(db)).map((s) => s.visits)).toEqual([1]);
  });

  it('estimates a large visit from a sample, close to its exact size', () => {
    const v = visit('big', 'big.example', 0);
    // Entries of uneven sizes (paths from 1 to 400 characters) so a biased sample would show.
    const entries = Array.from({ length: 20_000 }, (_, i) => ({
      ...req('big', `h${i}.example`, i, 'p'.repeat(1 + ((i * 7919) % 400))),
      lastAt: i,
      count: 1,
      times: [i],
    })) as EvidenceEntry[];
    const exact = entries.reduce((n, e) => n + Buffer.byteLength(JSON.stringify(e)), 0);
    const estimate = visitBytes(v, entries) - Buffer.byteLength(JSON.stringify(v));
    expect(Math.abs(estimate - exact) / exact).toBeLessThan(0.02);
  });
});

describe('site history after a vendor database update', () => {
  it('counts the violations of stored visits as the current database files their evidence', async () => {
    const now = indexClassifier(
      loadVendorIndex(
        compileVendors([vendorRecord('cdn-co', 'functional', ['cdn.example'])], 'db-now').index,
      ),
    );
    const db = createDb(`t-${crypto.randomUUID()}`);
    // Recorded when an earlier database called the platform CDN an advertiser: one violating party.
    const recordedAs = { vendor: 'ad-co', vendorName: 'Ad Co', company: null, thirdParty: true, reason: 'r' };
    await writeBatch(db, {
      visits: [visit('a1', 'a.example', 100, { classifiedWith: 'db-earlier' })],
      sightings: [req('a1', 'cdn.example', 101)].map((s) => ({
        ...s,
        classification: { ...recordedAs, category: 'advertising' as const },
      })),
    });
    expect((await listSites(db))[0]!.violations).toBe(1);
    // The cache made without a database stays valid for a caller without one, not for the extension's.
    const [site] = await listSites(db, now);
    expect(site!.violations).toBe(0);
    expect((await db.visits.get('a1'))!.summary).toMatchObject({ database: 'db-now', violating: [] });
  });
});
