import { DATA_CREDITS } from '@/lib/vendor-db/credits';
import { SafeLink } from './SafeLink';

/** Who made the bundled data and under which licence (CC BY 4.0 and the others ask for this notice). */
export function Credits() {
  return (
    <section class="credits" aria-labelledby="credits-title">
      <h2 id="credits-title">Data and licences</h2>
      <p class="muted small">
        The vendor database is built from these datasets and bundled with the extension; nothing is downloaded
        at run time. Records were converted and merged, and categories were re-mapped to consent purposes.
      </p>
      <ul>
        {DATA_CREDITS.map((c) => (
          <li key={c.dir} data-credit={c.dir}>
            <SafeLink href={c.url}>{c.name}</SafeLink> by {c.by} —{' '}
            <SafeLink href={c.licenceUrl}>{c.licence}</SafeLink> <span class="muted small">({c.use})</span>
            {c.attribution && <div class="small">Attribution: {c.attribution}</div>}
          </li>
        ))}
      </ul>
    </section>
  );
}
