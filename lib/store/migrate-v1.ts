/**
 * Turns a v1 visit (findings with a stored phase, consent events inside the visit row) into v2 evidence
 * entries, so an upgraded profile keeps its history readable and derives it by today's rules. v1 kept no
 * channel per sighting: its entries say `via: 'v1'`, and their provenance is what v1's channel implies.
 */
import { siteOf } from '../domain';
import { hashString } from '../hash';
import type { CategoryOrUnknown } from '../category';
import type { ConsentEvent } from '../consent/types';
import type { EvidenceEntry, Provenance } from '../evidence/types';

export interface V1Visit {
  id: string;
  url: string;
  site: string;
  startedAt: number;
  consent?: ConsentEvent[];
  consentTool?: string | null;
}

export interface V1Finding {
  id: string;
  visitId: string;
  kind: 'request' | 'cookie';
  key: string;
  host: string;
  url: string;
  cookieName?: string;
  cookieDomain?: string;
  thirdParty: boolean;
  vendorId: string | null;
  category: CategoryOrUnknown;
  reason: string;
  phase: string;
  firstSeenAt: number;
  lastSeenAt: number;
  count: number;
  resourceTypes?: string[];
  setBy?: string;
  lifetimeSeconds?: number | null;
  valueLength?: number;
  valueHash?: string;
  value?: string;
}

function provenanceOf(via: string): Provenance {
  if (via.startsWith('cookie:') || via.startsWith('request:') || via.startsWith('header:')) return 'browser';
  if (via === 'autoconsent') return 'detector';
  return 'page';
}

function consentEntry(visit: V1Visit, e: ConsentEvent, n: number): EvidenceEntry {
  const provenance = provenanceOf(e.via);
  const { at, carriedOver, ...signal } = e;
  // v1 marked a choice carried over when its cookie was in the main-frame request or the jar at commit.
  const carried = carriedOver === true && provenance === 'browser';
  return {
    id: `${visit.id}|v1|consent|${n}`,
    visitId: visit.id,
    kind: 'consent',
    provenance,
    via: carried ? 'cookie-header' : 'v1',
    key: e.tool,
    host: siteOf(visit.url) ?? visit.site,
    site: visit.site,
    frame: carried ? 'main' : undefined,
    at: carried ? visit.startedAt : at,
    lastAt: at,
    count: 1,
    times: [at],
    consent: { signal, ...(carried && { mainFrame: true }) },
  };
}

export function migrateV1Visit(visit: V1Visit, findings: V1Finding[]): EvidenceEntry[] {
  const entries: EvidenceEntry[] = findings.map((f) => {
    const times = f.count > 1 ? [f.firstSeenAt, f.lastSeenAt] : [f.firstSeenAt];
    const base: EvidenceEntry = {
      id: `${visit.id}|v1|${f.id}`,
      visitId: visit.id,
      kind: f.kind,
      provenance: 'browser',
      via: 'v1',
      key: f.key,
      host: f.host,
      site: siteOf(f.host),
      at: f.firstSeenAt,
      lastAt: f.lastSeenAt,
      count: Math.max(f.count, times.length),
      times,
      url: f.url,
      classification: {
        vendor: f.vendorId,
        vendorName: null,
        company: null,
        category: f.category,
        thirdParty: f.thirdParty,
        reason: f.reason,
      },
      ...(f.resourceTypes && { resourceTypes: f.resourceTypes }),
    };
    if (f.kind === 'cookie') {
      base.cookie = {
        name: f.cookieName ?? f.key.split('@')[0]!,
        domain: f.cookieDomain ?? f.host,
        action: 'set',
        valueLength: f.valueLength ?? 0,
        valueHash: f.valueHash ?? hashString(''),
        ...(f.lifetimeSeconds !== undefined && { lifetimeSeconds: f.lifetimeSeconds }),
        ...(f.setBy && { setBy: f.setBy }),
        ...(f.value !== undefined && { value: f.value }),
      };
    }
    return base;
  });
  (visit.consent ?? []).forEach((e, n) => entries.push(consentEntry(visit, e, n)));
  if (visit.consentTool) {
    entries.push({
      id: `${visit.id}|v1|tool`,
      visitId: visit.id,
      kind: 'tool',
      provenance: 'detector',
      via: 'v1',
      key: visit.consentTool,
      host: visit.site,
      site: visit.site,
      at: visit.startedAt,
      lastAt: visit.startedAt,
      count: 1,
      times: [visit.startedAt],
      tool: { tool: visit.consentTool, bannerShown: false },
    });
  }
  return entries;
}
