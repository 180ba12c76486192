import type { SiteAuditRecord } from '@/lib/audit/site-audit';
import type { SiteReport, SiteVendor } from '@/lib/audit/site-report';
import { phaseLabel } from '@/lib/findings';

/** The files a finished site audit can be saved as. */
export type SiteExportKind = 'json' | 'html' | 'declaration-html' | 'declaration-csv' | 'declaration-json';

const EXPORTS: { kind: SiteExportKind; label: string }[] = [
  { kind: 'html', label: 'Site report (HTML)' },
  { kind: 'json', label: 'Site report (JSON)' },
  { kind: 'declaration-html', label: 'Cookie declaration (HTML)' },
  { kind: 'declaration-csv', label: 'Declaration (CSV)' },
  { kind: 'declaration-json', label: 'Declaration (JSON)' },
];

/** A page as its path, with the host when it is not the start page's. */
function pageLabel(url: string, startHost: string): string {
  try {
    const u = new URL(url);
    return `${u.host === startHost ? '' : u.host}${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** One-line verdict of a site audit, from the site report's counts. */
export function siteSummary(r: SiteReport): string {
  const c = r.counts;
  const pages = `${c.pages} page${c.pages === 1 ? '' : 's'}${c.failedPages ? ` (${c.failedPages} not completed)` : ''}`;
  if (c.violating === 0)
    return `${pages} audited: no vendor that needs consent fired before consent or after refusal.`;
  return `${pages} audited: ${c.violating} vendor${c.violating === 1 ? '' : 's'} violated consent (${c.beforeConsent} before consent, ${c.afterReject} after refusal).`;
}

function VendorLine({ v, host }: { v: SiteVendor; host: string }) {
  return (
    <li data-vendor={v.key}>
      <strong>{v.name}</strong> {v.category}
      {v.violation ? (
        <strong class="bad"> violation: {v.violationPhases.map(phaseLabel).join(', ')}</strong>
      ) : null}
      <span class="note">
        {' '}
        on {v.pages.length === 1 ? '' : `${v.pages.length} pages: `}
        {v.pages.map((p) => pageLabel(p, host)).join(', ')}
      </span>
    </li>
  );
}

/** A site audit's result in the popup: the pages, every vendor with the pages it appeared on, exports. */
export function SiteAuditResult({
  record,
  report,
  onExport,
}: {
  record: SiteAuditRecord;
  report: SiteReport;
  onExport?: (kind: SiteExportKind) => void;
}) {
  const host = hostOf(record.startUrl);
  const violating = report.vendors.filter((v) => v.violation);
  const others = report.vendors.filter((v) => !v.violation);
  return (
    <div class="audit-result site-audit-result">
      <p class="verdict" id="site-summary">
        {siteSummary(report)}
      </p>
      {record.error ? <p class="note">{record.error}</p> : null}
      <section id="site-violations">
        <h3>Violations ({violating.length})</h3>
        {violating.length ? (
          <ul>
            {violating.map((v) => (
              <VendorLine key={v.key} v={v} host={host} />
            ))}
          </ul>
        ) : (
          <p class="note">None.</p>
        )}
      </section>
      <section id="site-vendors">
        <h3>Other vendors ({others.length})</h3>
        {others.length ? (
          <ul>
            {others.map((v) => (
              <VendorLine key={v.key} v={v} host={host} />
            ))}
          </ul>
        ) : (
          <p class="note">None.</p>
        )}
      </section>
      <section id="site-pages">
        <h3>Pages ({report.pages.length})</h3>
        <ul>
          {record.pages.map((p) => (
            <li key={p.url} data-status={p.status}>
              <code>{pageLabel(p.url, host)}</code> {p.status}
              {p.error ? <span class="note"> {p.error}</span> : null}
            </li>
          ))}
        </ul>
      </section>
      {onExport ? (
        <div class="row site-exports">
          {EXPORTS.map((e) => (
            <button
              key={e.kind}
              type="button"
              class="btn"
              data-export={e.kind}
              onClick={() => onExport(e.kind)}
            >
              {e.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
