import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeEntries, mergeSighting } from './merge';
import type { EvidenceEntry, Sighting } from './types';

const fold = (sightings: Sighting[]) =>
  sightings.reduce<EvidenceEntry | undefined>((e, s) => mergeSighting(e, s), undefined)!;

/** Sightings of one request entry at distinct times, some with a vendor match, in arrival order. */
const arbSightings = fc
  .uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 2, maxLength: 150 })
  .chain((times) =>
    fc.tuple(
      fc.constant(times),
      fc.array(fc.boolean(), { minLength: times.length, maxLength: times.length }),
      fc.array(fc.constantFrom('script', 'image', 'xmlhttprequest', 'ping'), {
        minLength: times.length,
        maxLength: times.length,
      }),
      fc.integer({ min: 1, max: times.length - 1 }),
    ),
  )
  .map(([times, matched, types, split]) => ({
    sightings: times.map((at, i): Sighting => ({
      id: 'v|request|t.example',
      visitId: 'v',
      kind: 'request',
      provenance: 'browser',
      via: 'webRequest',
      key: 't.example',
      host: 't.example',
      site: 't.example',
      at,
      url: `https://t.example/${at}`,
      resourceType: types[i],
      classification: {
        vendor: matched[i] ? 'v1' : null,
        vendorName: null,
        company: null,
        category: matched[i] ? 'analytics' : 'unknown',
        thirdParty: true,
        reason: 'r',
      },
    })),
    split,
  }));

describe('mergeEntries', () => {
  it('folding two halves of the sightings gives what folding them all gives', () => {
    fc.assert(
      fc.property(arbSightings, ({ sightings, split }) => {
        const whole = fold(sightings);
        const halves = mergeEntries(fold(sightings.slice(0, split)), fold(sightings.slice(split)));
        expect(halves.count).toBe(whole.count);
        expect(halves.at).toBe(whole.at);
        expect(halves.lastAt).toBe(whole.lastAt);
        expect(halves.times).toEqual(whole.times);
        expect(halves.url).toBe(whole.url);
        expect(halves.classification?.vendor).toBe(whole.classification?.vendor);
        expect(new Set(halves.resourceTypes)).toEqual(new Set(whole.resourceTypes));
      }),
    );
  });

  it('keeps the script that set a cookie when the later entry does not name it', () => {
    const cookie = (at: number, setBy?: string): EvidenceEntry => ({
      id: 'v|cookie|_ga@shop.example',
      visitId: 'v',
      kind: 'cookie',
      provenance: 'page',
      via: 'document.cookie',
      key: '_ga@shop.example',
      host: 'shop.example',
      site: 'shop.example',
      at,
      lastAt: at,
      count: 1,
      times: [at],
      cookie: {
        name: '_ga',
        domain: 'shop.example',
        action: 'set',
        valueLength: 3,
        valueHash: String(at),
        setBy,
      },
    });
    const merged = mergeEntries(cookie(1, 'https://cdn.example/gtag.js'), cookie(2));
    expect(merged.cookie).toMatchObject({ valueHash: '2', setBy: 'https://cdn.example/gtag.js' });
    expect(merged).toMatchObject({ at: 1, lastAt: 2, count: 2, times: [1, 2] });
  });
});
