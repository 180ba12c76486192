import { browser } from 'wxt/browser';
import { DERIVE_VERSION } from '@/lib/evidence/derive';
import { currentDatabase } from './context';
import type { VisitSummary } from '@/lib/report/summary';
import type { PageVisit } from '@/lib/findings';

/**
 * The popup summary of a tab's large visit, kept so a popup opened after the worker restarted (it stops after
 * 30 s without events) is answered at once, not after deriving tens of thousands of entries again; the popup is
 * told when the fresh derivation is ready, as for any stale answer (derived.ts). In storage.local, not
 * storage.session: a summary is up to a few hundred KB, and storage.session's 10 MB also hold the tab states and
 * the write-ahead log, which must never fail for want of room. It holds what the evidence database already
 * holds (hosts and cookie names, no values), never a private window's, and goes with its tab or its visit.
 */

/** Derivations that took at least this long are kept; smaller visits derive again faster than a popup opens. */
export const SAVE_AFTER_MS = 100;
/** A large visit's summary is saved once its tab had no newer derivation for this long. */
export const SAVE_QUIET_MS = 3000;
/** Tabs whose summary is kept at most, and a summary's largest size (a 50k-entry visit's is about 400 KB). */
export const MAX_SAVED = 3;
const MAX_CHARS = 1024 * 1024;
const PREFIX = 'popupSummary:';
const INDEX = 'popupSummary:tabs';

interface Saved {
  visitId: string;
  /** The derivation, extension version and vendor database that made it: one from an older build is not shown. */
  stamp: string;
  summary: VisitSummary;
}

const local = () => browser.storage.local;
/** The tabs with a saved summary, least recently saved first. */
const readIndex = async () => ((await local().get(INDEX))[INDEX] as number[] | undefined) ?? [];
const stamp = () => `${DERIVE_VERSION}/${browser.runtime.getManifest().version}/${currentDatabase() ?? ''}`;

/** Saves run one after another, so two never interleave their reads and writes of the index. */
let queue: Promise<void> = Promise.resolve();

/** Keeps `summary` as the tab's saved one; the least recently saved tab beyond MAX_SAVED is dropped. */
export function saveSummary(tabId: number, visit: PageVisit, summary: VisitSummary): Promise<void> {
  // A private window's visit is not written anywhere it could outlive the window.
  if (visit.incognito) return queue;
  queue = queue
    .then(() => write(tabId, visit.id, summary))
    .catch((e: unknown) => console.warn('saveSummary', e));
  return queue;
}

async function write(tabId: number, visitId: string, summary: VisitSummary): Promise<void> {
  const store = local();
  const entry: Saved = { visitId, stamp: stamp(), summary };
  if (JSON.stringify(entry).length > MAX_CHARS) return;
  const tabs = [...(await readIndex()).filter((t) => t !== tabId), tabId];
  const dropped = tabs.splice(0, Math.max(0, tabs.length - MAX_SAVED));
  await store.set({ [PREFIX + tabId]: entry, [INDEX]: tabs });
  if (dropped.length) await store.remove(dropped.map((t) => PREFIX + t));
}

/** The tab's saved summary, when it is of this visit and this build; else null. */
export async function savedSummary(tabId: number, visitId: string): Promise<VisitSummary | null> {
  const store = local();
  const saved = (await store.get(PREFIX + tabId))[PREFIX + tabId] as Saved | undefined;
  return saved?.visitId === visitId && saved.stamp === stamp() ? saved.summary : null;
}

/**
 * Forgets the saved summaries whose tab is `tabId` (closed) or whose visit `gone` says is no longer stored
 * (retention), so no summary outlives what it summarises.
 */
export function forgetSummaries(
  tabId: number | null,
  gone: (visitId: string) => Promise<boolean>,
): Promise<void> {
  queue = queue
    .then(async () => {
      const store = local();
      const index = await readIndex();
      // One read for every tab's summary: each storage call is a round trip to the browser.
      const all = index.length ? await store.get(index.map((t) => PREFIX + t)) : {};
      const dropped: number[] = [];
      for (const t of index) {
        const saved = all[PREFIX + t] as Saved | undefined;
        if (t === tabId || !saved || (await gone(saved.visitId))) dropped.push(t);
      }
      if (!dropped.length) return;
      const kept = index.filter((t) => !dropped.includes(t));
      const keys = dropped.map((t) => PREFIX + t);
      // With nothing left, the index goes too: cleared storage holds nothing of ours.
      if (kept.length) await store.set({ [INDEX]: kept });
      else keys.push(INDEX);
      await store.remove(keys);
    })
    .catch((e: unknown) => console.warn('forgetSummaries', e));
  return queue;
}

/** Forgets every saved summary (the user deleted stored visits). */
export function clearSavedSummaries(): Promise<void> {
  return forgetSummaries(null, async () => true);
}
