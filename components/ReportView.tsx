import { useMemo } from 'preact/hooks';
import type { VisitBundle } from '@/lib/messages';
import type { VendorRecord } from '@/lib/vendor-db/types';
import { formatDateTime } from '@/lib/report/format';
import { buildTimeline } from '@/lib/report/timeline';
import { computeVerdict, consentStateText } from '@/lib/report/verdict';
import { groupVendors, unknownItems } from '@/lib/report/vendors';
import { ConsentEvents } from './ConsentEvents';
import { ExportBar, type ExportBarProps } from './ExportBar';
import { TimelineSection } from './TimelineSection';
import { UnknownList } from './UnknownList';
import { VendorGroups } from './VendorGroups';
import { Verdict } from './Verdict';

export interface ReportViewProps {
  bundle: VisitBundle;
  vendors: VendorRecord[];
  exports: ExportBarProps;
  /** Shown under the title, e.g. "Imported from report.json". */
  note?: string;
}

/** Full report of one page visit: verdict, consent timeline, filterable event timeline, vendors, unknowns. */
export function ReportView({ bundle, vendors, exports, note }: ReportViewProps) {
  const { visit, findings, cookies } = bundle;
  const entries = useMemo(() => buildTimeline(visit, findings, vendors), [visit, findings, vendors]);
  const groups = useMemo(() => groupVendors(findings, vendors, cookies), [findings, vendors, cookies]);
  return (
    <article class="report" id="report">
      <header>
        <h1>{visit.site}</h1>
        <p class="muted">
          <code>{visit.url}</code>
          <br />
          Visit started {formatDateTime(visit.startedAt)}
          {visit.endedAt ? `, ended ${formatDateTime(visit.endedAt)}` : ', still open'}
          {visit.incognito ? ', private window' : ''}
        </p>
        {note && <p class="note small">{note}</p>}
      </header>
      <Verdict verdict={computeVerdict(findings)} consentState={consentStateText(visit)} />
      <ExportBar {...exports} />
      <h2>Consent timeline</h2>
      <ConsentEvents visit={visit} />
      <h2>Vendors</h2>
      <VendorGroups groups={groups} />
      <UnknownList items={unknownItems(findings)} limit={200} />
      <h2>Timeline</h2>
      <TimelineSection entries={entries} />
    </article>
  );
}
