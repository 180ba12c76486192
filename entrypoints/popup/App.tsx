import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { VisitBundle } from '@/lib/messages';
import type { VendorRecord } from '@/lib/vendor-db/types';
import { AuditPanel } from '@/components/AuditPanel';
import { PopupView } from '@/components/PopupView';
import { send } from '../shared/api';

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'none'; tabId: number | null }
  | { status: 'ready'; tabId: number; bundle: VisitBundle; vendors: VendorRecord[] };

/** `?tabId=` first (tests and the report open the popup as a tab), else the active tab. */
async function targetTab(): Promise<number | null> {
  const param = new URLSearchParams(location.search).get('tabId');
  if (param !== null) {
    const id = Number(param);
    if (!Number.isSafeInteger(id) || id < 0)
      throw new Error(`Invalid tabId parameter: ${param.slice(0, 40)}`);
    return id;
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

async function load(): Promise<State> {
  const tabId = await targetTab();
  if (tabId === null) return { status: 'none', tabId };
  const bundle = await send('getTabVisit', { tabId });
  if (!bundle) return { status: 'none', tabId };
  const ids = [...new Set(bundle.derived.parties.flatMap((p) => (p.vendorId ? [p.vendorId] : [])))];
  const vendors = ids.length ? await send('getVendors', { ids }) : [];
  return { status: 'ready', tabId, bundle, vendors };
}

const REFRESH_MS = 2000;

/** `browsingData` is optional: asked for on the first audit, from the click that starts it. */
const askAuditPermission = () => browser.permissions.request({ permissions: ['browsingData'] });

export function App() {
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    let alive = true;
    const refresh = () =>
      load()
        .then((s) => {
          // Paired with ci:first-render: the difference is the render cost alone.
          if (s.status === 'ready' && performance.getEntriesByName('ci:data').length === 0)
            performance.mark('ci:data');
          if (alive) setState(s);
        })
        .catch(
          (e: unknown) => alive && setState({ status: 'error', message: String((e as Error)?.message ?? e) }),
        );
    void refresh();
    // Trackers keep firing while the popup is open; a light poll keeps the verdict current.
    const timer = setInterval(() => document.visibilityState === 'visible' && void refresh(), REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);
  useEffect(() => {
    // Benchmarks read this mark; it costs nothing when nobody looks.
    if (state.status === 'ready' && performance.getEntriesByName('ci:first-render').length === 0) {
      performance.mark('ci:first-render');
    }
  }, [state]);

  if (state.status === 'loading') return <p class="state muted">Loading…</p>;
  if (state.status === 'error') return <p class="state error">Could not load this tab: {state.message}</p>;
  // Same element position in both states, so a running audit keeps its state when the first finding arrives.
  const audit =
    state.tabId !== null ? (
      <AuditPanel tabId={state.tabId} send={send} beforeStart={askAuditPermission} />
    ) : null;
  if (state.status === 'none') {
    return (
      <main class="popup">
        {audit}
        <p class="state muted">
          Nothing recorded for this tab yet. Load or reload a web page, then open this again.
        </p>
      </main>
    );
  }
  const { bundle, vendors } = state;
  const openReport = () =>
    void browser.tabs.create({
      url: browser.runtime.getURL(`/report.html?visit=${encodeURIComponent(bundle.derived.visit.id)}` as any),
    });
  return (
    <main class="popup">
      {audit}
      <PopupView bundle={bundle} vendors={vendors} onOpenReport={openReport} />
    </main>
  );
}
