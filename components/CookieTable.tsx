import type { CookieView } from '@/lib/report/vendor-row';
import { PageText } from './PageText';
import { PhaseBadge } from './PhaseBadge';

/** Cookies a vendor set on this page, one card each: observed lifetime next to the duration its source declares. */
export function CookieTable({ cookies }: { cookies: CookieView[] }) {
  if (!cookies.length) return <p class="muted small">No cookies from this vendor on this page.</p>;
  return (
    <ul class="cookie-list">
      {cookies.map((c) => (
        <li key={`${c.name}|${c.domain}|${c.phase}`} data-cookie={c.name}>
          <div class="row">
            <PageText code text={c.name} max={120} />
            <PhaseBadge phase={c.phase} violation={c.violation} />
            <span class="muted small">
              {c.party}-party on <PageText text={c.domain} />
            </span>
          </div>
          <div class="small">
            Lifetime here: <strong>{c.observedLifetime ?? 'unknown'}</strong>
            {c.declaredDuration ? (
              <span class="muted">
                {' '}
                · declared: {c.declaredDuration} (source: {c.declaredSourceTitle ?? c.declaredSource})
              </span>
            ) : (
              <span class="muted"> · not in the vendor database</span>
            )}
          </div>
          {c.purpose && <div class="small">Purpose: {c.purpose}</div>}
          {c.note && <div class="small muted">Note: {c.note}</div>}
          {c.partition && (
            <div class="small muted cookie-partition">
              Partitioned: kept only for pages of <PageText text={c.partition} max={120} />
            </div>
          )}
          {c.setBy && (
            <div class="small muted">
              Set by script <PageText text={c.setBy} max={200} />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
