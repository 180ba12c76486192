/** Turns normalised browser events into observations for the writer. Pure; the classifier is passed in. */
import { hashString } from './hash';
import { siteOf } from './domain';
import type { CookieVia, PageVisit } from './findings';
import type { Observation } from './observation';
import type { CookieUpdate } from './store/repo';
import type { ObservedRequest } from './request';
import type { Classification } from './vendor-db/types';

export interface CookieInput {
  name: string;
  domain: string;
  pageUrl: string;
  lifetimeSeconds?: number | null;
  value?: string;
  httpOnly?: boolean;
}

/** The classifier as the recorder sees it; the background adapts the compiled vendor index to this. */
export interface Classifier {
  request(url: string, pageUrl: string): Classification;
  cookie(input: CookieInput): Classification;
}

export function requestObservation(
  visit: PageVisit,
  req: ObservedRequest,
  classifier: Classifier,
): Observation {
  return {
    visitId: visit.id,
    kind: 'request',
    key: req.host,
    host: req.host,
    url: req.url,
    at: req.at,
    classification: classifier.request(req.url, visit.url),
    resourceType: req.type,
  };
}

/** A cookie as seen by any channel; `domain` without a leading dot. */
export interface SeenCookie {
  name: string;
  value: string;
  domain: string;
  path?: string;
  via: CookieVia;
  at: number;
  lifetimeSeconds?: number | null;
  setBy?: string | null;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: string;
  removed?: boolean;
}

export function cookieObservation(
  visit: PageVisit,
  c: SeenCookie,
  classifier: Classifier,
  keepValue: boolean,
): { obs: Observation; update: CookieUpdate | null } {
  const domain = c.domain.replace(/^\./, '').toLowerCase();
  const site = siteOf(domain) ?? domain;
  const classification = classifier.cookie({
    name: c.name,
    domain,
    pageUrl: visit.url,
    lifetimeSeconds: c.lifetimeSeconds,
    value: c.value,
    httpOnly: c.httpOnly,
  });
  const valueHash = hashString(c.value);
  const obs: Observation = {
    visitId: visit.id,
    kind: 'cookie',
    key: `${c.name}@${site}`,
    host: domain,
    url: visit.url,
    at: c.at,
    classification,
    via: c.via,
    cookieName: c.name,
    cookieDomain: domain,
    valueLength: c.value.length,
    valueHash,
    ...(c.lifetimeSeconds !== undefined && { lifetimeSeconds: c.lifetimeSeconds }),
    ...(c.setBy && { setBy: c.setBy }),
    ...(keepValue && { value: c.value }),
  };
  // A Cookie request header names no domain or path: it updates findings, not the cookie jar view.
  const update: CookieUpdate | null =
    c.via === 'cookie-header'
      ? null
      : {
          visitId: visit.id,
          name: c.name,
          domain,
          path: c.path ?? '/',
          thirdParty: classification.thirdParty,
          secure: c.secure,
          httpOnly: c.httpOnly,
          sameSite: c.sameSite,
          expiresAt: c.lifetimeSeconds == null ? null : c.at + c.lifetimeSeconds * 1000,
          valueLength: c.value.length,
          valueHash,
          ...(keepValue && { value: c.value }),
          removed: c.removed ?? false,
          at: c.at,
        };
  return { obs, update };
}
