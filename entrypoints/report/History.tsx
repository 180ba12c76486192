import { useEffect, useState } from 'preact/hooks';
import type { PageVisit } from '@/lib/findings';
import type { SiteSummary } from '@/lib/messages';
import { SiteHistory } from '@/components/SiteHistory';
import { send } from '../shared/api';

/** The stored sites and their visits, with deletion; talks to the background. */
export function History() {
  const [sites, setSites] = useState<SiteSummary[] | null>(null);
  const [open, setOpen] = useState<{ site: string; visits: PageVisit[] | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = (e: unknown) => setError(String((e as Error)?.message ?? e));
  const reload = () => send('listSites', {}).then(setSites, fail);
  useEffect(() => void reload(), []);

  const toggle = (site: string) => {
    if (open?.site === site) return setOpen(null);
    setOpen({ site, visits: null });
    send('listVisits', { site }).then(
      (visits) =>
        setOpen((cur) =>
          cur?.site === site ? { site, visits: [...visits].sort((a, b) => b.startedAt - a.startedAt) } : cur,
        ),
      fail,
    );
  };
  const remove = (p: Promise<unknown>) =>
    p.then(() => {
      setOpen(null);
      return reload();
    }, fail);

  if (error) return <p class="error">Could not load the history: {error}</p>;
  if (!sites) return <p class="muted">Loading…</p>;
  return (
    <SiteHistory
      sites={sites}
      open={open}
      onToggleSite={toggle}
      visitHref={(id) => `?visit=${encodeURIComponent(id)}`}
      onDeleteSite={(site) => void remove(send('deleteSite', { site }))}
      onDeleteAll={() => void remove(send('deleteAll', {}))}
    />
  );
}
