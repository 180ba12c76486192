import type { DerivedVisit } from '@/lib/evidence/derive';
import { consentEventText, decodedText, statusText } from '@/lib/report/consent';
import { useContext } from 'preact/hooks';
import { formatClock, formatRelative, showInvisible } from '@/lib/report/format';
import { StaticRender } from './render-mode';

/** The consent timeline: each signal once, with its trust status, provenance, raw text and decoded form. */
export function ConsentEvents({ derived }: { derived: DerivedVisit }) {
  const { visit, consent } = derived;
  const lines = consent.lines;
  // A saved report opens the raw signals, so they print.
  const open = useContext(StaticRender);
  return (
    <>
      {consent.signals.length > 0 && (
        <ul class="consent-signals" id="consent-signals">
          {consent.signals.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      )}
      {lines.length === 0 ? (
        <p class="muted">No consent signal was recorded during this visit.</p>
      ) : (
        <ol class="consent-events" id="consent-events">
          {lines.map((e, i) => {
            const decoded = decodedText(e);
            return (
              <li key={i} data-status={e.status} data-provenance={e.provenance}>
                <span class="mono">{formatRelative(Math.max(0, e.at - visit.startedAt))}</span>{' '}
                <span class="muted">({formatClock(e.at)})</span> <strong>{consentEventText(e)}</strong>{' '}
                <span class={`status ${e.status}`}>{statusText(e.status)}</span>{' '}
                <span class="muted small">
                  {e.provenance} · via {e.vias.join(', ')}
                </span>
                {(e.raw || decoded) && (
                  <details open={open}>
                    <summary>Raw{decoded ? ' and decoded' : ''} signal</summary>
                    {e.raw && <pre>{showInvisible(e.raw)}</pre>}
                    {decoded && <pre>{decoded}</pre>}
                  </details>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}
