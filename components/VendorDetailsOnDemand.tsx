import { useContext, useEffect, useState } from 'preact/hooks';
import type { VendorRow, VendorRowHead } from '@/lib/report/vendor-row';
import { RowDetails } from './row-details';
import { VendorDetails } from './VendorDetails';
import { CutShortHint } from './render-mode';

type Loaded =
  | { status: 'loading' }
  | { status: 'ready'; row: VendorRow }
  | { status: 'missing' | 'error'; message: string };

/** What a live update can change in a row: when it does, the open row asks for its details again. */
const versionOf = (h: VendorRowHead) =>
  `${h.cookieTotal}/${h.hostTotal}/${h.requestCount}/${h.phases.join()}/${h.violationPhases.join()}/${h.category}`;

/**
 * The details of a row that came without them (a summary's row): asked for when the row is opened, and again when
 * a live update changes the row (the details shown stay until the new ones arrive).
 */
export function VendorDetailsOnDemand({ head }: { head: VendorRowHead }) {
  const load = useContext(RowDetails);
  const more = useContext(CutShortHint);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const version = versionOf(head);
  useEffect(() => {
    if (!load) return setLoaded({ status: 'missing', message: `Details: ${more}.` });
    let alive = true;
    load(head.key).then(
      (row) =>
        alive &&
        setLoaded(
          row
            ? { status: 'ready', row }
            : { status: 'missing', message: `This vendor's details are no longer recorded here: ${more}.` },
        ),
      (e: unknown) =>
        alive &&
        setLoaded({
          status: 'error',
          message: `Could not load the details: ${String((e as Error)?.message ?? e)}`,
        }),
    );
    return () => {
      alive = false;
    };
  }, [load, head.key, version, more]);
  if (loaded.status === 'ready') return <VendorDetails row={loaded.row} />;
  if (loaded.status === 'loading') return <p class="muted small details-loading">Loading details…</p>;
  return <p class={`small ${loaded.status === 'error' ? 'error' : 'muted'}`}>{loaded.message}</p>;
}
