import { browser } from 'wxt/browser';
import { headerValues, normalizeRequest, type ObservedRequest, type RawRequestDetails } from '@/lib/request';
import { isDeletion, parseCookieHeader, parseSetCookie } from '@/lib/cookie-parse';
import { frameOf, requestSighting, type Classifier } from '@/lib/record';
import {
  onMainFrameRequest,
  updateLive,
  visitForInitiator,
  visitForRequest,
  withSite,
  type LiveVisit,
} from '@/lib/tab-state';
import { cookieDomainAllowed, siteOf } from '@/lib/domain';
import { signalFromHeaders, signalFromRequestUrl, signalsFromJar } from '@/lib/consent/signals';
import type { PageVisit } from '@/lib/findings';
import { ready } from './context';
import { allTabs, getTab, setTab } from './session';
import { enqueue } from './writer';
import { recordSignal } from './visits';
import { holdPrerender, type HeldKind } from './prerender';
import { createVisit, recoverVisit } from './visit-start';
import { claimSetCookie, recordCookie, recordLateCookies } from './cookies';

const FILTER = { urls: ['<all_urls>'] };
const MAIN_FRAME = { urls: ['<all_urls>'], types: ['main_frame'] };
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
  if (noted !== live) {
    setTab(updateLive(state, live.visit.id, () => noted));
    const late = recordLateCookies(noted.visit, site!, req.at);
    late.catch((e: unknown) => console.error('late cookies failed', e));
  }
  return noted;
}

/**
 * Which event records a request. Chrome fires onSendHeaders for every request it fires onBeforeRequest for,
 * HTTP-cache hits and requests that fail to connect included (with `extraHeaders`; checked in Chromium), and
 * with the same details plus the headers: recording there spares Chrome and the worker one of the three events
 * each request cost (README, Page cost). A request another extension cancels before it is sent is then not
 * recorded, which is right: it never left the browser. Firefox skips onSendHeaders for cached responses, so it
 * records on onBeforeRequest. Main-frame requests are always recorded on onBeforeRequest, where their visit
 * starts; in Chrome that listener hears nothing else (its filter, registerWebRequest).
 */
const RECORD_ON_SEND = import.meta.env.BROWSER !== 'firefox';
const recordedOnSend = (req: ObservedRequest) => RECORD_ON_SEND && req.type !== 'main_frame';

async function onBeforeRequest(details: RawRequestDetails): Promise<void> {
  const req = normalizeRequest(details);
  if (!req) return;
  if (req.prerender) return holdPrerender(req, details);
  const { classifier } = await ready();
  const live = await visitOrRecover(req);
  if (!live) return;
  recordRequest(live, req, classifier);
}

/** The request itself, and any consent signal its URL carries. */
function recordRequest(live: LiveVisit, req: ObservedRequest, classifier: Classifier): void {
  enqueue(live.visit, requestSighting(live.visit, req, classifier));
  const signal = signalFromRequestUrl(req.url);
  if (signal) recordSignal(live.visit, signal, signalSource(req, 'webRequest'));
}

/** Where a request-borne consent signal came from: the browser, at the request's time, in its frame. */
function signalSource(req: ObservedRequest, via: string) {
  const frame = frameOf(req);
  return {
    provenance: 'browser' as const,
    via,
    at: req.at,
    site: siteOf(req.host),
    host: req.host,
    frame,
    ...(req.type === 'main_frame' && { mainFrame: true }),
  };
}

async function onSendHeaders(details: RawRequestDetails): Promise<void> {
  const req = normalizeRequest(details);
  if (!req) return;
  if (req.prerender) return holdPrerender(req, details, 'sendHeaders');
  const { classifier } = await ready();
  const live = await visitOrRecover(req);
  if (!live) return;
  if (recordedOnSend(req)) recordRequest(live, req, classifier);
  const gpc = signalFromHeaders(details.requestHeaders ?? []);
  if (gpc) recordSignal(live.visit, gpc, signalSource(req, 'header'));
  const frame = frameOf(req);
  for (const header of headerValues(details.requestHeaders, 'Cookie')) {
    const sent = parseCookieHeader(header);
    for (const { name, value } of sent) {
      const seen = {
        name,
        value,
        domain: req.host,
        via: 'cookie-header',
        provenance: 'browser' as const,
        at: req.at,
        frame,
      };
      // Decoding happens once per header below; only the cookie itself is recorded here.
      await recordCookie(live.visit, seen, { decode: false });
    }
    // Decoded over the whole header: some tools spread one choice over several cookies (Complianz).
    for (const signal of signalsFromJar(sent))
      recordSignal(live.visit, signal, signalSource(req, 'cookie-header'));
  }
}

async function onHeadersReceived(details: RawRequestDetails): Promise<void> {
  const req = normalizeRequest(details);
  if (!req) return;
  if (req.prerender) return holdPrerender(req, details, 'headersReceived');
  // A Domain the request host may not set (another site, a public suffix) is rejected by the browser: no evidence.
  const cookies = headerValues(details.responseHeaders, 'Set-Cookie')
    .map((header) => parseSetCookie(header, req.at))
    .filter((c): c is NonNullable<typeof c> => c !== null && cookieDomainAllowed(req.host, c.domain))
    .map((c) => ({ ...c, domain: c.domain ?? req.host, removed: isDeletion(c) }));
  if (!cookies.length) return;
  // Claimed before the first await: the cookie store's report of these cookies may be handled while we wait.
  let resolveOwner!: (visit: PageVisit | null) => void;
  const owner = new Promise<PageVisit | null>((resolve) => (resolveOwner = resolve));
  for (const c of cookies) if (!c.removed) claimSetCookie(owner, c.name, c.domain, c.value, Date.now());
  try {
    await ready();
    const live = await visitOrRecover(req);
    resolveOwner(live?.visit ?? null);
    if (!live) return;
    const frame = frameOf(req);
    for (const c of cookies) {
      await recordCookie(live.visit, {
        ...c,
        via: 'set-cookie',
        provenance: 'browser' as const,
        at: req.at,
        frame,
        mainFrameRequest: req.type === 'main_frame',
        // A CHIPS cookie lives in the partition of the page's top-level site.
        ...(c.partitioned && { partition: live.visit.site }),
      });
    }
  } finally {
    resolveOwner(null);
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
  wr.onBeforeRequest.addListener(guard(onBeforeRequest), RECORD_ON_SEND ? MAIN_FRAME : FILTER);
  wr.onSendHeaders.addListener(guard(onSendHeaders), FILTER, ['requestHeaders', ...EXTRA]);
  wr.onHeadersReceived.addListener(guard(onHeadersReceived), FILTER, ['responseHeaders', ...EXTRA]);
  // Only a main-frame request's end matters (a failed navigation drops its pending visit): no call per sub-request.
  wr.onCompleted.addListener(guard(onMainFrameEnded), MAIN_FRAME);
  wr.onErrorOccurred.addListener(guard(onMainFrameEnded), MAIN_FRAME);
}
