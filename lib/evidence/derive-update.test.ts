// The incremental derivation must give exactly what the whole derivation gives, batch after batch: random visits
// written in random batches (new entries, rewritten ones, several channels for one key, dropped sighting times,
// the site's own organisation, page reports, consent choices arriving late, cookie names other vendors list too
// whose writer the page's requests decide), each step checked against
// deriveVisit on the whole log, starting each step from the previous incremental result.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CATEGORIES } from '../category';
import { signalFromCookie } from '../consent/signals';
import { OPTANON_ACCEPT_ALL, OPTANON_REJECT_ALL } from '../consent/__fixtures__/cookies';
import { T0, consentEntry, entry, visit } from '../report/__fixtures__/visit';
import { deriveVisit, deriveVisitUpdate } from './derive';
import { MAX_TIMES, type EvidenceEntry } from './types';

const categories = [...CATEGORIES, 'unknown'] as const;

const arbWrite = fc.record({
  /** Which of a few entry ids: the same id again rewrites that entry (a merged sighting), as the store does. */
  slot: fc.integer({ min: 0, max: 11 }),
  host: fc.constantFrom('a.example', 'b.example', 'c.example', 'shop.example'),
  /** Entries of one key through different channels have different ids and fold into the same findings. */
  via: fc.constantFrom('webRequest', 'set-cookie', 'document.cookie'),
  kind: fc.constantFrom('request' as const, 'cookie' as const),
  vendor: fc.option(fc.constantFrom('v1', 'v2', 'v3'), { nil: null }),
  category: fc.constantFrom(...categories),
  /** A cookie name another vendor lists too (the classifier's `alternatives`). */
  alt: fc.option(
    fc.record({ vendor: fc.constantFrom('v1', 'v2', 'v3'), category: fc.constantFrom(...categories) }),
    {
      nil: null,
    },
  ),
  times: fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: MAX_TIMES }),
  /** Sightings beyond the kept times (their times dropped). */
  extra: fc.integer({ min: 0, max: 3 }),
  own: fc.boolean(),
  page: fc.boolean(),
  lifetime: fc.option(fc.integer({ min: 0, max: 1e8 }), { nil: undefined }),
  removed: fc.boolean(),
});

const arbConsent = fc.record({
  at: fc.integer({ min: 0, max: 20_000 }),
  value: fc.constantFrom(OPTANON_ACCEPT_ALL, OPTANON_REJECT_ALL),
});

/** A batch: what it writes, and maybe a stored consent choice. */
const arbBatch = fc.record({
  writes: fc.array(arbWrite, { maxLength: 8 }),
  consent: fc.option(arbConsent, { nil: null }),
});

type Write = typeof arbWrite extends fc.Arbitrary<infer W> ? W : never;

function toEntry(w: Write, step: number): EvidenceEntry {
  const key = w.kind === 'cookie' ? `c${w.slot % 3}@${w.host}` : w.host;
  const times = [...w.times].sort((a, b) => a - b).map((t) => T0 + t);
  return entry({
    id: `v1|${w.kind}|${key}|${w.via}|${w.slot}`,
    host: w.host,
    kind: w.kind,
    key,
    via: w.kind === 'request' ? 'webRequest' : (w.via as EvidenceEntry['via']),
    provenance: w.page ? 'page' : 'browser',
    at: times[0]!,
    lastAt: times.at(-1)!,
    times,
    count: times.length + w.extra,
    ...(w.kind === 'request' && w.own && { ownOrganisation: true }),
    ...(w.kind === 'cookie' && {
      cookie: {
        name: `c${w.slot % 3}`,
        domain: w.host,
        action: w.removed ? ('removed' as const) : ('set' as const),
        valueLength: step,
        valueHash: `h${step}`,
        ...(w.lifetime !== undefined && { lifetimeSeconds: w.lifetime }),
      },
    }),
    classification: {
      vendor: w.vendor,
      vendorName: w.vendor ? `Vendor ${w.vendor}` : null,
      company: null,
      category: w.category,
      thirdParty: w.host !== 'shop.example',
      reason: `r${step}`,
      ...(w.kind === 'cookie' &&
        w.vendor &&
        w.alt &&
        w.alt.vendor !== w.vendor && {
          alternatives: [{ ...w.alt, vendorName: `Vendor ${w.alt.vendor}`, company: null }],
        }),
    },
  });
}

describe('deriveVisitUpdate', () => {
  it('property: equals the whole derivation after every batch, with or without page reports', () => {
    fc.assert(
      fc.property(
        fc.array(arbBatch, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (batches, browserOnly) => {
          const v = visit();
          const log = new Map<string, EvidenceEntry>();
          let prev = deriveVisit(v, [], { browserOnly });
          batches.forEach((batch, step) => {
            const written = new Set<string>();
            for (const w of batch.writes) {
              const e = toEntry(w, step);
              // A rewrite keeps its place in the log, as a row keeps its key in the store.
              log.set(e.id, e);
              written.add(e.id);
            }
            if (batch.consent) {
              const signal = signalFromCookie('OptanonConsent', batch.consent.value)!;
              const c = consentEntry(signal, { at: T0 + batch.consent.at });
              log.set(c.id, c);
              written.add(c.id);
            }
            const entries = [...log.values()];
            const next = deriveVisitUpdate(prev, v, entries, written, { browserOnly });
            expect(next).toEqual(deriveVisit(v, entries, { browserOnly }));
            prev = next;
          });
        },
      ),
      // PROPERTY_RUNS=5000 for a longer search (it passed 5,000 runs when written).
      { numRuns: Number(process.env.PROPERTY_RUNS) || 200 },
    );
  });

  it('reuses the findings of keys no batch touched (the point of it), and folds the touched ones again', () => {
    const v = visit();
    const a = entry({ id: 'a', host: 'a.example', at: T0 + 1 });
    const b = entry({ id: 'b', host: 'b.example', at: T0 + 2 });
    const prev = deriveVisit(v, [a, b]);
    const b2 = { ...b, times: [T0 + 2, T0 + 3], count: 2, lastAt: T0 + 3 };
    const next = deriveVisitUpdate(prev, v, [a, b2], new Set(['b']));
    expect(next.findings.find((f) => f.key === 'a.example')).toBe(
      prev.findings.find((f) => f.key === 'a.example'),
    );
    expect(next.findings.find((f) => f.key === 'b.example')?.count).toBe(2);
  });
});
