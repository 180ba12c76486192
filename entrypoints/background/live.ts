import { browser } from 'wxt/browser';
import { onRederived, readDerived } from './derived';
import { getTab } from './session';
import { onFlushed } from './writer';

/** Port name extension pages use to hear that a tab's visit changed. */
export const LIVE_PORT = 'live';

/**
 * Live updates without polling: the popup connects a port and names its tab; after each batch that touched
 * that tab's current visit the port is told, and the popup asks again. Never forces the writer to flush.
 */
export function registerLive(): void {
  const ports = new Map<number, Set<{ postMessage(m: unknown): void }>>();
  const extensionRoot = browser.runtime.getURL('/' as any);
  browser.runtime.onConnect.addListener((port) => {
    // Only our own extension pages; content scripts only report.
    if (port.name !== LIVE_PORT || !port.sender?.url?.startsWith(extensionRoot)) return port.disconnect();
    let tabId: number | null = null;
    port.onMessage.addListener((m: unknown) => {
      const id = Number((m as { tabId?: unknown } | null)?.tabId);
      if (!Number.isSafeInteger(id) || tabId !== null) return;
      tabId = id;
      ports.set(id, (ports.get(id) ?? new Set()).add(port));
      // A derivation that finished before this port was heard told nobody: the popup may hold the one before it,
      // on a page gone quiet since. Tell this port once the tab's visit is derived as it stands now.
      const current = getTab(id).current?.visit.id;
      if (current)
        readDerived(current, { fresh: false }).then(
          () => {
            try {
              port.postMessage({ changed: current });
            } catch {
              // The popup closed meanwhile.
            }
          },
          () => undefined,
        );
    });
    port.onDisconnect.addListener(() => {
      if (tabId !== null) ports.get(tabId)?.delete(port);
    });
  });
  const tell = (visitIds: Set<string>) => {
    for (const [tabId, set] of ports) {
      const current = getTab(tabId).current?.visit.id;
      if (current && visitIds.has(current)) for (const p of set) p.postMessage({ changed: current });
    }
  };
  onFlushed(tell);
  // A popup answered with the previous derivation asks again once the newer one is ready.
  onRederived((visitId) => tell(new Set([visitId])));
}
