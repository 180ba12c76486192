import { Fragment, type ComponentChildren } from 'preact';
import type { ItemRef, LifetimeChange, SiteComparison, VendorRef, ViolationRef } from '@/lib/audit/compare';
import { TYPE_LABELS, lifetimeText } from '@/lib/audit/declaration';
import { PageText } from '../PageText';
import { PhaseBadge } from '../PhaseBadge';

/** One kind of change as a titled table with its count; nothing at all when there is none (the summary says 0). */
function Changes<T extends { key: string }>({
  id,
  title,
  rows,
  head,
  cells,
}: {
  id: string;
  title: string;
  rows: T[];
  head: string[];
  cells: (row: T) => ComponentChildren[];
}) {
  if (!rows.length) return null;
  return (
    <section id={id} class="compare-list">
      <h3>
        {title} ({rows.length})
      </h3>
      <table>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.key}|${i}`} data-key={r.key}>
              {cells(r).map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const vendorCells = (v: VendorRef) => [
  <PageText key="n" text={v.name} />,
  v.category,
  v.violation ? <span class="badge b-before-consent">violation</span> : 'no',
];

const itemCells = (i: ItemRef) => [
  <PageText key="n" code text={i.name} />,
  TYPE_LABELS[i.type],
  <PageText key="d" text={i.domain} />,
  i.vendorName === null ? <span class="muted">none named</span> : <PageText text={i.vendorName} />,
  i.category,
];

const lifetimeCells = (i: LifetimeChange) => [
  <PageText key="n" code text={i.name} />,
  <PageText key="d" text={i.domain} />,
  i.vendorName === null ? <span class="muted">none named</span> : <PageText text={i.vendorName} />,
  lifetimeText('cookie', i.oldSeconds),
  lifetimeText('cookie', i.newSeconds),
];

// A fixed violation is no longer one: its phase is shown without the violation colour.
const violationCells = (fixed: boolean) => (v: ViolationRef) => [
  <PageText key="n" text={v.name} />,
  <PhaseBadge key="p" phase={v.phase} violation={!fixed} />,
  <span key="u">
    {v.pages.map((p, i) => (
      <Fragment key={p}>
        {i > 0 && <br />}
        <PageText text={p} />
      </Fragment>
    ))}
  </span>,
];

const pageCells = (p: { key: string }) => [<PageText key="p" text={p.key} />];
const asRows = (pages: string[]) => pages.map((key) => ({ key }));

const VENDOR_HEAD = ['Vendor', 'Category', 'Violation in its audit'];
const ITEM_HEAD = ['Name', 'Type', 'Domain', 'Vendor', 'Category'];

/** Every change, kind by kind: vendors, violations, cookies, storage keys, pages. */
export function CompareLists({ c }: { c: SiteComparison }) {
  return (
    <>
      <Changes
        id="compare-vendors-added"
        title="Vendors added"
        rows={c.vendors.added}
        head={VENDOR_HEAD}
        cells={vendorCells}
      />
      <Changes
        id="compare-vendors-removed"
        title="Vendors removed"
        rows={c.vendors.removed}
        head={VENDOR_HEAD}
        cells={vendorCells}
      />
      <Changes
        id="compare-violations-new"
        title="New violations"
        rows={c.violations.new}
        head={['Vendor', 'Phase', 'Pages (later audit)']}
        cells={violationCells(false)}
      />
      <Changes
        id="compare-violations-fixed"
        title="Fixed violations"
        rows={c.violations.fixed}
        head={['Vendor', 'No longer', 'Pages (earlier audit)']}
        cells={violationCells(true)}
      />
      <Changes
        id="compare-cookies-added"
        title="Cookies added"
        rows={c.cookies.added}
        head={ITEM_HEAD}
        cells={itemCells}
      />
      <Changes
        id="compare-cookies-removed"
        title="Cookies removed"
        rows={c.cookies.removed}
        head={ITEM_HEAD}
        cells={itemCells}
      />
      <Changes
        id="compare-cookies-lifetime"
        title="Cookie lifetimes changed"
        rows={c.cookies.lifetimeChanged}
        head={['Name', 'Domain', 'Vendor', 'Before', 'After']}
        cells={lifetimeCells}
      />
      <Changes
        id="compare-storage-added"
        title="Storage keys added"
        rows={c.storage.added}
        head={ITEM_HEAD}
        cells={itemCells}
      />
      <Changes
        id="compare-storage-removed"
        title="Storage keys removed"
        rows={c.storage.removed}
        head={ITEM_HEAD}
        cells={itemCells}
      />
      <Changes
        id="compare-pages-added"
        title="Pages audited only in the later audit"
        rows={asRows(c.pages.added)}
        head={['Page']}
        cells={pageCells}
      />
      <Changes
        id="compare-pages-removed"
        title="Pages audited only in the earlier audit"
        rows={asRows(c.pages.removed)}
        head={['Page']}
        cells={pageCells}
      />
    </>
  );
}
