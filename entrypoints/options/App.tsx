import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '@/lib/messages';
import { Credits } from '@/components/Credits';
import { OptionsForm } from '@/components/OptionsForm';
import { StorageUse } from '@/components/StorageUse';
import { loadAttribution, send } from '../shared/api';

/** Options: settings (saved through the background) and the bundled data's attribution and licences. */
export function App() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attribution, setAttribution] = useState<string | null | undefined>(undefined);
  const [usage, setUsage] = useState<{ bytes: number | null; visits: number | null }>({
    bytes: null,
    visits: null,
  });
  const fail = (e: unknown) => setError(String((e as Error)?.message ?? e));
  useEffect(() => {
    send('getSettings', {}).then(setSettings, fail);
    loadAttribution().then(setAttribution, () => setAttribution(null));
    // The browser's own figure for this extension's origin; visits from the site history.
    void Promise.all([
      navigator.storage?.estimate?.().catch(() => null),
      send('listSites', {}).catch(() => null),
    ]).then(([estimate, sites]) =>
      setUsage({
        bytes: estimate?.usage ?? null,
        visits: sites ? sites.reduce((n, s) => n + s.visits, 0) : null,
      }),
    );
  }, []);
  const change = (patch: Partial<Settings>) => {
    setSaved(false);
    send('setSettings', patch).then((s) => {
      setSettings(s);
      setSaved(true);
    }, fail);
  };
  return (
    <main>
      <h1>Cookie Inspector options</h1>
      {error && <p class="error">Could not save or load settings: {error}</p>}
      {settings ? (
        <OptionsForm settings={settings} onChange={change} saved={saved} />
      ) : (
        <p class="muted">Loading…</p>
      )}
      <h2>Storage</h2>
      <StorageUse usage={usage.bytes} visits={usage.visits} />
      <Credits />
      <h3>Full licence texts</h3>
      {attribution === undefined && <p class="muted">Loading…</p>}
      {attribution === null && (
        <p class="muted">ATTRIBUTION.txt is missing from this build (run the vendor-DB build).</p>
      )}
      {attribution && <pre id="attribution">{attribution}</pre>}
    </main>
  );
}
