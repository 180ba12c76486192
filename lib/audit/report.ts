/**
 * What the one-click audit found: vendors that fired before consent, vendors that fired or set cookies after
 * the refusal, and the consent state at each step. Pure: built from the audit record and the visit's findings.
 */
import { needsConsent, type CategoryOrUnknown } from '../category';
import type { ConsentChoice } from '../consent/types';
import type { Finding } from '../findings';
import { partyKey, type DerivedVisit } from '../evidence/derive';
import type { AuditRecord, AuditStep } from './machine';

export interface AuditVendorLine {
  /** Vendor id, or `host:<hostname>` / `cookie:<name>` when no vendor is known. */
  key: string;
  vendorId: string | null;
  /** Display name, filled in by the background from the vendor records (null for unknowns). */
  vendorName?: string | null;
  category: CategoryOrUnknown;
  hosts: string[];
  cookies: string[];
  requests: number;
  /** Its category needs prior consent, so firing in this phase is a violation. */
  needsConsent: boolean;
  firstSeenAt: number;
}

export interface AuditConsentState {
  step: 'pre-consent' | 'post-reject';
  at: number;
  tool: string | null;
  state: 'none' | 'banner' | 'choice';
  choice: ConsentChoice | null;
  via: string | null;
  screenshot: string | null;
}

export interface AuditReport {
  auditId: string;
  url: string;
  site: string;
  step: AuditStep;
  startedAt: number;
  finishedAt: number;
  visitId: string | null;
  consentTool: string | null;
  refusal: AuditRecord['refusal'];
  /** Time that splits the two phases (the refusal), or null when no refusal happened. */
  refusedAt: number | null;
  beforeConsent: AuditVendorLine[];
  afterRefusal: AuditVendorLine[];
  consentStates: AuditConsentState[];
  cleared: AuditRecord['cleared'];
  error: string | null;
  /** One line, e.g. "3 vendors that need consent fired before consent; 1 after refusal". */
  summary: string;
}

/** One line per party (lib/evidence/derive.ts partyKey), in the party's derived category. */
function group(findings: Finding[], categories: Map<string, CategoryOrUnknown>): AuditVendorLine[] {
  const lines = new Map<string, AuditVendorLine>();
  for (const f of findings) {
    const key = partyKey(f);
    const category = categories.get(key) ?? f.category;
    const line = lines.get(key) ?? {
      key,
      vendorId: f.vendorId,
      category,
      hosts: [],
      cookies: [],
      requests: 0,
      needsConsent: needsConsent(category),
      firstSeenAt: f.firstSeenAt,
    };
    if (f.kind === 'request') {
      line.requests += f.count;
      if (!line.hosts.includes(f.host)) line.hosts.push(f.host);
    } else if (f.cookieName && !line.cookies.includes(f.cookieName)) line.cookies.push(f.cookieName);
    line.firstSeenAt = Math.min(line.firstSeenAt, f.firstSeenAt);
    lines.set(key, line);
  }
  // Violations first, then by first sighting.
  return [...lines.values()].sort(
    (a, b) => Number(b.needsConsent) - Number(a.needsConsent) || a.firstSeenAt - b.firstSeenAt,
  );
}

/**
 * Splits findings by the audit's own refusal time, not only by the consent tool's signals: a finding counts
 * before consent when first seen before the refusal, after refusal when seen at or after it (an unrecognised
 * tool leaves the extension's phase at "before consent", but the audit still knows when it refused).
 */
export function splitFindings(
  findings: Finding[],
  refusedAt: number | null,
): { before: Finding[]; after: Finding[] } {
  const before: Finding[] = [];
  const after: Finding[] = [];
  for (const f of findings) {
    if (f.phase === 'after-accept') continue;
    const beforeRefusal = refusedAt === null || f.firstSeenAt < refusedAt;
    if (f.phase === 'before-consent' && beforeRefusal) before.push(f);
    if (refusedAt !== null && (f.phase === 'after-reject' || f.lastSeenAt >= refusedAt)) after.push(f);
  }
  return { before, after };
}

const COUNTS = new Set(['carried-over', 'counted', 'banner']);

function consentStates(r: AuditRecord): AuditConsentState[] {
  return r.snapshots.map((s) => {
    const last = (s.consent ?? []).filter((e) => e.at <= s.at && COUNTS.has(e.status)).at(-1) ?? null;
    return {
      step: s.step,
      at: s.at,
      tool: last?.tool ?? r.consentTool,
      state: last ? (last.state === 'choice' ? 'choice' : 'banner') : 'none',
      choice: last?.choice ?? null,
      via: last ? last.vias.join(', ') : null,
      screenshot: s.screenshot ?? null,
    };
  });
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summarize(
  r: AuditRecord,
  before: AuditVendorLine[],
  after: AuditVendorLine[],
  refusedAt: number | null,
): string {
  if (r.step === 'failed') return `Audit failed: ${r.error ?? 'unknown error'}`;
  const pre = before.filter((l) => l.needsConsent).length;
  const first = `${plural(pre, 'tracker')} that ${pre === 1 ? 'needs' : 'need'} consent fired before consent`;
  if (refusedAt === null)
    return `${first}; the refusal could not be tested (${r.refusal?.message ?? 'no choice made'})`;
  if (r.refusal?.choice) return `${first}; the visitor chose "${r.refusal.choice.kind}" instead of refusing`;
  const postCount = after.filter((l) => l.needsConsent).length;
  return `${first}; ${plural(postCount, 'tracker')} that ${postCount === 1 ? 'needs' : 'need'} consent fired or set cookies after refusal`;
}

/** Builds the audit report; `derived` is the recorded visit (null when the page never loaded). */
export function buildAuditReport(r: AuditRecord, derived: DerivedVisit | null): AuditReport {
  const refusedAt = r.refusal?.at ?? null;
  const { before, after } = splitFindings(derived?.findings ?? [], refusedAt);
  const categories = new Map((derived?.parties ?? []).map((p) => [p.key, p.category]));
  const beforeConsent = group(before, categories);
  // A click that accepted is not a refusal: there is no after-refusal phase to report.
  const afterRefusal = r.refusal?.choice ? [] : group(after, categories);
  return {
    auditId: r.id,
    url: r.url,
    site: r.site,
    step: r.step,
    startedAt: r.startedAt,
    finishedAt: r.updatedAt,
    visitId: r.visitId,
    consentTool: r.consentTool ?? derived?.consent.tool ?? null,
    refusal: r.refusal,
    refusedAt,
    beforeConsent,
    afterRefusal,
    consentStates: consentStates(r),
    cleared: r.cleared,
    error: r.error ?? null,
    summary: summarize(r, beforeConsent, afterRefusal, refusedAt),
  };
}
