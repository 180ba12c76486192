import { useContext } from 'preact/hooks';
import { displayText, showInvisible } from '@/lib/report/format';
import { StaticRender } from './render-mode';

/**
 * Text that came from a web page (host, cookie name, URL). Rendered as text in a bidi-isolated element, with
 * invisible characters revealed; long values are cut on screen and kept whole in the tooltip and exports (the
 * exported HTML shows them whole).
 */
export function PageText({ text, max = 300, code = false }: { text: string; max?: number; code?: boolean }) {
  const shown = useContext(StaticRender) ? showInvisible(text) : displayText(text, max);
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
