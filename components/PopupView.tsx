import { useMemo } from 'preact/hooks';
import type { VisitBundle } from '@/lib/messages';
import type { VendorRecord } from '@/lib/vendor-db/types';
import { computeVerdict, consentStateText } from '@/lib/report/verdict';
import { groupVendors, unknownItems } from '@/lib/report/vendors';
import { UnknownList } from './UnknownList';
import { VendorGroups } from './VendorGroups';
import { Verdict } from './Verdict';

export interface PopupViewProps {
  bundle: VisitBundle;
  vendors: VendorRecord[];
  onOpenReport: () => void;
}

/** The popup for one page visit: verdict, consent state, vendors by category, unknowns. */
export function PopupView({ bundle, vendors, onOpenReport }: PopupViewProps) {
  const { visit, findings, cookies } = bundle;
  const verdict = useMemo(() => computeVerdict(findings), [findings]);
  const groups = useMemo(() => groupVendors(findings, vendors, cookies), [findings, vendors, cookies]);
  const unknowns = useMemo(() => unknownItems(findings), [findings]);
  return (
    <div class="popup-body">
      <header class="row popup-head">
        <h1 title={visit.url}>{visit.site}</h1>
        <span class="spacer" />
        <button type="button" class="btn primary" id="open-report" onClick={onOpenReport}>
          Open full report
        </button>
      </header>
      <Verdict verdict={verdict} consentState={consentStateText(visit)} />
      <VendorGroups groups={groups} />
      <UnknownList items={unknowns} />
    </div>
  );
}
