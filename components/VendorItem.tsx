import { useContext, useState } from 'preact/hooks';
import { hasDetails, type VendorRow, type VendorRowHead } from '@/lib/report/vendor-row';
import { PhaseBadge } from './PhaseBadge';
import { VendorDetails } from './VendorDetails';
import { VendorDetailsOnDemand } from './VendorDetailsOnDemand';
import { StaticRender } from './render-mode';

function Summary({ row }: { row: VendorRow | VendorRowHead }) {
  return (
    <>
      <span class="name">{row.name}</span>
      {row.phases.map((p) => (
        <PhaseBadge key={p} phase={p} violation={row.violationPhases.includes(p)} />
      ))}
      <span class="meta">
        {row.cookieTotal} cookie{row.cookieTotal === 1 ? '' : 's'} · {row.hostTotal} host
        {row.hostTotal === 1 ? '' : 's'}
      </span>
    </>
  );
}

function Details({ row }: { row: VendorRow | VendorRowHead }) {
  return hasDetails(row) ? <VendorDetails row={row} /> : <VendorDetailsOnDemand head={row} />;
}

/**
 * One vendor: a real button toggles the details, which render only when open (fast with many rows); a summary's
 * row asks for them then. In a static document (no script) it is an open details/summary instead.
 */
export function VendorItem({
  row,
  initiallyOpen = false,
}: {
  row: VendorRow | VendorRowHead;
  initiallyOpen?: boolean;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  const isStatic = useContext(StaticRender);
  const bodyId = `vendor-${row.key.replace(/[^a-z0-9_-]/gi, '_')}`;
  const tone = row.violation ? (row.beforeConsent ? 'violation' : 'reject') : '';
  if (isStatic) {
    return (
      <li class={`vendor-row ${tone}`} data-vendor={row.key}>
        <details open>
          <summary class="vendor-head">
            <Summary row={row} />
          </summary>
          <Details row={row} />
        </details>
      </li>
    );
  }
  return (
    <li class={`vendor-row ${tone}`} data-vendor={row.key}>
      <button
        type="button"
        class="vendor-head"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={() => setOpen(!open)}
      >
        <span class="chev" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <Summary row={row} />
      </button>
      {open && (
        <div id={bodyId}>
          <Details row={row} />
        </div>
      )}
    </li>
  );
}
