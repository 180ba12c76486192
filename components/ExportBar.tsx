import { useState } from 'preact/hooks';

export interface ExportBarProps {
  onJson: () => Promise<void>;
  onCsv: () => Promise<void>;
  onHtml: () => Promise<void>;
}

/**
 * Evidence downloads: complete JSON, findings CSV, and the self-contained HTML report. A file can take a while
 * (a large visit is read again with its evidence log): the bar says so, and says why when it fails.
 */
export function ExportBar({ onJson, onCsv, onHtml }: ExportBarProps) {
  const [status, setStatus] = useState<{ busy: boolean; error?: string } | null>(null);
  const run = (make: () => Promise<void>) => async () => {
    setStatus({ busy: true });
    try {
      await make();
      setStatus(null);
    } catch (e) {
      setStatus({ busy: false, error: `Export failed: ${String((e as Error)?.message ?? e)}` });
    }
  };
  const busy = status?.busy === true;
  return (
    <div class="row export" role="group" aria-label="Export">
      <span class="muted small">Export:</span>
      <button type="button" class="btn" id="export-html" disabled={busy} onClick={run(onHtml)}>
        HTML report
      </button>
      <button type="button" class="btn" id="export-json" disabled={busy} onClick={run(onJson)}>
        JSON (complete)
      </button>
      <button type="button" class="btn" id="export-csv" disabled={busy} onClick={run(onCsv)}>
        CSV (findings)
      </button>
      {status && (
        <span class={status.error ? 'error small' : 'muted small'} id="export-status" role="status">
          {status.error ?? 'Preparing the file…'}
        </span>
      )}
    </div>
  );
}
