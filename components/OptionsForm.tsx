import type { Settings } from '@/lib/messages';

export interface OptionsFormProps {
  settings: Settings;
  onChange: (patch: Partial<Settings>) => void;
  saved: boolean;
}

export const RETENTION_MIN = 1;
export const RETENTION_MAX = 3650;

/** The three settings, each with a one-line explanation. Retention is clamped to 1–3650 days. */
export function OptionsForm({ settings, onChange, saved }: OptionsFormProps) {
  return (
    <form class="options" onSubmit={(e) => e.preventDefault()}>
      <div class="opt">
        <label for="retention">Keep page visits for</label>{' '}
        <input
          id="retention"
          type="number"
          min={RETENTION_MIN}
          max={RETENTION_MAX}
          value={settings.retentionDays}
          onChange={(e) => {
            const n = Math.round(Number((e.target as HTMLInputElement).value));
            if (Number.isFinite(n))
              onChange({ retentionDays: Math.min(RETENTION_MAX, Math.max(RETENTION_MIN, n)) });
          }}
        />{' '}
        days
        <p class="muted small">Older visits are deleted automatically. History never leaves this browser.</p>
      </div>
      <div class="opt">
        <label>
          <input
            id="incognito"
            type="checkbox"
            checked={settings.recordIncognito}
            onChange={(e) => onChange({ recordIncognito: (e.target as HTMLInputElement).checked })}
          />{' '}
          Record private (incognito) windows
        </label>
        <p class="muted small">
          Off by default, so private browsing leaves no history here (the browser must also allow the
          extension there).
        </p>
      </div>
      <div class="opt">
        <label>
          <input
            id="store-values"
            type="checkbox"
            checked={settings.storeCookieValues}
            onChange={(e) => onChange({ storeCookieValues: (e.target as HTMLInputElement).checked })}
          />{' '}
          Store cookie values
        </label>
        <p class="muted small">
          Off: only each value's length and a hash are kept, since values can hold personal identifiers.
        </p>
      </div>
      <p class="small" role="status" id="saved">
        {saved ? 'Saved.' : '\u00a0'}
      </p>
    </form>
  );
}
