import { browser } from 'wxt/browser';
import { cookieObservation, type SeenCookie } from '@/lib/record';
import { isDeletion, parseCookieAssignment } from '@/lib/cookie-parse';
import { visitsForCookie } from '@/lib/tab-state';
import { siteOf } from '@/lib/domain';
import { signalFromCookie } from '@/lib/consent/signals';
import type { PageVisit } from '@/lib/findings';
import type { CookieWrite } from '@/lib/messages';
import { ready } from './context';
import { allTabs, getTab } from './session';
import { enqueue, enqueueCookie } from './writer';
import { applyConsent } from './visits';

/** Records one cookie sighting; a cookie being deleted says nothing about consent. */
export async function recordCookie(visit: PageVisit, seen: SeenCookie): Promise<void> {
  const { classifier, settings } = await ready();
  const { obs, update } = cookieObservation(visit, seen, classifier, settings.storeCookieValues);
  enqueue(obs);
  if (update) enqueueCookie(update);
  if (!seen.removed) {
    const signal = signalFromCookie(seen.name, seen.value);
    if (signal) applyConsent(visit.tabId, visit.id, signal, seen.at);
  }
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
  };
}

/**
 * cookies.onChanged has no tab and no timestamp: attribute to the current visits whose site is the cookie's
 * site or that contacted it, and use the receive time (noted in lib/findings.ts).
 */
async function onChanged({ removed, cause, cookie }: ChangeInfo): Promise<void> {
  // An overwrite is reported as a removal followed by the new value: the second event is the one to keep.
  if (removed && cause === 'overwrite') return;
  await ready();
  const at = Date.now();
  const site = siteOf(cookie.domain.replace(/^\./, ''));
  if (!site) return;
  const lifetime = cookie.expirationDate === undefined ? null : Math.round(cookie.expirationDate - at / 1000);
  // Private-window cookies live in their own store and belong only to private visits.
  const privateStore = cookie.storeId === '1' || cookie.storeId === 'firefox-private';
  for (const live of visitsForCookie(allTabs(), site)) {
    if (live.visit.incognito !== privateStore) continue;
    await recordCookie(live.visit, {
      name: cookie.name,
      value: cookie.value,
      domain: cookie.domain,
      path: cookie.path,
      via: 'cookies-api',
      at,
      lifetimeSeconds: lifetime,
      secure: cookie.secure,
      httpOnly: cookie.httpOnly,
      sameSite: cookie.sameSite,
      removed,
    });
  }
}

/** Cookie writes reported by the main-world content script, with the script that made them. */
export async function recordCookieWrites(tabId: number, writes: CookieWrite[]): Promise<void> {
  await ready();
  const live = getTab(tabId).current;
  if (!live) return;
  const host = new URL(live.visit.url).hostname;
  for (const w of writes.slice(0, 500)) {
    const c = parseCookieAssignment(String(w.text ?? ''), w.at);
    if (!c) continue;
    await recordCookie(live.visit, {
      ...c,
      domain: c.domain ?? host,
      via: w.api === 'cookieStore' ? 'cookieStore' : 'document.cookie',
      at: Number.isFinite(w.at) ? w.at : Date.now(),
      setBy: typeof w.scriptUrl === 'string' ? w.scriptUrl.slice(0, 2048) : null,
      removed: isDeletion(c),
    });
  }
}

export function registerCookies(): void {
  browser.cookies.onChanged.addListener((info) => {
    onChanged(info as ChangeInfo).catch((e: unknown) => console.error('cookies.onChanged failed', e));
  });
}
