/**
 * A visitor's answer known only from their click, remembered across visits. On a site whose consent record we do
 * not read (a manager we do not decode, a renamed cookie, a banner nothing names) the trusted click on Reject all or
 * Accept all is the answer (lib/evidence/consent.ts); without a memory the next visit would start "before consent"
 * again. The background watches the first-party cookies and the localStorage keys the site writes in the
 * CLICK_CONFIRM_MS after such a click, remembers the ones named like a consent record with a hash of their value,
 * and on a later visit a remembered cookie still in the jar at commit, or a remembered key in localStorage at
 * document_start (before the page's scripts run), with the same value carries the click's answer over, as a
 * signal of its own. Pure; the background keeps the memory in storage.local (entrypoints/background/answered.ts).
 */
import { needsConsent, type CategoryOrUnknown } from '../category';
import type { ClickAction } from '../consent/click';
import { clickAnswer, type SwitchCount } from '../consent/switches';
import type { ConsentSignal } from '../consent/types';
import { CLICK_CONFIRM_MS } from './consent';
import { PRIVATE_PREFIX } from './bounded-memory';

/**
 * What a remembered click left: a cookie of the site's, by name, domain and a hash of its value (`valueHash`), or a
 * localStorage key of the site's top-level origin (`area`; domain is that host, hash is the storage snapshot's
 * `hashString`: values never leave the page).
 */
export interface AnsweredCookie {
  name: string;
  domain: string;
  hash: string;
  area?: 'localStorage';
}

/** The click on an earlier visit that no readable record confirmed, and the cookies written right after it. */
export interface AnsweredRecord {
  visitId: string;
  at: number;
  /** The click's action (`reject-all`, `accept-all`, `save-settings`). */
  action: ClickAction;
  /** Saved settings: the dialog's switches as the visitor left them (every one off: a refusal). */
  switches?: SwitchCount;
  /** The manager the click was in ('' when none was named). */
  tool: string;
  /** The one-click audit's refusal (autoconsent's clicks), not the visitor's. */
  by?: 'audit';
  cookies: AnsweredCookie[];
}

/** Most sites remembered: the oldest answers are forgotten first. */
export const MAX_ANSWERED = 1_000;
/** Cookies kept per answer: a record is a cookie or two; more is the site's other state. */
export const MAX_ANSWER_COOKIES = 8;
/** How long after the click a cookie written is the record of it. */
export const ANSWER_WINDOW_MS = CLICK_CONFIRM_MS;

export function answeredKey(site: string, incognito: boolean): string {
  return `${incognito ? PRIVATE_PREFIX : ''}${site}|`;
}

/**
 * Named like a consent record. A name alone is the only hint a record we cannot decode gives; one written by a
 * tracker (`_ga` after an accept) would outlive any change of the visitor's mind, so it never counts.
 */
const RECORD_NAME =
  /consent|cookie|gdpr|privacy|tracking|opt.?(?:in|out)|choice|cmp|accept|agree|preference|banner/i;

/** Whether a cookie or localStorage key of the site's, written after the click, may be the record of the answer. */
export function isRecordLike(name: string, category: CategoryOrUnknown): boolean {
  return !needsConsent(category) && RECORD_NAME.test(name);
}

/** Whether a cookie written after the click may be the record of the answer. */
export function mayBeRecord(
  name: string,
  value: string,
  category: CategoryOrUnknown,
  firstParty: boolean,
): boolean {
  return firstParty && value !== '' && isRecordLike(name, category);
}

/** FNV-1a of the value: the memory says whether the value is unchanged, not what it was. */
export function valueHash(value: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${value.length}:${(h >>> 0).toString(16)}`;
}

/** The cookie to remember, or the list unchanged when it is one too many or already there. */
export function withAnswerCookie(list: AnsweredCookie[], cookie: AnsweredCookie): AnsweredCookie[] {
  const rest = list.filter(
    (c) => !(c.name === cookie.name && c.domain === cookie.domain && c.area === cookie.area),
  );
  if (rest.length >= MAX_ANSWER_COOKIES) return list;
  return [...rest, cookie];
}

function sameDomain(a: string, b: string): boolean {
  return a.replace(/^\./, '').toLowerCase() === b.replace(/^\./, '').toLowerCase();
}

/** The remembered answer as a signal, carried by the record `kept` (see rememberedSignal). */
function signalOf(record: AnsweredRecord, kept: AnsweredCookie): ConsentSignal {
  const storage = kept.area === 'localStorage';
  return {
    tool: record.tool,
    state: 'choice',
    ...(clickAnswer(record.action, record.switches) === 'reject-all' && {
      choice: { kind: 'reject-all' as const, granted: ['necessary' as const] },
    }),
    via: `${storage ? 'storage' : 'cookie'}:${kept.name}`,
    raw: `${kept.name} (${kept.hash})`,
    rememberedClick: {
      action: record.action,
      at: record.at,
      ...(record.by && { by: record.by }),
      ...(record.switches && { switches: record.switches }),
      ...(storage ? { storageKey: kept.name } : { cookie: kept.name }),
    },
  };
}

/**
 * The remembered answer as a consent signal of this visit's jar, when a cookie it left is there with the same
 * value: the click's manager, a refusal for Reject all, a choice of unknown content otherwise.
 */
export function rememberedSignal(
  record: AnsweredRecord | undefined,
  jar: readonly { name: string; value: string; domain: string }[],
): ConsentSignal | null {
  if (!record) return null;
  const kept = record.cookies.find(
    (c) =>
      c.area === undefined &&
      jar.some((j) => j.name === c.name && sameDomain(j.domain, c.domain) && valueHash(j.value) === c.hash),
  );
  return kept ? signalOf(record, kept) : null;
}

/**
 * The same, from the top-level document's localStorage as read at document_start (host, and each key with the
 * storage snapshot's hash of its value): a key the answer left there, unchanged.
 */
export function rememberedStorageSignal(
  record: AnsweredRecord | undefined,
  host: string,
  items: readonly { name: string; valueHash: string }[],
): ConsentSignal | null {
  if (!record) return null;
  const kept = record.cookies.find(
    (c) =>
      c.area === 'localStorage' &&
      sameDomain(c.domain, host) &&
      items.some((i) => i.name === c.name && i.valueHash === c.hash),
  );
  return kept ? signalOf(record, kept) : null;
}
