import type { PageVisit } from '@/lib/findings';
import type { SiteSummary } from '@/lib/messages';
import { formatDateTime } from '@/lib/report/format';
import { formatBytes } from '@/lib/report/format-bytes';
import { ConfirmButton } from './ConfirmButton';
import { PageText } from './PageText';

export interface SiteHistoryProps {
  sites: SiteSummary[];
  /** Visits of the expanded site, once loaded. */
  open: { site: string; visits: PageVisit[] | null } | null;
  onToggleSite: (site: string) => void;
  visitHref: (visitId: string) => string;
  onDeleteSite: (site: string) => void;
  onDeleteAll: () => void;
}

/** Audited sites kept locally, grouped by site; each expands to its visits and can be deleted. */
export function SiteHistory({
  sites,
  open,
  onToggleSite,
  visitHref,
  onDeleteSite,
  onDeleteAll,
}: SiteHistoryProps) {
  if (!sites.length)
    return <p class="muted">No page visits are stored. Browse a site with the extension enabled.</p>;
  const total = sites.reduce((n, s) => n + s.visits, 0);
  const bytes = sites.reduce((n, s) => n + s.bytes, 0);
  return (
    <section id="history" aria-label="Audited sites">
      <div class="row">
        <h2>Audited sites</h2>
        <span class="muted small">
          {sites.length} sites, {total} visits, about {formatBytes(bytes)}, stored only in this browser
        </span>
        <span class="spacer" />
        <ConfirmButton
          id="delete-all"
          label="Delete all"
          question={`Delete all ${total} stored visits?`}
          onConfirm={onDeleteAll}
        />
      </div>
      <ul class="sites">
        {sites.map((s) => {
          const expanded = open?.site === s.site;
          return (
            <li key={s.site} data-site={s.site}>
              <div class="row">
                <button
                  type="button"
                  class="vendor-head site-head"
                  aria-expanded={expanded}
                  onClick={() => onToggleSite(s.site)}
                >
                  <span class="chev" aria-hidden="true">
                    {expanded ? '▾' : '▸'}
                  </span>
                  <span class="name">{s.site}</span>
                  {s.violations > 0 && (
                    <span class="badge b-before-consent">
                      {s.violations} violating vendor{s.violations === 1 ? '' : 's'}
                    </span>
                  )}
                  <span class="meta">
                    {s.visits} visit{s.visits === 1 ? '' : 's'}, last {formatDateTime(s.lastVisitAt)}
                  </span>
                  <span class="meta size" title="Estimated storage this site's visits and evidence take">
                    {formatBytes(s.bytes)}
                  </span>
                </button>
                <ConfirmButton
                  label="Delete"
                  question={`Delete ${s.visits} visits of ${s.site}?`}
                  onConfirm={() => onDeleteSite(s.site)}
                />
              </div>
              {expanded && (
                <ul class="visits">
                  {open?.visits === null && <li class="muted">Loading…</li>}
                  {open?.visits?.map((v) => (
                    <li key={v.id}>
                      <a href={visitHref(v.id)}>{formatDateTime(v.startedAt)}</a>{' '}
                      <PageText code text={v.url} max={200} />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
