/**
 * A HAR capture as the same evidence the extension records: one visit per HAR page (entries grouped by
 * `pageref`), each request, cookie and consent signal a browser-provenance sighting. Verdicts then come from
 * lib/evidence/derive.ts like everywhere else.
 */
import { siteOf } from '../domain';
import { mergeSighting } from '../evidence/merge';
import type { EvidenceEntry, Sighting } from '../evidence/types';
import type { PageVisit } from '../findings';
import {
  consentSighting,
  cookieSighting,
  requestSighting,
  type Classifier,
  type SeenCookie,
} from '../record';
import type { ObservedRequest } from '../request';
import type { CapturedRequest, HarCapture, HarPage } from './collect';

export interface HarVisit {
  page: HarPage | null;
  visit: PageVisit;
  entries: EvidenceEntry[];
}

/** The latest of `times`, or `fallback` for none (a loop: a HAR page can hold more entries than a call's arguments). */
function latest(times: readonly number[], fallback: number): number {
  let max = fallback;
  for (const t of times) if (t > max) max = t;
  return max;
}

/** The page's start, else the earliest request of the group. */
function startOf(page: HarPage | null, requests: CapturedRequest[]): number {
  if (page && Number.isFinite(page.startedAt)) return page.startedAt;
  let min = Infinity;
  for (const r of requests) if (r.at < min) min = r.at;
  return Number.isFinite(min) ? min : 0;
}

/** Requests per page id, in recording order; entries without a known pageref form one more group. */
function groups(capture: HarCapture): { page: HarPage | null; requests: CapturedRequest[] }[] {
  const ordered = [...capture.requests].sort((a, b) => (a.at || 0) - (b.at || 0) || a.index - b.index);
  const byId = new Map<string, { page: HarPage | null; requests: CapturedRequest[] }>();
  for (const p of capture.pages)
    if (p.id !== null && !byId.has(p.id)) byId.set(p.id, { page: p, requests: [] });
  const loose = {
    page: capture.pages.length === 1 ? capture.pages[0]! : null,
    requests: [] as CapturedRequest[],
  };
  for (const r of ordered) {
    const g = r.pageref !== null ? byId.get(r.pageref) : undefined;
    (g ?? loose).requests.push(r);
  }
  const out = [...byId.values()].filter((g) => g.requests.length > 0);
  if (loose.requests.length) {
    // A single page and entries without pageref: they are that page's.
    const single = out.length === 1 && capture.pages.length === 1 ? out[0] : undefined;
    if (single)
      single.requests = [...single.requests, ...loose.requests].sort(
        (a, b) => (a.at || 0) - (b.at || 0) || a.index - b.index,
      );
    else out.push(loose);
  }
  return out;
}

function observed(r: CapturedRequest, isMain: boolean): ObservedRequest {
  return {
    requestId: String(r.index),
    url: r.url,
    host: r.host,
    type: isMain ? 'main_frame' : r.resourceType === 'document' ? 'sub_frame' : r.resourceType,
    tabId: 0,
    frameId: isMain ? 0 : -1,
    topFrame: isMain,
    at: r.at,
    initiator: r.initiator,
    documentId: null,
    prerender: false,
  };
}

/** One visit per HAR page with its evidence log. */
export function harVisits(capture: HarCapture, classifier: Classifier): HarVisit[] {
  return groups(capture).map(({ page, requests }, n) => {
    const mainDoc = requests.find((r) => r.resourceType === 'document') ?? requests[0];
    const url = page?.url ?? mainDoc?.url ?? 'about:blank';
    const startedAt = startOf(page, requests);
    const times = requests.map((r) => r.at).filter(Number.isFinite);
    const last = latest(times, -Infinity);
    const visit: PageVisit = {
      id: `har-${n + 1}`,
      tabId: -1,
      url,
      site: siteOf(url) ?? url,
      startedAt,
      ...(times.length && { endedAt: last }),
      incognito: false,
    };
    // An entry with no valid time counts against the site: its requests and cookies at the visit's start, so
    // before any choice, and a consent choice it holds after the last dated entry, so it covers none of them.
    const undatedChoiceAt = Math.max(last, startedAt) + 1;
    const sightings: Sighting[] = [];
    for (const r of requests) {
      const dated = Number.isFinite(r.at);
      const req = observed({ ...r, at: dated ? r.at : startedAt }, r === mainDoc);
      const choiceAt = dated ? req.at : undatedChoiceAt;
      sightings.push(requestSighting(visit, req, classifier));
      const frame = req.type === 'main_frame' ? ('main' as const) : ('sub' as const);
      const main = r === mainDoc;
      for (const c of r.cookies) {
        const seen: SeenCookie = {
          name: c.name,
          value: c.value,
          domain: c.domain,
          via: c.via,
          provenance: 'browser',
          at: req.at,
          frame,
          ...(c.lifetimeSeconds !== undefined && { lifetimeSeconds: c.lifetimeSeconds }),
          ...(c.removed && { removed: true }),
          ...(c.secure !== undefined && { secure: c.secure }),
          ...(c.httpOnly !== undefined && { httpOnly: c.httpOnly }),
          ...(c.path !== undefined && { path: c.path }),
          ...(c.sameSite !== undefined && { sameSite: c.sameSite }),
          // A CHIPS cookie lives in the partition of the page's top-level site (as the extension records it).
          ...(c.partitioned && { partition: visit.site }),
        };
        // Classified by its value, which is not stored (keepValue false): the extension's default.
        sightings.push(cookieSighting(visit, seen, classifier, false));
        if (c.signal) {
          sightings.push(
            consentSighting(visit, c.signal, {
              provenance: 'browser',
              via: c.via,
              at: choiceAt,
              site: siteOf(c.domain),
              host: c.domain,
              frame,
              ...(main && { mainFrame: true }),
              ...(c.partitioned && { partition: visit.site }),
            }),
          );
        }
      }
      if (r.urlSignal) {
        sightings.push(
          consentSighting(visit, r.urlSignal, {
            provenance: 'browser',
            via: 'webRequest',
            at: choiceAt,
            site: siteOf(r.host),
            host: r.host,
            frame,
          }),
        );
      }
    }
    const byId = new Map<string, EvidenceEntry>();
    for (const s of sightings) byId.set(s.id, mergeSighting(byId.get(s.id), s));
    return { page, visit, entries: [...byId.values()] };
  });
}
