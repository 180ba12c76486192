import type { SiteComparison } from '@/lib/audit/compare';

/** The counts of every kind of change, one row per kind, so "nothing" is as visible as "something". */
export function CompareSummary({ c }: { c: SiteComparison }) {
  const rows: [string, string, number, number, string][] = [
    ['vendors', 'Vendors', c.vendors.added.length, c.vendors.removed.length, ''],
    ['violations', 'Violations', c.violations.new.length, c.violations.fixed.length, ''],
    [
      'cookies',
      'Cookies',
      c.cookies.added.length,
      c.cookies.removed.length,
      `${c.cookies.lifetimeChanged.length} lifetime${c.cookies.lifetimeChanged.length === 1 ? '' : 's'} changed`,
    ],
    ['storage', 'Storage keys', c.storage.added.length, c.storage.removed.length, ''],
    ['pages', 'Pages audited', c.pages.added.length, c.pages.removed.length, ''],
  ];
  return (
    <table class="compare-summary" id="compare-summary">
      <thead>
        <tr>
          <th scope="col">What</th>
          <th scope="col">Added (violations: new)</th>
          <th scope="col">Removed (violations: fixed)</th>
          <th scope="col">Changed</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([id, label, added, removed, changed]) => (
          <tr key={id} data-kind={id}>
            <th scope="row">{label}</th>
            <td class="added">{added}</td>
            <td class="removed">{removed}</td>
            <td>{changed}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
