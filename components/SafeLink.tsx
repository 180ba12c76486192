import { safeHttpsUrl } from '@/lib/report/facts';

/** A link only for https: URLs (new tab, no referrer); anything else is shown as plain text. */
export function SafeLink({ href, children }: { href: string | null | undefined; children?: string }) {
  const safe = safeHttpsUrl(href);
  const text = children ?? href ?? '';
  if (!safe) return <span>{text}</span>;
  return (
    <a href={safe} target="_blank" rel="noreferrer noopener">
      {text}
    </a>
  );
}
