// `npm run bench:derive [-- --json]`: the derivation of a large visit, whole and from the previous derivation
// after one batch (lib/evidence/derive.ts deriveVisitUpdate), as the worker derives a live page after each batch.
import { deriveVisit, deriveVisitUpdate } from '../lib/evidence/derive';
import type { EvidenceEntry } from '../lib/evidence/types';
import type { PageVisit } from '../lib/findings';

const SIZES = [1000, 10_000, 50_000];
/** Entries one batch writes: new sightings, and some entries seen again. */
const BATCH = { added: 20, rewritten: 20 };
const ROUNDS = 7;
const T0 = Date.UTC(2026, 11, 1);

const visit: PageVisit = {
  id: 'bench',
  tabId: 1,
  url: 'https://shop.example/',
  site: 'shop.example',
  startedAt: T0,
  incognito: false,
};

/** A visit like the scale benchmark's: requests and cookies of many hosts, a quarter unattributed. */
function entryAt(i: number, times = [T0 + i]): EvidenceEntry {
  const kind = i % 2 ? 'cookie' : 'request';
  const host = `t${i % 12_500}.bench.example`;
  const key = kind === 'cookie' ? `c${i}@bench.example` : host;
  const vendor = i % 4 === 3 ? null : `v${i % 80}`;
  return {
    id: `bench|${kind}|${key}|${i}`,
    visitId: visit.id,
    kind,
    provenance: 'browser',
    via: kind === 'cookie' ? 'cookies-api' : 'webRequest',
    key,
    host,
    site: 'bench.example',
    at: times[0]!,
    lastAt: times.at(-1)!,
    count: times.length,
    times,
    url: `https://${host}/p?i=${i}`,
    classification: {
      vendor,
      vendorName: vendor,
      company: null,
      category: vendor ? 'analytics' : 'unknown',
      thirdParty: true,
      reason: 'bench',
    },
    ...(kind === 'cookie' && {
      cookie: {
        name: `c${i}`,
        domain: host,
        action: 'set',
        valueLength: 8,
        valueHash: 'h',
        lifetimeSeconds: 86_400,
      },
    }),
  } as EvidenceEntry;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const result: Record<number, { wholeMs: number; updateMs: number }> = {};
for (const n of SIZES) {
  const entries = Array.from({ length: n }, (_, i) => entryAt(i));
  const whole: number[] = [];
  const update: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now();
    const prev = deriveVisit(visit, entries);
    whole.push(performance.now() - t);
    const next = entries.slice();
    const written = new Set<string>();
    for (let k = 0; k < BATCH.added; k++) {
      const e = entryAt(n + r * BATCH.added + k);
      next.push(e);
      written.add(e.id);
    }
    for (let k = 0; k < BATCH.rewritten; k++) {
      const i = (k * 7919 + r) % n;
      const e = entryAt(i, [T0 + i, T0 + n + k]);
      next[i] = e;
      written.add(e.id);
    }
    t = performance.now();
    deriveVisitUpdate(prev, visit, next, written);
    update.push(performance.now() - t);
  }
  result[n] = { wholeMs: Math.round(median(whole)), updateMs: Math.round(median(update)) };
  console.log(
    `${String(n).padStart(6)} entries: whole ${result[n]!.wholeMs} ms, after a batch (${BATCH.added} new, ` +
      `${BATCH.rewritten} seen again) ${result[n]!.updateMs} ms (median of ${ROUNDS})`,
  );
}
if (process.argv.includes('--json'))
  console.log(JSON.stringify({ batch: BATCH, rounds: ROUNDS, derive: result }));
