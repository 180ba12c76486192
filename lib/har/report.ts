/** The JSON report of a HAR audit: which vendors fired, in which consent phase, and what consent said. */
import type { CategoryOrUnknown } from '../category';
import type { ConsentChoice } from '../consent/types';
import type { ClassifiedHar } from './classify';
import type { HarCapture } from './collect';
import { phaseRank, type HarConsent, type HarPhase } from './timeline';

export interface HarVendorRow {
  vendor: string;
  vendorName: string | null;
  company: string | null;
  category: CategoryOrUnknown;
  hosts: string[];
  cookies: string[];
  requests: number;
  /** The earliest phase the vendor was seen in. */
  phase: HarPhase;
  /** Every phase, earliest first, only when there is more than one. */
  phases?: HarPhase[];
}

export interface HarReport {
  page: string | null;
  creator: string | null;
  consent: {
    evidence: boolean;
    tool: string | null;
    choice:
      | (ConsentChoice & {
          at: string | null;
          via: string;
          carriedOver: boolean;
          choiceTimeIsUpperBound: boolean;
        })
      | null;
    events: {
      at: string | null;
      tool: string;
      state: string;
      via: string;
      choice?: ConsentChoice;
      raw: string;
    }[];
  };
  vendors: HarVendorRow[];
  unknown: {
    hosts: { host: string; requests: number; phase: HarPhase }[];
    cookies: { name: string; domain: string; thirdParty: boolean; phase: HarPhase }[];
  };
  requests: number;
  skippedEntries: number;
}

function iso(at: number): string | null {
  return Number.isFinite(at) ? new Date(at).toISOString() : null;
}

interface Acc {
  row: HarVendorRow;
  firstByPhase: Map<HarPhase, number>;
}

function finish(acc: Acc): HarVendorRow {
  const phases = [...acc.firstByPhase.entries()]
    .sort((a, b) => a[1] - b[1] || phaseRank(a[0]) - phaseRank(b[0]))
    .map((e) => e[0]);
  const row = { ...acc.row, phase: phases[0] ?? 'unknown' };
  if (phases.length > 1) row.phases = phases;
  return row;
}

function consentJson(consent: HarConsent): HarReport['consent'] {
  const first = consent.choices[0];
  return {
    evidence: consent.evidence,
    tool: consent.tool,
    choice: first
      ? {
          ...first.choice,
          at: iso(first.at),
          via: first.via,
          carriedOver: first.carriedOver,
          choiceTimeIsUpperBound: first.upperBound,
        }
      : null,
    events: consent.events.map((e) => ({
      at: iso(e.at),
      tool: e.tool,
      state: e.state,
      via: e.via,
      choice: e.choice,
      raw: e.raw,
    })),
  };
}

/** Groups classified requests and cookies per vendor; third-party leftovers go to `unknown`. */
export function buildHarReport(capture: HarCapture, classified: ClassifiedHar): HarReport {
  const vendors = new Map<string, Acc>();
  const unknownHosts = new Map<string, { host: string; requests: number; phase: HarPhase }>();
  const unknownCookies = new Map<string, HarReport['unknown']['cookies'][number]>();
  for (const item of classified.items) {
    const c = item.classification;
    if (c.vendor) {
      let acc = vendors.get(c.vendor);
      if (!acc) {
        const { vendor, vendorName, company, category } = { ...c, vendor: c.vendor };
        const row = {
          vendor,
          vendorName,
          company,
          category,
          hosts: [],
          cookies: [],
          requests: 0,
          phase: 'unknown' as const,
        };
        acc = { row, firstByPhase: new Map() };
        vendors.set(c.vendor, acc);
      }
      if (item.kind === 'request') {
        acc.row.requests++;
        if (!acc.row.hosts.includes(item.host)) acc.row.hosts.push(item.host);
      } else if (!acc.row.cookies.includes(item.cookie!.name)) acc.row.cookies.push(item.cookie!.name);
      const t = Number.isNaN(item.at) ? Infinity : item.at;
      if ((acc.firstByPhase.get(item.phase) ?? Infinity) >= t) acc.firstByPhase.set(item.phase, t);
    } else if (item.kind === 'request' && c.thirdParty) {
      const u = unknownHosts.get(item.host);
      if (u) u.requests++;
      else unknownHosts.set(item.host, { host: item.host, requests: 1, phase: item.phase });
    } else if (item.kind === 'cookie') {
      const { name, domain } = item.cookie!;
      const key = `${name}@${domain}`;
      if (!unknownCookies.has(key))
        unknownCookies.set(key, { name, domain, thirdParty: c.thirdParty, phase: item.phase });
    }
  }
  return {
    page: classified.page,
    creator: capture.creator,
    consent: consentJson(classified.consent),
    vendors: [...vendors.values()]
      .map(finish)
      .sort((a, b) => phaseRank(a.phase) - phaseRank(b.phase) || a.vendor.localeCompare(b.vendor)),
    unknown: { hosts: [...unknownHosts.values()], cookies: [...unknownCookies.values()] },
    requests: capture.requests.length,
    skippedEntries: capture.skipped,
  };
}
