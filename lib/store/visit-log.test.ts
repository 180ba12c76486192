import { describe, expect, it } from 'vitest';
import { createDb } from './db';
import { packVisit } from './compact';
import { getVisitLog, readVisitLogCopy, writeBatch } from './repo';
import { VisitLogCopy } from './visit-log';
import { CUSTOMER_IO_MATCH, requestSighting, visitRow } from './__fixtures__/sighting';

const T0 = 1_760_000_000_000;
const UNKNOWN = { ...CUSTOMER_IO_MATCH, vendor: null, vendorName: null, category: 'unknown' as const };

/** A small deterministic generator (mulberry32), so a failing sequence can be replayed from its seed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('VisitLogCopy', () => {
  it.each([1, 2, 3, 4, 5, 6])(
    'kept current with the written rows, equals what the store reads back (seed %i)',
    async (seed) => {
      const random = rng(seed);
      const db = createDb(`t-${crypto.randomUUID()}`);
      const visits = ['v1', 'v2'].map((id) => visitRow(id, 'news.example', T0));
      await writeBatch(db, { visits, sightings: [] });
      const copies = new Map<string, VisitLogCopy>();
      for (const v of visits) copies.set(v.id, (await readVisitLogCopy(db, v.id))!);
      for (let step = 0; step < 40; step++) {
        if (random() < 0.15) {
          // Packing changes the stored form: the copy is dropped and read again, as the background does.
          const id = random() < 0.5 ? 'v1' : 'v2';
          await packVisit(db, id);
          copies.set(id, (await readVisitLogCopy(db, id))!);
        } else {
          // A batch: sightings of a few hosts in both visits, out of order at times, some losing the vendor.
          const sightings = Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
            requestSighting(
              random() < 0.7 ? 'v1' : 'v2',
              `h${Math.floor(random() * 5)}.example`,
              T0 + Math.floor(random() * 100_000),
              random() < 0.3 ? { classification: UNKNOWN } : {},
            ),
          );
          const ended = random() < 0.2 ? [{ ...visits[0]!, endedAt: T0 + step }] : [];
          const written = await writeBatch(db, { visits: ended, sightings });
          for (const copy of copies.values()) copy.takeIn({ entries: written, visits: ended });
        }
        for (const [id, copy] of copies) {
          const stored = (await getVisitLog(db, id))!;
          expect(copy.entries(), `${id} after step ${step}`).toEqual(stored.entries);
          expect([copy.visit, copy.loose]).toEqual([stored.visit, stored.loose]);
        }
      }
      // The sequences did pack visits with rows written after, and folded packed entries with new rows.
      const stored = (await getVisitLog(db, 'v1'))!;
      expect(stored.entries.some((e) => e.count > 1)).toBe(true);
    },
  );

  it('orders entries as the store reads them: packed ones first, then rows by id, a row folded into its packed entry', () => {
    const entry = (host: string, at: number) => ({
      ...requestSighting('v', host, at),
      lastAt: at,
      count: 1,
      times: [at],
    });
    const copy = new VisitLogCopy(
      visitRow('v', 'news.example', T0),
      [entry('b.example', T0), entry('a.example', T0 + 1)],
      [entry('c.example', T0 + 2), entry('a.example', T0 + 3)],
      true,
    );
    copy.setRows([entry('0.example', T0 + 4)]);
    const entries = copy.entries();
    expect(entries.map((e) => e.host)).toEqual(['b.example', 'a.example', '0.example', 'c.example']);
    expect(entries[1]).toMatchObject({ count: 2, times: [T0 + 1, T0 + 3] });
  });
});
