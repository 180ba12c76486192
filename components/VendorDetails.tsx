import { useContext } from 'preact/hooks';
import { sourceTitle } from '@/lib/report/facts';
import type { VendorRow } from '@/lib/report/vendor-row';
import { CookieTable } from './CookieTable';
import { FactList } from './FactList';
import { PageText } from './PageText';
import { CutShortHint } from './render-mode';

function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Everything known about one vendor on this page: who, GDPR facts, cookies, hosts. */
export function VendorDetails({ row }: { row: VendorRow }) {
  const more = useContext(CutShortHint);
  const v = row.vendor;
  return (
    <div class="vendor-body">
      {v ? (
        <p class="who">
          <strong>{v.company ?? 'Company not stated'}</strong>
          {v.companySource && (
            <sup class="src-ref" title={`Source: ${sourceTitle(v, v.companySource)}`}>
              src
            </sup>
          )}
          {v.country && ` · ${countryName(v.country)}`}
          {v.country && v.countrySource && (
            <sup class="src-ref" title={`Source: ${sourceTitle(v, v.countrySource)}`}>
              src
            </sup>
          )}
          {v.facts?.eeaController && ` · EEA controller: ${v.facts.eeaController.value}`}
          {v.facts?.company?.unverified && (
            <abbr
              class="derived fact-unverified"
              tabIndex={0}
              title="Nobody checked the company against the vendor's own pages"
            >
              unverified
            </abbr>
          )}
        </p>
      ) : (
        <p class="muted">This vendor id is not in the bundled database; no GDPR details are shown.</p>
      )}
      {v && row.siteHosted && (
        <p class="note site-hosted" role="note">
          Seen here only as {v.name}'s request shape on the site's own or an unlisted host, never on{' '}
          {v.company ?? 'the vendor'}'s servers. {v.name} is software a site can run itself: if this site
          does, the company, transfer and DPF facts below do not describe who receives the data; if it relays{' '}
          {v.company ?? 'the vendor'}'s hosted service, they do. Who processes the data needs review.
        </p>
      )}
      {v && <FactList vendor={v} />}
      <h3>Cookies set here</h3>
      <CookieTable cookies={row.cookies} />
      {row.cookieTotal > row.cookies.length && (
        <p class="small muted more">
          {row.cookieTotal - row.cookies.length} more cookies: {more}.
        </p>
      )}
      <p class="small muted">
        Hosts: <PageText text={row.hosts.join(', ')} />
        {row.hostTotal > row.hosts.length && ` and ${row.hostTotal - row.hosts.length} more`} ·{' '}
        {row.requestCount} request
        {row.requestCount === 1 ? '' : 's'}
      </p>
    </div>
  );
}
