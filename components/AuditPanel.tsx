import { toolDisplayName } from '@/lib/consent/tools';
import { useEffect, useState } from 'preact/hooks';
import type { AuditRecord } from '@/lib/audit/machine';
import type { AuditReport, AuditVendorLine } from '@/lib/audit/report';
import type { Answer, Args, MessageType } from '@/lib/messages';

/** The popup's typed request function (entrypoints/shared/api.ts `send`). */
export type AuditSend = <K extends MessageType>(type: K, args: Args<K>) => Promise<Answer<K>>;

export interface AuditPanelProps {
  tabId: number;
  send: AuditSend;
  /** Poll interval while an audit runs (tests shorten it). */
  pollMs?: number;
  /** Called first, inside the click (a user gesture): asks for the optional permission; false stops. */
  beforeStart?: () => Promise<boolean>;
}

type Audit = { record: AuditRecord; report: AuditReport } | null;

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

/** "Audit this site": asks first, then shows the running audit's step and, at the end, its report. */
export function AuditPanel({ tabId, send, pollMs = 1000, beforeStart }: AuditPanelProps) {
  const [audit, setAudit] = useState<Audit>(null);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = audit !== null && RUNNING.has(audit.record.step);

  useEffect(() => {
    let alive = true;
    const load = () =>
      send('getAudit', { tabId })
        .then((a) => alive && setAudit(a))
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
      const record = await send('startAudit', { tabId });
      setAudit({ record, report: audit?.report ?? ({} as AuditReport) });
    } catch (e) {
      setError(String((e as Error)?.message ?? e));
    }
  };

  return (
    <section class="audit-panel" id="audit-panel">
      <h2>Audit this site</h2>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {running ? (
        <div class="row">
          <p id="audit-step" aria-live="polite">
            {STEP_TEXT[audit.record.step]}
          </p>
          <button
            type="button"
            class="btn"
            onClick={() => void send('cancelAudit', { tabId }).then(() => setAudit(null))}
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
      {audit && !running && audit.report.summary ? (
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
