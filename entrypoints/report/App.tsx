import { useCallback, useEffect, useState } from 'preact/hooks';
import { deriveVisit } from '@/lib/evidence/derive';
import type { ImportResult } from '@/lib/export/import';
import type { VisitBundle } from '@/lib/messages';
import type { VisitSummary } from '@/lib/report/summary';
import type { VendorRecord } from '@/lib/vendor-db/types';
import { ImportButton } from '@/components/ImportButton';
import { ReportView } from '@/components/ReportView';
import { RowDetails } from '@/components/row-details';
import { getVisit, send, VISIT_GONE, vendorsOf } from '../shared/api';
import { Compare } from './Compare';
import { exportHandlers } from './exports';
import { History } from './History';

interface Loaded {
  bundle: VisitBundle;
  vendors: VendorRecord[];
  note?: string;
  /** The stored visit the bundle was read from (without its evidence log); absent for an imported file. */
  storedId?: string;
}

type Imported = Extract<ImportResult, { ok: true }>;

type State =
  | { status: 'loading' }
  | {
      status: 'reading';
      head: Omit<VisitBundle['derived'], 'findings'>;
      read: number;
      pages: number;
      summary?: VisitSummary;
    }
  | { status: 'error'; message: string }
  | { status: 'history' }
  | { status: 'compare' }
  | ({ status: 'visit' } & Loaded);

async function loadVisit(
  visitId: string,
  browserOnly: boolean,
  onProgress: (state: State) => void,
): Promise<State> {
  // A large visit comes in several pages: its verdict, consent timeline and vendors show from the first one.
  // The evidence log is left out: exports read the visit again with it (exports.ts).
  const bundle = await getVisit(visitId, { browserOnly, withEntries: false }, (head, read, pages, summary) =>
    onProgress({ status: 'reading', head, read, pages, summary }),
  );
  if (!bundle) return { status: 'error', message: VISIT_GONE };
  return { status: 'visit', bundle, vendors: await vendorsOf(bundle.derived), storedId: visitId };
}

/**
 * An imported export, its evidence filed by the vendor database in use when the export names another one (as a
 * stored visit is), so a corrected category reaches it too; as exported when the background cannot say.
 */
async function importedState(r: Imported, name: string): Promise<State> {
  const { browserOnly } = r.bundle;
  const only = browserOnly
    ? ' Browser-observed evidence only: what our detector or the page reported is left out.'
    : '';
  const note = `Imported from ${name}, generated ${r.doc.generatedAt} by Cookie Inspector ${r.doc.tool.version}.${only}`;
  const asExported: State = { status: 'visit', bundle: r.bundle, vendors: r.vendors, note };
  const { visit } = r.bundle.derived;
  // Asked first, so an export of the database in use (50,000 entries, say) is not sent to the background for nothing.
  const current = await send('getVendorDatabase', {}).catch(() => null);
  if (!current?.database || current.database === visit.classifiedWith) return asExported;
  const filed = await send('fileEvidence', { visit, entries: r.bundle.entries ?? [] }).catch(() => null);
  if (!filed?.entries) return asExported;
  // Derived as the file was (lib/export/import.ts): a browser-observed-only export stays one.
  const derived = { ...deriveVisit(filed.visit, filed.entries, { browserOnly }), refiled: filed.refiled };
  // The current records of the vendors now named; the export's own for any the database no longer has.
  const records = await vendorsOf(derived).catch(() => []);
  const vendors = [...records, ...r.vendors.filter((v) => !records.some((c) => c.id === v.id))];
  return { status: 'visit', bundle: { derived, entries: filed.entries, browserOnly }, vendors, note };
}

/**
 * report.html: `?visit=<id>` shows one visit, `?compare` compares two audits of a site; without either, the stored
 * history and the import of an export.
 */
export function App() {
  const query = new URLSearchParams(location.search);
  const visitId = query.get('visit');
  const [state, setState] = useState<State>(
    visitId ? { status: 'loading' } : query.has('compare') ? { status: 'compare' } : { status: 'history' },
  );
  const [browserOnly, setBrowserOnly] = useState(false);
  // While the evidence is read, an opened vendor row of the summary asks the background for its details.
  const loadRow = useCallback(
    (key: string) => send('getVendorRow', { visitId: visitId ?? '', key, browserOnly }),
    [visitId, browserOnly],
  );
  useEffect(() => {
    if (!visitId) return;
    loadVisit(visitId, browserOnly, setState).then(setState, (e: unknown) =>
      setState({ status: 'error', message: String((e as Error)?.message ?? e) }),
    );
  }, [visitId, browserOnly]);
  useEffect(() => {
    const derived =
      state.status === 'visit' ? state.bundle.derived : state.status === 'reading' ? state.head : null;
    if (!derived) return;
    document.title = `Cookie Inspector: ${derived.visit.site}`;
    // Benchmarks read these marks (npm run bench:scale): the verdict on screen, the vendors, the whole report.
    const mark = (name: string) => performance.getEntriesByName(name).length === 0 && performance.mark(name);
    mark('ci:verdict');
    if (state.status === 'visit' || (state.status === 'reading' && state.summary)) mark('ci:vendors');
    if (state.status === 'visit') mark('ci:first-render');
  }, [state]);

  return (
    <>
      <nav class="row topbar">
        <span class="brand">Cookie Inspector</span>
        <a href="report.html">All audited sites</a>
        <a href="report.html?compare" id="compare-link">
          Compare audits
        </a>
        <span class="spacer" />
        <ImportButton onImported={(r, name) => void importedState(r, name).then(setState)} />
      </nav>
      {state.status === 'loading' && <p class="muted">Loading…</p>}
      {state.status === 'reading' && (
        <RowDetails.Provider value={loadRow}>
          <ReportView
            bundle={{ derived: { ...state.head, findings: [] } }}
            vendors={[]}
            preview={state.summary}
            loading={`Reading the evidence: page ${state.read} of ${state.pages}…`}
          />
        </RowDetails.Provider>
      )}
      {state.status === 'error' && <p class="error">{state.message}</p>}
      {state.status === 'history' && <History />}
      {state.status === 'compare' && <Compare />}
      {state.status === 'visit' && (
        <ReportView
          bundle={state.bundle}
          vendors={state.vendors}
          note={state.note}
          exports={exportHandlers(state.bundle, state.vendors, browserOnly, state.storedId)}
          evidenceSwitch={
            visitId && (
              <label class="row small" id="browser-only">
                <input
                  type="checkbox"
                  checked={browserOnly}
                  onChange={(e) => setBrowserOnly((e.currentTarget as HTMLInputElement).checked)}
                />
                Browser-observed evidence only (leave out what our detector and the page reported)
              </label>
            )
          }
        />
      )}
    </>
  );
}
