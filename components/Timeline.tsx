import { useContext, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatRelative } from '@/lib/report/format';
import type { TimelineEntry } from '@/lib/report/timeline';
import { visibleWindow } from '@/lib/report/timeline-window';
import { PhaseBadge } from './PhaseBadge';
import { PageText } from './PageText';
import { StaticRender } from './render-mode';

/** Every row has this height (two text lines, cut with an ellipsis), so the visible rows follow from scrollTop. */
export const ROW_HEIGHT = 44;
/** Rows rendered above and below the visible ones, so fast scrolling does not show blank space. */
const OVERSCAN = 12;
/** Up to this many rows are all rendered (find-in-page then sees every one); beyond, only the visible ones. */
const RENDER_ALL_MAX = 100;
/** Viewport height used before the first measure (and in environments without layout). */
const FALLBACK_VIEW = 600;

const LINE = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;
const CELL = { height: `${ROW_HEIGHT}px`, overflow: 'hidden', boxSizing: 'border-box' } as const;

/** One timeline event; fixed height and cut lines on screen, whole (wrapping) in a static document. */
export function TimelineRow({ e, index }: { e: TimelineEntry; index: number }) {
  const whole = useContext(StaticRender);
  const line = whole ? undefined : LINE;
  const cell = whole ? undefined : CELL;
  return (
    <tr
      class={`t-${e.kind}${e.violation ? ' t-violation' : ''}`}
      style={whole ? undefined : { height: `${ROW_HEIGHT}px` }}
      aria-rowindex={index + 2}
    >
      <td class="mono nowrap" title={new Date(e.at).toISOString()} style={cell}>
        {formatRelative(e.offsetMs)}
      </td>
      <td style={cell}>
        {e.phase ? (
          <PhaseBadge phase={e.phase} violation={e.violation} />
        ) : (
          <span class="badge b-neutral">consent</span>
        )}
      </td>
      <td style={cell}>
        <div style={line} title={e.label.length > 60 ? e.label.slice(0, 4000) : undefined}>
          <span class="kind">{e.kind}</span> <PageText code text={e.label} max={200} />
          {e.violation && <strong class="viol"> violation</strong>}
        </div>
        <span class="prov mono" style={line} title={e.detail.slice(0, 4000)}>
          <PageText text={e.detail} max={400} />
        </span>
      </td>
      <td style={cell}>
        <div style={line}>{e.vendorName ?? (e.kind === 'consent' ? '' : 'unknown')}</div>
        {e.category && (
          <span
            class="prov"
            style={line}
            title={e.recordedAs && `Recorded as ${e.recordedAs} by an earlier vendor database`}
          >
            {e.category}
            {e.recordedAs && <span class="recorded-as"> · recorded as {e.recordedAs}</span>}
          </span>
        )}
      </td>
    </tr>
  );
}

/** An empty row standing in for `rows` rows that are not rendered, so the scrollbar keeps its true size. */
/** The timeline's column widths and header row; the live, virtualised list (sticky) and the exported report share it. */
export function TimelineHead({ sticky = false }: { sticky?: boolean }) {
  return (
    <>
      <colgroup>
        <col style={{ width: '6.5em' }} />
        <col style={{ width: '9.5em' }} />
        <col />
        <col style={{ width: '12em' }} />
      </colgroup>
      <thead style={sticky ? { position: 'sticky', top: 0, background: 'var(--bg)', zIndex: 1 } : undefined}>
        <tr aria-rowindex={sticky ? 1 : undefined}>
          <th>Time</th>
          <th>Phase</th>
          <th>What</th>
          <th>Vendor</th>
        </tr>
      </thead>
    </>
  );
}

function Spacer({ rows }: { rows: number }) {
  if (rows <= 0) return null;
  return (
    <tr aria-hidden="true" class="t-spacer">
      <td colSpan={4} style={{ height: `${rows * ROW_HEIGHT}px`, padding: 0, border: 0 }} />
    </tr>
  );
}

/**
 * Requests, cookies and consent changes in time order, relative to the visit start. A long timeline is
 * virtualised: it scrolls in its own box and only the rows in view (plus a margin) are in the DOM, so 50,000
 * events cost as little to render as 50.
 */
export function Timeline({
  entries,
  total,
  resetScrollOn,
}: {
  entries: TimelineEntry[];
  total: number;
  /** When this changes (a new filter), the list scrolls back to its top; new events alone keep the position. */
  resetScrollOn?: unknown;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(FALLBACK_VIEW);
  const frame = useRef(0);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setViewHeight(el.clientHeight || FALLBACK_VIEW);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // A new filter result starts at its top; a live update (more events) keeps the reader's place.
  useEffect(() => {
    if (box.current) box.current.scrollTop = 0;
    setScrollTop(0);
  }, [resetScrollOn]);

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  // One state update per animation frame, however many scroll events arrive.
  const onScroll = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      if (box.current) setScrollTop(box.current.scrollTop);
    });
  };

  const { start, end } =
    entries.length <= RENDER_ALL_MAX
      ? { start: 0, end: entries.length }
      : visibleWindow(entries.length, scrollTop, viewHeight, ROW_HEIGHT, OVERSCAN);
  const rows = [];
  for (let i = start; i < end; i++) rows.push(<TimelineRow key={entries[i]!.id} e={entries[i]!} index={i} />);

  return (
    <div class="timeline-wrap">
      <p class="muted small" id="timeline-count" aria-live="polite">
        Showing {entries.length} of {total} events
      </p>
      <div
        ref={box}
        class="timeline-scroll"
        tabIndex={0}
        aria-label="Timeline events"
        onScroll={onScroll}
        style={{ maxHeight: '70vh', overflowY: 'auto', overflowX: 'hidden' }}
      >
        <table
          class="timeline"
          id="timeline"
          aria-rowcount={entries.length + 1}
          style={{ tableLayout: 'fixed', width: '100%' }}
        >
          <TimelineHead sticky />
          <tbody>
            <Spacer rows={start} />
            {rows}
            <Spacer rows={entries.length - end} />
          </tbody>
        </table>
      </div>
    </div>
  );
}
