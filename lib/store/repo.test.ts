import { describe, expect, it } from 'vitest';
import { createDb } from './db';
import {
  deleteAll,
  deleteSite,
  getVisitBundle,
  listSites,
  listVisits,
  pruneBefore,
  remarkVisit,
  writeBatch,
  MAX_TRANSACTION,
} from './repo';
import type { PageVisit } from '../findings';
import type { Observation } from '../observation';

const cio = {
  vendor: 'customer-io',
  vendorName: 'Customer.io',
  company: null,
  category: 'marketing',
  thirdParty: true,
  reason: 'r',
} as const;

function visit(id: string, site: string, startedAt: number): PageVisit {
  return {
    id,
    tabId: 1,
    url: `https://${site}/`,
    site,
    startedAt,
    incognito: false,
    consent: [],
    consentTool: null,
  };
}
function obs(visitId: string, host: string, at: number): Observation {
  return { visitId, kind: 'request', key: host, host, url: `https://${host}/x`, at, classification: cio };
}

describe('repo', () => {
  it('de-duplicates observations per visit, key and phase across batches', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await writeBatch(db, {
      visits: [visit('v1', 'shop.example', 1)],
      observations: [
        { obs: obs('v1', 'track.customer.io', 10), phase: 'before-consent', violation: true },
        { obs: obs('v1', 'track.customer.io', 20), phase: 'before-consent', violation: true },
        { obs: obs('v1', 'track.customer.io', 30), phase: 'after-reject', violation: true },
      ],
      cookies: [],
    });
    await writeBatch(db, {
      visits: [],
      observations: [{ obs: obs('v1', 'track.customer.io', 5), phase: 'before-consent', violation: true }],
      cookies: [],
    });
    const bundle = await getVisitBundle(db, 'v1');
    const byPhase = Object.fromEntries(bundle!.findings.map((f) => [f.phase, f]));
    expect(byPhase['before-consent']).toMatchObject({ count: 3, firstSeenAt: 5, lastSeenAt: 20 });
    expect(byPhase['after-reject']).toMatchObject({ count: 1 });
  });

  it('splits large batches into bounded transactions without losing any', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const n = MAX_TRANSACTION * 2 + 7;
    const observations = Array.from({ length: n }, (_, i) => ({
      obs: obs('v1', `h${i}.example`, i),
      phase: 'before-consent' as const,
      violation: false,
    }));
    await writeBatch(db, { visits: [visit('v1', 'shop.example', 1)], observations, cookies: [] });
    expect(await db.findings.count()).toBe(n);
  });

  it('keeps the latest cookie state and counts changes', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const base = {
      visitId: 'v1',
      name: '_cio',
      domain: 'customer.io',
      path: '/',
      thirdParty: true,
      expiresAt: null,
      valueLength: 3,
      valueHash: 'h1',
      removed: false,
    };
    await writeBatch(db, {
      visits: [],
      observations: [],
      cookies: [
        { ...base, at: 10 },
        { ...base, valueHash: 'h2', at: 20 },
        { ...base, valueHash: 'old', at: 5 },
      ],
    });
    const [c] = await db.cookies.toArray();
    expect(c).toMatchObject({ valueHash: 'h2', firstSeenAt: 5, lastSeenAt: 20, changes: 3 });
  });

  it('lists, deletes and prunes by site and age', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await writeBatch(db, {
      visits: [visit('a1', 'a.example', 100), visit('a2', 'a.example', 300), visit('b1', 'b.example', 200)],
      observations: [
        { obs: obs('a1', 't.example', 1), phase: 'before-consent', violation: true },
        { obs: obs('a2', 't.example', 2), phase: 'after-reject', violation: true },
        { obs: obs('a2', 'u.example', 3), phase: 'after-accept', violation: false },
      ],
      cookies: [],
    });
    // The same vendor violating on two visits of a site counts once.
    expect((await listSites(db)).map((s) => [s.site, s.visits, s.violations])).toEqual([
      ['a.example', 2, 1],
      ['b.example', 1, 0],
    ]);
    expect((await listVisits(db, 'a.example')).map((v) => v.id)).toEqual(['a2', 'a1']);
    expect(await pruneBefore(db, 150)).toBe(1);
    expect(await db.findings.count()).toBe(2);
    expect(await deleteSite(db, 'b.example')).toBe(1);
    expect(await deleteAll(db)).toBe(1);
    expect(await db.visits.count()).toBe(0);
  });
});

describe('remarkVisit', () => {
  it('moves findings to the phase the corrected timeline gives, merging with existing ones', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await writeBatch(db, {
      visits: [visit('v1', 'shop.example', 1)],
      observations: [
        { obs: obs('v1', 'track.customer.io', 10), phase: 'before-consent', violation: true },
        { obs: obs('v1', 'track.customer.io', 20), phase: 'before-consent', violation: true },
        { obs: obs('v1', 'track.customer.io', 90), phase: 'after-reject', violation: true },
        { obs: obs('v2', 'track.customer.io', 10), phase: 'before-consent', violation: true },
      ],
      cookies: [],
    });
    // A stored refusal turned out to cover the whole visit.
    const moved = await remarkVisit(db, 'v1', () => ({ phase: 'after-reject', violation: true }));
    expect(moved).toBe(1);
    const v1 = (await getVisitBundle(db, 'v1'))!.findings;
    expect(v1.map((f) => [f.phase, f.count, f.firstSeenAt, f.lastSeenAt])).toEqual([
      ['after-reject', 3, 10, 90],
    ]);
    // Other visits are untouched, and a second pass changes nothing.
    expect((await db.findings.where('visitId').equals('v2').toArray()).map((f) => f.phase)).toEqual([
      'before-consent',
    ]);
    expect(await remarkVisit(db, 'v1', () => ({ phase: 'after-reject', violation: true }))).toBe(0);
  });
});
