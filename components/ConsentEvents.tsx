import type { PageVisit } from '@/lib/findings';
import { consentEventText, decodedText } from '@/lib/report/consent';
import { formatClock, formatRelative, showInvisible } from '@/lib/report/format';

/** The consent timeline with each signal's raw text and, when decoded, its decoded form. */
export function ConsentEvents({ visit }: { visit: PageVisit }) {
  const events = [...(visit.consent ?? [])].sort((a, b) => a.at - b.at);
  if (!events.length) return <p class="muted">No consent signal was recorded during this visit.</p>;
  return (
    <ol class="consent-events" id="consent-events">
      {events.map((e, i) => {
        const decoded = decodedText(e);
        return (
          <li key={i}>
            <span class="mono">{formatRelative(e.at - visit.startedAt)}</span>{' '}
            <span class="muted">({formatClock(e.at)})</span> <strong>{consentEventText(e)}</strong>{' '}
            <span class="muted small">via {e.via}</span>
            {(e.raw || decoded) && (
              <details>
                <summary>Raw{decoded ? ' and decoded' : ''} signal</summary>
                {e.raw && <pre>{showInvisible(e.raw)}</pre>}
                {decoded && <pre>{decoded}</pre>}
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}
