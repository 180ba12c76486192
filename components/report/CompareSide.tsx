import { useState } from 'preact/hooks';
import { MAX_AUDIT_FILE_BYTES, parseAuditFile } from '@/lib/audit/compare-file';
import type { SiteReport } from '@/lib/audit/site-report';
import type { PageVisit } from '@/lib/findings';
import { displayText, formatDateTime } from '@/lib/report/format';
import { PageText } from '../PageText';
import { readPickedFile } from '../read-picked-file';

export interface CompareSideProps {
  /** Element id prefix: `<id>-file` (the input), `<id>-visit` (the stored visits), `<id>-error`, `<id>-loaded`. */
  id: string;
  label: string;
  loaded: { report: SiteReport; name: string } | null;
  onLoaded: (report: SiteReport, name: string) => void;
  /** Stored visits to offer instead of a file (the chosen site's), and how to load one; its error shows here. */
  visits?: PageVisit[] | null;
  onVisit?: (visit: PageVisit) => Promise<void>;
}

/**
 * One side of a comparison: an audit file (`cli audit`'s `<site>.json`, or a visit the report page exported) or a
 * stored visit. A bad file gives a clear error and the side loaded before stays.
 */
export function CompareSide({ id, label, loaded, onLoaded, visits, onVisit }: CompareSideProps) {
  const [error, setError] = useState<string | null>(null);
  const onFile = async (input: HTMLInputElement) => {
    const picked = await readPickedFile(input, MAX_AUDIT_FILE_BYTES, 'an audit file', parseAuditFile);
    if (!picked) return;
    const { name, result } = picked;
    if (!result.ok) return setError(`${name}: ${result.error}`);
    setError(null);
    onLoaded(result.report, name);
  };
  const pick = (select: HTMLSelectElement) => {
    const visit = visits?.find((v) => v.id === select.value);
    select.value = '';
    if (!visit || !onVisit) return;
    onVisit(visit).then(
      () => setError(null),
      (e: unknown) => setError(String((e as Error)?.message ?? e)),
    );
  };
  return (
    <div class="compare-side">
      <div class="row">
        <label class="btn">
          {label}
          <input
            type="file"
            id={`${id}-file`}
            accept="application/json,.json"
            class="visually-hidden"
            onChange={(e) => void onFile(e.currentTarget)}
          />
        </label>
        {!!visits?.length && (
          <select
            id={`${id}-visit`}
            aria-label={`${label} from the stored visits`}
            onChange={(e) => pick(e.currentTarget)}
          >
            <option value="">or a stored visit…</option>
            {visits.map((v) => (
              <option key={v.id} value={v.id}>
                {formatDateTime(v.startedAt)} {displayText(v.url, 120)}
              </option>
            ))}
          </select>
        )}
        {loaded ? (
          <span class="small" id={`${id}-loaded`}>
            <PageText text={loaded.name} />: <PageText text={loaded.report.site} />,{' '}
            {formatDateTime(loaded.report.auditedAt)}, {loaded.report.pages.length} page
            {loaded.report.pages.length === 1 ? '' : 's'}
          </span>
        ) : (
          <span class="muted small">none chosen</span>
        )}
      </div>
      {error && (
        <p class="error" role="alert" id={`${id}-error`}>
          <PageText text={error} max={1000} />
        </p>
      )}
    </div>
  );
}
