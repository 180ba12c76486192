import type { VisitBundle } from '@/lib/messages';
import type { VendorRecord } from '@/lib/vendor-db/types';
import { findingsCsv } from '@/lib/export/csv';
import { exportFileStem, exportJson, type ExportInput, type ExportMeta } from '@/lib/export/json';
import type { ExportBarProps } from '@/components/ExportBar';
import { renderHtmlReport } from '@/components/export/html';
import { getVisit, loadAttribution, toolVersion, VISIT_GONE, vendorsOf } from '../shared/api';
import { downloadText } from '../shared/download';

async function meta(): Promise<ExportMeta> {
  return { toolVersion: toolVersion(), generatedAt: Date.now(), attribution: await loadAttribution() };
}

/** A bundle with its evidence log, and the vendor records its parties name. */
interface Whole {
  input: ExportInput;
  vendors: VendorRecord[];
}

/**
 * The stored visit read again with its evidence log, derived from that same evidence (so the export holds what
 * is stored when it is made, a visit still open included), with the vendor records of its parties.
 */
async function readWhole(visitId: string, browserOnly: boolean): Promise<Whole> {
  const bundle = await getVisit(visitId, { browserOnly });
  if (!bundle) throw new Error(VISIT_GONE);
  return {
    input: { derived: bundle.derived, entries: bundle.entries ?? [], browserOnly },
    vendors: await vendorsOf(bundle.derived),
  };
}

/**
 * Download handlers for one bundle; each builds its file from the pure lib/export functions. The JSON and HTML
 * files need the evidence log: a bundle read from a stored visit without it (`storedId`) is read again with it;
 * an imported one carries its own.
 */
export function exportHandlers(
  bundle: VisitBundle,
  vendors: VendorRecord[],
  browserOnly = false,
  storedId?: string,
): ExportBarProps {
  // An imported browser-observed-only export is exported again as one (its bundle says so; the switch is off).
  const only = browserOnly || bundle.browserOnly === true;
  const whole = async (): Promise<Whole> =>
    storedId
      ? readWhole(storedId, browserOnly)
      : { input: { derived: bundle.derived, entries: bundle.entries ?? [], browserOnly: only }, vendors };
  const { visit, findings } = bundle.derived;
  const stem = exportFileStem(visit);
  return {
    onJson: async () => {
      const w = await whole();
      downloadText(`${stem}.json`, 'application/json', exportJson(w.input, w.vendors, await meta()));
    },
    onCsv: async () =>
      downloadText(`${stem}.csv`, 'text/csv;charset=utf-8', findingsCsv(visit, findings, vendors)),
    onHtml: async () => {
      const w = await whole();
      downloadText(
        `${stem}.html`,
        'text/html;charset=utf-8',
        renderHtmlReport(w.input, w.vendors, await meta()),
      );
    },
  };
}
