// Test fixtures only (imported by *.test.ts, never by product code).
import type { PageVisit } from '../../findings';
import { cookieSighting, requestSighting, type Classifier } from '../../record';
import { observedRequest } from '../../report/__fixtures__/visit';
import { deriveVisit } from '../derive';
import type { EvidenceEntry } from '../types';

/**
 * Sightings on one visit as the recorder makes them: a request, and a first-party cookie set by a Set-Cookie header
 * (long-lived); and the derived finding of a cookie name.
 */
export function sightingsOn(v: PageVisit, classifier: Classifier) {
  return {
    request: (url: string, at: number) => requestSighting(v, observedRequest(url, at), classifier),
    cookie: (name: string, at: number) =>
      cookieSighting(
        v,
        {
          name,
          value: 'x1',
          domain: v.site,
          via: 'set-cookie',
          provenance: 'browser',
          at,
          lifetimeSeconds: 3e7,
        },
        classifier,
        false,
      ),
    findingOf: (entries: EvidenceEntry[], name: string) =>
      deriveVisit(v, entries).findings.find((f) => f.cookieName === name)!,
  };
}
