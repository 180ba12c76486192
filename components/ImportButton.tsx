import { useState } from 'preact/hooks';
import { MAX_IMPORT_BYTES, parseExport, type ImportResult } from '@/lib/export/import';

/** Reads an exported JSON report from disk; bad files give a clear error and leave the current view alone. */
export function ImportButton({
  onImported,
}: {
  onImported: (result: Extract<ImportResult, { ok: true }>, name: string) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES)
      return setError(`${file.name}: larger than 64 MB; not a report export.`);
    const result = parseExport(await file.text());
    if (!result.ok) return setError(`${file.name}: ${result.error}`);
    setError(null);
    onImported(result, file.name);
  };
  return (
    <div class="import">
      <label class="btn">
        Open exported JSON…
        <input
          type="file"
          id="import-file"
          accept="application/json,.json"
          class="visually-hidden"
          onChange={(e) => void onFile(e.currentTarget)}
        />
      </label>
      {error && (
        <p class="error" role="alert" id="import-error">
          {error}
        </p>
      )}
    </div>
  );
}
