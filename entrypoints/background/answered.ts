/**
 * Remembers the visitor's answers known only from their click (lib/evidence/answered.ts): after a trusted click on
 * a banner that no readable record followed, the first-party cookies and localStorage keys named like a record that
 * the site wrote in the next ANSWER_WINDOW_MS; a later visit whose jar (at commit) or localStorage (at
 * document_start) still holds one unchanged carries the answer over. A click a readable record followed forgets the
 * site's memory (that record carries itself over). A click's open window (the click and what the visit wrote since)
 * is mirrored to storage.session, so a worker stopped mid-window picks it up again at its next start.
 */
import type { PageVisit } from '@/lib/findings';
import type { ConsentSignal } from '@/lib/consent/types';
import type { ClickAction } from '@/lib/consent/click';
import type { SwitchCount } from '@/lib/consent/switches';
import type { CategoryOrUnknown } from '@/lib/category';
import { hostOf, siteOf } from '@/lib/domain';
import type { SeenCookie, SignalSource } from '@/lib/record';
import type { StorageItem } from '@/lib/storage-snapshot';
import {
  ANSWER_WINDOW_MS,
  MAX_ANSWERED,
  answeredKey,
  isRecordLike,
  mayBeRecord,
  rememberedSignal,
  rememberedStorageSignal,
  valueHash,
  withAnswerCookie,
  type AnsweredCookie,
  type AnsweredRecord,
} from '@/lib/evidence/answered';
import { signalRole } from '@/lib/evidence/unprompted';
import { PRIVATE_PREFIX } from '@/lib/evidence/bounded-memory';
import { sessionValue } from './session';
import { siteMemory } from './site-memory';

/** Live visits followed at once, and candidate cookies kept per visit. */
const MAX_VISITS = 200;
const MAX_RECENT = 20;

interface VisitWrites {
  /** Candidate record cookies with when the browser reported them (they may come before the click's report). */
  recent: { at: number; cookie: AnsweredCookie }[];
  /** When a readable choice of the site's was stored during the visit. */
  storedAt: number[];
}

/** A click whose window is open: what settles it, and what its visit wrote so far. */
interface OpenWindow {
  visitId: string;
  key: string;
  at: number;
  action: ClickAction;
  tool: string;
  by?: 'audit';
  switches?: SwitchCount;
  writes: VisitWrites;
}

const memory = siteMemory<AnsweredRecord>('answeredByClick', MAX_ANSWERED);
const visits = new Map<string, VisitWrites>();
/** Per site, the decision of a click whose window is still open. */
const unsettled = new Map<string, () => void>();
/** Open windows by visit id, mirrored to storage.session. */
let open: Record<string, OpenWindow> = {};
const openWindows = sessionValue<Record<string, OpenWindow>>('answerWindows');

function persistWindows(): void {
  openWindows.write(open);
}

/** A write of a visit whose click window is open is mirrored at once: the worker may stop any time. */
function touched(visitId: string): void {
  if (open[visitId]) persistWindows();
}

/** Loads the memory and re-opens the windows a stopped worker left open; part of the worker's ready(). */
export async function loadAnswered(): Promise<void> {
  await memory.load();
  const stored = await openWindows.read();
  if (!stored || typeof stored !== 'object') return;
  for (const win of Object.values(stored)) {
    if (open[win.visitId]) continue;
    const w = writesOf(win.visitId);
    w.recent.push(...win.writes.recent);
    w.storedAt.push(...win.writes.storedAt);
    open[win.visitId] = { ...win, writes: w };
    arm(open[win.visitId]!);
  }
}

/** Open windows of keys that `gone` matches close without deciding (their site's data was deleted). */
function closeWindows(gone: (key: string) => boolean): void {
  const before = Object.keys(open).length;
  open = Object.fromEntries(Object.entries(open).filter(([, win]) => !gone(win.key)));
  if (Object.keys(open).length !== before) persistWindows();
}

/** The site's data or history was deleted: its remembered answer goes with it, and any window still open. */
export function forgetAnsweredSite(site: string): void {
  memory.forgetSite(site);
  closeWindows((key) => key === answeredKey(site, false) || key === answeredKey(site, true));
}
/** The last private window closed: its answers (and any window still open on one) go with its cookie store. */
export function forgetPrivateAnswers(): void {
  memory.forgetPrivate();
  closeWindows((key) => key.startsWith(PRIVATE_PREFIX));
}
/** Forgets answers given before `cutoff` (retention), or all of them. */
export function forgetAnsweredBefore(cutoff = Infinity): void {
  memory.forgetBefore(cutoff);
  if (cutoff === Infinity) closeWindows(() => true);
}

function writesOf(visitId: string): VisitWrites {
  let w = visits.get(visitId);
  if (!w) {
    w = { recent: [], storedAt: [] };
    visits.set(visitId, w);
    if (visits.size > MAX_VISITS) visits.delete(visits.keys().next().value!);
  }
  return w;
}

/** A cookie the browser saw the site write: kept for a click's window when it may be the record of an answer. */
export function noteAnswerCookie(visit: PageVisit, seen: SeenCookie, category: CategoryOrUnknown): void {
  if (seen.provenance !== 'browser' || seen.removed || seen.via === 'cookie-header' || seen.via === 'jar')
    return;
  const domain = seen.domain.replace(/^\./, '').toLowerCase();
  if (!mayBeRecord(seen.name, seen.value, category, siteOf(domain) === visit.site)) return;
  const w = writesOf(visit.id);
  w.recent.push({ at: seen.at, cookie: { name: seen.name, domain, hash: valueHash(seen.value) } });
  if (w.recent.length > MAX_RECENT) w.recent.shift();
  touched(visit.id);
}

/**
 * A localStorage key the top-level document wrote (the storage snapshot: name and hash of the value): kept for a
 * click's window when it may be the record of an answer. The snapshot reports only new or changed keys.
 */
export function noteAnswerStorage(
  visit: PageVisit,
  item: StorageItem,
  at: number,
  category: CategoryOrUnknown,
): void {
  if (item.area !== 'localStorage' || item.valueLength === 0 || !isRecordLike(item.name, category)) return;
  const w = writesOf(visit.id);
  const host = hostOf(visit.url) ?? visit.site;
  w.recent.push({
    at,
    cookie: { name: item.name, domain: host, hash: item.valueHash, area: 'localStorage' },
  });
  if (w.recent.length > MAX_RECENT) w.recent.shift();
  touched(visit.id);
}

/** A consent signal recorded for the visit: a readable choice the site stored means the click was not alone. */
export function noteReadableChoice(visit: PageVisit, signal: ConsentSignal, src: SignalSource): void {
  if (signalRole(visit.site, signal, src) !== 'stored') return;
  const w = writesOf(visit.id);
  w.storedAt.push(src.at);
  if (w.storedAt.length > MAX_RECENT) w.storedAt.shift();
  touched(visit.id);
}

/**
 * The visitor's trusted click in a banner: once its window has passed, remembers the answer with the cookies
 * written in it, or forgets the site's answer when a readable record followed or nothing could be its record.
 */
export function noteAnswerClick(
  visit: PageVisit,
  tool: string,
  action: ClickAction,
  at: number,
  by?: 'audit',
  switches?: SwitchCount,
): void {
  const writes = writesOf(visit.id);
  const key = answeredKey(visit.site, visit.incognito);
  const win: OpenWindow = {
    visitId: visit.id,
    key,
    at,
    action,
    tool,
    ...(by && { by }),
    ...(switches && { switches }),
    writes,
  };
  open[visit.id] = win;
  persistWindows();
  arm(win);
}

/** Decides a click's answer once its window has passed (or when a visit of the site starts within it). */
function arm(win: OpenWindow): void {
  const settle = () => {
    clearTimeout(timer);
    if (unsettled.get(win.key) === settle) unsettled.delete(win.key);
    // A later click of the visit has its own window and decides instead; a closed window decides nothing.
    if (open[win.visitId] !== win) return;
    delete open[win.visitId];
    persistWindows();
    const w = win.writes;
    const within = (t: number) => t >= win.at && t <= win.at + ANSWER_WINDOW_MS;
    let cookies: AnsweredCookie[] = [];
    for (const r of w.recent) if (within(r.at)) cookies = withAnswerCookie(cookies, r.cookie);
    if (w.storedAt.some(within) || !cookies.length) return memory.save(win.key, null);
    // The window is the record, less what only the window needs.
    const { key, writes: _writes, ...record } = win;
    memory.save(key, { ...record, cookies });
  };
  const timer = setTimeout(settle, Math.max(0, win.at + ANSWER_WINDOW_MS + 500 - Date.now()));
  unsettled.set(win.key, settle);
}

/** The answer a cookie in the visit's jar at commit carries over, as a signal (null when none is remembered). */
export function rememberedAnswer(
  visit: PageVisit,
  jar: readonly { name: string; value: string; domain: string }[],
): ConsentSignal | null {
  const key = answeredKey(visit.site, visit.incognito);
  // The visitor answered and went on within the click's window: decide on what was written so far.
  unsettled.get(key)?.();
  return rememberedSignal(memory.get(key), jar);
}

/**
 * The answer a key in the top-level document's localStorage at document_start (read before the page's scripts ran)
 * carries over, as a signal (null when none is remembered).
 */
export function rememberedStorageAnswer(
  visit: PageVisit,
  items: readonly Pick<StorageItem, 'area' | 'name' | 'valueHash'>[],
): ConsentSignal | null {
  const key = answeredKey(visit.site, visit.incognito);
  unsettled.get(key)?.();
  const local = items.filter((i) => i.area === 'localStorage');
  return rememberedStorageSignal(memory.get(key), hostOf(visit.url) ?? visit.site, local);
}
