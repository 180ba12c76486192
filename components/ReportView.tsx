import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import type { VisitBundle } from '@/lib/messages';
import type { VisitSummary } from '@/lib/report/summary';
import type { VendorRecord } from '@/lib/vendor-db/types';
import { formatDateTime } from '@/lib/report/format';
import { buildTimeline } from '@/lib/report/timeline';
import { groupVendors, unknownItems } from '@/lib/report/vendors';
import { ConsentEvents } from './ConsentEvents';
import { CutShortHint } from './render-mode';
import { ExportBar, type ExportBarProps } from './ExportBar';
import { RefiledNote } from './RefiledNote';
import { TimelineSection } from './TimelineSection';
import { UnknownList } from './UnknownList';
import { VendorGroups } from './VendorGroups';
import { Verdict } from './Verdict';

export interface ReportViewProps {
  bundle: VisitBundle;
  vendors: VendorRecord[];
  /** Absent while the visit is still read (`loading`): exports need the whole evidence. */
  exports?: ExportBarProps;
  /** Shown under the title, e.g. "Imported from report.json". */
  note?: string;
  /** The "browser-observed evidence only" switch, when the page offers it. */
  evidenceSwitch?: ComponentChildren;
  /**
   * Set while a large visit's later pages are still read: only the parts that need no findings (verdict, consent
   * timeline, and the vendors and unknowns of `preview`) are shown, with this line; the event timeline, the full
   * vendor rows and exports wait for the whole evidence.
   */
  loading?: string;
  /** While `loading`: the background's summary of the same derivation (vendor rows and unknowns, cut short). */
  preview?: VisitSummary;
}

/** Full report of one page visit: verdict, consent timeline, filterable event timeline, vendors, unknowns. */
export function ReportView({
  bundle,
  vendors,
  exports,
  note,
  evidenceSwitch,
  loading,
  preview,
}: ReportViewProps) {
  const { derived } = bundle;
  const { visit, findings } = derived;
  const entries = useMemo(
    () => buildTimeline(visit, findings, vendors, derived.consent.lines),
    [visit, findings, vendors, derived],
  );
  const groups = useMemo(() => groupVendors(derived, vendors), [derived, vendors]);
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
        <RefiledNote derived={derived} />
      </header>
      <Verdict verdict={derived.verdict} consentState={derived.consentState} />
      {exports && !loading && <ExportBar {...exports} />}
      {!loading && evidenceSwitch}
      <h2>Consent timeline</h2>
      <ConsentEvents derived={derived} />
      {loading ? (
        <>
          {preview && (
            <>
              <CutShortHint.Provider value="shown once the whole evidence is read">
                <h2>Vendors</h2>
                <VendorGroups groups={preview.groups} />
                <UnknownList items={preview.unknowns} total={preview.unknownTotal} />
              </CutShortHint.Provider>
              <h2>Timeline</h2>
            </>
          )}
          <p class="muted" id="report-loading">
            {loading}
          </p>
        </>
      ) : (
        <>
          <h2>Vendors</h2>
          <VendorGroups groups={groups} />
          <UnknownList items={unknownItems(findings)} limit={200} />
          <h2>Timeline</h2>
          <TimelineSection entries={entries} />
        </>
      )}
    </article>
  );
}
