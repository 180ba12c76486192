/** Test fixtures only: derived visits of a small site, made by the real derivation from evidence entries. */
import { deriveVisit, type DerivedVisit } from '../../evidence/derive';
import type { EvidenceEntry } from '../../evidence/types';
import type { Classification } from '../../vendor-db/types';
import { T0, entry, visit } from '../../report/__fixtures__/visit';

export const cls = (
  vendor: string | null,
  category: Classification['category'],
  thirdParty: boolean,
  name?: string,
): Classification => ({
  vendor,
  vendorName: name ?? vendor,
  company: null,
  category,
  thirdParty,
  reason: vendor ? `known ${vendor}` : 'unknown name',
});

export function request(visitId: string, host: string, c: Classification, at = T0 + 100): EvidenceEntry {
  return entry({ host, at, visitId, id: `${visitId}|r|${host}`, classification: c });
}

export function cookie(
  visitId: string,
  name: string,
  domain: string,
  c: Classification,
  lifetimeSeconds: number | null,
  at = T0 + 200,
): EvidenceEntry {
  return entry({
    host: domain,
    at,
    visitId,
    id: `${visitId}|c|${name}`,
    kind: 'cookie',
    via: 'set-cookie',
    cookie: { name, domain, action: 'set', lifetimeSeconds, valueLength: 3, valueHash: 'h' },
    classification: c,
  });
}

export function stored(
  visitId: string,
  area: 'localStorage' | 'sessionStorage' | 'indexedDB',
  name: string,
  c: Classification,
  host = 'shop.example',
  at = T0 + 300,
): EvidenceEntry {
  return entry({
    host,
    at,
    visitId,
    id: `${visitId}|s|${area}:${name}`,
    kind: 'storage',
    key: `${area}:${name}`,
    provenance: 'detector',
    via: area,
    storage: { area, name, valueLength: 2, valueHash: 'h' },
    classification: c,
  });
}

export function page(id: string, url: string, entries: EvidenceEntry[]): DerivedVisit {
  return deriveVisit(visit({ id, url }), entries);
}
