import { deriveVisit, deriveVisitUpdate, type DeriveOptions, type DerivedVisit } from '@/lib/evidence/derive';
import { storedEntries } from '@/lib/evidence/reclassify';
import type { EvidenceEntry } from '@/lib/evidence/types';
import type { Classifier } from '@/lib/record';
import { countVisitLog, getVisitLog, readVisitLogCopy } from '@/lib/store/repo';
import type { VisitLog, VisitLogCopy } from '@/lib/store/visit-log';
import { hasCurrentSummary, summaryCache } from '@/lib/store/sites';
import { ready, type Context } from './context';
import { flush, onFlushed, type Written } from './writer';

export interface Derived {
  derived: DerivedVisit;
  entries: EvidenceEntry[];
  /** What reading and deriving the visit took, in ms: large visits are worth keeping (saved-summary.ts). */
  ms: number;
  /** The copy (its serial) and snapshot this was derived from: the next snapshot's derivation may start here. */
  basis?: { copy: number; snapshot: number };
}

/**
 * Derived visits by id. A batch that touches a visit marks its derivation stale rather than dropping it, so a
 * reader that accepts it (the popup) is answered at once while the visit is derived again.
 */
interface CacheEntry {
  derived: Promise<Derived | null>;
  /** Settled value, once there is one. */
  value?: Derived | null;
  /** The derivation this one replaces, until it settles: what a reader that accepts a stale one gets meanwhile. */
  previous?: Derived;
  stale: boolean;
}
const cache = new Map<string, CacheEntry>();
const MAX_CACHED = 20;
const rederived: ((visitId: string) => void)[] = [];

/**
 * Copies of the stored evidence of the visits derived last (lib/store/visit-log.ts), kept equal to the store
 * with each batch's written rows: a visit is derived again without reading it back. A copy is dropped when the
 * store's form of its visit changes otherwise (packing, deletion); `epoch` counts those changes, so a read that
 * overlapped one is used once and not kept.
 */
const MAX_COPIES = 4;
const copies = new Map<string, VisitLogCopy>();
/** Batches written while a visit is read from the store, for that read to take in once it is done. */
const readers = new Map<string, Set<Written[]>>();
let epoch = 0;

onFlushed((visitIds, written) => {
  for (const id of visitIds) {
    if (cache.has(id)) cache.get(id)!.stale = true;
    copies.get(id)?.takeIn(written);
    readers.get(id)?.forEach((queue) => queue.push(written));
  }
});

/** Called when a visit read stale has been derived again with the newer evidence (live views re-ask). */
export function onRederived(listener: (visitId: string) => void): void {
  rederived.push(listener);
}

/** Drops the copy of a visit whose stored form is about to change or just changed (compact.ts packing). */
export function forgetLogCopy(visitId: string): void {
  copies.delete(visitId);
  epoch++;
}

/**
 * The visit's stored evidence: its copy when there is one and the store still holds as many rows and parts for
 * it (rows written other than by this worker's writer, a test's seeding say, make the copy read again), else
 * read from the store, and kept when no packing or deletion overlapped the read.
 */
async function visitLog(visitId: string): Promise<VisitLogCopy | null> {
  const { db } = await ready();
  const held = copies.get(visitId);
  if (held) {
    const at = epoch;
    const stored = await countVisitLog(db, visitId);
    if (
      epoch === at &&
      copies.get(visitId) === held &&
      stored.rows === held.rowCount &&
      stored.parts === held.parts
    ) {
      // Most recently used last: the oldest copy goes first.
      copies.delete(visitId);
      copies.set(visitId, held);
      return held;
    }
    if (copies.get(visitId) === held) copies.delete(visitId);
  }
  const queue: Written[] = [];
  const queues = readers.get(visitId) ?? readers.set(visitId, new Set()).get(visitId)!;
  queues.add(queue);
  const at = epoch;
  try {
    const read = await readVisitLogCopy(db, visitId);
    if (!read) return null;
    // Batches written meanwhile may or may not be in what was read: their rows are the store's rows either way.
    for (const written of queue) read.takeIn(written);
    if (epoch === at) {
      copies.set(visitId, read);
      if (copies.size > MAX_COPIES) copies.delete(copies.keys().next().value!);
    }
    return read;
  } finally {
    queues.delete(queue);
    if (!queues.size) readers.delete(visitId);
  }
}

/**
 * A visit's evidence log, its entries as the current vendor database files them (lib/evidence/reclassify.ts) and
 * its derivation, with the copy's snapshot it came from when it came from one.
 */
interface Read {
  log: VisitLog;
  entries: EvidenceEntry[];
  derived: DerivedVisit;
  basis?: Derived['basis'];
}

/** The visit derived from its copy: from the previous derivation when that was of the copy's previous snapshot. */
async function fromCopy(visitId: string, classifier: Classifier, previous?: Derived): Promise<Read | null> {
  const copy = await visitLog(visitId);
  if (!copy) return null;
  const { log, written, number } = copy.snapshot();
  const prior = previous?.basis;
  // Batches are filed by the current database; a visit recorded with another one is filed again whole.
  const { visit, entries, refiled } = storedEntries(log.visit, log.entries, classifier);
  if (refiled !== undefined) {
    return {
      log,
      entries,
      derived: { ...deriveVisit(visit, entries), refiled },
      basis: { copy: copy.serial, snapshot: number },
    };
  }
  const derived =
    previous && prior?.copy === copy.serial && prior.snapshot === number - 1
      ? deriveVisitUpdate(previous.derived, log.visit, log.entries, written)
      : deriveVisit(log.visit, log.entries);
  return { log, entries, derived, basis: { copy: copy.serial, snapshot: number } };
}

/** Browser-observed evidence alone: read whole from the store, never cached. */
async function browserOnly(
  visitId: string,
  { db, classifier }: Context,
  options: DeriveOptions,
): Promise<Read | null> {
  const log = await getVisitLog(db, visitId);
  if (!log) return null;
  const { visit, entries, refiled } = storedEntries(log.visit, log.entries, classifier);
  const derived = deriveVisit(visit, entries, options);
  return { log, entries, derived: refiled === undefined ? derived : { ...derived, refiled } };
}

async function load(visitId: string, options: DeriveOptions, previous?: Derived): Promise<Derived | null> {
  const context = await ready();
  const { db, classifier } = context;
  const started = performance.now();
  const read = options.browserOnly
    ? await browserOnly(visitId, context, options)
    : await fromCopy(visitId, classifier, previous);
  if (!read) return null;
  const { log, entries, derived, basis } = read;
  const ms = performance.now() - started;
  // The site history's cache of this visit, filled while we have the derivation at hand. Not for a visit with
  // rows still to pack: its next batch would outdate it, and packing caches it (lib/store/compact.ts).
  if (!options.browserOnly && !log.loose && !hasCurrentSummary(log.visit, classifier)) {
    const summary = summaryCache(log.visit, log.entries, classifier, derived.parties);
    await db.visits.update(visitId, { summary }).catch(() => undefined);
    // The copy holds the row as stored.
    const copy = copies.get(visitId);
    if (copy && !copy.loose) copy.visit = { ...copy.visit, summary };
  }
  return { derived, entries, ms, ...(basis && { basis }) };
}

function derive(visitId: string, previous?: Derived): CacheEntry {
  const entry: CacheEntry = { derived: load(visitId, {}, previous), stale: false, previous };
  entry.derived.then(
    (v) => ((entry.value = v), (entry.previous = undefined)),
    () => cache.get(visitId) === entry && cache.delete(visitId),
  );
  cache.set(visitId, entry);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return entry;
}

/**
 * Forgets every derivation held in memory: stored visits were deleted (by the user or by retention), and nothing
 * deleted may still be shown or exported from here. Later reads derive from what is stored.
 */
export function forgetDerivations(): void {
  cache.clear();
  copies.clear();
  epoch++;
}

/** Whether this worker has derived the visit (or holds a derivation of it, maybe stale). */
export function hasDerivation(visitId: string): boolean {
  const held = cache.get(visitId);
  return (held?.value ?? held?.previous) != null;
}

/** Derives the visit again now, without waiting for it, and tells onRederived listeners when it is done. */
export function rederive(visitId: string): void {
  readDerived(visitId, { fresh: false }).then(
    () => rederived.forEach((l) => l(visitId)),
    () => undefined,
  );
}

/**
 * A stored visit derived by the one derivation. `fresh` writes what is buffered first (exports, audits);
 * the popup reads without forcing a flush and is told of later batches instead (live.ts). `stale: true`
 * accepts the previous derivation of a visit that has newer evidence: it is derived again meanwhile, and
 * onRederived listeners hear when that is done.
 */
export async function readDerived(
  visitId: string,
  options: DeriveOptions & { fresh?: boolean; stale?: boolean } = {},
): Promise<Derived | null> {
  if (options.fresh !== false) await flush();
  if (options.browserOnly) return load(visitId, options);
  const hit = cache.get(visitId);
  const last = hit?.value ?? hit?.previous;
  // The derivation running (or done) is current; a stale reader takes the last one while it runs, not waits.
  const next = hit && !hit.stale ? hit : derive(visitId, last ?? undefined);
  if (next.value === undefined && last && options.stale) {
    // A failed derivation was already dropped from the cache (derive): the next read tries again.
    next.derived.then(
      () => rederived.forEach((l) => l(visitId)),
      () => undefined,
    );
    return last;
  }
  return next.derived;
}
