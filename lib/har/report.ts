/**
 * The JSON report of a HAR audit: one report per HAR page (its `pages` and each entry's `pageref`) and a site
 * summary on top. Every verdict, phase and count comes from lib/evidence/derive.ts.
 */
import type { CategoryOrUnknown } from '../category';
import type { ConsentChoice } from '../consent/types';
import { deriveVisit, partyKey, type DerivedVisit } from '../evidence/derive';
import type { Phase } from '../findings';
import type { HarCapture } from './collect';
import type { HarVisit } from './evidence';

export interface HarVendorRow {
  /** Vendor id, or `host:<host>` when no vendor is known: the same key as every other count. */
  vendor: string;
  vendorName: string | null;
  category: CategoryOrUnknown;
  hosts: string[];
  cookies: string[];
  requests: number;
  phases: Phase[];
  violationPhases: Phase[];
  violation: boolean;
}

export interface HarConsentLine {
  at: string | null;
  tool: string;
  state: string;
  status: string;
  vias: string[];
  choice?: ConsentChoice;
  raw?: string;
}

export interface HarPageReport {
  page: string;
  pageref: string | null;
  title: string | null;
  startedAt: string | null;
  verdict: string;
  severity: DerivedVisit['verdict']['severity'];
  consent: {
    /** Whether the HAR holds any consent signal at all. */
    evidence: boolean;
    tool: string | null;
    state: string;
    withoutInteraction: boolean;
    signals: string[];
    lines: HarConsentLine[];
  };
  vendors: HarVendorRow[];
  unknown: {
    hosts: { host: string; requests: number; phase: Phase }[];
    cookies: { name: string; domain: string; thirdParty: boolean; phase: Phase }[];
  };
  requests: number;
}

export interface HarSiteVendor {
  vendor: string;
  vendorName: string | null;
  category: CategoryOrUnknown;
  violation: boolean;
  /** Page URLs where it appeared, first one first. */
  pages: string[];
}

export interface HarReport {
  creator: string | null;
  site: {
    site: string | null;
    pages: number;
    /** Distinct violating parties over all pages. */
    violating: number;
    vendors: HarSiteVendor[];
  };
  pages: HarPageReport[];
  requests: number;
  skippedEntries: number;
  /** Header values cut at the stream's header cap (1 MiB): cookies after the cut are missing from the evidence. */
  truncatedHeaders: number;
  rejectedCookies: number;
  /** Entries without a valid time: counted before consent, a choice they hold after everything else. */
  undatedEntries: number;
}

function iso(at: number): string | null {
  return Number.isFinite(at) ? new Date(at).toISOString() : null;
}

function pageReport(hv: HarVisit, d: DerivedVisit): HarPageReport {
  const rows = new Map<string, HarVendorRow>();
  for (const p of d.parties) {
    if (!p.vendorId && !p.violation) continue;
    rows.set(p.key, {
      vendor: p.key,
      vendorName: p.vendorId ? p.name : null,
      category: p.category,
      hosts: [],
      cookies: [],
      requests: 0,
      phases: p.phases,
      violationPhases: p.violationPhases,
      violation: p.violation,
    });
  }
  const hosts = new Map<string, { host: string; requests: number; phase: Phase }>();
  const cookies = new Map<string, HarPageReport['unknown']['cookies'][number]>();
  for (const f of d.findings) {
    const row = rows.get(partyKey(f));
    if (row) {
      if (f.kind === 'request') {
        row.requests += f.count;
        if (!row.hosts.includes(f.host)) row.hosts.push(f.host);
      } else if (f.cookieName && !row.cookies.includes(f.cookieName)) row.cookies.push(f.cookieName);
    } else if (f.kind === 'request' && f.thirdParty) {
      const h = hosts.get(f.host) ?? { host: f.host, requests: 0, phase: f.phase };
      h.requests += f.count;
      hosts.set(f.host, h);
    } else if (f.kind === 'cookie') {
      const key = `${f.cookieName}@${f.cookieDomain}`;
      if (!cookies.has(key))
        cookies.set(key, {
          name: f.cookieName ?? f.key,
          domain: f.cookieDomain ?? f.host,
          thirdParty: f.thirdParty,
          phase: f.phase,
        });
    }
  }
  return {
    page: d.visit.url,
    pageref: hv.page?.id ?? null,
    title: hv.page?.title ?? null,
    startedAt: iso(d.visit.startedAt),
    verdict: d.verdict.text,
    severity: d.verdict.severity,
    consent: {
      evidence: d.consent.lines.length > 0,
      tool: d.consent.tool,
      state: d.consentState,
      withoutInteraction: d.consent.withoutInteraction,
      signals: d.consent.signals,
      lines: d.consent.lines.map((l) => ({
        at: l.status === 'carried-over' ? null : iso(l.at),
        tool: l.tool,
        state: l.state,
        status: l.status,
        vias: l.vias,
        ...(l.choice && { choice: l.choice }),
        ...(l.raw !== undefined && { raw: l.raw }),
      })),
    },
    vendors: [...rows.values()].sort(
      (a, b) => Number(b.violation) - Number(a.violation) || a.vendor.localeCompare(b.vendor),
    ),
    unknown: { hosts: [...hosts.values()], cookies: [...cookies.values()] },
    requests: d.findings.filter((f) => f.kind === 'request').reduce((n, f) => n + f.count, 0),
  };
}

/** Derives every page of the HAR and sums up the site. */
export function buildHarReport(capture: HarCapture, visits: HarVisit[]): HarReport {
  const derived = visits.map((hv) => deriveVisit(hv.visit, hv.entries));
  const pages = visits.map((hv, i) => pageReport(hv, derived[i]!));
  const site = new Map<string, HarSiteVendor>();
  derived.forEach((d) => {
    for (const p of d.parties) {
      if (!p.vendorId && !p.violation) continue;
      const v = site.get(p.key) ?? {
        vendor: p.key,
        vendorName: p.vendorId ? p.name : null,
        category: p.category,
        violation: false,
        pages: [],
      };
      v.violation ||= p.violation;
      if (!v.pages.includes(d.visit.url)) v.pages.push(d.visit.url);
      site.set(p.key, v);
    }
  });
  const vendors = [...site.values()].sort(
    (a, b) => Number(b.violation) - Number(a.violation) || a.vendor.localeCompare(b.vendor),
  );
  return {
    creator: capture.creator,
    site: {
      site: derived[0]?.visit.site ?? null,
      pages: pages.length,
      violating: vendors.filter((v) => v.violation).length,
      vendors,
    },
    pages,
    requests: capture.requests.length,
    skippedEntries: capture.skipped,
    truncatedHeaders: capture.truncatedHeaders,
    rejectedCookies: capture.rejectedCookies,
    undatedEntries: capture.undated,
  };
}
