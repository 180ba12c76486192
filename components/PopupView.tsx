import type { VisitSummary } from '@/lib/report/summary';
import { UnknownList } from './UnknownList';
import { VendorGroups } from './VendorGroups';
import { Verdict } from './Verdict';

export interface PopupViewProps {
  summary: VisitSummary;
  onOpenReport: () => void;
}

/** The popup for one page visit: verdict, consent state, vendors by category, unknowns (computed in the background). */
export function PopupView({ summary, onOpenReport }: PopupViewProps) {
  const { visit } = summary;
  return (
    <div class="popup-body">
      <header class="row popup-head">
        <h1 title={visit.url}>{visit.site}</h1>
        <span class="spacer" />
        <button type="button" class="btn primary" id="open-report" onClick={onOpenReport}>
          Open full report
        </button>
      </header>
      <Verdict verdict={summary.verdict} consentState={summary.consentState} signals={summary.signals} />
      <VendorGroups groups={summary.groups} />
      {/* The first 20 show at once (a quick popup at any visit size); the rest of the summary's on "Show all". */}
      <UnknownList items={summary.unknowns} total={summary.unknownTotal} limit={20} />
    </div>
  );
}
