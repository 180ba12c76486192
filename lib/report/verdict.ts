/** The one-line verdict and the consent-state line shown first in the popup and the reports. */
import { CATEGORIES, type CategoryOrUnknown } from '../category';
import type { Finding, PageVisit } from '../findings';
import type { ConsentEvent } from '../consent/types';
import { formatClock } from './format';

/** Display names for consent tool ids; unknown ids are shown as given. */
const TOOL_NAMES: Record<string, string> = {
  onetrust: 'OneTrust',
  cookiebot: 'Cookiebot',
  didomi: 'Didomi',
  usercentrics: 'Usercentrics',
  tcf: 'IAB TCF',
  gpp: 'IAB GPP',
  gcm: 'Google Consent Mode',
  'google-consent-mode': 'Google Consent Mode',
  quantcast: 'Quantcast Choice',
  trustarc: 'TrustArc',
  sourcepoint: 'Sourcepoint',
  consentmanager: 'consentmanager',
  complianz: 'Complianz',
  borlabs: 'Borlabs Cookie',
  klaro: 'Klaro',
  iubenda: 'iubenda',
};

export function toolName(id: string): string {
  return TOOL_NAMES[id.toLowerCase()] ?? id;
}

export interface CategoryCount {
  category: CategoryOrUnknown;
  vendors: number;
}

export interface Verdict {
  /** Distinct vendors (or hosts, when unattributed) with a violation before consent, per category. */
  beforeConsent: CategoryCount[];
  afterReject: CategoryCount[];
  /** e.g. "4 marketing trackers fired before consent; 1 analytics tracker fired after rejection". */
  text: string;
  severity: 'violation' | 'clean' | 'empty';
}

function countByCategory(findings: Finding[], phase: Finding['phase']): CategoryCount[] {
  const seen = new Map<CategoryOrUnknown, Set<string>>();
  for (const f of findings) {
    if (!f.violation || f.phase !== phase) continue;
    const set = seen.get(f.category) ?? new Set<string>();
    set.add(f.vendorId ?? `host:${f.host}`);
    seen.set(f.category, set);
  }
  const order: CategoryOrUnknown[] = [...CATEGORIES, 'unknown'];
  return order
    .filter((c) => seen.has(c))
    .map((category) => ({ category, vendors: seen.get(category)!.size }));
}

function listText(counts: CategoryCount[]): string {
  const parts = counts.map((c) => `${c.vendors} ${c.category}`);
  const total = counts.reduce((n, c) => n + c.vendors, 0);
  const joined = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
  return `${joined} tracker${total === 1 ? '' : 's'}`;
}

/** Counts distinct vendors by category with violations, naming both before-consent and after-reject. */
export function computeVerdict(findings: Finding[]): Verdict {
  const beforeConsent = countByCategory(findings, 'before-consent');
  const afterReject = countByCategory(findings, 'after-reject');
  const parts: string[] = [];
  if (beforeConsent.length) parts.push(`${listText(beforeConsent)} fired before consent`);
  if (afterReject.length) parts.push(`${listText(afterReject)} fired after consent was refused`);
  if (parts.length) return { beforeConsent, afterReject, text: parts.join('; '), severity: 'violation' };
  if (findings.length === 0)
    return { beforeConsent, afterReject, text: 'Nothing recorded on this page yet', severity: 'empty' };
  return {
    beforeConsent,
    afterReject,
    text: 'No tracker that needs consent fired before consent or after a refusal',
    severity: 'clean',
  };
}

function choiceText(e: ConsentEvent): string {
  const kind = e.choice?.kind;
  const granted = e.choice?.granted.filter((c) => c !== 'necessary') ?? [];
  const what =
    kind === 'accept-all'
      ? 'accepted'
      : kind === 'reject-all'
        ? 'rejected'
        : `custom choice (${granted.length ? `allowed: ${granted.join(', ')}` : 'only necessary'})`;
  return e.carriedOver ? `${what} before this visit` : `${what} at ${formatClock(e.at)}`;
}

/** "OneTrust · no choice yet", "Cookiebot · rejected at 14:02:11", or "no consent tool detected". */
export function consentStateText(visit: Pick<PageVisit, 'consent' | 'consentTool'>): string {
  const events = [...(visit.consent ?? [])].sort((a, b) => a.at - b.at);
  const lastChoice = events.filter((e) => e.state === 'choice').at(-1);
  const tool = visit.consentTool ?? lastChoice?.tool ?? events.at(-1)?.tool ?? null;
  if (!tool) return 'no consent tool detected';
  return `${toolName(tool)} · ${lastChoice ? choiceText(lastChoice) : 'no choice yet'}`;
}
