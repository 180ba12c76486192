import type { PageVisit } from '@/lib/findings';
import type { Observation } from '@/lib/observation';
import { isViolation, phaseAt } from '@/lib/consent/timeline';
import { remarkVisit, writeBatch, type CookieUpdate, type PhasedObservation } from '@/lib/store/repo';
import { ready } from './context';
import { findLiveVisit } from './visits';
import { checkpoint, dropLeftovers, logCookie, logObservation, logVisit, takeLeftovers } from './wal';

/**
 * The one batched writer. A flush runs at most FLUSH_MS after the first buffered event (IDLE_MS when events
 * stop). Buffers are memory plus a write-ahead log in storage.session (wal.ts) that a restarted worker replays.
 */
const IDLE_MS = 100;
const FLUSH_MS = 1000;

let observations: Observation[] = [];
let cookies: CookieUpdate[] = [];
const visits = new Map<string, PageVisit>();
// Visits whose timeline changed retroactively: their stored findings are re-filed after the next batch.
const remarks = new Set<string>();
let firstAt = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let running: Promise<void> = Promise.resolve();
// A failed batch goes back into the buffers and is retried a few times; its log entries are released only
// once it is written. After the last try it stays in the log alone, for the next worker start to replay.
const RETRY_MS = 2000;
const MAX_RETRIES = 3;
let retries = 0;
const unreleased: { release: () => Promise<void> }[] = [];
const listeners: ((visitIds: Set<string>) => void)[] = [];

function schedule(): void {
  const now = Date.now();
  if (!firstAt) firstAt = now;
  clearTimeout(timer);
  const wait = Math.max(0, Math.min(IDLE_MS, firstAt + FLUSH_MS - now));
  timer = setTimeout(() => void flush(), wait);
}

export function enqueue(obs: Observation): void {
  observations.push(obs);
  logObservation(obs);
  schedule();
}

export function enqueueCookie(update: CookieUpdate): void {
  cookies.push(update);
  logCookie(update);
  schedule();
}

/** Marks a visit row (consent timeline, end time) for writing with the next batch. */
export function saveVisit(visit: PageVisit): void {
  visits.set(visit.id, visit);
  logVisit(visit);
  schedule();
}

/** Re-files the visit's stored findings by its (corrected) consent timeline after the next batch. */
export function remarkLater(visitId: string): void {
  remarks.add(visitId);
  schedule();
}

/** Called after each batch with the visits it touched (badge updates). */
export function onFlushed(listener: (visitIds: Set<string>) => void): void {
  listeners.push(listener);
}

async function timelineOf(visitId: string, pending: Map<string, PageVisit>): Promise<PageVisit | undefined> {
  return pending.get(visitId) ?? findLiveVisit(visitId) ?? (await (await ready()).db.visits.get(visitId));
}

async function writeOnce(): Promise<void> {
  const batchObs = observations;
  const batchCookies = cookies;
  const batchVisits = new Map(visits);
  const log = checkpoint();
  observations = [];
  cookies = [];
  visits.clear();
  firstAt = 0;
  if (!batchObs.length && !batchCookies.length && !batchVisits.size && !remarks.size) return;
  const { db, settings } = await ready();
  const keepVisit = (v: PageVisit) =>
    !v.incognito || (settings.recordIncognito && v.startedAt >= (settings.recordIncognitoSince ?? 0));
  const touched = new Set<string>();
  const phased: PhasedObservation[] = [];
  const known = new Map<string, PageVisit | undefined>();
  for (const obs of batchObs) {
    if (!known.has(obs.visitId)) known.set(obs.visitId, await timelineOf(obs.visitId, batchVisits));
    const visit = known.get(obs.visitId);
    // Incognito visits are never persisted unless the user opted in before they started.
    if (!visit || !keepVisit(visit)) continue;
    const phase = phaseAt(visit.consent, obs.at, obs.classification.category);
    phased.push({ obs, phase, violation: isViolation(phase, obs.classification.category) });
    touched.add(obs.visitId);
    // Every visit with findings gets a row, even if its row was written before the worker restarted.
    if (!batchVisits.has(visit.id)) batchVisits.set(visit.id, visit);
  }
  try {
    await writeBatch(db, {
      visits: [...batchVisits.values()].filter(keepVisit),
      observations: phased,
      cookies: batchCookies.filter((c) => {
        const v = known.get(c.visitId) ?? batchVisits.get(c.visitId) ?? findLiveVisit(c.visitId);
        return v ? keepVisit(v) : true;
      }),
    });
  } catch (e) {
    if (retries < MAX_RETRIES) {
      retries += 1;
      unreleased.push(log);
      observations = [...batchObs, ...observations];
      cookies = [...batchCookies, ...cookies];
      for (const [id, v] of batchVisits) if (!visits.has(id)) visits.set(id, v);
      firstAt ||= Date.now();
      clearTimeout(timer);
      timer = setTimeout(() => void flush(), RETRY_MS);
    }
    throw e;
  }
  retries = 0;
  await Promise.all([log, ...unreleased.splice(0)].map((l) => l.release()));
  const pendingRemarks = [...remarks];
  remarks.clear();
  for (const id of pendingRemarks) {
    const visit = await timelineOf(id, batchVisits);
    if (!visit || !keepVisit(visit)) continue;
    const moved = await remarkVisit(db, id, (f) => {
      const phase = phaseAt(visit.consent, f.firstSeenAt, f.category);
      return { phase, violation: isViolation(phase, f.category) };
    });
    if (moved) touched.add(id);
  }
  for (const v of batchVisits.keys()) touched.add(v);
  for (const l of listeners) l(touched);
}

/** Replays what a previous worker logged but did not commit (called once from ready()). */
export async function replayLeftovers(): Promise<void> {
  const { entries, keys } = await takeLeftovers();
  if (!entries.length) return;
  for (const e of entries) {
    e.visits.forEach(saveVisit);
    e.observations.forEach(enqueue);
    e.cookies.forEach(enqueueCookie);
  }
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
