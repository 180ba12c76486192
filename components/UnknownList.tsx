import { useContext, useState } from 'preact/hooks';
import { CutShortHint } from './render-mode';
import type { UnknownItem } from '@/lib/report/vendors';
import { PhaseBadge } from './PhaseBadge';
import { PageText } from './PageText';

/** Hosts and cookies no vendor matched, with the classifier's reason; long lists are cut until asked. */
export function UnknownList({
  items,
  limit = 50,
  total = items.length,
}: {
  items: UnknownItem[];
  limit?: number;
  /** How many there are in all, when `items` holds only the first ones (the popup). */
  total?: number;
}) {
  const [all, setAll] = useState(false);
  const more = useContext(CutShortHint);
  if (!items.length) return null;
  const shown = all ? items : items.slice(0, limit);
  return (
    <section id="unknowns" aria-label="Unknown hosts and cookies">
      <h2>
        Unknown hosts and cookies <span class="muted small">{total}</span>
      </h2>
      <ul class="unknowns">
        {shown.map((u) => (
          <li key={u.id}>
            <PageText code text={u.label} max={160} /> <PhaseBadge phase={u.phase} violation={u.violation} />{' '}
            <span class="muted small">
              {u.kind}, {u.thirdParty ? 'third' : 'first'} party
            </span>
            <span class="reason">
              <PageText text={u.reason} />
            </span>
          </li>
        ))}
      </ul>
      {total > items.length && all && (
        <p class="muted small">
          {items.length} of {total} shown here: {more}.
        </p>
      )}
      {shown.length < items.length && (
        <button type="button" class="btn" onClick={() => setAll(true)}>
          Show all {items.length}
        </button>
      )}
    </section>
  );
}
