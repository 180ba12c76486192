/**
 * The comparison of two audits as one self-contained HTML document: the report page's CompareView rendered with
 * preact-render-to-string, inline CSS, a CSP that allows no script and no remote load.
 */
import { renderToString } from 'preact-render-to-string';
import type { SiteComparison } from '@/lib/audit/compare';
import { formatIso, showInvisible } from '@/lib/report/format';
import { StaticRender } from '../render-mode';
import { CompareView, type CompareViewProps } from '../report/CompareView';
import { ExportDocument } from './ExportDocument';

export interface CompareMeta {
  toolVersion: string;
  generatedAt: number;
}

function CompareDocument({ comparison, sources, meta }: CompareViewProps & { meta: CompareMeta }) {
  return (
    <ExportDocument title={`Cookie Inspector: what changed on ${comparison.site}`}>
      <CompareView comparison={comparison} sources={sources} />
      <p class="meta small">
        Generated {formatIso(meta.generatedAt)} by Cookie Inspector {meta.toolVersion}.
      </p>
    </ExportDocument>
  );
}

/** Renders the comparison as one HTML document string (text escaped by the renderer; no script). */
export function renderCompareHtml(
  comparison: SiteComparison,
  meta: CompareMeta,
  sources?: CompareViewProps['sources'],
): string {
  const html = renderToString(
    <StaticRender.Provider value={true}>
      <CompareDocument comparison={comparison} sources={sources} meta={meta} />
    </StaticRender.Provider>,
  );
  // As in the visit report: reveal any invisible or direction-changing character that reached the document.
  return `<!doctype html>\n${showInvisible(html)}\n`;
}

/** A file name for the comparison's exports: `cookie-inspector_<site>_compare_<later audit date>`. */
export function compareFileStem(c: SiteComparison): string {
  const safe = c.site.replace(/[^a-z0-9.-]+/gi, '_').slice(0, 100);
  return `cookie-inspector_${safe}_compare_${formatIso(c.new.auditedAt).slice(0, 10)}`;
}
