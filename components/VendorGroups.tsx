import type { VendorGroup } from '@/lib/report/vendors';
import type { VendorRow, VendorRowHead } from '@/lib/report/vendor-row';
import { useContext } from 'preact/hooks';
import { CutShortHint } from './render-mode';
import { VendorItem } from './VendorItem';

/**
 * Vendors grouped by category, in the order lib/report/vendors.ts decides (violations first). A vendor whose
 * purpose no source names is neither exempt nor a violation: its group says it needs review.
 */
export function VendorGroups({ groups }: { groups: VendorGroup<VendorRow | VendorRowHead>[] }) {
  const more = useContext(CutShortHint);
  if (!groups.length) return <p class="muted">No known tracker vendor seen on this page.</p>;
  return (
    <div id="vendors">
      {groups.map((g) => (
        <section class="group" key={g.category} aria-label={`${g.category} vendors`}>
          <h2>
            <span class="cat">{g.category === 'unknown' ? 'unknown: needs review' : g.category}</span>
            <span class="muted small">
              {g.rowTotal} vendor{g.rowTotal === 1 ? '' : 's'}
              {g.violations ? `, ${g.violations} with violations` : ''}
            </span>
          </h2>
          <ul class="vendors">
            {g.rows.map((r) => (
              <VendorItem key={r.key} row={r} />
            ))}
          </ul>
          {g.rowTotal > g.rows.length && (
            <p class="muted small more">
              {g.rowTotal - g.rows.length} more in this group: {more}.
            </p>
          )}
        </section>
      ))}
    </div>
  );
}
