import { useMemo } from 'preact/hooks';
import type { VisitBundle } from '@/lib/messages';
import type { VendorRecord } from '@/lib/vendor-db/types';
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
  const { derived } = bundle;
  const { visit, findings } = derived;
  const groups = useMemo(() => groupVendors(derived, vendors), [derived, vendors]);
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
      <Verdict
        verdict={derived.verdict}
        consentState={derived.consentState}
        signals={derived.consent.signals}
      />
      <VendorGroups groups={groups} />
      <UnknownList items={unknowns} />
    </div>
  );
}
