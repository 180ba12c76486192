/**
 * Remembers consent records a site stored without the visitor's interaction (lib/evidence/unprompted.ts), so a
 * later visit cannot present one as a choice the visitor brought. The memory is in storage.local (it describes
 * what the browser keeps for the site). What the detector saw of each live visit, and the decisions still waiting
 * out the activation grace, are mirrored to storage.session, so a worker stopped mid-visit goes on with them.
 */
import { browser } from 'wxt/browser';
import type { PageVisit } from '@/lib/findings';
import { signalFromCookie } from '@/lib/consent/signals';
import type { ConsentSignal } from '@/lib/consent/types';
import type { SignalSource } from '@/lib/record';
import { ACTIVATION_GRACE_MS } from '@/lib/evidence/consent';
import {
  EMPTY_INTERACTION,
  decideSeeded,
  decideStored,
  signalRole,
  MAX_REMEMBERED,
  unpromptedKey,
  type UnpromptedRecord,
  type VisitInteraction,
} from '@/lib/evidence/unprompted';
import { sessionValue } from './session';
import { siteMemory } from './site-memory';

/** Live visits followed at once; older ones are dropped (a tab left open that long decides nothing more). */
const MAX_VISITS = 200;

/** A stored choice whose decision waits out the activation grace. */
interface Pending {
  visitId: string;
  key: string;
  signal: ConsentSignal;
  src: SignalSource;
  /** Another site's record this visit's page stored: the page's site and tab (decideSeeded). */
  onSite?: string;
  tabId?: number;
  /** Visits other tabs showed on the record's site: one whose visitor interacted by the grace may have made it. */
  others?: string[];
}

const memory = siteMemory<UnpromptedRecord>('unpromptedConsent', MAX_REMEMBERED);
const visits = new Map<string, VisitInteraction>();
const pending: Record<string, Pending> = {};
/** Counts deletions, so a record checked across one is not remembered after it. */
let generation = 0;
/** The live visits and the waiting decisions, mirrored to storage.session. */
const live = sessionValue<{ visits: Record<string, VisitInteraction>; pending: Record<string, Pending> }>(
  'unpromptedLive',
);

function persist(): void {
  live.write({ visits: Object.fromEntries(visits), pending });
}

/** Loads the memory and the live visits a stopped worker left; part of the worker's ready(). */
export async function loadUnprompted(): Promise<void> {
  await memory.load();
  const stored = await live.read();
  if (!stored || typeof stored !== 'object') return;
  for (const [id, state] of Object.entries(stored.visits ?? {})) if (!visits.has(id)) visits.set(id, state);
  for (const [id, p] of Object.entries(stored.pending ?? {})) {
    if (pending[id]) continue;
    pending[id] = p;
    decide(id, p);
  }
}

function stateOf(visitId: string): VisitInteraction {
  return visits.get(visitId) ?? EMPTY_INTERACTION;
}

function update(visitId: string, patch: Partial<VisitInteraction>): void {
  visits.delete(visitId);
  visits.set(visitId, { ...stateOf(visitId), ...patch });
  if (visits.size > MAX_VISITS) visits.delete(visits.keys().next().value!);
  persist();
}

/** Whether the visitor clicked, tapped or typed where a banner could take it in one of these visits by `t`. */
export function interactedBy(visitIds: readonly string[], t: number): boolean {
  return visitIds.some((id) => {
    const activeAt = visits.get(id)?.activeAt;
    return activeAt !== undefined && activeAt !== null && activeAt <= t;
  });
}

/** The detector's user-activation report of a visit (`active`: by an input that could answer a banner). */
export function noteActivation(visit: PageVisit, active: boolean, at: number): void {
  const s = stateOf(visit.id);
  update(visit.id, {
    watchedAt: Math.min(s.watchedAt ?? at, at),
    activeAt: active ? Math.min(s.activeAt ?? at, at) : s.activeAt,
  });
}

/**
 * The site's consent data was deleted (an audit's clean-up), or its history (the memory names the sites visited,
 * so it goes with them): nothing it stored is remembered any more.
 */
export function forgetSite(site: string): void {
  generation += 1;
  memory.forgetSite(site);
  // A record another site seeded while this one's page was shown names this site: it goes with its history.
  memory.forgetWhere((_, record) => record.onSite === site);
  dropPending(
    (p) => p.key.startsWith(`${site}|`) || p.key.startsWith(`private|${site}|`) || p.onSite === site,
  );
}

/** Forgets the records stored before `cutoff` (retention), or all of them (the history deleted). */
export function forgetBefore(cutoff = Infinity): void {
  generation += 1;
  memory.forgetBefore(cutoff);
  dropPending((p) => p.src.at < cutoff);
}

/** A decision on `key` waiting out the grace on another visit, as the record it would remember. */
function waiting(key: string, visitId: string): UnpromptedRecord | undefined {
  const p = Object.values(pending).find((x) => x.key === key && x.visitId !== visitId);
  return p && { visitId: p.visitId, at: p.src.at };
}

/** Drops decisions still waiting out the grace, so none is remembered after its site's data was deleted. */
function dropPending(test: (p: Pending) => boolean): void {
  const gone = Object.keys(pending).filter((id) => test(pending[id]!));
  for (const id of gone) delete pending[id];
  if (gone.length) persist();
}

/**
 * Called for each consent signal before it is recorded: returns the source with the remembered record stamped on a
 * choice the visit brought, and for a choice stored during the visit remembers or forgets it (after the activation
 * grace when it must wait).
 */
export function noteSignal(
  visit: PageVisit,
  signal: ConsentSignal,
  src: SignalSource,
  others: string[] = [],
): SignalSource {
  const role = signalRole(visit.site, signal, src);
  if (role === null) return src;
  const more = others.length ? { others } : {};
  if (role === 'seeded') {
    const key = unpromptedKey(src.site!, signal.tool, visit.incognito);
    const p = { visitId: visit.id, key, signal, src, onSite: visit.site, tabId: visit.tabId, ...more };
    decide(`${visit.id}|${key}|${signal.via}|${src.at}`, p);
    return src;
  }
  const key = unpromptedKey(visit.site, signal.tool, visit.incognito);
  if (role === 'carried') {
    const s = stateOf(visit.id);
    if (!s.carried.includes(signal.tool)) update(visit.id, { carried: [...s.carried, signal.tool] });
    // A record still waiting out the grace on the page before (stored, then reloaded at once) is judged as the
    // remembered one would be: the site cannot beat the grace by navigating away.
    const record = memory.get(key) ?? waiting(key, visit.id);
    return record ? { ...src, unpromptedOn: record } : src;
  }
  const id = `${visit.id}|${key}|${src.at}`;
  decide(id, { visitId: visit.id, key, signal, src, ...more });
  return src;
}

/** Remembers or forgets a stored choice, or waits out the activation grace (kept in `pending` while it waits). */
function decide(id: string, p: Pending): void {
  const judge = p.onSite ? decideSeeded : decideStored;
  const elsewhere = p.others !== undefined && interactedBy(p.others, p.src.at + ACTIVATION_GRACE_MS);
  const src = elsewhere ? { ...p.src, otherTab: true } : p.src;
  const outcome = judge(stateOf(p.visitId), p.signal, src, p.src.at, Date.now());
  if (outcome === 'wait') {
    if (!pending[id]) {
      pending[id] = p;
      persist();
    }
    // Only while it still waits: deleting the site's data drops it (dropPending).
    setTimeout(() => pending[id] && decide(id, p), p.src.at + ACTIVATION_GRACE_MS + 100 - Date.now());
    return;
  }
  if (pending[id]) {
    delete pending[id];
    persist();
  }
  if (outcome === 'remember' && p.onSite) void rememberSeeded(p);
  else if (outcome === 'remember') memory.save(p.key, { visitId: p.visitId, at: p.src.at });
  else if (outcome === 'forget') memory.save(p.key, null);
}

/**
 * Remembers another site's record once its own jar is seen to hold it, not partitioned: the browser may have refused
 * the Set-Cookie (third-party cookies blocked), and then nothing was seeded that a later visit could bring.
 */
async function rememberSeeded(p: Pending): Promise<void> {
  if (!p.signal.via.startsWith('cookie:') || !p.src.site) return;
  const name = p.signal.via.slice('cookie:'.length);
  const before = generation;
  try {
    const stores = await browser.cookies.getAllCookieStores();
    const storeId = stores.find((s) => p.tabId !== undefined && s.tabIds.includes(p.tabId))?.id;
    // Without a partitionKey both browsers answer from the unpartitioned jar only.
    const jar = await browser.cookies.getAll({ domain: p.src.site, name, ...(storeId && { storeId }) });
    if (!jar.some((c) => signalFromCookie(c.name, c.value)?.raw === p.signal.raw)) return;
  } catch (e) {
    console.warn('unprompted: jar not read', e);
    return;
  }
  // A deletion while the jar was read may have been of this record's site: nothing is remembered then.
  if (generation !== before) return;
  memory.save(p.key, { visitId: p.visitId, at: p.src.at, onSite: p.onSite });
}
