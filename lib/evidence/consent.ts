/**
 * The visitor's consent choices, derived from a visit's evidence by the trust rules (README "Trust rules"):
 * - Only consent signals the browser observed (first-party consent cookies) or the detector read (stored
 *   choices in localStorage) can count. What the page reports (__tcfapi, cookie hooks) is shown as confirmed or
 *   "reported by the page, not confirmed", and never moves a phase.
 * - A consent cookie counts only for the visit's own site; another site's (an embedded widget's) is listed.
 * - A choice is carried over from an earlier visit only when its cookie was sent in the main-frame request (or
 *   was in the jar at commit without the main response having set it), or the detector read it at
 *   document_start. One set by the main-frame response of a visit that sent none is "consent stored without
 *   interaction": flagged, not counted.
 * - A click no stored choice we can read confirms is the answer itself: a refusal after Reject all, a choice of
 *   unknown content (needs review) after Accept all or saved settings. On a later visit it is carried over while a
 *   cookie the site wrote right after it is unchanged (lib/evidence/answered.ts), unless the banner shows again.
 * - A confirmed click (a trusted click in the banner followed by a stored choice) dates the choice. A click the
 *   stored choice contradicts (Reject all, then a choice granting tracking) dates nothing: the choice counts from
 *   when it was stored, and the contradiction is flagged.
 * - Google Consent Mode and GPC are evidence lines, never the visitor's choice.
 * - A choice allowing tracking (or of unknown content), stored during the visit while the visitor had not yet
 *   clicked, tapped or typed anywhere in the page or its frames (the browser's sticky user activation, which a
 *   script cannot set; the detector reports it), is "consent stored without interaction" too, unless it restates
 *   the choice carried over. Only where the detector watched from before the choice: otherwise nothing is known.
 *   Such a record coming back on a later visit (the background remembers it: lib/evidence/unprompted.ts) is not
 *   carried over either.
 * - Input clearly outside any consent banner (a click on the page's content: lib/consent/banner-target.ts) is not
 *   an interaction that could answer one: a choice stored after only such input ("by continuing to browse you
 *   accept") is stored without the visitor's answer, and the verdict says where the visitor clicked.
 */
import type { Phase } from '../findings';
import { needsConsent, type Category, type CategoryOrUnknown } from '../category';
import type { ConsentChoice, ConsentSignal } from '../consent/types';
import { identifyTool, isManager } from '../consent/tools';
import { clickAnswer, type SwitchCount } from '../consent/switches';
import type { ClickDetail, EvidenceEntry, Provenance } from './types';

/** A click this long before a stored choice is the click that made it. */
export const CLICK_CONFIRM_MS = 10_000;
/**
 * How late the detector may see the visitor's first interaction after it happened: at once for input in the page
 * or focus moving into a frame, within its 1 s poll otherwise (a tap in a frame that takes no focus).
 */
export const ACTIVATION_GRACE_MS = 1_500;

export type ConsentStatus =
  | 'carried-over'
  | 'remembered-asked-again'
  | 'counted'
  | 'without-interaction'
  | 'over-refusal'
  | 'over-click'
  | 'third-party'
  | 'confirmed'
  | 'not-confirmed'
  | 'banner'
  | 'click-confirmed'
  | 'click-not-confirmed'
  | 'click-contradicted'
  | 'interaction'
  | 'evidence';

/** One line of the consent timeline as the report shows it. */
export interface ConsentLine {
  at: number;
  tool: string;
  /**
   * `interaction`: the visitor's first click, tap or key press in the page or a frame (user activation); with
   * `outside`, the first one, which landed clearly outside any consent banner (`label` says where).
   */
  state: 'banner' | 'choice' | 'click' | 'interaction';
  outside?: boolean;
  /** `interaction` after an `outside` one: the first input that could answer a banner. */
  afterOutside?: boolean;
  choice?: ConsentChoice;
  /** Click lines: what the visitor clicked (or the audit's opt-out, `by: 'audit'`). */
  action?: string;
  label?: string;
  /** A click on saved settings: the dialog's switches as the visitor left them. */
  switches?: SwitchCount;
  by?: 'audit';
  status: ConsentStatus;
  provenance: Provenance;
  /** Every channel that reported this signal, e.g. ['cookie-header', 'cookies-api']. */
  vias: string[];
  site: string | null;
  raw?: string;
  evidence?: 'consent-mode' | 'gpc' | 'gpp' | 'manager-default';
  decoded?: Record<string, unknown>;
  /**
   * A carried-over record the site stored without interaction on an earlier visit (or, with status `over-refusal`,
   * over the refusal that visit brought): when, and on which page's site.
   */
  storedUnprompted?: { at: number; onSite?: string; noPage?: true; leaving?: true; overClick?: true };
  /** A carried-over answer that was a click (the visitor's or the audit's) on an earlier visit (answered.ts). */
  rememberedClick?: ConsentSignal['rememberedClick'];
}

/** A choice that counts for phases, from `at` on (a carried-over choice from the visit's start). */
export interface CountedChoice {
  at: number;
  tool: string;
  choice?: ConsentChoice;
  carriedOver: boolean;
  /**
   * Stored after the visitor's Reject all without contradicting it: purposes of the manager's own that it keeps on
   * (an "always active" group, a required service) are the site's, not consent, so they cover no tracker.
   */
  afterRefusal?: true;
  /**
   * Allows tracking over the refusal the visit brought, with no click of the visitor's in a banner we could see:
   * their answer in a banner drawn in a frame, or the site's own doing (on their click elsewhere). What follows
   * needs review, never counts as after accept.
   */
  overRefusal?: true;
  /**
   * Only the visitor's click says it (no stored choice we could read followed): a refusal counts as one, an accept
   * or saved settings as a choice of unknown content.
   */
  clicked?: Pick<ClickDetail, 'action' | 'by' | 'switches'> & {
    /** The click was on an earlier visit, at this time; a cookie it left came back unchanged (answered.ts). */
    earlierAt?: number;
    /** What came back: a localStorage key of the site's, not a cookie. */
    earlierIn?: 'localStorage';
  };
}

export interface DerivedConsent {
  lines: ConsentLine[];
  choices: CountedChoice[];
  /** A consent choice was stored without any interaction (set by the first response of a first visit). */
  withoutInteraction: boolean;
  /**
   * Such a choice was stored after the visitor's input clearly outside any consent banner, and before any that could
   * answer one: when, and where it landed.
   */
  outsideInput: { at: number; label?: string } | null;
  /** Page-reported choices no browser-observed signal confirms. */
  unconfirmed: number;
  /** Stored choices that contradict the visitor's click just before them (Reject all, then tracking granted). */
  contradicted: Contradiction[];
  /**
   * A record brought that the site stored after the visitor's Reject all on an earlier visit (their latest click in
   * its banner), when: the refusal stands.
   */
  overClick?: number;
  /** Google Consent Mode and GPC as their own lines, e.g. "Google Consent Mode default: denied, update: granted". */
  signals: string[];
  /** The consent manager on the page, by the evidence (cookies, storage, detection), or null. */
  tool: string | null;
}

/** A click and the stored choice after it that says the opposite. */
export interface Contradiction {
  clickAt: number;
  action: string;
  /** Saved settings: the dialog's switches as the visitor left them (every one off: the refusal contradicted). */
  switches?: SwitchCount;
  /** The click was the one-click audit's opt-out, not the visitor's. */
  by?: 'audit';
  storedAt: number;
  tool: string;
  choice: ConsentChoice;
}

/** Allows a purpose that needs consent (analytics, marketing …), or every category. */
export function grantsTracking(choice: ConsentChoice): boolean {
  return choice.kind === 'accept-all' || choice.granted.some(needsConsent);
}

/**
 * Allows tracking, or may: a purpose of the manager's own we cannot map is switched on. Judging a choice stored
 * without interaction, such a purpose counts as tracking (consent-safe: a site could otherwise store "only our own
 * purpose BG42 on" and have every tracker after it read as needing review instead of before consent).
 */
export function mayGrantTracking(choice: ConsentChoice): boolean {
  return grantsTracking(choice) || (choice.unmapped?.length ?? 0) > 0;
}

/**
 * True when the stored choice says the opposite of the click: Reject all (or settings saved with every optional
 * switch off: clickAnswer), then tracking allowed; Accept all, then nothing that needs consent allowed. Other saved
 * settings, or a choice of unknown content, agree with anything.
 */
export function contradictsClick(action: string, choice: ConsentChoice | undefined): boolean {
  if (!choice) return false;
  if (action === 'reject-all') return grantsTracking(choice);
  if (action === 'accept-all') return !grantsTracking(choice) && !choice.unmapped?.length;
  return false;
}

interface Group {
  tool: string;
  raw: string;
  entries: EvidenceEntry[];
}

function signalKey(s: { tool: string; state: string; raw: string }): string {
  return `${s.tool}\u0000${s.state}\u0000${s.raw}`;
}

function groupSignals(entries: EvidenceEntry[]): Group[] {
  const groups = new Map<string, Group>();
  for (const e of entries) {
    const s = e.consent!.signal;
    const key = signalKey(s);
    const g = groups.get(key) ?? { tool: s.tool, raw: s.raw, entries: [] };
    g.entries.push(e);
    groups.set(key, g);
  }
  return [...groups.values()];
}

const PROVENANCE_RANK: Record<Provenance, number> = { browser: 0, detector: 1, page: 2 };

function best(entries: EvidenceEntry[]): EvidenceEntry {
  return [...entries].sort(
    (a, b) => PROVENANCE_RANK[a.provenance] - PROVENANCE_RANK[b.provenance] || a.at - b.at,
  )[0]!;
}

function line(g: Group, status: ConsentStatus, at: number): ConsentLine {
  const e = best(g.entries);
  const s = e.consent!.signal;
  return {
    at,
    tool: s.tool,
    state: s.state,
    ...(s.choice && { choice: s.choice }),
    status,
    provenance: e.provenance,
    vias: [...new Set(g.entries.map((x) => x.via))],
    site: e.site,
    raw: s.raw,
    ...(s.evidence && { evidence: s.evidence }),
    ...(s.decoded && { decoded: s.decoded }),
    ...(s.rememberedClick && { rememberedClick: s.rememberedClick }),
  };
}

/**
 * What a choice says, as a key equal for two choices of the same content: the same kind and, for a custom choice,
 * the same categories, the same purposes we cannot map and the same services switched off by name (a site
 * re-writing the visitor's choice with a service switched back on, or a purpose of its own added, has not restated
 * it; a fresh timestamp in the record changes nothing).
 */
export function choiceKey(c?: ConsentChoice): string {
  if (!c) return '';
  if (c.kind !== 'custom') return c.kind;
  const list = (x: readonly string[] = []) => [...x].sort().join('\u0000');
  return [c.kind, list(c.granted), list(c.unmapped), list(c.refused)].join('\u0001');
}

function sameChoice(a?: ConsentChoice, b?: ConsentChoice): boolean {
  return choiceKey(a) === choiceKey(b);
}

/** "Google Consent Mode default: denied, update: granted (ad_storage …)" lines, and GPC. */
function signalLines(entries: EvidenceEntry[]): string[] {
  const out: string[] = [];
  const gcm = entries.filter((e) => e.consent!.signal.evidence === 'consent-mode');
  if (gcm.length) {
    const states = new Set<string>();
    for (const e of gcm) {
      const d = e.consent!.signal.decoded ?? {};
      const gcd = d.gcd as Record<string, { default: string; update: string }> | undefined;
      if (gcd) {
        for (const [k, v] of Object.entries(gcd)) {
          if (k === 'ad_storage' || k === 'analytics_storage')
            states.add(`${k} default: ${v.default}${v.update !== 'unset' ? `, update: ${v.update}` : ''}`);
        }
      } else {
        states.add(`ad_storage: ${String(d.ad_storage)}, analytics_storage: ${String(d.analytics_storage)}`);
      }
    }
    out.push(`Google Consent Mode (what the site told Google): ${[...states].sort().join('; ')}`);
  }
  if (entries.some((e) => e.consent!.signal.evidence === 'gpc')) {
    out.push('Global Privacy Control: the browser sent an opt-out preference');
  }
  if (entries.some((e) => e.consent!.signal.evidence === 'gpp')) {
    out.push('IAB GPP string with US sections only (not an EU consent choice)');
  }
  return out;
}

/**
 * The visitor's interaction with the page, by the detector's user-activation reports: when it was first seen (or
 * null), and whether the visitor had not yet interacted at a time, true only when the detector watched from then on
 * and saw no activation until after it (ACTIVATION_GRACE_MS). Without reports (no detector, a browser without the
 * API, an import from before them) nothing is untouched.
 */
function interactionOf(entries: readonly EvidenceEntry[]): {
  untouched: (t: number) => boolean;
  firstAt: number | null;
  outside: { at: number; label?: string } | null;
} {
  let watched = Infinity;
  let active = Infinity;
  let outside: { at: number; label?: string } | null = null;
  // The audit's refusal is an answer though the browser saw no input (autoconsent's clicks are synthetic); it is
  // not the visitor's interaction, so the timeline shows it as the audit's click only.
  let audit = Infinity;
  for (const e of entries) {
    if (e.kind === 'click' && e.click?.by === 'audit') audit = Math.min(audit, e.at);
    if (e.kind !== 'activation' || !e.activation) continue;
    watched = Math.min(watched, e.at);
    // Input outside any banner touched the page, but could not have answered one.
    if (e.activation.active && e.activation.outside) {
      if (!outside || e.at < outside.at)
        outside = { at: e.at, ...(e.activation.label && { label: e.activation.label }) };
    } else if (e.activation.active) active = Math.min(active, e.at);
  }
  return {
    untouched: (t) => watched <= t && Math.min(active, audit) > t + ACTIVATION_GRACE_MS,
    firstAt: Number.isFinite(active) ? active : null,
    outside: outside && outside.at < active ? outside : null,
  };
}

/**
 * Carried-over choices all count from the start, in the log's order. Where a manager's disagree (a record the site
 * planted beside the visitor's, under the same name with another Domain or Path), the one allowing least is put last,
 * so it is in force; another manager's (a leftover of one the site no longer runs) keeps its place.
 */
function leastLast(choices: CountedChoice[]): void {
  const at = new Map<string, number[]>();
  choices.forEach((c, i) => {
    if (c.carriedOver) at.set(c.tool, [...(at.get(c.tool) ?? []), i]);
  });
  for (const places of at.values()) {
    if (places.length < 2) continue;
    const ordered = places.map((i) => choices[i]!).sort((a, b) => allowance(b) - allowance(a));
    places.forEach((i, k) => (choices[i] = ordered[k]!));
  }
}

/** How much a choice allows, to order disagreeing carried-over records (unknown content allows the most). */
function allowance(c: CountedChoice): number {
  if (!c.choice) return 3;
  if (c.choice.kind === 'accept-all') return 2;
  if (c.choice.kind === 'reject-all') return 0;
  return 1 + c.choice.granted.length / 100 + (c.choice.unmapped?.length ? 0.5 : 0);
}

/** The answer a click no readable stored choice confirmed stands for (see CountedChoice.clicked). */
function clickChoice(e: EvidenceEntry): CountedChoice {
  const { tool, action, by, switches } = e.click!;
  return {
    at: e.at,
    tool,
    ...(clickAnswer(action, switches) === 'reject-all' && {
      choice: { kind: 'reject-all', granted: ['necessary'] },
    }),
    carriedOver: false,
    clicked: { action, ...(by && { by }), ...(switches && { switches }) },
  };
}

/** Derives the consent timeline of one visit. Pure. */
export function deriveConsent(
  visit: { site: string; startedAt: number },
  entries: readonly EvidenceEntry[],
  options: { browserOnly?: boolean } = {},
): DerivedConsent {
  const usable = entries.filter((e) => !options.browserOnly || e.provenance === 'browser');
  const signals = usable.filter((e) => e.kind === 'consent' && e.consent);
  const evidence = signals.filter((e) => e.consent!.signal.evidence);
  const own = signals.filter((e) => !e.consent!.signal.evidence);
  const clicks = usable.filter((e) => e.kind === 'click' && e.click).sort((a, b) => a.at - b.at);
  const { untouched, firstAt: firstInteraction, outside } = interactionOf(usable);
  const bannerShown = usable.some((e) => e.kind === 'tool' && e.tool?.bannerShown);
  const lines: ConsentLine[] = [];
  const choices: CountedChoice[] = [];
  let withoutInteraction = false;
  let overClick: number | undefined;
  let outsideInput: DerivedConsent['outsideInput'] = null;
  /** Stored choices decided once every carried-over one is known; `overBrought`: only when one refused. */
  const unprompted: {
    g: Group;
    first: number;
    choice: ConsentChoice | undefined;
    overBrought?: true;
  }[] = [];
  let unconfirmed = 0;
  const contradicted: Contradiction[] = [];
  const clickChoices: CountedChoice[] = [];

  const firstParty = (e: EvidenceEntry) => e.site === null || e.site === visit.site;
  // A page report of the very value the browser or detector also saw (the document.cookie hook) is the same
  // signal: it joins that line as one more channel instead of standing as a second line.
  const observed = new Set(
    own.filter((e) => e.provenance !== 'page').map((e) => signalKey(e.consent!.signal)),
  );
  const stored = own.filter((e) => e.provenance !== 'page' || observed.has(signalKey(e.consent!.signal)));
  const pageOnly = own.filter((e) => e.provenance === 'page' && !observed.has(signalKey(e.consent!.signal)));
  // Values a main-frame response set: the same value in the jar came from that response, not an earlier visit.
  // And when a main-frame response first set a cookie of each manager: a record of it sent with a main-frame request
  // only after that (the next request of a redirect chain) is this visit's, not brought. By manager, not value: a
  // manager spreading one choice over several cookies (Complianz) sends a merged record no single Set-Cookie holds.
  const mainSet = new Set<string>();
  const mainSetAt = new Map<string, number>();
  for (const e of stored) {
    if (e.via !== 'set-cookie' || !e.consent!.mainFrame || !firstParty(e)) continue;
    const { raw, tool } = e.consent!.signal;
    mainSet.add(raw);
    mainSetAt.set(tool, Math.min(e.at, mainSetAt.get(tool) ?? Infinity));
  }

  // A content-less "a choice exists" signal (OptanonAlertBoxClosed) adds nothing once the tool's choice is known.
  const known = new Set(
    stored
      .filter((e) => e.consent!.signal.choice && firstParty(e) && e.provenance !== 'page')
      .map((e) => e.consent!.signal.tool),
  );
  for (const g of groupSignals(stored)) {
    const s0 = g.entries[0]!.consent!.signal;
    if (s0.state === 'choice' && !s0.choice && known.has(g.tool)) continue;
    // Timing and carry-over come from what the browser or detector observed; the page only adds a channel.
    const fp = g.entries.filter((e) => firstParty(e) && e.provenance !== 'page');
    if (!fp.length) {
      lines.push(line(g, 'third-party', Math.min(...g.entries.map((e) => e.at))));
      continue;
    }
    // At the same time as the set: one request's Cookie header and its response's Set-Cookie, as a HAR dates them.
    const setAt = mainSetAt.get(g.tool) ?? Infinity;
    const documentSends = fp.filter((e) => e.via === 'cookie-header' && e.consent!.mainFrame);
    const sent = documentSends.some((e) => e.at <= setAt);
    const resent = !sent && documentSends.length > 0;
    // In the jar at commit, not sent in the main request, not written during the visit: a cookie the main request
    // could not carry (SameSite=Strict on arrival from another site). A value written during the visit (the
    // page's script racing our read of the jar) is this visit's, not an earlier one's.
    const written = fp.some((e) => e.via === 'cookies-api' || e.via === 'set-cookie');
    const jar = fp.some((e) => e.via === 'jar') && !mainSet.has(g.raw) && !written;
    const initial = fp.some((e) => e.consent!.initial);
    // The jar read is stamped with the visit's start, not when the value appeared: it never dates a choice.
    const timed = fp.filter((e) => e.via !== 'jar');
    const first = Math.min(...(timed.length ? timed : fp).map((e) => e.at));
    const signal = fp[0]!.consent!.signal;
    // A record the site stored without interaction on an earlier visit (lib/evidence/unprompted.ts) is not a
    // choice the visitor brought, however often it comes back.
    const remembered = fp.find((e) => e.consent!.unpromptedOn)?.consent!.unpromptedOn;
    // Stored by the site after the visitor's Reject all in its banner: brought again, the refusal stands.
    if (remembered?.overClick && signal.choice && mayGrantTracking(signal.choice)) {
      lines.push({
        ...line(g, 'over-click', visit.startedAt),
        storedUnprompted: { at: remembered.at, overClick: true },
      });
      choices.push({
        at: -Infinity,
        tool: g.tool,
        choice: { kind: 'reject-all', granted: ['necessary'] },
        carriedOver: true,
      });
      overClick = remembered.at;
      continue;
    }
    // Stored over a refusal with no banner click we could see (over-refusal): brought again, it still needs review.
    if (
      (sent || jar || initial) &&
      remembered?.overRefusal &&
      signal.choice &&
      mayGrantTracking(signal.choice)
    ) {
      lines.push({ ...line(g, 'over-refusal', visit.startedAt), storedUnprompted: { at: remembered.at } });
      choices.push({
        at: -Infinity,
        tool: g.tool,
        choice: signal.choice,
        carriedOver: true,
        overRefusal: true,
      });
      continue;
    }
    // Stored as the tab came here from the page before (stamped once judged): this visit's line, not a choice.
    const handedOver = remembered?.leaving === true;
    if (
      (sent || jar || initial || handedOver) &&
      remembered &&
      (!signal.choice || mayGrantTracking(signal.choice))
    ) {
      withoutInteraction = true;
      lines.push({
        ...line(g, 'without-interaction', visit.startedAt),
        storedUnprompted: {
          at: remembered.at,
          ...(remembered.onSite && { onSite: remembered.onSite }),
          ...(remembered.noPage && { noPage: true as const }),
          ...(handedOver && { leaving: true as const }),
        },
      });
      continue;
    }
    const earlier = signal.rememberedClick;
    // The site's banner asking again says its own record of that click is gone: the answer is not in force.
    if ((sent || jar || initial) && earlier && bannerShown) {
      lines.push(line(g, 'remembered-asked-again', visit.startedAt));
      continue;
    }
    if (sent || jar || initial) {
      lines.push(line(g, 'carried-over', visit.startedAt));
      if (signal.state === 'choice')
        choices.push({
          at: -Infinity,
          tool: g.tool,
          choice: signal.choice,
          carriedOver: true,
          ...(earlier && {
            clicked: {
              action: earlier.action,
              earlierAt: earlier.at,
              ...(earlier.by && { by: earlier.by }),
              ...(earlier.switches && { switches: earlier.switches }),
              ...(earlier.storageKey !== undefined && { earlierIn: 'localStorage' as const }),
            },
          }),
        });
      continue;
    }
    if (mainSet.has(g.raw) || resent) {
      if (signal.state === 'choice') withoutInteraction = true;
      lines.push(line(g, signal.state === 'choice' ? 'without-interaction' : 'banner', first));
      continue;
    }
    if (signal.state === 'banner') {
      lines.push(line(g, 'banner', first));
      continue;
    }
    // Tracking allowed before the visitor touched the page (and with no other tab of the site open, whose answer it
    // could be): decided once every carried-over choice is known.
    const elsewhere = fp.some((e) => e.consent!.otherTab);
    if ((!signal.choice || mayGrantTracking(signal.choice)) && untouched(first) && !elsewhere) {
      unprompted.push({ g, first, choice: signal.choice });
      continue;
    }
    // A trusted click shortly before the stored choice is when the visitor made it, unless the choice says the
    // opposite: then the click dates nothing, and the choice counts from when it was stored.
    const latest = [...clicks].reverse().find((c) => c.at <= first);
    const action = latest && clickAnswer(latest.click!.action, latest.click!.switches);
    const recent = latest !== undefined && first - latest.at <= CLICK_CONFIRM_MS;
    // A refusal overridden later, with no click of the visitor's since, is contradicted however long the site waited.
    const against =
      (recent || action === 'reject-all') && action !== undefined && contradictsClick(action, signal.choice);
    if (against)
      contradicted.push({
        clickAt: latest!.at,
        action: latest!.click!.action,
        ...(latest!.click!.switches && { switches: latest!.click!.switches }),
        ...(latest!.click!.by && { by: latest!.click!.by }),
        storedAt: first,
        tool: g.tool,
        choice: signal.choice!,
      });
    // No click of the visitor's made it, and their next one, inside the grace (so the store came before their input),
    // is Reject all: the site stored it ahead of their answer (on hover, on pointerdown), not as it.
    const next = clicks.find((c) => c.at > first && c.at <= first + ACTIVATION_GRACE_MS && !c.click!.by);
    if (
      !recent &&
      !elsewhere &&
      next !== undefined &&
      clickAnswer(next.click!.action, next.click!.switches) === 'reject-all' &&
      contradictsClick('reject-all', signal.choice)
    ) {
      unprompted.push({ g, first, choice: signal.choice });
      continue;
    }
    // No click of the visitor's in a banner on this visit: a choice allowing tracking over a refusal they brought
    // is not known to be theirs (a newsletter popup's Close is no answer; a click in a banner's frame is unseen).
    if (latest === undefined && !elsewhere && signal.choice && mayGrantTracking(signal.choice)) {
      unprompted.push({ g, first, choice: signal.choice, overBrought: true });
      continue;
    }
    const at = recent && !against ? latest.at : first;
    lines.push(line(g, 'counted', at));
    choices.push({
      at,
      tool: g.tool,
      choice: signal.choice,
      carriedOver: false,
      ...(action === 'reject-all' && !against && { afterRefusal: true as const }),
    });
  }

  // A site re-writing the choice the visitor brought (a fresh timestamp in it) restates it; anything else is the site's.
  for (const { g, first, choice, overBrought } of unprompted) {
    const restated = choice && choices.some((c) => c.carriedOver && sameChoice(c.choice, choice));
    // Any manager's: a site writing another format (a TC string any script can write) over the refusal is no less.
    const overRefusal = choices.some(
      (c) => c.carriedOver && c.choice !== undefined && !mayGrantTracking(c.choice),
    );
    if (overBrought && overRefusal && !restated) {
      lines.push(line(g, 'over-refusal', first));
      choices.push({ at: first, tool: g.tool, choice, carriedOver: false, overRefusal: true });
      continue;
    }
    if (restated || overBrought) {
      lines.push(line(g, 'counted', first));
      choices.push({ at: first, tool: g.tool, choice, carriedOver: false });
    } else {
      withoutInteraction = true;
      if (outside && outside.at <= first) outsideInput = outside;
      lines.push(line(g, 'without-interaction', first));
    }
  }

  // Page reports: confirmed when a counted choice of the same content exists, never counted themselves.
  for (const g of groupSignals(pageOnly)) {
    const s = g.entries[0]!.consent!.signal;
    if (s.state === 'choice' && !s.choice && known.has(g.tool)) continue;
    const at = Math.min(...g.entries.map((e) => e.at));
    if (s.state === 'banner') {
      lines.push(line(g, 'banner', at));
      continue;
    }
    const ok = choices.some((c) => sameChoice(c.choice, s.choice) || (!s.choice && c.choice));
    if (!ok) unconfirmed += 1;
    lines.push(line(g, ok ? 'confirmed' : 'not-confirmed', at));
  }

  for (const c of clicks) {
    // Only a record we can read confirms the click: after one we cannot (OptanonAlertBoxClosed alone), a Reject all
    // click is still the refusal it was.
    const confirmed = choices.some((x) => !x.carriedOver && x.at === c.at && x.choice !== undefined);
    const against = contradicted.some((x) => x.clickAt === c.at);
    // The visitor answered, but no record we can read says so (a manager we do not decode, or none named): the
    // trusted click itself is the answer. A refusal is one whatever was stored; an accept or saved settings may
    // cover anything, so what follows needs review rather than counting as before consent.
    if (!confirmed && !against) clickChoices.push(clickChoice(c));
    lines.push({
      at: c.at,
      tool: c.click!.tool,
      state: 'click',
      action: c.click!.action,
      ...(c.click!.label && { label: c.click!.label }),
      ...(c.click!.switches && { switches: c.click!.switches }),
      ...(c.click!.by && { by: c.click!.by }),
      status: against ? 'click-contradicted' : confirmed ? 'click-confirmed' : 'click-not-confirmed',
      provenance: c.provenance,
      vias: [c.via],
      site: c.site,
    });
  }

  choices.push(...clickChoices);

  for (const t of usable.filter((e) => e.kind === 'tool' && e.tool?.bannerShown)) {
    lines.push({
      at: t.at,
      tool: t.tool!.tool,
      state: 'banner',
      status: 'banner',
      provenance: t.provenance,
      vias: [t.via],
      site: t.site,
    });
  }

  // Only beside the manager's lines: on a page without any, the visitor's first click says nothing about consent.
  const interaction = (at: number, more: Partial<ConsentLine> = {}): ConsentLine => ({
    at,
    tool: '',
    state: 'interaction',
    status: 'interaction',
    provenance: 'detector',
    vias: ['userActivation'],
    site: visit.site,
    ...more,
  });
  if (lines.length > 0) {
    if (outside)
      lines.push(interaction(outside.at, { outside: true, ...(outside.label && { label: outside.label }) }));
    if (firstInteraction !== null)
      lines.push(interaction(firstInteraction, outside ? { afterOutside: true } : {}));
  }

  for (const g of groupSignals(evidence)) {
    lines.push(line(g, 'evidence', Math.min(...g.entries.map((e) => e.at))));
  }

  lines.sort((a, b) => a.at - b.at);
  leastLast(choices);
  choices.sort((a, b) => a.at - b.at);
  return {
    lines,
    choices,
    withoutInteraction,
    outsideInput,
    unconfirmed,
    contradicted,
    ...(overClick !== undefined && { overClick }),
    signals: signalLines(evidence),
    tool: toolOf(usable, choices),
  };
}

/**
 * The manager on the page, named by its own evidence (consent cookies and storage, script hosts) before the
 * detector's rule name; a stored choice names its tool when nothing else does.
 */
function toolOf(entries: EvidenceEntry[], choices: CountedChoice[]): string | null {
  const consentVias = entries.filter((e) => e.kind === 'consent' && e.provenance !== 'page');
  // A stored consent cookie names its manager first, as its parser does: the name alone may be another
  // manager's (react-cookie-consent's `CookieConsent=true` is not Cookiebot's, whose cookie has that name too).
  // (A cookie remembered from a click names no manager of its own: only its name may.)
  const cookieSignals = consentVias.map((e) => e.consent!.signal).filter((s) => s.via.startsWith('cookie:'));
  const parsed = cookieSignals.filter((s) => !s.rememberedClick);
  // A standard's parser (a TC string) says nothing of the manager: that cookie's name still may.
  const read = new Set(parsed.filter((s) => isManager(s.tool)).map((s) => s.via.slice(7)));
  const cookies = [
    ...cookieSignals.filter((s) => s.rememberedClick).map((s) => s.via.slice(7)),
    ...entries
      .filter((e) => e.kind === 'cookie' && e.cookie && !read.has(e.cookie.name))
      .map((e) => e.cookie!.name),
  ];
  const storageKeys = consentVias
    .filter((e) => e.via === 'localStorage')
    .map((e) => e.consent!.signal.via.replace(/^storage:/, ''));
  const scriptHosts = entries
    .filter((e) => e.kind === 'request' && e.resourceTypes?.includes('script'))
    .map((e) => e.host);
  const rule = entries.find((e) => e.kind === 'tool')?.tool?.tool;
  const named = identifyTool({
    decoded: parsed.map((s) => s.tool),
    cookies,
    storageKeys,
    scriptHosts,
    ...(rule && { autoconsentRule: rule }),
  });
  if (named) return named;
  const own = consentVias.find((e) => !e.consent!.signal.evidence && !e.consent!.signal.rememberedClick);
  if (own) return own.consent!.signal.tool;
  const stored = choices.find((c) => !c.clicked);
  if (stored) return stored.tool;
  // Naming the manager is detail, never a verdict: the page's own CMP API may name it when nothing else does.
  const page = entries.find(
    (e) => e.kind === 'consent' && e.provenance === 'page' && !e.consent!.signal.evidence,
  );
  return page?.consent!.signal.tool ?? null;
}

/** A name as a service switch and a vendor are compared: case, accents, spaces and punctuation aside. */
function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const refusedKeys = new WeakMap<ConsentChoice, ReadonlySet<string>>();

/** The visitor switched off a service of exactly this vendor's name or id (Klaro's `google-analytics`). */
function refusedByName(
  choice: ConsentChoice,
  vendor: { id: string | null; name?: string } | undefined,
): boolean {
  if (!choice.refused?.length || !vendor?.id) return false;
  let keys = refusedKeys.get(choice);
  if (!keys) {
    keys = new Set(choice.refused.map(nameKey).filter(Boolean));
    refusedKeys.set(choice, keys);
  }
  return keys.has(nameKey(vendor.id)) || (vendor.name !== undefined && keys.has(nameKey(vendor.name)));
}

/**
 * Whether a choice replaces the one in force: a choice of unknown content does not hide an earlier known one,
 * unless both are only the visitor's clicks (the later click is the answer).
 */
export function supersedes(next: CountedChoice, current: CountedChoice | null | undefined): boolean {
  return !!next.choice || !current?.choice || (!!next.clicked && !!current.clicked);
}

/**
 * The phase of something of `category` (and, when known, of this vendor) at time t, from the counted choices
 * (latest first).
 */
export function phaseAt(
  choices: readonly CountedChoice[],
  t: number,
  category: CategoryOrUnknown,
  vendor?: { id: string | null; name?: string },
): Phase {
  let current: CountedChoice | null = null;
  for (const c of choices) {
    if (c.at > t) break;
    if (supersedes(c, current)) current = c;
  }
  if (!current) return 'before-consent';
  const choice = current.choice;
  // A choice we could not read may be a refusal as well as an accept: not a violation, never exempt either.
  if (!choice) return 'after-unknown-choice';
  if (choice.kind === 'reject-all') return 'after-reject';
  if (current.overRefusal) return 'after-unknown-choice';
  // The manager's own requests and cookies serve the choice itself: covered as strictly necessary ones are (they
  // read "after reject" under an Accept that a manager records as a list of categories).
  const covered = category === 'consent' ? 'necessary' : category;
  // A category needing consent that none of the record's switches covers was never asked about.
  const unasked =
    covered !== 'unknown' &&
    needsConsent(covered) &&
    choice.offered !== undefined &&
    !offers(choice, covered);
  if (choice.kind === 'accept-all' && !unasked && !withheld(choice)) return 'after-accept';
  // A service the visitor switched off by name is refused, whatever category the rest of the choice allows.
  if (refusedByName(choice, vendor)) return 'after-reject';
  if (covered !== 'unknown' && grants(choice, covered)) return 'after-accept';
  // Purposes of the manager's own we could not map to a category may or may not cover this one (unless the
  // visitor's Reject all came before them).
  if (choice.unmapped && choice.unmapped.length > 0 && !current.afterRefusal) return 'after-unknown-choice';
  return unasked ? 'before-consent' : 'after-reject';
}

/**
 * An "accept-all" that says itself it is not all: a switch it offers left off, a service refused by name, a US sale
 * opt-out, or nothing that needs consent allowed. Such a record (a decoder's, or one stored by an earlier version) is
 * read by its categories, never by its kind.
 */
function withheld(choice: ConsentChoice): boolean {
  if (choice.saleOptOut || choice.refused?.length || !choice.granted.some(needsConsent)) return true;
  return choice.offered?.some((c) => needsConsent(c) && !choice.granted.includes(c)) ?? false;
}

/**
 * Social embeds and buttons, where the record has no social switch: managers file them under marketing (Cookiebot
 * and Complianz have no social category; OneTrust sites without a social group put them under Targeting).
 */
function socialUnderMarketing(choice: ConsentChoice, category: Category): boolean {
  return category === 'social' && choice.offered !== undefined && !choice.offered.includes('social');
}

/** Whether one of the record's switches covers the category (see socialUnderMarketing). */
function offers(choice: ConsentChoice, category: Category): boolean {
  if (choice.offered!.includes(category)) return true;
  return (
    socialUnderMarketing(choice, category) &&
    choice.offered!.some((c) => c === 'advertising' || c === 'marketing')
  );
}

/** Whether the choice allows the category (see socialUnderMarketing). */
function grants(choice: ConsentChoice, category: Category): boolean {
  if (choice.granted.includes(category)) return true;
  return (
    socialUnderMarketing(choice, category) &&
    choice.granted.some((c) => c === 'advertising' || c === 'marketing')
  );
}

/** A tracker of this category firing in this phase breaks the prior-consent rule (ePrivacy art. 5(3)). */
export function isViolation(phase: Phase, category: CategoryOrUnknown): boolean {
  return (phase === 'before-consent' || phase === 'after-reject') && needsConsent(category);
}

/** A tracker of this category firing in this phase needs an auditor's look: after a choice we could not read. */
export function needsReviewAfter(phase: Phase, category: CategoryOrUnknown): boolean {
  return phase === 'after-unknown-choice' && needsConsent(category);
}
