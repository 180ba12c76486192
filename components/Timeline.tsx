import { formatRelative } from '@/lib/report/format';
import type { TimelineEntry } from '@/lib/report/timeline';
import { PhaseBadge } from './PhaseBadge';
import { PageText } from './PageText';

/** Requests, cookies and consent changes in time order, relative to the visit start. */
export function Timeline({ entries, total }: { entries: TimelineEntry[]; total: number }) {
  return (
    <div class="timeline-wrap">
      <p class="muted small" id="timeline-count">
        Showing {entries.length} of {total} events
      </p>
      <table class="timeline" id="timeline">
        <thead>
          <tr>
            <th>Time</th>
            <th>Phase</th>
            <th>What</th>
            <th>Vendor</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} class={`t-${e.kind}${e.violation ? ' t-violation' : ''}`}>
              <td class="mono nowrap" title={new Date(e.at).toISOString()}>
                {formatRelative(e.offsetMs)}
              </td>
              <td>
                {e.phase ? (
                  <PhaseBadge phase={e.phase} violation={e.violation} />
                ) : (
                  <span class="badge b-neutral">consent</span>
                )}
              </td>
              <td>
                <span class="kind">{e.kind}</span> <PageText code text={e.label} max={200} />
                {e.violation && <strong class="viol"> violation</strong>}
                <span class="prov mono">
                  <PageText text={e.detail} max={400} />
                </span>
              </td>
              <td>
                {e.vendorName ?? (e.kind === 'consent' ? '' : 'unknown')}
                {e.category && <span class="prov">{e.category}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
