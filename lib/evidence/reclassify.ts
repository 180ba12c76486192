/**
 * Stored evidence filed again under the vendor database in use. A visit keeps what the browser observed (URLs,
 * cookie names, lifetimes) and the classification it was recorded with; a database update (a corrected category,
 * a vendor added) reaches visits recorded before it here, before they are derived, so a stored verdict follows
 * the same rules as a new one. What a finding was recorded as stays visible in its reason.
 */
import { mergeEntries } from './merge';
import { classifyCookieOf, classifyRequestOf, classifyStorageOf, type Classifier } from '../record';
import type { PageVisit } from '../findings';
import type { Classification } from '../vendor-db/types';
import type { EvidenceEntry } from './types';

/** Whether the visit was recorded with another vendor database than the classifier's (or before visits said). */
export function needsReclassification(
  visit: Pick<PageVisit, 'classifiedWith'>,
  classifier: Classifier,
): boolean {
  return classifier.database !== undefined && visit.classifiedWith !== classifier.database;
}

export interface Reclassified {
  entries: EvidenceEntry[];
  /** Entries whose vendor or category differs from what they were recorded as. */
  changed: number;
}

const label = (c: Classification) => `${c.vendorName ?? 'no vendor'}, ${c.category}`;

/** The new classification, with what the entry was recorded as in its reason when vendor or category differ. */
function refiled(recorded: Classification | undefined, now: Classification): Classification {
  if (!recorded || (recorded.vendor === now.vendor && recorded.category === now.category)) return now;
  const was = label(recorded);
  return {
    ...now,
    recordedAs: was,
    reason: `${now.reason} (recorded as ${was}, by an earlier vendor database)`,
  };
}

function classified(visit: PageVisit, e: EvidenceEntry, classifier: Classifier): EvidenceEntry {
  const recorded = e.classification;
  if (e.kind === 'request' && e.url) {
    const { classification, own, key } = classifyRequestOf(visit, e.url, e.host, classifier);
    // An entry folds every request to its host: the vendor match may have come from a URL other than the one kept.
    if (!classification.vendor && recorded?.vendor) return e;
    const { ownOrganisation: _own, ...rest } = e;
    return {
      ...rest,
      id: `${visit.id}|request|${key}`,
      key,
      classification: refiled(recorded, classification),
      ...(own && { ownOrganisation: true }),
    };
  }
  if (e.kind === 'cookie' && e.cookie) {
    const { name, domain, lifetimeSeconds, value, httpOnly } = e.cookie;
    const now = classifyCookieOf(visit, { name, domain, lifetimeSeconds, value, httpOnly }, classifier);
    // Without a vendor match the result is a guess, and the recorded guess also saw the value (not stored).
    if (!now.vendor && !recorded?.vendor && value === undefined) return e;
    return { ...e, classification: refiled(recorded, now) };
  }
  if (e.kind === 'storage' && e.storage) {
    const now = classifyStorageOf(visit, e.storage.area, e.storage.name, classifier);
    return { ...e, classification: refiled(recorded, now) };
  }
  return e;
}

/**
 * The visit's entries as the classifier files them. Request keys follow the new classification (a path rule
 * added for a shared host splits nothing already folded, but names the kept URL's vendor); entries that now share
 * a key fold into one, as the writer would have folded them.
 */
export function reclassify(
  visit: PageVisit,
  entries: readonly EvidenceEntry[],
  classifier: Classifier,
): Reclassified {
  const byId = new Map<string, EvidenceEntry>();
  let changed = 0;
  for (const e of entries) {
    const next = classified(visit, e, classifier);
    // refiled() notes what an entry was recorded as exactly when its vendor or category changed.
    if (next.classification?.recordedAs !== undefined) changed++;
    const prev = byId.get(next.id);
    byId.set(next.id, prev ? mergeEntries(prev, next) : next);
  }
  return { entries: [...byId.values()], changed };
}

/**
 * The visit's stored entries as `classifier` files them: as recorded when it recorded them (or none is given),
 * else filed again, with `refiled` the number classified differently and the visit stamped with the database
 * that filed them (so an export says which database its evidence's classifications are from).
 */
export function storedEntries<T extends readonly EvidenceEntry[], V extends PageVisit>(
  visit: V,
  entries: T,
  classifier: Classifier | undefined,
): { visit: V; entries: T | EvidenceEntry[]; refiled?: number } {
  if (!classifier || !needsReclassification(visit, classifier)) return { visit, entries };
  const { entries: filed, changed } = reclassify(visit, entries, classifier);
  return { visit: { ...visit, classifiedWith: classifier.database }, entries: filed, refiled: changed };
}
