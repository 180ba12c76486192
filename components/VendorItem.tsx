import { useState } from 'preact/hooks';
import type { VendorRow } from '@/lib/report/vendors';
import { PhaseBadge } from './PhaseBadge';
import { VendorDetails } from './VendorDetails';

/** One vendor: a real button toggles the details, which render only when open (fast with many rows). */
export function VendorItem({ row, initiallyOpen = false }: { row: VendorRow; initiallyOpen?: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  const bodyId = `vendor-${row.key.replace(/[^a-z0-9_-]/gi, '_')}`;
  const tone = row.violation ? (row.beforeConsent ? 'violation' : 'reject') : '';
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
        <span class="name">{row.name}</span>
        {row.phases.map((p) => (
          <PhaseBadge key={p} phase={p} violation={row.violationPhases.includes(p)} />
        ))}
        <span class="meta">
          {row.cookies.length} cookie{row.cookies.length === 1 ? '' : 's'} · {row.hosts.length} host
          {row.hosts.length === 1 ? '' : 's'}
        </span>
      </button>
      {open && (
        <div id={bodyId}>
          <VendorDetails row={row} />
        </div>
      )}
    </li>
  );
}
