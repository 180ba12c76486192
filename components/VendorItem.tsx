import { useContext, useState } from 'preact/hooks';
import type { VendorRow } from '@/lib/report/vendors';
import { PhaseBadge } from './PhaseBadge';
import { VendorDetails } from './VendorDetails';
import { StaticRender } from './render-mode';

function Summary({ row }: { row: VendorRow }) {
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

/**
 * One vendor: a real button toggles the details, which render only when open (fast with many rows). In a static
 * document (no script) it is an open details/summary instead.
 */
export function VendorItem({ row, initiallyOpen = false }: { row: VendorRow; initiallyOpen?: boolean }) {
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
          <VendorDetails row={row} />
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
          <VendorDetails row={row} />
        </div>
      )}
    </li>
  );
}
