import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { createDb, DB_NAME } from './db';
import { deleteAll, deleteSite, getVisitLog, listVisits, pruneBefore, writeBatch, MAX_CHUNK } from './repo';
import { listSites } from './sites';
import { deriveVisit } from '../evidence/derive';
import { requestSighting, visitRow } from './__fixtures__/sighting';
import { OPTANON_REJECT_ALL } from '../consent/__fixtures__/cookies';

const visit = visitRow;
const req = (visitId: string, host: string, at: number) => requestSighting(visitId, host, at);

describe('repo', () => {
  it('folds repeated sightings into one entry with count, first/last time and bounded times', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await writeBatch(db, {
      visits: [visit('v1', 'shop.example', 1)],
      sightings: [req('v1', 'track.customer.io', 10), req('v1', 'track.customer.io', 30)],
    });
    const many = Array.from({ length: 200 }, (_, i) => req('v1', 'track.customer.io', 100 + i));
    await writeBatch(db, { visits: [], sightings: [req('v1', 'track.customer.io', 5), ...many] });
    const log = await getVisitLog(db, 'v1');
    expect(log!.entries).toHaveLength(1);
    const [e] = log!.entries;
    expect(e).toMatchObject({ count: 203, at: 5, lastAt: 299 });
    expect(e!.times).toHaveLength(64);
    expect(e!.times.slice(0, 3)).toEqual([5, 10, 30]);
    expect(e!.times.at(-1)).toBe(299);
  });

  it('writes a large batch in bounded chunks without losing any', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const n = MAX_CHUNK * 2 + 7;
    const sightings = Array.from({ length: n }, (_, i) => req('v1', `h${i}.example`, i));
    await writeBatch(db, { visits: [visit('v1', 'shop.example', 1)], sightings });
    expect(await db.evidence.count()).toBe(n);
  });

  it('writes a batch whole or not at all, so the writer retrying it never counts a sighting twice', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const good = Array.from({ length: MAX_CHUNK + 3 }, () => req('v1', 'track.customer.io', 10));
    // A sighting IndexedDB refuses (no key), in the batch's second chunk.
    const bad = { ...req('v1', 'bad.example', 11), id: undefined as unknown as string };
    const batch = { visits: [visit('v1', 'shop.example', 1)], sightings: [...good, bad] };
    await expect(writeBatch(db, batch)).rejects.toThrow();
    expect(await db.evidence.count()).toBe(0);
    expect(await db.visits.count()).toBe(0);
    // The retry without the refused sighting counts each sighting once.
    await writeBatch(db, { ...batch, sightings: good });
    expect((await db.evidence.toArray()).map((e) => e.count)).toEqual([MAX_CHUNK + 3]);
  });

  it('lists sites by distinct violating vendors (the derivation), deletes and prunes by site and age', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await writeBatch(db, {
      visits: [visit('a1', 'a.example', 100), visit('a2', 'a.example', 300), visit('b1', 'b.example', 200)],
      sightings: [req('a1', 't.example', 101), req('a2', 't.example', 301), req('b1', 'cdn.example', 201)],
    });
    // b1's only request is Customer.io too: a violation; both a-visits' count once.
    expect((await listSites(db)).map((s) => [s.site, s.visits, s.violations])).toEqual([
      ['a.example', 2, 1],
      ['b.example', 1, 1],
    ]);
    expect((await listVisits(db, 'a.example')).map((v) => v.id)).toEqual(['a2', 'a1']);
    expect(await pruneBefore(db, 150)).toBe(1);
    expect(await db.evidence.count()).toBe(2);
    expect(await deleteSite(db, 'b.example')).toBe(1);
    expect(await deleteAll(db)).toBe(1);
    expect(await db.visits.count()).toBe(0);
  });
});

describe('schema migration', () => {
  it('opens a database written by the v1 code and derives its history by the current rules', async () => {
    const name = `t-${crypto.randomUUID()}`;
    // Exactly the v1 schema and rows as stop 8's code wrote them.
    const old = new Dexie(name);
    old.version(1).stores({
      visits: 'id, tabId, site, startedAt',
      findings: 'id, visitId, [visitId+kind], vendorId, firstSeenAt',
      cookies: 'id, visitId, name',
    });
    await old.open();
    await old.table('visits').put({
      id: 'v1',
      tabId: 3,
      url: 'https://shop.example/',
      site: 'shop.example',
      startedAt: 1000,
      incognito: false,
      consentTool: 'onetrust',
      consent: [
        {
          tool: 'onetrust',
          state: 'choice',
          via: 'cookie:OptanonConsent',
          raw: OPTANON_REJECT_ALL,
          choice: { kind: 'reject-all', granted: ['necessary'] },
          at: 5000,
        },
      ],
    });
    await old.table('findings').bulkPut([
      {
        id: 'v1|request|track.customer.io|before-consent',
        visitId: 'v1',
        kind: 'request',
        key: 'track.customer.io',
        host: 'track.customer.io',
        url: 'https://track.customer.io/v1/e',
        thirdParty: true,
        vendorId: 'customer-io',
        category: 'marketing',
        reason: 'host',
        phase: 'before-consent',
        violation: true,
        firstSeenAt: 2000,
        lastSeenAt: 2000,
        count: 1,
      },
      {
        id: 'v1|cookie|_cio@shop.example|after-reject',
        visitId: 'v1',
        kind: 'cookie',
        key: '_cio@shop.example',
        host: 'shop.example',
        url: 'https://shop.example/',
        cookieName: '_cio',
        cookieDomain: 'shop.example',
        thirdParty: false,
        vendorId: 'customer-io',
        category: 'marketing',
        reason: 'cookie',
        phase: 'after-reject',
        violation: true,
        firstSeenAt: 6000,
        lastSeenAt: 7000,
        count: 2,
        lifetimeSeconds: 86400,
      },
    ]);
    old.close();

    const db = createDb(name);
    const log = await getVisitLog(db, 'v1');
    expect(log!.visit).toEqual({
      id: 'v1',
      tabId: 3,
      url: 'https://shop.example/',
      site: 'shop.example',
      startedAt: 1000,
      incognito: false,
    });
    const d = deriveVisit(log!.visit, log!.entries);
    expect(d.findings.map((f) => [f.kind, f.phase, f.violation, f.count])).toEqual([
      ['request', 'before-consent', true, 1],
      ['cookie', 'after-reject', true, 2],
    ]);
    expect(d.consentState).toMatch(/^OneTrust · rejected at/);
    expect(d.verdict.text).toBe(
      '1 marketing tracker fired before consent; 1 marketing tracker fired after consent was refused',
    );
    expect(db.tables.map((t) => t.name).sort()).toEqual(['evidence', 'packed', 'visits']);
    expect(DB_NAME).toBe('cookie-inspector');
  });
});

describe('site history cache', () => {
  it('derives a visit once, reuses its cached summary, and derives again after new evidence', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await writeBatch(db, {
      visits: [visit('a1', 'a.example', 100)],
      sightings: [req('a1', 't.example', 101)],
    });
    expect((await listSites(db))[0]!.violations).toBe(1);
    expect((await db.visits.get('a1'))!.summary).toMatchObject({ violating: ['customer-io'] });
    // A cached summary is what the history reads: a hand-edited cache shows through until evidence arrives.
    await db.visits.update('a1', { summary: { ...(await db.visits.get('a1'))!.summary!, violating: [] } });
    expect((await listSites(db))[0]!.violations).toBe(0);
    await writeBatch(db, { visits: [], sightings: [req('a1', 't.example', 102)] });
    expect((await db.visits.get('a1'))!.summary).toBeUndefined();
    expect((await listSites(db))[0]!.violations).toBe(1);
  });
});
