import { useEffect, useState } from 'preact/hooks';
import { compareAudits, visitSiteReport } from '@/lib/audit/compare-file';
import type { SiteReport } from '@/lib/audit/site-report';
import type { PageVisit } from '@/lib/findings';
import type { SiteSummary } from '@/lib/messages';
import { formatDateTime } from '@/lib/report/format';
import { CompareSide } from '@/components/report/CompareSide';
import { CompareView } from '@/components/report/CompareView';
import { compareFileStem, renderCompareHtml } from '@/components/export/compare-html';
import { getVisit, send, toolVersion, VISIT_GONE } from '../shared/api';
import { downloadText } from '../shared/download';

type Side = { report: SiteReport; name: string } | null;

/** A stored visit (the one a one-click audit recorded, say), derived by the background, as one side. */
async function storedSide(visit: PageVisit): Promise<NonNullable<Side>> {
  const bundle = await getVisit(visit.id, { withEntries: false });
  if (!bundle) throw new Error(VISIT_GONE);
  return {
    report: visitSiteReport(bundle.derived),
    name: `stored visit of ${formatDateTime(visit.startedAt)}`,
  };
}

/** `report.html?compare`: two audits of one site (files, or stored visits), what changed, and its exports. */
export function Compare() {
  const [a, setA] = useState<Side>(null);
  const [b, setB] = useState<Side>(null);
  const [sites, setSites] = useState<SiteSummary[]>([]);
  const [site, setSite] = useState('');
  const [visits, setVisits] = useState<PageVisit[] | null>(null);
  useEffect(() => {
    // Without stored visits the files still work; the history page reports a storage error itself.
    send('listSites', {}).then(setSites, () => setSites([]));
  }, []);
  useEffect(() => {
    setVisits(null);
    if (!site) return;
    send('listVisits', { site }).then(
      (v) => setVisits([...v].sort((x, y) => y.startedAt - x.startedAt)),
      () => setVisits([]),
    );
  }, [site]);
  const result = a && b ? compareAudits(a.report, b.report) : null;
  // The view names each side's source; the earlier audit is the old side whichever slot it was picked in.
  const sources =
    a && b
      ? a.report.auditedAt <= b.report.auditedAt
        ? { old: a.name, new: b.name }
        : { old: b.name, new: a.name }
      : undefined;
  return (
    <section id="compare" aria-label="Compare two audits">
      <h2>Compare two audits of a site</h2>
      <p class="muted small">
        Open two audits of the same site: files written by <code>cli audit</code> (
        <code>&lt;site&gt;.json</code>), site audits the popup saved as JSON, visits exported from this page
        as JSON, or visits stored in this browser (the visit a one-click audit recorded, for example). The
        earlier one is compared with the later one, whichever order you pick them in. Files are read in this
        page only.
      </p>
      {sites.length > 0 && (
        <label class="row small">
          Stored visits of
          <select id="compare-site" value={site} onChange={(e) => setSite(e.currentTarget.value)}>
            <option value="">choose a site…</option>
            {sites.map((s) => (
              <option key={s.site} value={s.site}>
                {s.site} ({s.visits})
              </option>
            ))}
          </select>
        </label>
      )}
      <CompareSide
        id="compare-a"
        label="First audit…"
        loaded={a}
        onLoaded={(report, name) => setA({ report, name })}
        visits={visits}
        onVisit={async (v) => setA(await storedSide(v))}
      />
      <CompareSide
        id="compare-b"
        label="Second audit…"
        loaded={b}
        onLoaded={(report, name) => setB({ report, name })}
        visits={visits}
        onVisit={async (v) => setB(await storedSide(v))}
      />
      {result && !result.ok && (
        <p class="error" role="alert" id="compare-error">
          {result.error}
        </p>
      )}
      {result?.ok && (
        <>
          <div class="row export" role="group" aria-label="Export">
            <span class="muted small">Export:</span>
            <button
              type="button"
              class="btn"
              id="compare-export-html"
              onClick={() =>
                downloadText(
                  `${compareFileStem(result.comparison)}.html`,
                  'text/html;charset=utf-8',
                  renderCompareHtml(
                    result.comparison,
                    { toolVersion: toolVersion(), generatedAt: Date.now() },
                    sources,
                  ),
                )
              }
            >
              HTML
            </button>
            <button
              type="button"
              class="btn"
              id="compare-export-json"
              onClick={() =>
                downloadText(
                  `${compareFileStem(result.comparison)}.json`,
                  'application/json',
                  `${JSON.stringify(result.comparison, null, 2)}\n`,
                )
              }
            >
              JSON (as cli audit --compare)
            </button>
          </div>
          <CompareView comparison={result.comparison} sources={sources} />
        </>
      )}
    </section>
  );
}
