export interface ExportBarProps {
  onJson: () => void;
  onCsv: () => void;
  onHtml: () => void;
}

/** Evidence downloads: complete JSON, findings CSV, and the self-contained HTML report. */
export function ExportBar({ onJson, onCsv, onHtml }: ExportBarProps) {
  return (
    <div class="row export" role="group" aria-label="Export">
      <span class="muted small">Export:</span>
      <button type="button" class="btn" id="export-html" onClick={onHtml}>
        HTML report
      </button>
      <button type="button" class="btn" id="export-json" onClick={onJson}>
        JSON (complete)
      </button>
      <button type="button" class="btn" id="export-csv" onClick={onCsv}>
        CSV (findings)
      </button>
    </div>
  );
}
