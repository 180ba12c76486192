import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createDb, type InspectorDb } from '@/lib/store/db';
import { writeBatch } from '@/lib/store/repo';
import { requestSighting, visitRow } from '@/lib/store/__fixtures__/sighting';
import { indexClassifier } from '@/lib/classifier';
import type { Classifier } from '@/lib/record';
import { compileVendors } from '@/lib/vendor-db/compile';
import { loadVendorIndex } from '@/lib/vendor-db/load';
import { vendor } from '@/lib/vendor-db/__fixtures__/vendors';
import type { Written } from '../writer';

// The writer and context are replaced: batches are written straight to a test database and announced by hand.
const flushed: ((ids: Set<string>, written: Written) => void)[] = [];
let db: InspectorDb;
// The worker's vendor database: 'cdnco.example' is a functional CDN in it (an earlier database said advertising).
const classifier: Classifier = indexClassifier(
  loadVendorIndex(compileVendors([vendor('cdn-co', 'functional', ['cdnco.example'])], 'db-now').index),
);
vi.mock('../writer', () => ({ flush: async () => undefined, onFlushed: (l: never) => flushed.push(l) }));
vi.mock('../context', () => ({ ready: async () => ({ db, classifier }) }));

const visit = visitRow('v1', 'shop.example', 1, { classifiedWith: 'db-now' });
const UNKNOWN = {
  vendor: null,
  vendorName: null,
  company: null,
  category: 'unknown',
  thirdParty: true,
  reason: 'r',
} as const;
const req = (host: string, at: number) => requestSighting('v1', host, at, { classification: UNKNOWN });

async function batch(host: string, at: number) {
  const entries = await writeBatch(db, { visits: [visit], sightings: [req(host, at)] });
  flushed.forEach((l) => l(new Set(['v1']), { entries, visits: [visit] }));
}

beforeEach(() => {
  vi.resetModules();
  flushed.length = 0;
  db = createDb(`t-${crypto.randomUUID()}`);
});

describe('derived visits for the popup', () => {
  it('answers with the last derivation while newer evidence is derived, then says so', async () => {
    const { readDerived, onRederived } = await import('../derived');
    const hosts = async (options: { stale?: boolean; fresh?: boolean }) =>
      (await readDerived('v1', { fresh: false, ...options }))!.derived.findings.map((f) => f.host).sort();
    await batch('a.example', 10);
    expect(await hosts({ stale: true })).toEqual(['a.example']);

    await batch('b.example', 20);
    const told = new Promise<string>((resolve) => onRederived(resolve));
    // At once: the derivation from before the batch; the newer one is announced when it is ready.
    expect(await hosts({ stale: true })).toEqual(['a.example']);
    expect(await told).toBe('v1');
    expect(await hosts({ stale: true })).toEqual(['a.example', 'b.example']);
  });

  it('answers with the last derivation while a newer one is already running (the badge started it), not waits', async () => {
    const { readDerived, onRederived } = await import('../derived');
    await batch('a.example', 10);
    await readDerived('v1', { fresh: false });
    await batch('b.example', 20);
    // Another reader (the badge) starts the newer derivation and waits for it.
    const running = readDerived('v1', { fresh: false });
    const told = new Promise<string>((resolve) => onRederived(resolve));
    const popup = await readDerived('v1', { fresh: false, stale: true });
    expect(popup!.derived.findings.map((f) => f.host)).toEqual(['a.example']);
    expect(await told).toBe('v1');
    expect((await running)!.derived.findings).toHaveLength(2);
    expect((await readDerived('v1', { fresh: false, stale: true }))!.derived.findings).toHaveLength(2);
  });

  it("derives a batch from the previous derivation: untouched findings are kept, the result is the whole one's", async () => {
    const { readDerived } = await import('../derived');
    const { getVisitLog } = await import('@/lib/store/repo');
    const { deriveVisit } = await import('@/lib/evidence/derive');
    await batch('a.example', 10);
    const first = (await readDerived('v1', { fresh: false }))!;
    await batch('b.example', 20);
    await batch('a.example', 30);
    const second = (await readDerived('v1', { fresh: false }))!;
    await batch('c.example', 40);
    const third = (await readDerived('v1', { fresh: false }))!;
    // a.example was written again before the second derivation, b.example was not before the third.
    const of = (d: typeof first, host: string) => d.derived.findings.find((f) => f.host === host);
    expect(of(second, 'a.example')).not.toBe(of(first, 'a.example'));
    expect(of(second, 'a.example')!.count).toBe(2);
    expect(of(third, 'b.example')).toBe(of(second, 'b.example'));
    const log = (await getVisitLog(db, 'v1'))!;
    expect(third.derived).toEqual(deriveVisit(log.visit, log.entries));
  });

  it('forgets its derivations when stored visits are deleted: nothing deleted is answered from memory', async () => {
    const { readDerived, forgetDerivations } = await import('../derived');
    const { deleteSite } = await import('@/lib/store/repo');
    await batch('a.example', 10);
    expect(await readDerived('v1', { fresh: false })).not.toBeNull();
    await deleteSite(db, 'shop.example');
    forgetDerivations();
    expect(await readDerived('v1', { fresh: false, stale: true })).toBeNull();
  });

  it('derives a visit again from its copy kept with the written rows, not from a second read', async () => {
    const { readDerived } = await import('../derived');
    const hosts = async () =>
      (await readDerived('v1', { fresh: false }))!.derived.findings.map((f) => `${f.host}×${f.count}`).sort();
    await batch('a.example', 10);
    expect(await hosts()).toEqual(['a.example×1']);
    // A row changed behind the worker's back is not seen: the next derivation does not read the rows again.
    await db.evidence.where('visitId').equals('v1').modify({ count: 99 });
    await batch('b.example', 20);
    expect(await hosts()).toEqual(['a.example×1', 'b.example×1']);
    // A row added behind its back (a test seeding the store, say) changes the count: the copy is read again.
    await db.evidence.put({
      ...(await db.evidence.get(req('b.example', 0).id))!,
      id: 'v1|request|c',
      host: 'c.example',
      key: 'c.example',
    });
    await batch('b.example', 30);
    expect(await hosts()).toEqual(['a.example×99', 'b.example×2', 'c.example×1']);
  });

  it('never answers a stale derivation to readers that did not accept one', async () => {
    const { readDerived } = await import('../derived');
    await batch('a.example', 10);
    await readDerived('v1', { fresh: false });
    await batch('b.example', 20);
    const read = await readDerived('v1', { fresh: false });
    expect(read!.derived.findings.map((f) => f.host).sort()).toEqual(['a.example', 'b.example']);
  });

  it('derives from scratch when nothing was derived before, even for a reader that accepts stale', async () => {
    const { readDerived } = await import('../derived');
    await batch('a.example', 10);
    await batch('b.example', 20);
    const read = await readDerived('v1', { fresh: false, stale: true });
    expect(read!.derived.findings).toHaveLength(2);
  });

  it('caches the history summary of a packed visit, not of one whose next batch would outdate it', async () => {
    const { readDerived, forgetLogCopy } = await import('../derived');
    const { packVisit } = await import('@/lib/store/compact');
    await batch('a.example', 10);
    await readDerived('v1', { fresh: false });
    expect((await db.visits.get('v1'))!.summary).toBeUndefined();
    // As compact.ts packs: the copy of the visit's stored form is dropped before and after.
    forgetLogCopy('v1');
    await packVisit(db, 'v1');
    forgetLogCopy('v1');
    const { summary: _cached, ...packed } = (await db.visits.get('v1'))!;
    await db.visits.put(packed);
    // Announced like a batch, so the next read derives the visit again.
    flushed.forEach((l) => l(new Set(['v1']), { entries: [], visits: [] }));
    await readDerived('v1', { fresh: false });
    expect((await db.visits.get('v1'))!.summary).toMatchObject({ violating: [], bytes: expect.any(Number) });
  });

  it('files a visit recorded with an earlier vendor database under the current one, and caches that', async () => {
    const { readDerived, forgetLogCopy } = await import('../derived');
    const { packVisit } = await import('@/lib/store/compact');
    const earlier = visitRow('v2', 'shop.example', 1, { classifiedWith: 'db-earlier' });
    const recordedAs = { ...UNKNOWN, vendor: 'ad-co', vendorName: 'Ad Co', category: 'advertising' } as const;
    await writeBatch(db, {
      visits: [earlier],
      sightings: [requestSighting('v2', 'cdnco.example', 10, { classification: recordedAs })],
    });
    const read = (await readDerived('v2', { fresh: false }))!;
    expect(read.derived.refiled).toBe(1);
    expect(read.derived.findings[0]).toMatchObject({
      vendorId: 'cdn-co',
      category: 'functional',
      violation: false,
    });
    expect(read.derived.findings[0]!.reason).toContain('recorded as Ad Co, advertising');
    // The report's timeline and exports get the entries as filed now; the store keeps them as recorded.
    expect(read.entries[0]!.classification?.vendor).toBe('cdn-co');
    forgetLogCopy('v2');
    await packVisit(db, 'v2', classifier);
    expect((await db.visits.get('v2'))!.summary).toMatchObject({ database: 'db-now', violating: [] });
    // A visit recorded with the current database is derived as recorded: nothing said about refiling.
    await batch('cdnco.example', 10);
    expect((await readDerived('v1', { fresh: false }))!.derived.refiled).toBeUndefined();
  });
});
