/**
 * The one-click audit as a pure state machine. The background feeds it events (site data cleared, page
 * committed, timer, autoconsent answer, the visitor's own choice) and persists the record in storage.session
 * after every step, so a restarted service worker resumes exactly where it was.
 */
import type { ConsentChoice } from '../consent/types';
import type { ConsentLine } from '../evidence/consent';

export type AuditStep =
  | 'clearing'
  | 'loading'
  | 'pre-consent'
  | 'refusing'
  | 'awaiting-user'
  | 'post-reject'
  | 'done'
  | 'failed'
  | 'cancelled';

export interface AuditOptions {
  /** How long to record before refusing. */
  preConsentMs: number;
  /** How long to record after the refusal. */
  postRejectMs: number;
  /** How long to wait for the visitor's own click when no tool can refuse automatically. */
  userWaitMs: number;
}

export const DEFAULT_AUDIT_OPTIONS: AuditOptions = {
  preConsentMs: 10_000,
  postRejectMs: 10_000,
  userWaitMs: 120_000,
};
const LIMITS = { min: 1_000, max: 600_000 };
/** A page that has not committed by then failed to load; autoconsent silent that long counts as unable. */
export const LOAD_TIMEOUT_MS = 30_000;
export const OPT_OUT_TIMEOUT_MS = 15_000;

export interface AuditSnapshot {
  step: 'pre-consent' | 'post-reject';
  at: number;
  /** The visit's derived consent timeline up to this moment. */
  consent: ConsentLine[];
  /** JPEG data URL of the visible tab, when the browser allowed a capture. */
  screenshot?: string;
  screenshotError?: string;
}

export interface AuditRefusal {
  method: 'autoconsent' | 'user' | 'none';
  /** When autoconsent was asked, or when the visitor was asked to click. */
  requestedAt?: number;
  /** When the refusal happened: autoconsent's answer, or the consent timeline's choice time for a click. */
  at?: number;
  /** The visitor's click was not a refusal (accept or custom). */
  choice?: ConsentChoice;
  message?: string;
}

export interface AuditRecord {
  id: string;
  tabId: number;
  url: string;
  site: string;
  step: AuditStep;
  options: AuditOptions;
  startedAt: number;
  updatedAt: number;
  /** End of the current timed step (pre-consent, awaiting-user, post-reject), else null. */
  deadline: number | null;
  visitId: string | null;
  consentTool: string | null;
  cleared: { cookies: number; storage: boolean; errors: string[] } | null;
  refusal: AuditRefusal | null;
  snapshots: AuditSnapshot[];
  log: { at: number; step: AuditStep; note?: string }[];
  error?: string;
}

export type AuditEvent =
  | { type: 'cleared'; cookies: number; storage: boolean; errors: string[] }
  | { type: 'committed'; visitId: string }
  | { type: 'tick' }
  | { type: 'optOutResult'; ok: boolean; tool: string | null; message?: string }
  | { type: 'userChoice'; choice: ConsentChoice; at: number }
  | { type: 'snapshot'; snapshot: AuditSnapshot }
  | { type: 'fail'; error: string }
  | { type: 'cancel' };

/** Clamps caller-supplied durations to 1 s .. 10 min (untrusted message input). */
export function normalizeOptions(input: Partial<AuditOptions> | undefined): AuditOptions {
  const out = { ...DEFAULT_AUDIT_OPTIONS };
  for (const key of Object.keys(out) as (keyof AuditOptions)[]) {
    const v = Number(input?.[key]);
    if (Number.isFinite(v)) out[key] = Math.min(LIMITS.max, Math.max(LIMITS.min, Math.round(v)));
  }
  return out;
}

export function isFinished(step: AuditStep): boolean {
  return step === 'done' || step === 'failed' || step === 'cancelled';
}

/** A new audit of `url` in `tabId`; the first step clears the site's data. */
export function startAudit(a: {
  id: string;
  tabId: number;
  url: string;
  site: string;
  now: number;
  options?: Partial<AuditOptions>;
}): AuditRecord {
  return {
    id: a.id,
    tabId: a.tabId,
    url: a.url,
    site: a.site,
    step: 'clearing',
    options: normalizeOptions(a.options),
    startedAt: a.now,
    updatedAt: a.now,
    deadline: null,
    visitId: null,
    consentTool: null,
    cleared: null,
    refusal: null,
    snapshots: [],
    log: [{ at: a.now, step: 'clearing' }],
  };
}

function to(
  r: AuditRecord,
  step: AuditStep,
  now: number,
  patch: Partial<AuditRecord> = {},
  note?: string,
): AuditRecord {
  const entry = note === undefined ? { at: now, step } : { at: now, step, note };
  return { ...r, ...patch, step, updatedAt: now, log: [...r.log, entry] };
}

/** Applies one event; events that do not fit the current step leave the record unchanged. */
export function advance(r: AuditRecord, ev: AuditEvent, now: number): AuditRecord {
  if (isFinished(r.step)) return r;
  switch (ev.type) {
    case 'fail':
      return to(r, 'failed', now, { deadline: null, error: ev.error }, ev.error);
    case 'cancel':
      return to(r, 'cancelled', now, { deadline: null });
    case 'snapshot':
      return { ...r, snapshots: [...r.snapshots, ev.snapshot], updatedAt: now };
    case 'cleared':
      if (r.step !== 'clearing') return r;
      return to(r, 'loading', now, {
        cleared: { cookies: ev.cookies, storage: ev.storage, errors: ev.errors },
        deadline: now + LOAD_TIMEOUT_MS,
      });
    case 'committed':
      if (r.step !== 'loading') return r;
      return to(r, 'pre-consent', now, { visitId: ev.visitId, deadline: now + r.options.preConsentMs });
    case 'tick':
      if (r.deadline === null || now < r.deadline) return r;
      if (r.step === 'loading')
        return advance(r, { type: 'fail', error: 'the page did not load in time' }, now);
      if (r.step === 'pre-consent') {
        const refusal = { method: 'autoconsent' as const, requestedAt: now };
        return to(r, 'refusing', now, { deadline: now + OPT_OUT_TIMEOUT_MS, refusal });
      }
      if (r.step === 'refusing') {
        return advance(
          r,
          { type: 'optOutResult', ok: false, tool: null, message: 'autoconsent did not answer' },
          now,
        );
      }
      if (r.step === 'post-reject') return to(r, 'done', now, { deadline: null });
      if (r.step === 'awaiting-user') {
        const refusal = {
          ...r.refusal!,
          method: 'none' as const,
          message: 'no consent choice was made in time',
        };
        return to(r, 'done', now, { deadline: null, refusal }, refusal.message);
      }
      return r;
    case 'optOutResult': {
      if (r.step !== 'refusing') return r;
      const consentTool = ev.tool ?? r.consentTool;
      if (ev.ok) {
        const refusal = { ...r.refusal!, method: 'autoconsent' as const, at: now, message: ev.message };
        return to(r, 'post-reject', now, { consentTool, refusal, deadline: now + r.options.postRejectMs });
      }
      // No tool could refuse: the visitor clicks, and the consent timeline tells us when.
      const message = ev.message ?? 'no consent tool could refuse automatically';
      const refusal = { method: 'user' as const, requestedAt: now, message };
      return to(
        r,
        'awaiting-user',
        now,
        { consentTool, refusal, deadline: now + r.options.userWaitMs },
        message,
      );
    }
    case 'userChoice': {
      if (r.step !== 'awaiting-user') return r;
      const refusal: AuditRefusal = { ...r.refusal!, method: 'user', at: ev.at };
      if (ev.choice.kind !== 'reject-all') refusal.choice = ev.choice;
      return to(r, 'post-reject', now, { refusal, deadline: now + r.options.postRejectMs });
    }
  }
}

/** Milliseconds until the record needs a tick, or null when no timer is pending. */
export function msUntilTick(r: AuditRecord, now: number): number | null {
  return r.deadline === null || isFinished(r.step) ? null : Math.max(0, r.deadline - now);
}
