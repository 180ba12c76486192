import Dexie, { type EntityTable } from 'dexie';
import type { Finding, PageVisit } from '../findings';

/** Latest state of one cookie (name+domain+path) as seen during a visit. */
export interface CookieRecord {
  /** `${visitId}|${name}|${domain}|${path}` */
  id: string;
  visitId: string;
  name: string;
  domain: string;
  path: string;
  thirdParty: boolean;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: string;
  /** Expiry as epoch ms, null for a session cookie. */
  expiresAt: number | null;
  valueLength: number;
  valueHash: string;
  value?: string;
  removed: boolean;
  firstSeenAt: number;
  lastSeenAt: number;
  changes: number;
}

export const DB_NAME = 'cookie-inspector';

export type InspectorDb = Dexie & {
  visits: EntityTable<PageVisit, 'id'>;
  findings: EntityTable<Finding, 'id'>;
  cookies: EntityTable<CookieRecord, 'id'>;
};

/** A factory, not a singleton, so tests get isolated databases. Add tables with new versions only. */
export function createDb(name = DB_NAME): InspectorDb {
  const db = new Dexie(name) as InspectorDb;
  db.version(1).stores({
    visits: 'id, tabId, site, startedAt',
    findings: 'id, visitId, [visitId+kind], vendorId, firstSeenAt',
    cookies: 'id, visitId, name',
  });
  return db;
}
