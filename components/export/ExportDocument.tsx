import type { ComponentChildren } from 'preact';
import { EXPORT_CSS } from './style';

/**
 * The frame of every exported HTML document: inline CSS and a CSP that allows no script and no remote load. The
 * only inlined markup is EXPORT_CSS, a constant of ours; page data reaches the document as escaped text only.
 */
export function ExportDocument({
  title,
  dataImages = false,
  children,
}: {
  title: string;
  /** Allow `data:` images (the visit report's inline badges). */
  dataImages?: boolean;
  children: ComponentChildren;
}) {
  const csp = `default-src 'none'; style-src 'unsafe-inline'${dataImages ? '; img-src data:' : ''}`;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta http-equiv="Content-Security-Policy" content={csp} />
        <title>{title}</title>
        <style dangerouslySetInnerHTML={{ __html: EXPORT_CSS }} />
      </head>
      <body>
        <article class="report" id="report">
          {children}
        </article>
      </body>
    </html>
  );
}
