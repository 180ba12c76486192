import Dexie, { type EntityTable, type Table } from 'dexie';
import type { PageVisit } from '../findings';
import type { EvidenceEntry } from '../evidence/types';
import { migrateV1Visit, type V1Finding, type V1Visit } from './migrate-v1';

export const DB_NAME = 'cookie-inspector';

/** One part of a finished visit's evidence in its compact form (lib/store/pack.ts). */
export interface PackedPart {
  visitId: string;
  part: number;
  /** How many entries the part holds. */
  entries: number;
  data: Uint8Array;
}

export type InspectorDb = Dexie & {
  visits: EntityTable<PageVisit, 'id'>;
  evidence: EntityTable<EvidenceEntry, 'id'>;
  packed: Table<PackedPart, [string, number]>;
};

/** A factory, not a singleton, so tests get isolated databases. Change the schema with new versions only. */
export function createDb(name = DB_NAME): InspectorDb {
  const db = new Dexie(name) as InspectorDb;
  // v1 (stop 8): findings with their phase fixed at write time, a cookie jar view, consent inside the visit row.
  db.version(1).stores({
    visits: 'id, tabId, site, startedAt',
    findings: 'id, visitId, [visitId+kind], vendorId, firstSeenAt',
    cookies: 'id, visitId, name',
  });
  // v2: the evidence log; phases and violations are derived when read. v1 rows become legacy evidence.
  db.version(2)
    .stores({ evidence: 'id, visitId, [visitId+kind]' })
    .upgrade(async (tx) => {
      const findings = (await tx.table('findings').toArray()) as V1Finding[];
      const byVisit = new Map<string, V1Finding[]>();
      for (const f of findings) byVisit.set(f.visitId, [...(byVisit.get(f.visitId) ?? []), f]);
      const visits = (await tx.table('visits').toArray()) as (V1Visit & Record<string, unknown>)[];
      for (const v of visits) {
        await tx.table('evidence').bulkPut(migrateV1Visit(v, byVisit.get(v.id) ?? []));
        delete v.consent;
        delete v.consentTool;
      }
      await tx.table('visits').bulkPut(visits);
    });
  db.version(3).stores({ findings: null, cookies: null });
  // v4: finished visits keep their evidence packed (lib/store/pack.ts); `loose` marks visits with evidence rows
  // still to pack. Every stored visit starts loose, so the first sweep packs the history.
  db.version(4)
    .stores({ visits: 'id, tabId, site, startedAt, loose', packed: '[visitId+part], visitId' })
    .upgrade((tx) =>
      tx
        .table('visits')
        .toCollection()
        .modify((v: PageVisit) => {
          v.loose = 1;
          v.touchedAt = 0;
        }),
    );
  return db;
}
