import { describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import { createDb } from './db';
import { dueAt, ENDED_QUIET_MS, OPEN_QUIET_MS, packQuiet, packVisit } from './compact';
import { PART_ENTRIES } from './pack';
import { deleteSite, getVisitLog, writeBatch } from './repo';
import { listSites, visitBytes } from './sites';
import { deriveVisit } from '../evidence/derive';
import type { PageVisit } from '../findings';
import { requestSighting, visitRow } from './__fixtures__/sighting';

const T0 = 1_760_000_000_000;

const visit = (id: string, extra: Partial<PageVisit> = {}) => visitRow(id, 'news.example', T0, extra);
const GA = {
  vendor: 'google-analytics',
  vendorName: 'Google Analytics',
  company: 'Google LLC',
  category: 'analytics',
  thirdParty: true,
  reason: 'host',
} as const;
const req = (visitId: string, host: string, at: number) =>
  requestSighting(visitId, host, at, {
    url: `https://${host}/collect?v=2&tid=G-ABC123&cid=${at}`,
    resourceType: 'ping',
    classification: GA,
  });
const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
const newDb = () => createDb(`t-${crypto.randomUUID()}`);

describe('packing quiet visits', () => {
  it('packs an ended visit once quiet, and reads back the same evidence and verdict', async () => {
    const db = newDb();
    const sightings = Array.from({ length: 120 }, (_, i) => req('v1', `t${i % 40}.tracker.example`, T0 + i));
    await writeBatch(db, { visits: [visit('v1', { endedAt: T0 + 500 })], sightings }, T0 + 1000);
    const before = (await getVisitLog(db, 'v1'))!;

    expect(await packQuiet(db, T0 + 1000 + ENDED_QUIET_MS - 1)).toEqual({
      packed: 0,
      nextDueAt: T0 + 1000 + ENDED_QUIET_MS,
    });
    expect(await packQuiet(db, T0 + 1000 + ENDED_QUIET_MS)).toEqual({ packed: 1, nextDueAt: null });

    expect(await db.evidence.count()).toBe(0);
    expect(await db.packed.where('visitId').equals('v1').count()).toBe(1);
    const after = (await getVisitLog(db, 'v1'))!;
    expect(byId(after.entries)).toEqual(byId(before.entries));
    expect(deriveVisit(after.visit, after.entries).parties).toEqual(
      deriveVisit(before.visit, before.entries).parties,
    );
    // Readers never see the store's bookkeeping.
    expect(after.visit).not.toHaveProperty('loose');
    expect(after.visit).not.toHaveProperty('packedBytes');

    // The history shows the real stored size: the row and the packed bytes, far below the JSON of the log.
    const row = (await db.visits.get('v1'))!;
    const part = (await db.packed.get(['v1', 0]))!;
    expect(row.packedBytes).toBe(part.data.byteLength);
    expect(row.summary?.bytes).toBe(visitBytes(row, after.entries));
    expect(row.summary!.bytes).toBeLessThan(JSON.stringify(before.entries).length / 5);
    expect((await listSites(db))[0]).toMatchObject({
      site: 'news.example',
      visits: 1,
      bytes: row.summary!.bytes,
    });
  });

  it('folds sightings that arrive after packing, and packs them again later', async () => {
    const db = newDb();
    await writeBatch(
      db,
      { visits: [visit('v1', { endedAt: T0 })], sightings: [req('v1', 'a.example', T0)] },
      T0,
    );
    await packVisit(db, 'v1');
    const late = T0 + 60_000;
    await writeBatch(
      db,
      { visits: [], sightings: [req('v1', 'a.example', late), req('v1', 'b.example', late)] },
      late,
    );
    expect((await db.visits.get('v1'))!.loose).toBe(1);
    const folded = (await getVisitLog(db, 'v1'))!.entries;
    expect(byId(folded).map((e) => [e.key, e.count, e.at, e.lastAt])).toEqual([
      ['a.example', 2, T0, late],
      ['b.example', 1, late, late],
    ]);
    expect(await packQuiet(db, late + ENDED_QUIET_MS)).toMatchObject({ packed: 1 });
    expect(await db.evidence.count()).toBe(0);
    expect(byId((await getVisitLog(db, 'v1'))!.entries)).toEqual(byId(folded));
  });

  it('waits longer for a visit still open in its tab, and splits a large log into parts', async () => {
    const db = newDb();
    const n = PART_ENTRIES * 2 + 7;
    const sightings = Array.from({ length: n }, (_, i) => req('big', `h${i}.example`, T0 + i));
    await writeBatch(db, { visits: [visit('big')], sightings }, T0);
    expect(dueAt((await db.visits.get('big'))!)).toBe(T0 + OPEN_QUIET_MS);
    expect((await packQuiet(db, T0 + ENDED_QUIET_MS)).packed).toBe(0);
    expect((await packQuiet(db, T0 + OPEN_QUIET_MS)).packed).toBe(1);
    const parts = await db.packed.where('visitId').equals('big').sortBy('part');
    expect(parts.map((p) => p.entries)).toEqual([PART_ENTRIES, PART_ENTRIES, 7]);
    expect((await getVisitLog(db, 'big'))!.entries).toHaveLength(n);
  });

  it('packs at most `max` visits per sweep and says more are due', async () => {
    const db = newDb();
    const visits = ['a', 'b', 'c'].map((id) => visit(id, { endedAt: T0 }));
    await writeBatch(db, { visits, sightings: visits.map((v) => req(v.id, 'x.example', T0)) }, T0);
    const now = T0 + ENDED_QUIET_MS;
    expect(await packQuiet(db, now, 2)).toEqual({ packed: 2, nextDueAt: now });
    expect(await packQuiet(db, now, 2)).toEqual({ packed: 1, nextDueAt: null });
  });

  it('deleting a site removes its packed evidence too', async () => {
    const db = newDb();
    await writeBatch(db, { visits: [visit('v1')], sightings: [req('v1', 'a.example', T0)] }, T0);
    await packVisit(db, 'v1');
    expect(await deleteSite(db, 'news.example')).toBe(1);
    expect(await db.packed.count()).toBe(0);
    expect(await packVisit(db, 'v1')).toBe(false);
  });

  it('a visit whose part cannot be read stays as it was and does not stop the others', async () => {
    const db = newDb();
    const visits = ['bad', 'good'].map((id) => visit(id, { endedAt: T0 }));
    await writeBatch(db, { visits, sightings: visits.map((v) => req(v.id, 'x.example', T0)) }, T0);
    await db.packed.put({ visitId: 'bad', part: 0, entries: 1, data: new Uint8Array([1, 2, 3]) });
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await packQuiet(db, T0 + ENDED_QUIET_MS)).toMatchObject({ packed: 1 });
    expect(error).toHaveBeenCalledWith('cannot pack visit bad', expect.any(Error));
    error.mockRestore();
    expect(await db.evidence.where('visitId').equals('bad').count()).toBe(1);
    expect((await db.visits.get('bad'))!.loose).toBe(1);
  });

  it('a history stored before packing existed is packed by the first sweep', async () => {
    const name = `t-${crypto.randomUUID()}`;
    const v3 = new Dexie(name);
    v3.version(1).stores({
      visits: 'id, tabId, site, startedAt',
      findings: 'id, visitId',
      cookies: 'id, visitId',
    });
    v3.version(2).stores({ evidence: 'id, visitId, [visitId+kind]' });
    v3.version(3).stores({ findings: null, cookies: null });
    await v3.table('visits').put(visit('old', { endedAt: T0 }));
    const entry = { ...req('old', 'a.example', T0), lastAt: T0, count: 1, times: [T0] };
    delete (entry as { resourceType?: string }).resourceType;
    await v3.table('evidence').put(entry);
    v3.close();

    const db = createDb(name);
    expect(await db.visits.get('old')).toMatchObject({ loose: 1, touchedAt: 0 });
    expect((await packQuiet(db, T0)).packed).toBe(1);
    expect((await getVisitLog(db, 'old'))!.entries).toEqual([entry]);
  });
});
