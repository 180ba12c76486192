import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  EMPTY_FILTER,
  filterTimeline,
  timelineSearchKeys,
  timelineVendors,
  type TimelineEntry,
} from '@/lib/report/timeline';
import { Timeline } from './Timeline';
import { TimelineFilters } from './TimelineFilters';

/**
 * The report's event timeline with its filters. The filter state lives here, not in the report: a search
 * keystroke re-renders only the filters and the visible rows, never the verdict, vendors or unknown list above.
 */
export function TimelineSection({ entries }: { entries: TimelineEntry[] }) {
  const [filter, setFilter] = useState(EMPTY_FILTER);
  const shown = useMemo(() => filterTimeline(entries, filter), [entries, filter]);
  // Build the search keys once the report is on screen, so the first keystroke does not pay for them.
  useEffect(() => {
    const timer = setTimeout(() => timelineSearchKeys(entries), 50);
    return () => clearTimeout(timer);
  }, [entries]);
  return (
    <>
      <TimelineFilters filter={filter} vendors={timelineVendors(entries)} onChange={setFilter} />
      <Timeline entries={shown} total={entries.length} resetScrollOn={filter} />
    </>
  );
}
