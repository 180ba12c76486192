import { browser } from 'wxt/browser';
import { headerValues, normalizeRequest, type ObservedRequest, type RawRequestDetails } from '@/lib/request';
import { isDeletion, parseCookieHeader, parseSetCookie } from '@/lib/cookie-parse';
import { cookieObservation, requestObservation } from '@/lib/record';
import {
  onMainFrameRequest,
  updateLive,
  visitForInitiator,
  visitForRequest,
  withSite,
  type LiveVisit,
} from '@/lib/tab-state';
import { siteOf } from '@/lib/domain';
import { signalFromHeaders, signalFromRequestUrl, signalsFromJar } from '@/lib/consent/signals';
import { ready } from './context';
import { allTabs, getTab, setTab } from './session';
import { enqueue } from './writer';
import { applyConsent } from './visits';
import { holdPrerender, type HeldKind } from './prerender';
import { createVisit, recoverVisit } from './navigation';
import { recordCookie } from './cookies';

const FILTER = { urls: ['<all_urls>'] };
// Chrome hides Cookie / Set-Cookie from webRequest without 'extraHeaders'; Firefox rejects the value.
const EXTRA = import.meta.env.BROWSER === 'firefox' ? [] : ['extraHeaders'];

/** As liveVisitFor, but first recovers a visit for a tab that has none (see recoverVisit). */
async function visitOrRecover(req: ObservedRequest): Promise<LiveVisit | null> {
  const live = liveVisitFor(req);
  if (live || req.tabId < 0) return live;
  await recoverVisit(req.tabId, req.at);
  return liveVisitFor(req);
}

/** The live visit a request belongs to, updating tab state for main-frame requests. Null = not recorded. */
function liveVisitFor(req: ObservedRequest): LiveVisit | null {
  if (req.tabId < 0) return req.initiator ? visitForInitiator(allTabs(), req.initiator) : null;
  let state = getTab(req.tabId);
  if (req.type === 'main_frame') {
    state = onMainFrameRequest(state, req, () => createVisit(req.tabId, req.url, req.at));
    setTab(state);
  }
  const live = visitForRequest(state, req);
  if (!live) return null;
  const site = siteOf(req.host);
  const noted = site ? withSite(live, site) : live;
  if (noted !== live) setTab(updateLive(state, live.visit.id, () => noted));
  return noted;
}

async function onBeforeRequest(details: RawRequestDetails): Promise<void> {
  const req = normalizeRequest(details);
  if (!req) return;
  if (req.prerender) return holdPrerender(req, details);
  const { classifier } = await ready();
  const live = await visitOrRecover(req);
  if (!live) return;
  enqueue(requestObservation(live.visit, req, classifier));
  const signal = signalFromRequestUrl(req.url);
  if (signal) applyConsent(live.visit.tabId, live.visit.id, signal, req.at);
}

async function onSendHeaders(details: RawRequestDetails): Promise<void> {
  const req = normalizeRequest(details);
  if (!req) return;
  if (req.prerender) return holdPrerender(req, details, 'sendHeaders');
  const { classifier, settings } = await ready();
  const live = await visitOrRecover(req);
  if (!live) return;
  const gpc = signalFromHeaders(details.requestHeaders ?? []);
  if (gpc) applyConsent(live.visit.tabId, live.visit.id, gpc, req.at);
  for (const header of headerValues(details.requestHeaders, 'Cookie')) {
    const sent = parseCookieHeader(header);
    for (const { name, value } of sent) {
      const seen = { name, value, domain: req.host, via: 'cookie-header' as const, at: req.at };
      enqueue(cookieObservation(live.visit, seen, classifier, settings.storeCookieValues).obs);
    }
    for (const signal of signalsFromJar(sent)) applyConsent(live.visit.tabId, live.visit.id, signal, req.at);
  }
}

async function onHeadersReceived(details: RawRequestDetails): Promise<void> {
  const req = normalizeRequest(details);
  if (!req) return;
  if (req.prerender) return holdPrerender(req, details, 'headersReceived');
  const setCookies = headerValues(details.responseHeaders, 'Set-Cookie');
  if (!setCookies.length) return;
  await ready();
  const live = await visitOrRecover(req);
  if (!live) return;
  for (const header of setCookies) {
    const c = parseSetCookie(header, req.at);
    if (!c) continue;
    const seen = { ...c, domain: c.domain ?? req.host, via: 'set-cookie' as const, at: req.at };
    await recordCookie(live.visit, { ...seen, removed: isDeletion(c) });
  }
}

/** A failed main-frame request (download, 204, aborted) never commits: drop its pending visit. */
function onMainFrameEnded(details: RawRequestDetails & { error?: string; statusCode?: number }): void {
  if (details.type !== 'main_frame' || typeof details.tabId !== 'number' || details.tabId < 0) return;
  const state = getTab(details.tabId);
  const failed = details.error !== undefined || details.statusCode === 204;
  if (failed && state.pending?.requestId === String(details.requestId)) setTab({ ...state, pending: null });
}

/** Replays events held while their document was prerendering. */
export function replay(kind: HeldKind, details: RawRequestDetails): Promise<void> {
  const handler = {
    request: onBeforeRequest,
    sendHeaders: onSendHeaders,
    headersReceived: onHeadersReceived,
  }[kind];
  return handler(details);
}

function guard<T>(fn: (d: T) => Promise<void> | void) {
  return (d: T) => {
    Promise.resolve()
      .then(() => fn(d))
      .catch((e: unknown) => console.error('webRequest handler failed', e));
    return undefined;
  };
}

export function registerWebRequest(): void {
  const wr = browser.webRequest as any;
  wr.onBeforeRequest.addListener(guard(onBeforeRequest), FILTER);
  wr.onSendHeaders.addListener(guard(onSendHeaders), FILTER, ['requestHeaders', ...EXTRA]);
  wr.onHeadersReceived.addListener(guard(onHeadersReceived), FILTER, ['responseHeaders', ...EXTRA]);
  wr.onCompleted.addListener(guard(onMainFrameEnded), FILTER);
  wr.onErrorOccurred.addListener(guard(onMainFrameEnded), FILTER);
}
