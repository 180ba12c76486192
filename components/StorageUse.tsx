import { formatBytes } from '@/lib/report/format-bytes';

/** How much this extension stores on the device (IndexedDB and the rest), as the browser reports it. */
export function StorageUse({ usage, visits }: { usage: number | null; visits: number | null }) {
  if (usage === null) return <p class="muted small">Storage used: not reported by this browser.</p>;
  return (
    <p id="storage-used">
      Storage used: <strong>{formatBytes(usage)}</strong>
      {visits !== null && (
        <span class="muted">
          {' '}
          for {visits} recorded page visit{visits === 1 ? '' : 's'}
          {visits > 0 ? ` (about ${formatBytes(usage / visits)} each)` : ''}
        </span>
      )}
    </p>
  );
}
