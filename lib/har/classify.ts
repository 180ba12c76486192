/** Classifies every request and cookie of a HAR capture and places it in its consent phase. */
import type { Classification } from '../vendor-db/types';
import type { CapturedCookie, HarCapture } from './collect';
import { buildConsent, phaseAt, type HarConsent, type HarPhase } from './timeline';

/** The vendor classifier (lib/vendor-db/match.ts bound to an index in production). */
export interface Classifier {
  classifyRequest(url: string, pageUrl?: string): Classification;
  classifyCookie(c: {
    name: string;
    domain: string;
    pageUrl?: string;
    expiresAt?: number | null;
  }): Classification;
}

export interface ClassifiedItem {
  kind: 'request' | 'cookie';
  host: string;
  url: string;
  at: number;
  resourceType: string;
  initiator: string | null;
  classification: Classification;
  phase: HarPhase;
  cookie?: CapturedCookie;
}

export interface ClassifiedHar {
  page: string | null;
  consent: HarConsent;
  /** In recording order (time, then entry index). */
  items: ClassifiedItem[];
}

/** Page URL: the first page's URL, else the first document request, else the first request. */
export function pageUrlOf(capture: HarCapture): string | null {
  const fromPage = capture.pages.find((p) => p.url)?.url;
  if (fromPage) return fromPage;
  const doc = capture.requests.find((r) => r.resourceType === 'document');
  return doc?.url ?? capture.requests[0]?.url ?? null;
}

/** When the recording began: the first page's start, else the earliest request. */
export function visitStart(capture: HarCapture): number {
  const page = capture.pages.find((p) => Number.isFinite(p.startedAt))?.startedAt;
  if (page !== undefined) return page;
  const times = capture.requests.map((r) => r.at).filter(Number.isFinite);
  return times.length ? Math.min(...times) : 0;
}

export function classifyCapture(capture: HarCapture, classifier: Classifier): ClassifiedHar {
  const page = pageUrlOf(capture);
  const pageUrl = page ?? undefined;
  const consent = buildConsent(capture.signals, visitStart(capture));
  const cookieCache = new Map<string, Classification>();
  const items: ClassifiedItem[] = [];
  const ordered = [...capture.requests].sort((a, b) => (a.at || 0) - (b.at || 0) || a.index - b.index);
  for (const r of ordered) {
    const base = { host: r.host, url: r.url, at: r.at, resourceType: r.resourceType, initiator: r.initiator };
    const c = classifier.classifyRequest(r.url, pageUrl);
    items.push({ ...base, kind: 'request', classification: c, phase: phaseAt(consent, c.category, r.at) });
    for (const cookie of r.cookies) {
      const key = `${cookie.name}@${cookie.domain}`;
      let cc = cookieCache.get(key);
      if (!cc) {
        const life = cookie.lifetimeSeconds;
        const expiresAt = life == null || Number.isNaN(r.at) ? life : r.at + life * 1000;
        cc = classifier.classifyCookie({ name: cookie.name, domain: cookie.domain, pageUrl, expiresAt });
        cookieCache.set(key, cc);
      }
      items.push({
        ...base,
        kind: 'cookie',
        classification: cc,
        phase: phaseAt(consent, cc.category, r.at),
        cookie,
      });
    }
  }
  return { page, consent, items };
}
