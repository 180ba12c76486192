import type { VisitBundle } from '@/lib/messages';
import type { VendorRecord } from '@/lib/vendor-db/types';
import { findingsCsv } from '@/lib/export/csv';
import { exportFileStem, exportJson, type ExportMeta } from '@/lib/export/json';
import type { ExportBarProps } from '@/components/ExportBar';
import { renderHtmlReport } from '@/components/export/html';
import { loadAttribution, toolVersion } from '../shared/api';
import { downloadText } from '../shared/download';

async function meta(): Promise<ExportMeta> {
  return { toolVersion: toolVersion(), generatedAt: Date.now(), attribution: await loadAttribution() };
}

/** Download handlers for one bundle; each builds its file from the pure lib/export functions. */
export function exportHandlers(
  bundle: VisitBundle,
  vendors: VendorRecord[],
  browserOnly = false,
): ExportBarProps {
  const input = { derived: bundle.derived, entries: bundle.entries ?? [], browserOnly };
  const { visit, findings } = bundle.derived;
  const stem = exportFileStem(visit);
  return {
    onJson: async () =>
      downloadText(`${stem}.json`, 'application/json', exportJson(input, vendors, await meta())),
    onCsv: () => downloadText(`${stem}.csv`, 'text/csv;charset=utf-8', findingsCsv(visit, findings, vendors)),
    onHtml: async () =>
      downloadText(`${stem}.html`, 'text/html;charset=utf-8', renderHtmlReport(input, vendors, await meta())),
  };
}
