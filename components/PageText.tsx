import { displayText } from '@/lib/report/format';

/**
 * Text that came from a web page (host, cookie name, URL). Rendered as text in a bidi-isolated element, with
 * invisible characters revealed; long values are cut on screen and kept whole in the tooltip and exports.
 */
export function PageText({ text, max = 300, code = false }: { text: string; max?: number; code?: boolean }) {
  const shown = displayText(text, max);
  const title = shown.length < text.length ? text.slice(0, 4000) : undefined;
  return code ? (
    <code class="page-text" title={title}>
      {shown}
    </code>
  ) : (
    <bdi class="page-text" title={title}>
      {shown}
    </bdi>
  );
}
