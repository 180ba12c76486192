import { browser } from 'wxt/browser';
import { cookieSighting, type SeenCookie } from '@/lib/record';
import { isDeletion, parseCookieAssignment, utf8FromLatin1 } from '@/lib/cookie-parse';
import { visitsForCookie } from '@/lib/tab-state';
import { LateCookies } from '@/lib/late-cookies';
import { SetCookieClaims } from '@/lib/set-cookie-claims';
import { siteOf } from '@/lib/domain';
import { signalFromCookie, signalsFromJar } from '@/lib/consent/signals';
import type { PageVisit } from '@/lib/findings';
import type { CookieWrite } from '@/lib/messages';
import { ready } from './context';
import { allTabs } from './session';
import { enqueue } from './writer';
import { recordSignal } from './visits';
import { noteAnswerCookie, rememberedAnswer } from './answered';
import { noteStoredWithoutPage } from './unprompted';

/**
 * Records one cookie sighting as evidence; a consent cookie's value is decoded here, in the background, and
 * recorded as a consent signal of the same provenance. A cookie being deleted says nothing about consent.
 */
export async function recordCookie(
  visit: PageVisit,
  seen: SeenCookie,
  options: { decode: boolean } = { decode: true },
): Promise<void> {
  const { classifier, settings } = await ready();
  const sighting = cookieSighting(visit, seen, classifier, settings.storeCookieValues);
  enqueue(visit, sighting);
  noteAnswerCookie(visit, seen, sighting.classification?.category ?? 'unknown');
  if (seen.removed || !options.decode) return;
  const signal = signalFromCookie(seen.name, seen.value);
  if (!signal) return;
  const domain = seen.domain.replace(/^\./, '').toLowerCase();
  recordSignal(visit, signal, {
    provenance: seen.provenance,
    via: seen.via,
    at: seen.at,
    site: siteOf(domain),
    host: domain,
    ...(seen.frame && { frame: seen.frame }),
    ...(seen.mainFrameRequest && { mainFrame: true }),
    ...(seen.partition && { partition: seen.partition }),
    ...(seen.byResponse && { byResponse: true }),
  });
}

interface ChangeInfo {
  removed: boolean;
  cause: string;
  cookie: {
    name: string;
    value: string;
    domain: string;
    path: string;
    secure: boolean;
    httpOnly: boolean;
    sameSite?: string;
    expirationDate?: number;
    storeId: string;
    /** Chrome: CHIPS partition; Firefox: Total Cookie Protection partition. */
    partitionKey?: { topLevelSite?: string };
  };
}

/** The top-level site a partitioned cookie belongs to, from either browser's partitionKey shape. */
function partitionSite(cookie: ChangeInfo['cookie']): string | null {
  const top = cookie.partitionKey?.topLevelSite;
  return typeof top === 'string' && top ? siteOf(top) : null;
}

/** A cookies.onChanged event, ready to record, with what decides which visits it may belong to. */
interface Change {
  seen: SeenCookie;
  privateStore: boolean;
  partition: string | null;
}

const late = new LateCookies<Change>();
const claims = new SetCookieClaims<Promise<PageVisit | null>>();

/**
 * A response set this cookie (webRequest Set-Cookie): the cookie store's change that follows is its visit's.
 * `visit` settles once the response's visit is known (null: none, and the change is attributed as usual).
 */
export function claimSetCookie(
  visit: Promise<PageVisit | null>,
  name: string,
  domain: string,
  value: string,
  at: number,
): void {
  claims.claim(visit, name, domain, value, at);
}

// Firefox's cookies API garbles non-ASCII names and values (see utf8FromLatin1).
const FIREFOX = import.meta.env.BROWSER === 'firefox';

/** Private-window cookies belong only to private visits; a partitioned cookie only to its partition's site. */
function belongs(change: Change, visit: PageVisit): boolean {
  if (visit.incognito !== change.privateStore) return false;
  return !change.partition || visit.site === change.partition;
}

/**
 * cookies.onChanged has no tab and no timestamp: attribute to the visit whose response's Set-Cookie stored it, or
 * else to the current visits whose site is the cookie's site or that contacted it, and use the receive time. The
 * change is then also held briefly, for a visit whose request to the cookie's site reaches us after the change
 * (see lib/late-cookies.ts).
 */
async function onChanged({ removed, cause, cookie }: ChangeInfo): Promise<void> {
  // An overwrite is reported as a removal followed by the new value: the second event is the one to keep.
  if (removed && cause === 'overwrite') return;
  // Received now: a worker still starting (ready) must not date the change after the requests that followed it.
  const at = Date.now();
  await ready();
  const site = siteOf(cookie.domain.replace(/^\./, ''));
  if (!site) return;
  const lifetime = cookie.expirationDate === undefined ? null : Math.round(cookie.expirationDate - at / 1000);
  const partition = partitionSite(cookie);
  const change: Change = {
    privateStore: cookie.storeId === '1' || cookie.storeId === 'firefox-private',
    partition,
    seen: {
      name: FIREFOX ? utf8FromLatin1(cookie.name) : cookie.name,
      value: FIREFOX ? utf8FromLatin1(cookie.value) : cookie.value,
      domain: cookie.domain,
      path: cookie.path,
      via: 'cookies-api',
      provenance: 'browser',
      at,
      lifetimeSeconds: lifetime,
      secure: cookie.secure,
      httpOnly: cookie.httpOnly,
      sameSite: cookie.sameSite,
      removed,
      ...(partition && { partition }),
    },
  };
  // The response that stored it is known (lib/set-cookie-claims.ts): only its visit gets the change, not the page
  // the tab is leaving nor other tabs that contacted the site, and it is held for no later visit either.
  const claimed = removed ? null : claims.take(change.seen.name, cookie.domain, change.seen.value, at);
  const owner = claimed && (await claimed);
  if (owner) {
    if (belongs(change, owner)) await recordCookie(owner, { ...change.seen, byResponse: true });
    return;
  }
  const visits = visitsForCookie(allTabs(), site)
    .map((live) => live.visit)
    .filter((visit) => belongs(change, visit));
  late.hold(
    site,
    at,
    change,
    visits.map((v) => v.id),
  );
  for (const visit of visits) await recordCookie(visit, change.seen);
  // No page of the site open (none shown, none on its way: a navigation to it not yet committed), in the site's own
  // jar (unpartitioned, or partitioned under the site itself): a consent record stored now is nobody's answer.
  const arriving = [...allTabs()].some(
    (t) => t.pending && t.pending.visit.site === site && belongs(change, t.pending.visit),
  );
  if (!visits.length && !arriving && !removed && (!partition || partition === site)) {
    const signal = signalFromCookie(change.seen.name, change.seen.value);
    if (signal) noteStoredWithoutPage(site, signal, at, change.privateStore);
  }
}

/** A visit just contacted `site` with a request started at `requestAt`: record the changes it missed. */
export async function recordLateCookies(visit: PageVisit, site: string, requestAt: number): Promise<void> {
  for (const change of late.take(site, requestAt, visit.id, Date.now())) {
    if (belongs(change, visit)) await recordCookie(visit, change.seen);
  }
}

/** Longest `document.cookie` assignment kept (the hook sends at most 8 KiB; a browser stores at most 4 KiB). */
const MAX_WRITE_TEXT = 8192;
/** Page-reported cookie writes kept per visit; the browser's own cookie events are not counted. */
const MAX_PAGE_WRITES = 5000;
const pageWrites = new Map<string, number>();

/** Counts one page-reported write of the visit; false once the visit has had its share (bounded over visits). */
function countPageWrite(visitId: string): boolean {
  const n = pageWrites.get(visitId) ?? 0;
  if (n >= MAX_PAGE_WRITES) return false;
  pageWrites.delete(visitId);
  pageWrites.set(visitId, n + 1);
  if (pageWrites.size > 500) pageWrites.delete(pageWrites.keys().next().value!);
  return true;
}

/**
 * Cookie writes reported by the main-world hook, with the script that made them: page provenance (the page can
 * forge these), timed when the background received them.
 */
export async function recordCookieWrites(visit: PageVisit, writes: CookieWrite[]): Promise<void> {
  const host = new URL(visit.url).hostname;
  const at = Date.now();
  for (const w of writes.slice(0, 500)) {
    // The page can post these itself, past the hook's own caps: what no browser would store is not evidence, and a
    // visit's page claims are bounded (each distinct name is an entry of its own).
    const text = typeof w?.text === 'string' ? w.text : '';
    if (text.length > MAX_WRITE_TEXT || !countPageWrite(visit.id)) continue;
    const c = parseCookieAssignment(text, at);
    if (!c) continue;
    await recordCookie(visit, {
      ...c,
      domain: c.domain ?? host,
      via: w.api === 'cookieStore' ? 'cookieStore' : 'document.cookie',
      provenance: 'page',
      at,
      frame: 'main',
      setBy: typeof w.scriptUrl === 'string' ? w.scriptUrl.slice(0, 2048) : null,
      removed: isDeletion(c),
    });
  }
}

/** The jar of the page's URL at commit: consent cookies stored before (or by the response of) this visit. */
export async function readJarAtCommit(
  visit: PageVisit,
  jar: readonly { name: string; value: string; domain: string }[],
): Promise<void> {
  const host = new URL(visit.url).hostname;
  // A cookie left by an answer known only from the visitor's click carries that answer over (answered.ts).
  const remembered = rememberedAnswer(visit, jar);
  for (const signal of [...signalsFromJar(jar), ...(remembered ? [remembered] : [])]) {
    recordSignal(visit, signal, {
      provenance: 'browser',
      via: 'jar',
      at: visit.startedAt,
      site: visit.site,
      host,
      frame: 'main',
    });
  }
}

export function registerCookies(): void {
  browser.cookies.onChanged.addListener((info) => {
    onChanged(info as ChangeInfo).catch((e: unknown) => console.error('cookies.onChanged failed', e));
  });
}
