/**
 * Remembers consent records a site stored without the visitor's interaction, or another site's page seeded for it
 * (lib/evidence/unprompted.ts), so a later visit cannot present one as a choice the visitor brought. The memory is in
 * storage.local (it describes what the browser keeps for the site). What the detector saw of each live visit, the
 * decisions still waiting out the activation grace and the records the visitor's input stored are mirrored to
 * storage.session, so a worker stopped mid-visit goes on with them.
 */
import type { PageVisit } from '@/lib/findings';
import { hashString } from '@/lib/hash';
import type { ConsentChoice, ConsentSignal } from '@/lib/consent/types';
import { consentSighting, type SignalSource } from '@/lib/record';
import { ACTIVATION_GRACE_MS, mayGrantTracking } from '@/lib/evidence/consent';
import {
  EMPTY_INTERACTION,
  answeredElsewhere,
  decideSeeded,
  decideStored,
  elsewhereKey,
  plantedKey,
  signalRole,
  broughtKey,
  MAX_REMEMBERED,
  unpromptedKey,
  withoutOpeningInput,
  type OpenedBy,
  type UnpromptedRecord,
  type VisitInteraction,
} from '@/lib/evidence/unprompted';
import { PRIVATE_PREFIX, addBounded } from '@/lib/evidence/bounded-memory';
import { LATER_INPUT_EVERY_MS } from '@/lib/messages';
import { allTabs, findLiveVisit, sessionValue } from './session';
import { enqueue, knownVisit } from './writer';
import { siteMemory } from './site-memory';

/** Live visits followed at once; older ones are dropped (a tab left open that long decides nothing more). */
const MAX_VISITS = 200;
/** Later inputs kept per visit: the latest few (a report every few seconds at most; the window is 30 s). */
const MAX_INPUTS = 8;

/** A stored choice whose decision waits out the activation grace. */
interface Pending {
  visitId: string;
  key: string;
  signal: ConsentSignal;
  src: SignalSource;
  /** Another site's record stored while this visit's page was shown: the page's site (decideSeeded). */
  onSite?: string;
  /** Visits other tabs showed on the record's site: one whose visitor answered there may have made it. */
  others?: string[];
  /** The tab this visit shows was opened by another: the input that opened it covers nothing here. */
  openedBy?: OpenedBy;
  /**
   * Stored as the tab went from one page of the site to the next: the visit of the page left, whose interaction
   * judges it (the next page's detector had not yet watched, and its jar or localStorage read may have come first).
   */
  leftVisitId?: string;
  /**
   * Pages that brought the record while this decision waited (their jar read, their document's request): stamped
   * with the record once it is remembered, not before (a late report may still make it the visitor's answer).
   */
  broughtBy?: { visitId: string; signal: ConsentSignal; src: SignalSource }[];
  /**
   * When the background handled it: reports that could excuse it (the detector's activation) may be queued behind
   * a slow worker's ready() or a busy event loop, so the grace runs from here as well as from the record's time.
   */
  handledAt?: number;
}

/** Another site's records seeded from one page, remembered per site (`tools`: the managers whose records). */
interface SeededRecord extends UnpromptedRecord {
  tools: string[];
}

const memory = siteMemory<UnpromptedRecord>('unpromptedConsent', MAX_REMEMBERED);
/**
 * Kept apart, and per site rather than per manager, so seeding records from one page cannot push out what sites
 * stored on their own pages, and pushing out a seeded one takes cookie-setting responses of a thousand other sites.
 */
const seeded = siteMemory<SeededRecord>('seededConsent', MAX_REMEMBERED);
/**
 * Records of a site's manager stored partitioned under another site (CHIPS), by `[private|]top|site|tool`
 * (plantedKey): a request from the top site's pages may send one, so sending it proves nothing (decideSeeded).
 */
const planted = siteMemory<{ at: number }>('plantedPartitioned', MAX_REMEMBERED);
const SEEDED = '(seeded)';
const seededKey = (site: string, incognito: boolean) => unpromptedKey(site, SEEDED, incognito);
const visits = new Map<string, VisitInteraction>();
const pending: Record<string, Pending> = {};
/**
 * The visitor's latest answer per memory key (`unpromptedKey`): the value's hash, what it says (`broughtKey`) and
 * when it was stored, for the 200 keys answered last; mirrored (answeredBefore).
 */
let answered: Record<string, Answer> = {};
/**
 * When the visitor last answered per memory key (a choice stored after their input: answeredOn), for the 200 keys
 * answered last: a decision on a record stored before that, taken late (it waited out the grace), must not put the
 * site's record back over their answer.
 */
let answeredAt: Record<string, number> = {};
/** Values sent in requests already judged (bounded): decide() is not run again for each request. */
const judged = new Set<string>();
const MAX_JUDGED = 2_000;

interface Answer {
  hash: string;
  at: number;
  /** What the answer says (broughtKey); absent in an entry an earlier version left. */
  says?: string;
}
/** The live visits and the waiting decisions, mirrored to storage.session. */
const live = sessionValue<{
  visits: Record<string, VisitInteraction>;
  pending: Record<string, Pending>;
  answered?: Record<string, Answer>;
  answeredAt?: Record<string, number>;
}>('unpromptedLive');

function persist(): void {
  live.write({ visits: Object.fromEntries(visits), pending, answered, answeredAt });
}

/** Loads the memory and the live visits a stopped worker left; part of the worker's ready(). */
export async function loadUnprompted(): Promise<void> {
  await Promise.all([memory.load(), seeded.load(), planted.load()]);
  const stored = await live.read();
  if (!stored || typeof stored !== 'object') return;
  for (const [id, state] of Object.entries(stored.visits ?? {})) if (!visits.has(id)) visits.set(id, state);
  answered = { ...(stored.answered ?? {}), ...answered };
  answeredAt = { ...(stored.answeredAt ?? {}), ...answeredAt };
  for (const [id, p] of Object.entries(stored.pending ?? {})) {
    if (pending[id]) continue;
    pending[id] = p;
    decide(id, p);
  }
}

function stateOf(visitId: string): VisitInteraction {
  return visits.get(visitId) ?? EMPTY_INTERACTION;
}

/** A visit's site as the followed visits name it: `[private|]site` (a private window's cookie store is its own). */
function siteKey(site: string, incognito: boolean): string {
  return `${incognito ? PRIVATE_PREFIX : ''}${site}`;
}

function update(visit: PageVisit, patch: Partial<VisitInteraction>): void {
  const state = stateOf(visit.id);
  // Re-inserted last: the map drops its oldest visits first.
  visits.delete(visit.id);
  visits.set(visit.id, { ...state, ...patch, site: siteKey(visit.site, visit.incognito) });
  if (visits.size > MAX_VISITS) visits.delete(visits.keys().next().value!);
  persist();
}

/**
 * Whether a choice stored at `at` may be the visitor's answer in one of these visits (answeredElsewhere), leaving
 * out the input of the opener tab that opened the tab the choice was seen in (`openedBy`).
 */
export function interactedBy(
  visitIds: readonly string[],
  at: number,
  choice?: ConsentChoice,
  openedBy?: OpenedBy,
): boolean {
  return answeredElsewhere(
    visitIds.flatMap((id) => {
      const s = visits.get(id);
      if (!s) return [];
      return openedBy?.visitIds.includes(id) ? withoutOpeningInput(s, openedBy.at) : s;
    }),
    at,
    choice,
  );
}

/** The detector read this consent record in the visit's localStorage (the latest few values are kept). */
function noteStorageSeen(visit: PageVisit, signal: ConsentSignal): void {
  const hash = hashString(signal.raw);
  const seen = stateOf(visit.id).storageSeen ?? [];
  if (!seen.includes(hash)) update(visit, { storageSeen: [...seen, hash].slice(-20) });
}

/**
 * Whether the detector read this record in the visit's localStorage, or watched the visit at all (then it read the
 * page's localStorage at its start and as it went).
 */
export function storageSeenBy(visitId: string, signal: ConsentSignal): { watched: boolean; seen: boolean } {
  const s = stateOf(visitId);
  return { watched: s.watchedAt !== null, seen: s.storageSeen?.includes(hashString(signal.raw)) ?? false };
}

/** Whether the detector had reported on this visit by `at` (its first report comes at the page's document_start). */
export function watchedBy(visitId: string, at: number): boolean {
  const w = stateOf(visitId).watchedAt;
  return w !== null && w <= at;
}

/** The visitor's click in a detected banner (the detector's `consentClick`): the latest few are kept. */
export function noteBannerClick(visit: PageVisit, at: number, action: string): void {
  update(visit, { clicks: [...(stateOf(visit.id).clicks ?? []), { at, action }].slice(-5) });
}

/**
 * Whether this record, read here (sent in a request, or read from localStorage: no write of this page's), is the
 * visitor's latest answer to the site's manager, stored on another visit right after their input there (answeredOn).
 * Read again in another tab, even a minute later (at pagehide), it is their answer, not the site's.
 */
export function answeredBefore(
  site: string,
  signal: ConsentSignal,
  src: SignalSource,
  incognito: boolean,
): boolean {
  if (src.via !== 'cookie-header' && src.via !== 'localStorage') return false;
  return answered[unpromptedKey(site, signal.tool, incognito)]?.hash === hashString(signal.raw);
}

/**
 * Whether the visitor clicked in a detected banner on one of these visits near `at`, with no latest click there
 * saying the opposite of `choice` (a page whose banner answer reloaded it: the group's choice synced after).
 */
export function clickedBy(visitIds: readonly string[], at: number, choice?: ConsentChoice): boolean {
  return answeredElsewhere(
    visitIds.flatMap((id) => {
      const v = visits.get(id);
      return v?.clicks?.length ? [{ ...v, activeAt: null, inputs: [] }] : [];
    }),
    at,
    choice,
  );
}

/** The visitor's later input that could answer a banner (the detector's `userInput`): the latest few are kept. */
export function noteInput(visit: PageVisit, at: number): void {
  update(visit, { inputs: [...(stateOf(visit.id).inputs ?? []), at].slice(-MAX_INPUTS) });
}

/**
 * The detector's user-activation report of a visit (`active`: by an input that could answer a banner; `outside`:
 * active, but only by input outside any banner).
 */
export function noteActivation(visit: PageVisit, active: boolean, at: number, outside = false): void {
  const s = stateOf(visit.id);
  update(visit, {
    watchedAt: Math.min(s.watchedAt ?? at, at),
    activeAt: active ? Math.min(s.activeAt ?? at, at) : s.activeAt,
    ...(outside && { outsideAt: Math.min(s.outsideAt ?? at, at) }),
  });
}

/**
 * The site's consent data was deleted (an audit's clean-up), or its history (the memory names the sites visited,
 * so it goes with them): nothing it stored is remembered any more. A record planted partitioned names both sites
 * and goes with either's history; not with a clean-up (`keepPlanted`), which leaves partitioned cookies in place.
 */
export function forgetSite(site: string, { keepPlanted = false } = {}): void {
  memory.forgetSite(site);
  seeded.forgetSite(site);
  if (!keepPlanted) planted.forgetWhere((key) => key.split('|').includes(site));
  // A record this site's page seeded for another names this site: the name goes with its history, the record stays
  // (the other site's jar still holds the cookie).
  seeded.mapAll((record) => {
    if (record.onSite !== site) return record;
    const { onSite: _, ...unnamed } = record;
    return unnamed;
  });
  dropAnswered((key) => key.startsWith(`${site}|`) || key.startsWith(`${PRIVATE_PREFIX}${site}|`));
  dropPending(
    (p) => p.key.startsWith(`${site}|`) || p.key.startsWith(`${PRIVATE_PREFIX}${site}|`) || p.onSite === site,
  );
}

/** The last private window closed: its cookie store went with it, so nothing of it is remembered or decided. */
export function forgetPrivate(): void {
  memory.forgetPrivate();
  seeded.forgetPrivate();
  planted.forgetPrivate();
  dropAnswered((key) => key.startsWith(PRIVATE_PREFIX));
  dropPending((p) => p.key.startsWith(PRIVATE_PREFIX));
}

/** Forgets the records stored before `cutoff` (retention), or all of them (the history deleted). */
export function forgetBefore(cutoff = Infinity): void {
  memory.forgetBefore(cutoff);
  seeded.forgetBefore(cutoff);
  planted.forgetBefore(cutoff);
  dropAnswered((_, at) => at < cutoff);
  dropPending((p) => p.src.at < cutoff);
}

/**
 * Whether a decision on `key` (of `tool`'s record) waits out the grace on another visit, one another tab's answer does
 * not already cover (it waits only for a later report that could cover it too): this visit bringing the record is
 * noted on it, to be stamped as the remembered one would be if it is remembered.
 */
function waiting(
  key: string,
  visit: PageVisit,
  signal: ConsentSignal,
  src: SignalSource,
  tool?: string,
): boolean {
  const p = Object.values(pending).find(
    (x) =>
      x.key === key &&
      x.visitId !== visit.id &&
      (tool === undefined || x.signal.tool === tool) &&
      !(x.others && interactedBy(x.others, x.src.at, x.signal.choice, x.openedBy)),
  );
  if (!p) return false;
  p.broughtBy = [...(p.broughtBy ?? []), { visitId: visit.id, signal, src }].slice(-5);
  persist();
  return true;
}

/** Drops the records noted as the visitor's answers that `gone` picks (they name the sites). */
function dropAnswered(gone: (key: string, at: number) => boolean): void {
  const keys = Object.keys(answered).filter((key) => gone(key, answered[key]!.at));
  for (const key of keys) delete answered[key];
  const times = Object.keys(answeredAt).filter((key) => gone(key, answeredAt[key]!));
  for (const key of times) delete answeredAt[key];
  if (keys.length || times.length) persist();
}

/** Drops decisions still waiting out the grace, so none is remembered after its site's data was deleted. */
function dropPending(test: (p: Pending) => boolean): void {
  const gone = Object.keys(pending).filter((id) => test(pending[id]!));
  for (const id of gone) delete pending[id];
  if (gone.length) persist();
}

/**
 * Called for each consent signal before it is recorded: returns the source with the remembered record stamped on a
 * choice the visit brought, and for a choice stored during the visit (or another site's seeded by its page)
 * remembers or forgets it (after the activation grace when it must wait). `others`: the visits other tabs show on
 * the signal's site; `openedBy`: the tab that opened this one, when it did.
 */
export function noteSignal(
  visit: PageVisit,
  signal: ConsentSignal,
  src: SignalSource,
  others: string[] = [],
  openedBy?: OpenedBy,
  leftVisitId?: string,
): SignalSource {
  noteElsewhere(visit, signal, src);
  const role = signalRole(visit.site, signal, src);
  if (role === null) return src;
  const more = others.length ? { others, ...(openedBy && { openedBy }) } : {};
  if (role === 'seeded') {
    const key = seededKey(src.site!, visit.incognito);
    decide(`${visit.id}|${key}|${signal.via}|${src.at}`, {
      visitId: visit.id,
      key,
      signal,
      src,
      onSite: visit.site,
      ...more,
      handledAt: Date.now(),
    });
    return src;
  }
  const key = unpromptedKey(visit.site, signal.tool, visit.incognito);
  // The detector reports localStorage whenever its list changes: a value this visit already showed is no new store.
  const reread = src.via === 'localStorage' && storageSeenBy(visit.id, signal).seen;
  if (src.via === 'localStorage') noteStorageSeen(visit, signal);
  if (role === 'carried') {
    const s = stateOf(visit.id);
    const brought = broughtKey(signal);
    const refusal = signal.choice !== undefined && !mayGrantTracking(signal.choice);
    const writtenHere = src.via === 'jar' && s.written?.includes(hashString(signal.raw));
    if (!s.carried.includes(brought) && !writtenHere)
      update(visit, {
        carried: [...s.carried, brought],
        ...(refusal && { broughtRefusal: true as const }),
      });
    const record = memory.get(key) ?? seededFor(visit.site, signal.tool, visit.incognito);
    if (record) return { ...src, unpromptedOn: record };
    // A record still waiting out the grace on the page before (stored, then reloaded at once) is judged as the
    // remembered one would be, and this page stamped once it is: the site cannot beat the grace by navigating away.
    if (
      waiting(key, visit, signal, src) ||
      waiting(seededKey(visit.site, visit.incognito), visit, signal, src, signal.tool)
    )
      return src;
    // In localStorage at this page's start, never shown by the page before it: stored as the tab went (pageLeft).
    if (leftVisitId && mayAllowTracking(signal))
      decide(`${visit.id}|${key}|handover|${hashString(signal.raw)}`, {
        visitId: visit.id,
        key,
        signal,
        src,
        ...more,
        leftVisitId,
        handledAt: Date.now(),
      });
    return src;
  }
  if (reread) return src;
  // Written on this visit (a request sending it says nothing of when it was written: the brought value goes too).
  const s = stateOf(visit.id);
  const written = hashString(signal.raw);
  if (src.via !== 'cookie-header' && !s.written?.includes(written))
    update(visit, { written: [...(s.written ?? []), written].slice(-20) });
  // Requests carrying the record repeat one value: its first sighting is judged, not every request.
  const sent = src.via === 'cookie-header';
  const id = sent ? `${visit.id}|${key}|sent|${hashString(signal.raw)}` : `${visit.id}|${key}|${src.at}`;
  if (sent && (pending[id] || judged.has(id))) return src;
  if (sent) {
    addBounded(judged, id, MAX_JUDGED);
  }
  decide(id, {
    visitId: visit.id,
    key,
    signal,
    src,
    ...more,
    ...(leftVisitId && { leftVisitId }),
    handledAt: Date.now(),
  });
  return src;
}

/**
 * A consent record stored while no page of its site is open (the site's service worker, a keepalive response landing
 * after the tab closed): nobody answered on a page, so a choice allowing tracking is remembered as the site's own,
 * and the next visit bringing it cannot present it as the visitor's. Unless the visitor clicked or typed on a visit
 * of the site just before (their Accept, then the tab closed at once: its response landing late), or it is the
 * answer they gave there (answered).
 */
export function noteStoredWithoutPage(
  site: string,
  signal: ConsentSignal,
  at: number,
  incognito: boolean,
): void {
  if (!mayAllowTracking(signal)) return;
  const key = unpromptedKey(site, signal.tool, incognito);
  if (answered[key]?.hash === hashString(signal.raw)) return;
  const onSite = siteKey(site, incognito);
  const recent = [...visits.values()].filter((v) => v.site === onSite);
  if (answeredElsewhere(recent, at, signal.choice)) return;
  memory.save(key, { visitId: '', at, noPage: true });
}

/** A stored choice (not mere evidence of a manager) that may allow tracking: a refusal excuses or proves nothing. */
function mayAllowTracking(signal: ConsentSignal): boolean {
  if (signal.state !== 'choice' || signal.evidence) return false;
  return !signal.choice || mayGrantTracking(signal.choice);
}

/** The seeded record of this manager for the site, as the record a carried-over signal is stamped with. */
function seededFor(site: string, tool: string, incognito: boolean): UnpromptedRecord | undefined {
  const r = seeded.get(seededKey(site, incognito));
  return r?.tools.includes(tool) ? { visitId: r.visitId, at: r.at, onSite: r.onSite } : undefined;
}

/**
 * Another site's choice allowing tracking sent in this page's requests (the visitor's own, decideSeeded), or any
 * record of it stored in the page's partition (remembered per partition, site and manager: it outlives the page).
 */
function noteElsewhere(visit: PageVisit, signal: ConsentSignal, src: SignalSource): void {
  if (src.provenance !== 'browser' || !src.site || src.site === visit.site) return;
  // Only a record that could be an accept sent (a refusal planted excuses nothing anyway).
  if (!mayAllowTracking(signal)) return;
  if (src.via === 'cookies-api' && src.partition)
    return notePlanted(src.partition, src.site, signal.tool, visit, src.at);
  if (src.via !== 'cookie-header') return;
  const key = elsewhereKey(src.site, signal.tool);
  const sent = stateOf(visit.id).sentElsewhere ?? {};
  if (sent[key] !== undefined || Object.keys(sent).length >= 50) return;
  update(visit, { sentElsewhere: { ...sent, [key]: src.at } });
}

/** Markers kept per top site; past it every site and manager under it counts as planted (flooding hides none). */
const MAX_PLANTED_PER_TOP = 50;

/** A record of `site`'s manager stored partitioned under `top`: remembered (its time refreshed) for that partition. */
function notePlanted(top: string, site: string, tool: string, visit: PageVisit, at: number): void {
  // Every marker of this partition starts `[private|]top|` (plantedKey with empty site and tool, less `|`).
  const under = (k: string) => k.startsWith(plantedKey(top, '', '', visit.incognito).slice(0, -1));
  const all = plantedKey(top, '*', '*', visit.incognito);
  if (planted.get(all)) return planted.save(all, { at });
  const key = plantedKey(top, site, tool, visit.incognito);
  if (!planted.get(key) && planted.count(under) >= MAX_PLANTED_PER_TOP) {
    planted.forgetWhere(under);
    return planted.save(all, { at });
  }
  planted.save(key, { at });
}

/** Whether a record of the pending seed's manager for its site was ever stored in the page's own partition. */
function plantedFor(p: Pending): boolean {
  const incognito = p.key.startsWith(PRIVATE_PREFIX);
  const top = p.onSite!;
  return (
    planted.get(plantedKey(top, p.src.site ?? '', p.signal.tool, incognito)) !== undefined ||
    planted.get(plantedKey(top, '*', '*', incognito)) !== undefined
  );
}

/** Remembers or forgets a stored choice, or waits out the activation grace (kept in `pending` while it waits). */
function decide(id: string, p: Pending): void {
  const elsewhere = p.others !== undefined && interactedBy(p.others, p.src.at, p.signal.choice, p.openedBy);
  const src = elsewhere ? { ...p.src, otherTab: true } : p.src;
  const state = stateOf(p.visitId);
  let outcome = p.onSite
    ? decideSeeded(state, p.signal, src, p.src.at, Date.now(), plantedFor(p))
    : decideStored(p.leftVisitId ? stateOf(p.leftVisitId) : state, p.signal, src, p.src.at, Date.now());
  // The same choice as the visitor's latest answer on the site, re-written as the page went (a fresh timestamp).
  if (p.leftVisitId && outcome !== null && answered[p.key]?.says === broughtKey(p.signal)) outcome = null;
  // Read at the next page's start: the page left showed it after all (its pagehide report came late).
  if (
    p.src.initial &&
    p.leftVisitId &&
    stateOf(p.leftVisitId).storageSeen?.includes(hashString(p.signal.raw))
  )
    outcome = null;
  // Another tab's later input may still be reported (the detector sends one every few seconds at most). A record
  // handled late waits the grace from when it was handled: the reports that could excuse it are queued behind it.
  const from = Math.max(p.src.at, p.handledAt ?? p.src.at);
  const decideAt = from + ACTIVATION_GRACE_MS + (p.others?.length ? LATER_INPUT_EVERY_MS : 0) + 100;
  // (A main-frame Set-Cookie is remembered whatever the detector saw: nothing to wait for, unless other tabs.)
  const detectorDecides = !(p.src.via === 'set-cookie' && p.src.mainFrame);
  if (outcome === 'remember' && (detectorDecides || p.others?.length) && Date.now() < decideAt)
    outcome = 'wait';
  if (outcome === 'wait') {
    if (!pending[id]) {
      pending[id] = p;
      persist();
    }
    // Only while it still waits: deleting the site's data drops it (dropPending).
    setTimeout(() => pending[id] && decide(id, p), Math.max(0, decideAt - Date.now()));
    return;
  }
  if (pending[id]) {
    delete pending[id];
    persist();
  }
  if (outcome === 'remember' && p.onSite) {
    const r = seeded.get(p.key);
    const tools = [...new Set([...(r?.tools ?? []), p.signal.tool])];
    seeded.save(p.key, { visitId: p.visitId, at: p.src.at, onSite: p.onSite, tools });
    stampWaiters(p, { visitId: p.visitId, at: p.src.at, onSite: p.onSite });
  } else if (outcome === 'remember' && (p.leftVisitId || leftSince(p))) rememberLeaving(p);
  else if (outcome === 'remember') remember(p, { visitId: p.visitId, at: p.src.at });
  else if (outcome === 'over-click') rememberOverClick(p);
  else if (outcome === 'over-refusal') remember(p, { visitId: p.visitId, at: p.src.at, overRefusal: true });
  else if (outcome === 'forget') answeredOn(p);
}

/**
 * Remembers the site's record, unless the visitor answered after it was stored (their answer, taken while this
 * decision waited out the grace, replaced it: putting the site's record back would flag their own on every later visit).
 */
function remember(p: Pending, record: UnpromptedRecord): void {
  stampWaiters(p, record);
  if ((answeredAt[p.key] ?? -Infinity) > p.src.at) return;
  memory.save(p.key, record);
}

/** Stamps the pages that brought the record while its decision waited (waiting) with the record remembered. */
function stampWaiters(p: Pending, record: UnpromptedRecord): void {
  for (const b of p.broughtBy ?? []) {
    const v = visitNow(b.visitId);
    if (v && v.id !== record.visitId)
      enqueue(v, consentSighting(v, b.signal, { ...b.src, unpromptedOn: record }));
  }
}

/**
 * The visitor answered on the site (a choice stored after their input): what the site stored on its own, or another
 * site's page seeded, of this manager is replaced. The record itself becomes their latest answer (answeredBefore)
 * only when their input came just before it (within OTHER_TAB_WINDOW_MS: a first click long ago answers nothing
 * the site writes later) and no banner click of theirs then says the opposite; any other choice stored after input
 * replaces the latest answer with nothing.
 */
function answeredOn(p: Pending): void {
  memory.save(p.key, null);
  // The same site and cookie store's seeded record: `[private|]site|(seeded)` beside `[private|]site|tool`.
  const seededAt = p.key.slice(0, p.key.length - p.signal.tool.length) + SEEDED;
  const r = seeded.get(seededAt);
  if (r?.tools.includes(p.signal.tool)) {
    const tools = r.tools.filter((t) => t !== p.signal.tool);
    seeded.save(seededAt, tools.length ? { ...r, tools } : null);
  }
  delete answered[p.key];
  const latest = Math.max(answeredAt[p.key] ?? -Infinity, p.src.at);
  // Re-inserted last: the oldest-answered key goes first.
  delete answeredAt[p.key];
  answeredAt[p.key] = latest;
  const keys = Object.keys(answeredAt);
  if (keys.length > 200) delete answeredAt[keys[0]!];
  // Stored as the page was left: the answer is that page's.
  if (answeredElsewhere([stateOf(p.leftVisitId ?? p.visitId)], p.src.at, p.signal.choice)) {
    answered[p.key] = { hash: hashString(p.signal.raw), at: p.src.at, says: broughtKey(p.signal) };
    const keys = Object.keys(answered);
    if (keys.length > 200) delete answered[keys[0]!];
  }
  persist();
}

/**
 * Remembers a choice allowing tracking that the site stored after the visitor's Reject all (their latest banner click):
 * their refusal is not outlived by it. A page of the site that brought it meanwhile (the next one, after a hand-over)
 * is stamped as a hand-over is.
 */
function rememberOverClick(p: Pending): void {
  const record: UnpromptedRecord = { visitId: p.leftVisitId ?? p.visitId, at: p.src.at, overClick: true };
  remember(p, record);
  stampBrought(p, record);
}

/**
 * Remembers a choice stored as the tab went from one page of the site to the next, with no input on the page left that
 * could answer a banner, and stamps it on the page the tab now shows, if of that site: that page's jar read or its own
 * report of the record may have come before this decision, and would otherwise read as a choice the visitor brought.
 */
function rememberLeaving(p: Pending): void {
  const record: UnpromptedRecord = { visitId: p.leftVisitId ?? p.visitId, at: p.src.at, leaving: true };
  remember(p, record);
  stampBrought(p, record);
}

/**
 * Stamps the remembered record where a page other than the one it was stored on holds it: the next page it was
 * reported on (a hand-over), whatever the tab shows by now (it may have moved on, or closed, during the grace), and
 * the page the tab now shows, of the site (its jar read may have brought it).
 */
function stampBrought(p: Pending, record: UnpromptedRecord): void {
  const targets = new Map<string, PageVisit>();
  const reportedOn = p.visitId !== record.visitId ? visitNow(p.visitId) : undefined;
  if (reportedOn) targets.set(reportedOn.id, reportedOn);
  const now = shownNow(p.visitId);
  if (now && now.id !== record.visitId) targets.set(now.id, now);
  for (const v of targets.values())
    enqueue(v, consentSighting(v, p.signal, { ...p.src, unpromptedOn: record }));
}

/**
 * A visit as the writer last saved it (its end time), or as a tab holds it: a page neither knows (a worker restarted
 * since, the tab gone) is not written again from an older copy of its row.
 */
function visitNow(visitId: string): PageVisit | undefined {
  return knownVisit(visitId) ?? findLiveVisit(visitId);
}

/** The page now shown in the tab of this live visit, when of the same site and cookie store (it may be the visit). */
function shownNow(visitId: string): PageVisit | undefined {
  for (const tab of allTabs()) {
    const recorded = [tab.current, tab.pending, tab.previous].find(
      (live) => live?.visit.id === visitId,
    )?.visit;
    const now = tab.current?.visit;
    if (!recorded) continue;
    return now && now.site === recorded.site && now.incognito === recorded.incognito ? now : undefined;
  }
  return undefined;
}

/**
 * Whether the tab has since gone from the page a record was stored on to a page of the same site that brought it (its
 * jar read or document request came before this decision): stored just before the page was left, it is stamped there.
 */
function leftSince(p: Pending): boolean {
  const now = shownNow(p.visitId);
  return now !== undefined && now.id !== p.visitId && stateOf(now.id).carried.includes(broughtKey(p.signal));
}
