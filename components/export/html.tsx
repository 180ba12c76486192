/**
 * The self-contained HTML report of one visit, rendered from the report page's own Preact components with
 * preact-render-to-string. Used by the report page's export button and by `cli har --format html` (Node).
 */
import { renderToString } from 'preact-render-to-string';
import type { ExportInput, ExportMeta } from '@/lib/export/json';
import { showInvisible } from '@/lib/report/format';
import type { VendorRecord } from '@/lib/vendor-db/types';
import { StaticRender } from '../render-mode';
import { ReportDocument } from './ReportDocument';

/** Renders the full report as one HTML document string (text escaped by the renderer; no script). */
export function renderHtmlReport(input: ExportInput, vendors: VendorRecord[], meta: ExportMeta): string {
  const html = renderToString(
    <StaticRender.Provider value={true}>
      <ReportDocument input={input} vendors={vendors} meta={meta} />
    </StaticRender.Provider>,
  );
  // Page data is shown through PageText already; this also reveals any bidi override or invisible character that
  // reached the document another way (the markup has none of these characters, so only text changes).
  return `<!doctype html>\n${showInvisible(html)}\n`;
}
