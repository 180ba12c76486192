/** Test fixtures only (imported by *.test.ts): a stored visit row and request sightings of it. */
import type { PageVisit } from '../../findings';
import type { Sighting } from '../../evidence/types';
import type { Classification } from '../../vendor-db/types';

export const CUSTOMER_IO_MATCH: Classification = {
  vendor: 'customer-io',
  vendorName: 'Customer.io',
  company: null,
  category: 'marketing',
  thirdParty: true,
  reason: 'r',
};

export function visitRow(
  id: string,
  site: string,
  startedAt: number,
  extra: Partial<PageVisit> = {},
): PageVisit {
  return { id, tabId: 1, url: `https://${site}/`, site, startedAt, incognito: false, ...extra };
}

/** A webRequest sighting of `host` in visit `visitId` at `at`; `extra` replaces any field. */
export function requestSighting(
  visitId: string,
  host: string,
  at: number,
  extra: Partial<Sighting> = {},
): Sighting {
  return {
    id: `${visitId}|request|${host}`,
    visitId,
    kind: 'request',
    provenance: 'browser',
    via: 'webRequest',
    key: host,
    host,
    site: host,
    at,
    url: `https://${host}/x`,
    classification: CUSTOMER_IO_MATCH,
    ...extra,
  };
}
