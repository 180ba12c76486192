import { useCallback, useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { VisitSummary } from '@/lib/report/summary';
import { AuditPanel } from '@/components/AuditPanel';
import { PopupView } from '@/components/PopupView';
import { RowDetails } from '@/components/row-details';
import { send } from '../shared/api';
import { askTab, targetTab } from './first-question';

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'none'; tabId: number | null }
  | { status: 'ready'; tabId: number; summary: VisitSummary };

async function load(asking = askTab(browser)): Promise<State> {
  const { tabId, summary } = await asking;
  if (tabId === null) return { status: 'none', tabId };
  return summary ? { status: 'ready', tabId, summary } : { status: 'none', tabId };
}

/**
 * The first question went out from the page's head (popup-question.js) before this module loaded; asked here only
 * if that script did not run. Not from an effect (Preact runs effects after the next frame): the answer is the
 * popup's time to verdict.
 */
const firstLoad = load(globalThis.__cookieInspectorFirstQuestion ?? askTab(browser));
// Handled where the popup renders it; this keeps an early failure from being reported as unhandled.
firstLoad.catch(() => undefined);

/** At most this often a live update re-asks the background (a busy page flushes every second). */
const THROTTLE_MS = 500;

/** `browsingData` is optional: asked for on the first audit, from the click that starts it. */
const askAuditPermission = () => browser.permissions.request({ permissions: ['browsingData'] });

export function App() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const visitId = state.status === 'ready' ? state.summary.visit.id : null;
  // One loader per visit: an open row asks again only when a live update changes it, not on every refresh.
  const loadRow = useCallback(
    (key: string) => send('getVendorRow', { visitId: visitId ?? '', key }),
    [visitId],
  );
  // A layout effect runs right after the first render; a plain effect would wait a frame before taking the answer.
  useLayoutEffect(() => {
    let alive = true;
    const refresh = (loading = load()) =>
      loading
        .then((s) => {
          // Paired with ci:first-render: the difference is the render cost alone.
          if (s.status === 'ready' && performance.getEntriesByName('ci:data').length === 0)
            performance.mark('ci:data');
          if (alive) setState(s);
        })
        .catch(
          (e: unknown) => alive && setState({ status: 'error', message: String((e as Error)?.message ?? e) }),
        );
    // "Loading…" is rendered first even when the answer is already in: that first frame's own start-up runs
    // beside the question (rendering the verdict as the first frame measured 10-20 ms slower).
    const first = refresh(firstLoad);
    // Trackers keep firing while the popup is open: the background says when the tab's visit changed.
    let port: ReturnType<typeof browser.runtime.connect> | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    void targetTab(browser).then((tabId) => {
      if (!alive || tabId === null) return;
      port = browser.runtime.connect({ name: 'live' });
      port.postMessage({ tabId });
      // A first answer from a saved or stale summary may have been re-derived before the port was heard: ask
      // once more now that later changes will be told, after the first answer (not competing with it).
      void first.then(() => alive && refresh());
      port.onMessage.addListener(() => {
        if (timer === undefined) timer = setTimeout(() => ((timer = undefined), void refresh()), THROTTLE_MS);
      });
    });
    return () => {
      alive = false;
      clearTimeout(timer);
      port?.disconnect();
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
      <AuditPanel
        tabId={state.tabId}
        send={send}
        beforeStart={askAuditPermission}
        // The exports' renderers load on first use: the popup opens without parsing them.
        onSiteExport={(kind, site) =>
          void import('./site-exports').then((m) => m.exportSiteAudit(kind, site))
        }
      />
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
  const { summary } = state;
  const openReport = () =>
    void browser.tabs.create({
      url: browser.runtime.getURL(`/report.html?visit=${encodeURIComponent(summary.visit.id)}` as any),
    });
  return (
    <main class="popup">
      {audit}
      <RowDetails.Provider value={loadRow}>
        <PopupView summary={summary} onOpenReport={openReport} />
      </RowDetails.Provider>
    </main>
  );
}
