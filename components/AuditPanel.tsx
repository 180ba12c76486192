import { toolDisplayName } from '@/lib/consent/tools';
import { useEffect, useState } from 'preact/hooks';
import type { AuditRecord } from '@/lib/audit/machine';
import type { AuditReport, AuditVendorLine } from '@/lib/audit/report';
import type { SiteAuditRecord } from '@/lib/audit/site-audit';
import { DEFAULT_SITE_PAGES, MAX_SITE_PAGES } from '@/lib/audit/site-limits';
import type { SiteReport } from '@/lib/audit/site-report';
import type { Answer, Args, MessageType } from '@/lib/messages';
import { SiteAuditResult, type SiteExportKind } from './SiteAuditResult';

/** The popup's typed request function (entrypoints/shared/api.ts `send`). */
export type AuditSend = <K extends MessageType>(type: K, args: Args<K>) => Promise<Answer<K>>;

export interface AuditPanelProps {
  tabId: number;
  send: AuditSend;
  /** Poll interval while an audit runs (tests shorten it). */
  pollMs?: number;
  /** Called first, inside the click (a user gesture): asks for the optional permission; false stops. */
  beforeStart?: () => Promise<boolean>;
  /** Saves a finished site audit as a file (the popup builds it; components do not download). */
  onSiteExport?: (kind: SiteExportKind, site: SiteAudit) => void;
}

type Audit = { record: AuditRecord; report: AuditReport } | null;
export type SiteAudit = { record: SiteAuditRecord; report: SiteReport };

const STEP_TEXT: Record<AuditRecord['step'], string> = {
  clearing: 'Clearing this site’s cookies and storage…',
  loading: 'Reloading the page…',
  'pre-consent': 'Recording what fires before consent…',
  refusing: 'Refusing through the consent banner…',
  'awaiting-user':
    'No consent tool could refuse automatically. Click “Reject” in the page’s banner now; your click is timed.',
  'post-reject': 'Recording what fires after the refusal…',
  done: 'Audit finished.',
  failed: 'Audit failed.',
  cancelled: 'Audit cancelled.',
};
const RUNNING = new Set(['clearing', 'loading', 'pre-consent', 'refusing', 'awaiting-user', 'post-reject']);
const SAFE_IMAGE = /^data:image\/(jpeg|png);base64,[A-Za-z0-9+/=]+$/;

function Lines({ title, lines, id }: { title: string; lines: AuditVendorLine[]; id: string }) {
  return (
    <section id={id}>
      <h3>
        {title} ({lines.length})
      </h3>
      {lines.length === 0 ? (
        <p class="note">None.</p>
      ) : (
        <ul>
          {lines.map((l) => (
            <li key={l.key}>
              {l.vendorName ? <strong>{l.vendorName}</strong> : <code>{l.key}</code>} {l.category}
              {l.needsConsent ? <strong> needs consent</strong> : null}
              {l.cookies.length ? <span class="note"> cookies: {l.cookies.join(', ')}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Result({ report }: { report: AuditReport }) {
  return (
    <div class="audit-result">
      <p class="verdict" id="audit-summary">
        {report.summary}
      </p>
      {report.refusal?.message ? <p class="note">{report.refusal.message}</p> : null}
      <Lines id="audit-before" title="Fired before consent" lines={report.beforeConsent} />
      <Lines id="audit-after" title="Fired or set cookies after the refusal" lines={report.afterRefusal} />
      {report.consentStates.map((s) => (
        <figure key={s.step}>
          <figcaption>
            {s.step}: {s.tool ? toolDisplayName(s.tool) : 'no consent tool'} {s.state}
            {s.choice ? ` (${s.choice.kind})` : ''}
          </figcaption>
          {s.screenshot && SAFE_IMAGE.test(s.screenshot) ? (
            <img src={s.screenshot} alt={`The page at ${s.step}`} style={{ maxWidth: '100%' }} />
          ) : null}
        </figure>
      ))}
    </div>
  );
}

/** Which page of the site audit runs now. */
function SiteProgress({ record }: { record: SiteAuditRecord }) {
  const i = record.pages.findIndex((p) => p.status === 'running' || p.status === 'pending');
  const known = record.linksFound === null ? '' : ` of ${record.pages.length}`;
  return (
    <p id="audit-site-progress">
      Site audit: page {i < 0 ? record.pages.length : i + 1}
      {known}
      {i >= 0 ? <code> {record.pages[i]!.url}</code> : null}
    </p>
  );
}

/** "Audit this site": asks first, then shows the running audit's step and, at the end, its report. */
export function AuditPanel({ tabId, send, pollMs = 1000, beforeStart, onSiteExport }: AuditPanelProps) {
  const [audit, setAudit] = useState<Audit>(null);
  const [site, setSite] = useState<SiteAudit | null>(null);
  const [asking, setAsking] = useState(false);
  const [siteMode, setSiteMode] = useState(false);
  const [pages, setPages] = useState(DEFAULT_SITE_PAGES);
  const [error, setError] = useState<string | null>(null);
  const siteRunning = site?.record.step === 'running';
  // The site audit is what the panel shows while it runs, and after it when its last page is the tab's latest audit.
  const siteShown =
    site !== null && (siteRunning || site.record.pages.some((p) => p.auditId === audit?.record.id));
  const running = siteRunning || (audit !== null && RUNNING.has(audit.record.step));

  useEffect(() => {
    let alive = true;
    const load = () =>
      Promise.all([send('getAudit', { tabId }), send('getSiteAudit', { tabId })])
        .then(([a, s]) => {
          if (!alive) return;
          setAudit(a);
          setSite(s);
        })
        .catch((e: unknown) => alive && setError(String((e as Error)?.message ?? e)));
    void load();
    const timer = running ? setInterval(load, pollMs) : undefined;
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [tabId, running, pollMs]);

  const start = async () => {
    setAsking(false);
    setError(null);
    try {
      if (beforeStart && !(await beforeStart())) {
        setError('The audit needs permission to clear this site’s stored data; it was not granted.');
        return;
      }
      if (siteMode) {
        const record = await send('startSiteAudit', { tabId, maxPages: pages });
        setSite({ record, report: site?.report ?? ({} as SiteReport) });
      } else {
        const record = await send('startAudit', { tabId });
        setAudit({ record, report: audit?.report ?? ({} as AuditReport) });
      }
    } catch (e) {
      setError(String((e as Error)?.message ?? e));
    }
  };

  return (
    <section class="audit-panel" id="audit-panel">
      <h2>One-click audit</h2>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {running ? (
        <div class="row">
          {siteRunning ? <SiteProgress record={site.record} /> : null}
          <p id="audit-step" aria-live="polite">
            {audit && RUNNING.has(audit.record.step)
              ? STEP_TEXT[audit.record.step]
              : 'Starting the next page…'}
          </p>
          <button
            type="button"
            class="btn"
            onClick={() =>
              void (siteRunning ? send('cancelSiteAudit', { tabId }) : send('cancelAudit', { tabId })).then(
                () => setAudit(null),
              )
            }
          >
            Cancel
          </button>
        </div>
      ) : asking ? (
        <div class="confirm" role="alertdialog" aria-label="Start the audit?">
          <p>
            This deletes this site’s cookies and stored data, reloads the page, records for a few seconds,
            then refuses consent through the banner. Continue?
          </p>
          <label class="note">
            <input
              type="checkbox"
              id="audit-site"
              checked={siteMode}
              onChange={(e) => setSiteMode((e.target as HTMLInputElement).checked)}
            />{' '}
            Also audit up to{' '}
            <input
              type="number"
              id="audit-pages"
              min={1}
              max={MAX_SITE_PAGES}
              value={pages}
              style={{ width: '3.5em' }}
              onInput={(e) => {
                const n = Number((e.target as HTMLInputElement).value);
                if (Number.isInteger(n)) setPages(Math.min(MAX_SITE_PAGES, Math.max(1, n)));
              }}
            />{' '}
            pages of this site linked from this page, one after another (each cleared, recorded before consent
            and after refusal)
          </label>
          <button type="button" class="btn primary" id="audit-confirm" autoFocus onClick={() => void start()}>
            Start audit
          </button>
          <button type="button" class="btn" onClick={() => setAsking(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" class="btn" id="audit-start" onClick={() => setAsking(true)}>
          Audit this site
        </button>
      )}
      {!running && siteShown && site.report.counts ? (
        <>
          <p class="note" id="audit-step">
            {site.record.step === 'done' ? 'Site audit finished.' : `Site audit ${site.record.step}.`}
          </p>
          <SiteAuditResult
            record={site.record}
            report={site.report}
            onExport={onSiteExport ? (kind) => onSiteExport(kind, site) : undefined}
          />
        </>
      ) : audit && !running && audit.report.summary ? (
        <>
          <p class="note" id="audit-step">
            {STEP_TEXT[audit.record.step]}
          </p>
          <Result report={audit.report} />
        </>
      ) : null}
    </section>
  );
}
