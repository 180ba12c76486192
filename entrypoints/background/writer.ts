import type { PageVisit } from '@/lib/findings';
import type { EvidenceEntry, Sighting } from '@/lib/evidence/types';
import { writeBatch } from '@/lib/store/repo';
import { ready } from './context';
import { checkpoint, dropLeftovers, logSighting, logVisit, takeLeftovers } from './wal';

/**
 * The one batched writer: evidence only, no verdicts. A flush runs at most FLUSH_MS after the first buffered
 * event (IDLE_MS when events stop). Buffers are memory plus a write-ahead log in storage.session (wal.ts)
 * that a restarted worker replays.
 */
const IDLE_MS = 100;
const FLUSH_MS = 1000;

let sightings: Sighting[] = [];
const visits = new Map<string, PageVisit>();
let firstAt = 0;
let lastAt = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let running: Promise<void> = Promise.resolve();
// A failed batch goes back into the buffers and is retried a few times; its log entries are released only
// once it is written. After the last try it is dropped from memory and its log entries (all of them, those of
// the earlier tries too) are kept for the next worker start to replay: a later batch never releases them.
const RETRY_MS = 2000;
const MAX_RETRIES = 3;
let retries = 0;
const unreleased: { release: () => Promise<void> }[] = [];
/** What a batch wrote: the evidence rows and visit rows as the store now holds them. */
export interface Written {
  entries: EvidenceEntry[];
  visits: PageVisit[];
}
type FlushListener = (visitIds: Set<string>, written: Written) => void;
const listeners: FlushListener[] = [];
// Visits whose rows may be stored: incognito ones only with the opt-in (decided once, when first seen).
const known = new Map<string, PageVisit>();

/** When the buffered events are due: IDLE_MS after the last one, at most FLUSH_MS after the first. */
const dueAt = () => Math.min(lastAt + IDLE_MS, firstAt + FLUSH_MS);

// One timer per batch, moved only when it fires early: re-arming it per event cost the worker a timer
// cancel and create for each of thousands of requests (npm run profile:worker).
function schedule(): void {
  lastAt = Date.now();
  if (!firstAt) firstAt = lastAt;
  if (!timer) arm();
}

function arm(): void {
  timer = setTimeout(
    () => {
      timer = undefined;
      if (Date.now() >= dueAt()) void flush();
      else arm();
    },
    Math.max(0, dueAt() - Date.now()),
  );
}

// Visits whose rows were deleted while they were live: anything of them still on its way is dropped (bounded).
const forgotten = new Set<string>();

/**
 * The visits with these ids were deleted (the site's history, everything, retention): what is buffered of them
 * is dropped, and whatever of them still arrives (a late event, a report in flight) is never written again.
 */
export function forgetVisits(ids: Iterable<string>): void {
  const gone = new Set(ids);
  for (const id of gone) {
    forgotten.add(id);
    known.delete(id);
    visits.delete(id);
  }
  while (forgotten.size > 2000) forgotten.delete(forgotten.values().next().value!);
  if (gone.size) sightings = sightings.filter((s) => !gone.has(s.visitId));
}

/** Buffers one sighting of the visit (the visit row is written with it). */
export function enqueue(visit: PageVisit, s: Sighting): void {
  if (forgotten.has(visit.id)) return;
  if (!known.has(visit.id)) saveVisit(visit);
  sightings.push(s);
  logSighting(s);
  schedule();
}

/** The visit as this writer last saved it (this worker's lifetime, the latest 2,000), if it did. */
export function knownVisit(visitId: string): PageVisit | undefined {
  return known.get(visitId);
}

/** Marks a visit row (URL, end time) for writing with the next batch. */
export function saveVisit(visit: PageVisit): void {
  if (forgotten.has(visit.id)) return;
  known.set(visit.id, visit);
  if (known.size > 2000) known.delete(known.keys().next().value!);
  visits.set(visit.id, visit);
  logVisit(visit);
  schedule();
}

/** Called after each batch with the visits it touched and what it wrote (badge, live views, derivations). */
export function onFlushed(listener: FlushListener): void {
  listeners.push(listener);
}

async function writeOnce(): Promise<void> {
  const batchSightings = sightings;
  const batchVisits = new Map(visits);
  const log = checkpoint();
  sightings = [];
  visits.clear();
  firstAt = 0;
  if (!batchSightings.length && !batchVisits.size) return;
  const { db, settings } = await ready();
  // Incognito visits are never persisted unless the user opted in before they started.
  const keepVisit = (v: PageVisit) =>
    !v.incognito || (settings.recordIncognito && v.startedAt >= (settings.recordIncognitoSince ?? 0));
  const keptVisits = [...batchVisits.values()].filter(keepVisit);
  const dropped = new Set([...known.values()].filter((v) => !keepVisit(v)).map((v) => v.id));
  const kept = batchSightings.filter((s) => !dropped.has(s.visitId));
  let entries: EvidenceEntry[];
  try {
    entries = await writeBatch(db, { visits: keptVisits, sightings: kept });
  } catch (e) {
    if (retries < MAX_RETRIES) {
      retries += 1;
      unreleased.push(log);
      sightings = [...batchSightings, ...sightings];
      for (const [id, v] of batchVisits) if (!visits.has(id)) visits.set(id, v);
      firstAt ||= Date.now();
      clearTimeout(timer);
      timer = setTimeout(() => void flush(), RETRY_MS);
    } else {
      // Given up: its sightings live on only in the log. Forget the earlier tries' entries (releasing them with
      // the next batch that commits would delete them) and give the next batch its own retries.
      unreleased.length = 0;
      retries = 0;
    }
    throw e;
  }
  retries = 0;
  await Promise.all([log, ...unreleased.splice(0)].map((l) => l.release()));
  const touched = new Set<string>([...kept.map((s) => s.visitId), ...keptVisits.map((v) => v.id)]);
  for (const l of listeners) l(touched, { entries, visits: keptVisits });
}

/** Replays what a previous worker logged but did not commit (called once from ready()). */
export async function replayLeftovers(): Promise<void> {
  const { entries, keys } = await takeLeftovers();
  if (!entries.length) {
    await dropLeftovers(keys);
    return;
  }
  for (const e of entries) {
    e.visits.forEach(saveVisit);
    for (const s of e.sightings) {
      sightings.push(s);
      logSighting(s);
    }
  }
  schedule();
  // Replayed items are logged again under this worker's keys before the old keys go.
  await flush();
  await dropLeftovers(keys);
}

/**
 * Writes everything buffered; concurrent calls queue behind each other so batches stay ordered. A failed
 * batch is retried (RETRY_MS, MAX_RETRIES) and otherwise left in the log for the next worker.
 */
export function flush(): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  running = running.then(writeOnce).catch((e: unknown) => console.error('writer: batch failed', e));
  return running;
}
