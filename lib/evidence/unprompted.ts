/**
 * Consent a site stored without the visitor's interaction, remembered across visits. Without it a site could store
 * "accept" on its own once (flagged on that visit) and every later visit would present the same record as the
 * choice the visitor brought: carried over, trackers after accept. The background remembers such a record per site
 * and consent manager, stamps the later visits' carried-over signals of it (`ConsentDetail.unpromptedOn`), and the
 * derivation treats them as stored without interaction (lib/evidence/consent.ts). The same holds for a record
 * another site's page stored in the site's jar (seeded), and a choice is not the site's doing when the visitor
 * answered in another tab of it (answeredElsewhere). Pure; the background keeps the memory in storage.local (a private
 * window's in storage.session) and the per-visit state in memory.
 */
import type { ConsentChoice, ConsentSignal } from '../consent/types';
import type { SignalSource } from '../record';
import {
  ACTIVATION_GRACE_MS,
  CLICK_CONFIRM_MS,
  choiceKey,
  contradictsClick,
  mayGrantTracking,
} from './consent';
import { PRIVATE_PREFIX } from './bounded-memory';

/** The visit on which a site stored a consent record with no interaction of the visitor's, and when. */
export interface UnpromptedRecord {
  visitId: string;
  at: number;
  /** The record was stored while the tab showed a page of this other site (seeded by a cross-site request). */
  onSite?: string;
  /**
   * Stored while no page of the site was open (its service worker, a keepalive response after the tab closed), with
   * no input of the visitor's on a visit of the site just before: `visitId` is empty.
   */
  noPage?: true;
  /**
   * Stored as the visitor left a page of the site for the next (its `pagehide` or `unload` handler, or reported on
   * the next page before the detector watched it), with no input of theirs on the page left that could answer a
   * banner (decideStored, on that page): `visitId` is that page's visit.
   */
  leaving?: true;
  /**
   * Stored after the visitor's input, but over a refusal their visit brought and with no click of theirs in a banner
   * we could see (lib/evidence/consent.ts, over-refusal): brought again, it needs review rather than being theirs.
   */
  overRefusal?: true;
  /**
   * Stored after the visitor's Reject all in the site's banner (their latest click there) and allowing tracking: the
   * first visit shows the contradiction; brought again, it is the site's record, not the visitor's answer.
   */
  overClick?: true;
}

/** Most records remembered: the oldest are forgotten first. */
export const MAX_REMEMBERED = 1_000;

export function unpromptedKey(site: string, tool: string, incognito: boolean): string {
  return `${incognito ? PRIVATE_PREFIX : ''}${site}|${tool}`;
}

/** What the detector saw of a visit so far: when it began watching, the first interaction, the tools carried in. */
export interface VisitInteraction {
  /** The visit's site, as `[private|]site` (siteKey): a record stored once its page is gone is judged by it. */
  site?: string;
  watchedAt: number | null;
  activeAt: number | null;
  /**
   * The choices this visit brought (sent with the document, in the jar at commit, read at start), as `broughtKey`
   * (an entry of an earlier version names the manager alone).
   */
  carried: string[];
  /** One of the choices it brought refuses tracking. */
  broughtRefusal?: true;
  /**
   * Records stored during the visit, as the hash of their value: the jar read at commit, answered late, may hold one
   * the page wrote since, which it did not bring (the same choice re-written holds another value).
   */
  written?: string[];
  /**
   * The consent records the detector read in the page's localStorage (at load, around inputs, at pagehide), as the
   * hash of their value (the latest few): one the next page of the tab finds at its start that this page never
   * showed was stored as the tab went from one to the other.
   */
  storageSeen?: string[];
  /** When this page's requests first sent another site's choice allowing tracking, by `site|tool` (elsewhereKey). */
  sentElsewhere?: Record<string, number>;
  /** The visitor's clicks in a detected banner, with what they clicked (the latest few). */
  clicks?: { at: number; action: string }[];
  /** The visitor's later inputs that could answer a banner, after the first (the latest few, by time). */
  inputs?: number[];
  /** When the page first became active by input outside any banner (before any that could answer one). */
  outsideAt?: number;
}

/**
 * How long before a stored choice the visitor's input in another tab of the site can still be the answer it records
 * (their click there and the record's report here are seconds apart; a page reads localStorage a few seconds in).
 */
export const OTHER_TAB_WINDOW_MS = 30_000;

/**
 * Whether a choice stored at `at` may be the visitor's answer in one of these other tabs: its visitor clicked, tapped
 * or typed where a banner could take it (their first input or a later one), or clicked in a detected banner, within
 * OTHER_TAB_WINDOW_MS before it or the grace after it, and their latest click there in that time does not say the
 * opposite (Reject all, then an accept here). An input long before gives no cover (a site can open the tab itself on
 * a later click).
 */
export function answeredElsewhere(
  others: readonly VisitInteraction[],
  at: number,
  choice?: ConsentChoice,
): boolean {
  const near = (t: number | null | undefined) =>
    typeof t === 'number' && t >= at - OTHER_TAB_WINDOW_MS && t <= at + ACTIVATION_GRACE_MS;
  return others.some((o) => {
    const clicks = (o.clicks ?? []).filter((c) => near(c.at));
    const latest = clicks.at(-1);
    if (latest && contradictsClick(latest.action, choice)) return false;
    return near(o.activeAt) || (o.inputs ?? []).some(near) || clicks.length > 0;
  });
}

/**
 * How long before the background heard of a new tab the input that opened it may have been: a page may call
 * window.open while the input's transient activation lasts (about 5 s in Chrome and Firefox), and the event may
 * come after a worker's start.
 */
export const OPENER_INPUT_MS = 8_000;
/**
 * How long after it the opener's first activation may be reported and still be that input: a tap in a frame that
 * takes no focus is seen by the detector's poll (once a second), after the tab it opened appeared.
 */
export const OPENER_ACTIVATION_AFTER_MS = 1_500;

/** The tab a choice was seen stored in was opened by another: that tab's visits, and when it opened this one. */
export interface OpenedBy {
  at: number;
  visitIds: string[];
}

/**
 * The opener tab's interaction without the input that opened this tab: that input opened a page, it answered no
 * banner here (a site can style the button that opens its second tab like a banner's, then store "accept" there on
 * its own). A first activation reported just after the tab appeared is that input only when the page had not been
 * active before (by input outside any banner, which then is what opened it: a link on its content).
 */
export function withoutOpeningInput(state: VisitInteraction, openedAt: number): VisitInteraction {
  const opening = (t: number | null, after = 0) =>
    t !== null && t >= openedAt - OPENER_INPUT_MS && t <= openedAt + after;
  // Active by outside input just before (the link on its content that opened the tab), not a minute before.
  const activeBefore = opening(state.outsideAt ?? null);
  return {
    ...state,
    activeAt: opening(state.activeAt, activeBefore ? 0 : OPENER_ACTIVATION_AFTER_MS) ? null : state.activeAt,
    inputs: (state.inputs ?? []).filter((t) => !opening(t)),
  };
}

export const EMPTY_INTERACTION: VisitInteraction = { watchedAt: null, activeAt: null, carried: [] };

/**
 * How a recorded signal bears on the memory: a choice the visit brought (`carried`), one stored during the visit
 * (`stored`), another site's record stored in that site's own jar while this page was shown (`seeded`: the cookie
 * store reported it with no partition, so later sent to that site's own pages; a Set-Cookie alone may have been
 * refused or partitioned), or neither (a banner, evidence, a page report, another site's cookie only sent).
 */
export function signalRole(
  visitSite: string,
  signal: ConsentSignal,
  src: Pick<SignalSource, 'provenance' | 'via' | 'site' | 'mainFrame' | 'initial' | 'partition'>,
): 'carried' | 'stored' | 'seeded' | null {
  if (signal.state !== 'choice' || signal.evidence || src.provenance === 'page') return null;
  if (src.site !== null && src.site !== visitSite)
    return src.via === 'cookies-api' && !src.partition ? 'seeded' : null;
  if ((src.via === 'cookie-header' && src.mainFrame) || src.via === 'jar' || src.initial) return 'carried';
  return 'stored';
}

/**
 * Whether a record restates what the visit brought of its manager: the same choice re-written (a fresh timestamp), or
 * a record that says nothing of the choice (Complianz's `cmplz_banner-status` beside its category cookies). A
 * different choice (an accept over the brought refusal) is the site's like any other. An entry an earlier version
 * left names the manager alone, and any record of it restated it then.
 */
function restatesBrought(carried: readonly string[], signal: ConsentSignal): boolean {
  if (carried.includes(signal.tool)) return true;
  if (signal.choice) return carried.includes(broughtKey(signal));
  const manager = `${signal.tool}|`;
  return carried.some((k) => k.startsWith(manager));
}

/** A choice the visit brought, as `VisitInteraction.carried` holds it: its manager and what it says. */
export function broughtKey(signal: ConsentSignal): string {
  return `${signal.tool}|${choiceKey(signal.choice)}`;
}

/** Key of another site's choice this page's requests sent (`VisitInteraction.sentElsewhere`). */
export function elsewhereKey(site: string, tool: string): string {
  return `${site}|${tool}`;
}

/**
 * Key of a record of `tool` for `site` stored partitioned under `topSite` (CHIPS): such a cookie outlives the page
 * that planted it, and every later request from a page of `topSite` to `site` may send it.
 */
export function plantedKey(topSite: string, site: string, tool: string, incognito: boolean): string {
  return `${incognito ? PRIVATE_PREFIX : ''}${topSite}|${site}|${tool}`;
}

/**
 * What a choice stored during the visit does to the memory: `forget` when the visitor had interacted (their own
 * answer replaces the record; a request merely carrying it after the input is no answer), unless it allows tracking
 * over a refusal the visit brought with no click of theirs in a banner before it (`over-refusal`) or within 10 s after
 * their Reject all in the banner, their latest click there (`over-click`: the site's, not theirs), `remember` when it allows
 * tracking and the detector watched an untouched page until ACTIVATION_GRACE_MS after it, with no other tab of the
 * site whose visitor answered then (`otherTab`) and no choice of the manager brought in; `wait` while the grace has
 * not passed; else nothing. A main-frame Set-Cookie on a visit that brought none is remembered whatever the detector
 * saw (the derivation flags it the same way).
 */
export function decideStored(
  state: VisitInteraction,
  signal: ConsentSignal,
  src: Pick<SignalSource, 'via' | 'mainFrame' | 'otherTab'>,
  at: number,
  now: number,
): 'remember' | 'forget' | 'over-refusal' | 'over-click' | 'wait' | null {
  // A request carrying the record is no new store: only a write after the visitor's input can be their answer.
  if (state.activeAt !== null && state.activeAt <= at + ACTIVATION_GRACE_MS) {
    if (src.via === 'cookie-header') return null;
    // Their latest click in the banner was Reject all, just before: a record allowing tracking is the site's answer to
    // it, not theirs. Later (a content blocker's "always unblock", a settings page no detector knows) it may be their
    // change of mind: the visit itself still shows the contradiction (lib/evidence/consent.ts), the memory keeps none.
    const latest = (state.clicks ?? []).filter((c) => c.at <= at).at(-1);
    if (
      !src.otherTab &&
      latest?.action === 'reject-all' &&
      at - latest.at <= CLICK_CONFIRM_MS &&
      contradictsClick('reject-all', signal.choice)
    )
      return 'over-click';
    const clicked = (state.clicks ?? []).some((c) => c.at <= at);
    const over = state.broughtRefusal && !clicked && !src.otherTab && !restatesBrought(state.carried, signal);
    return over && signal.choice !== undefined && mayGrantTracking(signal.choice) ? 'over-refusal' : 'forget';
  }
  if (src.otherTab || restatesBrought(state.carried, signal)) return null;
  if (signal.choice && !mayGrantTracking(signal.choice)) return null;
  if (src.via === 'set-cookie' && src.mainFrame) return 'remember';
  if (state.watchedAt === null || state.watchedAt > at) return null;
  return now > at + ACTIVATION_GRACE_MS ? 'remember' : 'wait';
}

/**
 * What another site's record, stored in its jar while this visit's page was shown, does to that site's memory:
 * `remember` when it allows tracking and this page stayed untouched until the grace after it (no banner of that site
 * could have been answered, in a frame or through a group's shared consent), this page's requests had not sent the
 * visitor's own choice of that manager for the site (a widget of the site re-writing it; unless a record of that
 * manager for the site was stored in the page's own partition, `planted`, now or on an earlier visit: the Cookie
 * header does not say which jar a cookie came from), and no tab of that site open could have made it; `wait`
 * during the grace; else nothing. The store's report of a Set-Cookie of this visit's own response (`byResponse`)
 * is this page's doing even before the detector first reported: that report saying the page was never active
 * covers the time before it (user activation is sticky). Never `forget`: input on this page is no answer to that
 * site's banner that could replace an earlier record of its own.
 */
export function decideSeeded(
  state: VisitInteraction,
  signal: ConsentSignal,
  src: Pick<SignalSource, 'otherTab' | 'byResponse' | 'site'>,
  at: number,
  now: number,
  planted = false,
): 'remember' | 'wait' | null {
  if (src.otherTab || (signal.choice && !mayGrantTracking(signal.choice))) return null;
  // Sent before it: the visitor's own record re-written. Sent after it: the seeded cookie itself coming back. Where
  // that manager's record for the site was ever stored in this page's partition, what was sent may be that one.
  const sentAt = state.sentElsewhere?.[elsewhereKey(src.site ?? '', signal.tool)];
  if (!planted && sentAt !== undefined && sentAt < at) return null;
  if (state.activeAt !== null && state.activeAt <= at + ACTIVATION_GRACE_MS) return null;
  const graceOver = now > at + ACTIVATION_GRACE_MS;
  if (state.watchedAt === null) return graceOver ? null : 'wait';
  const untouchedBefore = state.activeAt === null || state.activeAt > state.watchedAt;
  if (state.watchedAt > at && !(src.byResponse && untouchedBefore)) return null;
  return graceOver ? 'remember' : 'wait';
}
