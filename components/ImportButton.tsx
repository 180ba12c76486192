import { useState } from 'preact/hooks';
import { MAX_IMPORT_BYTES, parseExport, type ImportResult } from '@/lib/export/import';
import { readPickedFile } from './read-picked-file';

/** Reads an exported JSON report from disk; bad files give a clear error and leave the current view alone. */
export function ImportButton({
  onImported,
}: {
  onImported: (result: Extract<ImportResult, { ok: true }>, name: string) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const onFile = async (input: HTMLInputElement) => {
    const picked = await readPickedFile(input, MAX_IMPORT_BYTES, 'a report export', parseExport);
    if (!picked) return;
    const { name, result } = picked;
    if (!result.ok) return setError(`${name}: ${result.error}`);
    setError(null);
    onImported(result, name);
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
