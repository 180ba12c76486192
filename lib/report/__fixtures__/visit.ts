/**
 * Test fixtures only (imported by *.test.ts, never by product code). The Customer.io facts quote the seeds in
 * /work/shared/seeds (flowconsent-customer-io.txt, consentstack-customer-io.txt); `rule:risk-by-category` marks a
 * deliberately derived value so tests can check the derived marker.
 */
import type { Finding, PageVisit, Phase } from '../../findings';
import type { VisitBundle } from '../../messages';
import { deriveVisit } from '../../evidence/derive';
import type { EvidenceEntry } from '../../evidence/types';
import type { ConsentSignal } from '../../consent/types';
import type { VendorRecord } from '../../vendor-db/types';
import type { ObservedRequest } from '../../request';

const FLOW = 'seed:flowconsent';
const STACK = 'seed:consentstack';

export const CUSTOMER_IO: VendorRecord = {
  id: 'customer-io',
  name: 'Customer.io',
  company: 'Customer.io',
  country: 'US',
  category: 'marketing',
  domains: ['customer.io'],
  cookies: [
    {
      name: '_cioid',
      match: 'exact',
      party: 'first',
      durationSeconds: 31536000,
      durationText: '1-year expiry',
      purpose: 'Persists the resolved user ID across sessions.',
      source: STACK,
    },
    {
      name: '_cio',
      match: 'exact',
      party: 'first',
      durationSeconds: 31536000,
      durationText: '12 months',
      purpose: 'Anonymous visitor identifier.',
      source: FLOW,
    },
  ],
  gdpr: {
    legalBasis: { value: 'Consent, Article 6(1)(a)', source: STACK, derived: false },
    eprivacy: { value: 'Not strictly necessary under Article 5(3) ePrivacy', source: FLOW, derived: false },
    transfer: { value: 'US support and engineering teams may access EU data', source: FLOW, derived: false },
    transferMechanisms: {
      value: ['EU SCCs (2021/914)', 'EU-US Data Privacy Framework'],
      source: FLOW,
      derived: false,
    },
    euDataRegion: { value: 'AWS Dublin', source: FLOW, derived: false },
    risk: { value: 'medium', source: 'rule:risk-by-category', derived: true },
    dpia: {
      value: 'Recommended for sensitive segments or automated messages with significant effect',
      source: FLOW,
      derived: false,
    },
    consentText: {
      value: 'The _cio cookie (12 months) recognises you between visits.',
      source: FLOW,
      derived: false,
    },
    alternatives: { value: [], source: 'rule:no-alternatives', derived: true },
    privacyPolicy: { value: null, source: 'rule:privacy-policy-unknown', derived: true },
  },
  sources: [
    { id: FLOW, title: 'FlowConsent: Customer.io', url: 'https://example.org/flowconsent', licence: null },
    { id: STACK, title: 'ConsentStack: Customer.io', url: null, licence: null },
  ],
};

export const T0 = Date.UTC(2026, 10, 25, 13, 2, 0);

export function visit(overrides: Partial<PageVisit> = {}): PageVisit {
  return {
    id: 'v1',
    tabId: 7,
    url: 'https://shop.example/',
    site: 'shop.example',
    startedAt: T0,
    incognito: false,
    ...overrides,
  };
}

let seq = 0;
/** A finding with sensible defaults; `key` and `id` follow the store's conventions. */
export function finding(p: Partial<Finding> & { host: string; phase?: Phase }): Finding {
  const kind = p.kind ?? 'request';
  const phase = p.phase ?? 'before-consent';
  const key = p.key ?? (kind === 'cookie' ? `${p.cookieName}@${p.cookieDomain ?? p.host}` : p.host);
  seq += 1;
  return {
    id: `v1|${kind}|${key}|${phase}`,
    visitId: 'v1',
    kind,
    key,
    url: `https://${p.host}/x`,
    thirdParty: true,
    vendorId: null,
    category: 'unknown',
    reason: 'no match',
    violation: false,
    firstSeenAt: T0 + seq,
    lastSeenAt: T0 + seq,
    count: 1,
    ...p,
    phase,
  };
}

/** A stored evidence entry (one sighting unless `times` says more), with a classification. */
export function entry(p: Partial<EvidenceEntry> & { host: string; at?: number }): EvidenceEntry {
  const at = p.at ?? T0 + ++seq;
  const kind = p.kind ?? 'request';
  const key = p.key ?? (kind === 'cookie' && p.cookie ? `${p.cookie.name}@${p.cookie.domain}` : p.host);
  return {
    id: `v1|${kind}|${key}|${p.via ?? 'webRequest'}|${at}`,
    visitId: 'v1',
    kind,
    provenance: 'browser',
    via: 'webRequest',
    key,
    site: p.host,
    lastAt: at,
    count: p.times?.length ?? 1,
    times: [at],
    url: `https://${p.host}/x`,
    classification: {
      vendor: null,
      vendorName: null,
      company: null,
      category: 'unknown',
      thirdParty: true,
      reason: 'no match',
    },
    ...p,
    at,
  };
}

/** A consent signal entry as the background records it. */
/** A Customer.io request (marketing, third party) at `at`. */
export function cioEntry(at: number, extra: Partial<EvidenceEntry> = {}): EvidenceEntry {
  return entry({
    host: 'track.customer.io',
    at,
    classification: {
      vendor: 'customer-io',
      vendorName: 'Customer.io',
      company: null,
      category: 'marketing',
      thirdParty: true,
      reason: 'host',
    },
    ...extra,
  });
}

/** The detector saw the manager's banner up (autoconsent's popupFound). */
export function bannerEntry(at: number, tool: string): EvidenceEntry {
  return {
    ...entry({ host: 'shop.example', at }),
    id: `tool|${tool}|${at}`,
    kind: 'tool',
    provenance: 'detector',
    via: 'autoconsent',
    key: tool,
    tool: { tool, bannerShown: true },
    classification: undefined,
  };
}

/** The visitor's trusted click in a manager's banner (`tool` '' when none was named), as the detector reports it. */
/** The detector's user-activation report: `active` once the visitor made an input that could answer a banner. */
export function activationEntry(at: number, active: boolean): EvidenceEntry {
  return {
    ...entry({ host: 'shop.example', at }),
    id: `activation|${active}`,
    kind: 'activation',
    provenance: 'detector',
    via: 'userActivation',
    key: String(active),
    activation: { active },
    classification: undefined,
  };
}

export function clickEntry(
  at: number,
  action: 'accept-all' | 'reject-all' | 'save-settings',
  tool = 'klaro',
): EvidenceEntry {
  return {
    ...entry({ host: 'shop.example', at }),
    id: `click|${at}`,
    kind: 'click',
    provenance: 'detector',
    via: 'click',
    key: tool,
    click: { tool, action },
    classification: undefined,
  };
}

export function consentEntry(
  signal: ConsentSignal,
  p: Partial<EvidenceEntry> & { at: number },
): EvidenceEntry {
  return {
    id: `v1|consent|${p.via ?? 'cookies-api'}|${signal.raw}|${p.at}`,
    visitId: 'v1',
    kind: 'consent',
    provenance: 'browser',
    via: 'cookies-api',
    key: signal.tool,
    host: 'shop.example',
    site: 'shop.example',
    lastAt: p.at,
    count: 1,
    times: [p.at],
    consent: { signal },
    ...p,
  };
}

export function bundle(entries: EvidenceEntry[], v: Partial<PageVisit> = {}): VisitBundle {
  return { derived: deriveVisit(visit(v), entries), entries };
}

export { type Finding };

/** A request as the background observes it (webRequest), on tab 1's top document. */
export function observedRequest(url: string, at: number, type = 'xmlhttprequest'): ObservedRequest {
  return {
    requestId: String(at),
    url,
    host: new URL(url).hostname,
    type,
    tabId: 1,
    frameId: 0,
    topFrame: false,
    at,
    initiator: null,
    documentId: null,
    prerender: false,
  };
}
