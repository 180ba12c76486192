import { changeLines, type SiteComparison } from '@/lib/audit/compare';
import { formatDateTime, formatIso } from '@/lib/report/format';
import { PageText } from '../PageText';
import { CompareLists } from './CompareLists';
import { CompareSummary } from './CompareSummary';

export interface CompareViewProps {
  comparison: SiteComparison;
  /** Where each side came from (a file name), when known. */
  sources?: { old: string; new: string };
}

function Side({
  label,
  side,
  source,
}: {
  label: string;
  side: SiteComparison['old'];
  source: string | undefined;
}) {
  return (
    <p class="meta">
      {label}: <time dateTime={formatIso(side.auditedAt)}>{formatDateTime(side.auditedAt)}</time>,{' '}
      {side.pages} page{side.pages === 1 ? '' : 's'} from <PageText code text={side.startUrl} />
      {source && (
        <>
          {' '}
          (<PageText text={source} />)
        </>
      )}
    </p>
  );
}

/** What changed between two audits of one site (lib/audit/compare.ts): a count per kind, then every change. */
export function CompareView({ comparison: c, sources }: CompareViewProps) {
  const n = changeLines(c).length;
  return (
    <section class="compare" id="compare-view">
      <h2>
        What changed on <PageText text={c.site} />
      </h2>
      <Side label="Earlier audit" side={c.old} source={sources?.old} />
      <Side label="Later audit" side={c.new} source={sources?.new} />
      <p
        class={`verdict ${c.violations.new.length ? 'violation' : c.unchanged ? 'empty' : ''}`}
        id="compare-verdict"
      >
        {c.unchanged
          ? 'No change: the same vendors, cookies, storage keys, lifetimes, violations and pages.'
          : `${n} change${n === 1 ? '' : 's'}: ${c.vendors.added.length} vendor${c.vendors.added.length === 1 ? '' : 's'} added, ${c.vendors.removed.length} removed; ${c.violations.new.length} new violation${c.violations.new.length === 1 ? '' : 's'}, ${c.violations.fixed.length} fixed.`}
      </p>
      <CompareSummary c={c} />
      <CompareLists c={c} />
      <p class="muted small">
        Vendors, violations and categories are those each audit derived; a violation is new or fixed per
        vendor and phase. A lifetime is compared only for cookies seen being set in both audits.
      </p>
    </section>
  );
}
