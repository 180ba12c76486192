/** Presents a vendor's GDPR block as labelled facts, each with its provenance (source or derivation rule). */
import { RULES } from '../vendor-db/derive';
import type { CompanyFacts, Fact, FactEvidence, GdprBlock, VendorRecord } from '../vendor-db/types';

export type FactKey = keyof GdprBlock;

/** Display order and labels, following the order the seeds present a vendor. */
export const FACT_LABELS: ReadonlyArray<readonly [FactKey, string]> = [
  ['legalBasis', 'Legal basis'],
  ['eprivacy', 'ePrivacy (art. 5(3))'],
  ['transfer', 'Data transfers'],
  ['transferMechanisms', 'Transfer mechanism'],
  ['euDataRegion', 'EU data region'],
  ['risk', 'Risk level'],
  ['dpia', 'DPIA'],
  ['consentText', 'Suggested consent text'],
  ['alternatives', 'Alternatives'],
  ['privacyPolicy', 'Privacy policy'],
];

export interface FactView {
  key: FactKey;
  label: string;
  /** Text value; for list facts the items joined with "; ". Empty lists and nulls read "not stated". */
  text: string;
  items: string[] | null;
  /** Only set for a privacy-policy fact whose value is an https: URL. */
  link: string | null;
  derived: boolean;
  /** "Source: <title>" or "Derived by rule <id>". */
  provenance: string;
  /** Longer explanation for a tooltip. */
  explanation: string;
  sourceUrl: string | null;
  /** derived by a rule; stated with evidence (page, date, sentence); unverified; or a named party's claim. */
  status: FactStatus;
  /** The page, the day it was read and the supporting sentence, for a checked fact. */
  evidence: FactEvidence | null;
  /** Who claims it, for a claim (e.g. a consent vendor's marketing page). */
  claimBy: string | null;
}

export type FactStatus = 'derived' | 'stated' | 'checked' | 'unverified' | 'claim';

function statusOf(fact: Fact<unknown>): FactStatus {
  if (fact.derived) return 'derived';
  if (fact.claimBy) return 'claim';
  if (fact.evidence) return 'checked';
  return fact.unverified ? 'unverified' : 'stated';
}

/** An https: URL as a string, or null: other schemes (javascript:, data:, http:) never become links. */
export function safeHttpsUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2048) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '' ? url.href : null;
  } catch {
    return null;
  }
}

/** Human title of a source id as named in the vendor's record (falls back to the id itself). */
export function sourceTitle(vendor: Pick<VendorRecord, 'sources'>, sourceId: string): string {
  return vendor.sources.find((s) => s.id === sourceId)?.title ?? sourceId;
}

function sourceUrlOf(vendor: Pick<VendorRecord, 'sources'>, sourceId: string): string | null {
  return safeHttpsUrl(vendor.sources.find((s) => s.id === sourceId)?.url ?? null);
}

/** Provenance wording for one fact; the same words appear in the popup, report and HTML export. */
export function provenance(
  vendor: Pick<VendorRecord, 'sources' | 'name'>,
  fact: Fact<unknown>,
): {
  provenance: string;
  explanation: string;
} {
  if (fact.derived) {
    const rule = (RULES as Record<string, string>)[fact.source];
    return {
      provenance: rule ? `Derived: ${rule}` : `Derived by rule ${fact.source}`,
      explanation: `Derived, not sourced: no public source states this for ${vendor.name}. Rule ${fact.source}${rule ? `: ${rule}` : '.'}`,
    };
  }
  const title = sourceTitle(vendor, fact.source);
  const ev = fact.evidence;
  if (fact.claimBy) {
    return {
      provenance: `Claim by ${fact.claimBy} (unverified)`,
      explanation: `An opinion or statement of ${fact.claimBy}, not checked against ${vendor.name}'s own pages: read it as their claim.`,
    };
  }
  if (ev) {
    return {
      provenance: `Source: ${title}, checked ${ev.checked}`,
      explanation: `Checked on ${ev.checked} at ${ev.url}${ev.via ? ` (read via ${ev.via})` : ''}: “${ev.quote}”`,
    };
  }
  if (fact.unverified) {
    return {
      provenance: `Source: ${title} (unverified)`,
      explanation: `Taken from "${title}" but nobody checked it against ${vendor.name}'s own pages: unverified.`,
    };
  }
  return { provenance: `Source: ${title}`, explanation: `Stated by the public source "${title}".` };
}

function valueText(value: unknown): { text: string; items: string[] | null } {
  if (Array.isArray(value)) {
    const items = value.filter((v): v is string => typeof v === 'string');
    return { text: items.length ? items.join('; ') : 'none stated', items };
  }
  if (value === null || value === undefined || value === '') return { text: 'not stated', items: null };
  return { text: String(value), items: null };
}

/** The vendor's GDPR facts in display order, ready to render. Missing facts are skipped, not invented. */
export function factViews(vendor: VendorRecord): FactView[] {
  const out: FactView[] = [];
  for (const [key, label] of FACT_LABELS) {
    const fact = vendor.gdpr?.[key] as Fact<unknown> | undefined;
    if (!fact || typeof fact !== 'object') continue;
    const { text, items } = valueText(fact.value);
    const link = key === 'privacyPolicy' ? safeHttpsUrl(fact.value) : null;
    out.push({
      key,
      label,
      text,
      items,
      link,
      derived: fact.derived === true,
      ...provenance(vendor, fact),
      sourceUrl: fact.derived ? null : (safeHttpsUrl(fact.evidence?.url) ?? sourceUrlOf(vendor, fact.source)),
      status: statusOf(fact),
      evidence: fact.evidence ?? null,
      claimBy: fact.claimBy ?? null,
    });
  }
  return out;
}

export type CompanyFactKey = keyof CompanyFacts;

/** Company facts in display order (legal name, country, EEA controller, DPF, DPA). */
export const COMPANY_FACT_LABELS: ReadonlyArray<readonly [CompanyFactKey, string]> = [
  ['company', 'Company (legal name)'],
  ['country', 'Headquarters country'],
  ['eeaController', 'Controller for EEA visitors'],
  ['eeaControllerCountry', 'EEA controller country'],
  ['dpf', 'EU-US Data Privacy Framework'],
  ['dpa', 'Data processing agreement'],
];

export interface CompanyFactView extends Omit<FactView, 'key'> {
  key: CompanyFactKey;
}

/** The vendor's company facts, each with its status (checked with evidence, unverified); absent ones skipped. */
export function companyFactViews(vendor: VendorRecord): CompanyFactView[] {
  const out: CompanyFactView[] = [];
  for (const [key, label] of COMPANY_FACT_LABELS) {
    const fact = vendor.facts?.[key] as Fact<unknown> | undefined;
    if (!fact || typeof fact !== 'object') continue;
    const { text, items } = valueText(fact.value);
    out.push({
      key,
      label,
      text,
      items,
      link: key === 'dpa' ? safeHttpsUrl(fact.value) : null,
      derived: false,
      ...provenance(vendor, fact),
      sourceUrl: safeHttpsUrl(fact.evidence?.url) ?? sourceUrlOf(vendor, fact.source),
      status: statusOf(fact),
      evidence: fact.evidence ?? null,
      claimBy: fact.claimBy ?? null,
    });
  }
  // A known company whose country no source states reads "not stated", never a guess or a silent gap.
  if (vendor.facts?.company && !vendor.facts.country) out.splice(1, 0, countryNotStated(vendor));
  return out;
}

function countryNotStated(vendor: VendorRecord): CompanyFactView {
  return {
    key: 'country',
    label: 'Headquarters country',
    text: 'not stated',
    items: null,
    link: null,
    derived: false,
    provenance: 'No source read states it (unverified)',
    explanation: `No page read names the country ${vendor.name}'s company is based in: whether data leaves the EEA needs review.`,
    sourceUrl: null,
    status: 'unverified',
    evidence: null,
    claimBy: null,
  };
}
