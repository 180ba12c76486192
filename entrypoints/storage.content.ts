import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { changedItems, databaseItems, readArea, remember, type StorageItem } from '@/lib/storage-snapshot';
import type { StorageSnapshotReport } from '@/lib/messages';

/** Snapshot schedule after load (ms): often while trackers start, then rarely; plus every trusted click and pagehide. */
const SCHEDULE = [0, 1000, 2000, 3000, 5000, 8000, 12_000, 20_000, 30_000, 60_000];
const LATE_MS = 30_000;

/**
 * Isolated world, top frame: web storage as device-access evidence. Reads localStorage / sessionStorage keys and
 * IndexedDB database names at document_start, on a schedule after load, after each trusted click and before
 * unload, and reports what is new or changed (names, lengths and hashes; values stay in the page).
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  main() {
    if (window.top !== window) return;
    const seen = new Map<string, string>();
    const send = (items: StorageItem[], initial: boolean) => {
      if (!items.length) return;
      const args: StorageSnapshotReport = { items, at: Date.now(), ...(initial && { initial }) };
      browser.runtime.sendMessage({ type: 'storageSnapshot', args }).catch(() => undefined);
    };
    let first = true;
    const snapshot = async () => {
      // The first call reads the areas synchronously at document_start, before any page script ran.
      const initial = first;
      first = false;
      const items = [
        ...readArea('localStorage', localStorage),
        ...readArea('sessionStorage', sessionStorage),
      ];
      try {
        const dbs = await (
          indexedDB as IDBFactory & { databases?: () => Promise<{ name?: string }[]> }
        ).databases?.();
        if (dbs) items.push(...databaseItems(dbs.map((d) => d.name)));
      } catch {
        // databases() is missing in older browsers or refused in some contexts.
      }
      const changed = changedItems(seen, items);
      remember(seen, changed);
      send(changed, initial);
    };
    const run = () => void snapshot().catch(() => undefined);
    run();
    const start = () => {
      for (const ms of SCHEDULE) setTimeout(run, ms);
      setInterval(run, LATE_MS);
    };
    if (document.readyState === 'complete') start();
    else window.addEventListener('load', start, { once: true });
    // A click often triggers consent-gated writes: look shortly after it.
    document.addEventListener('click', (e) => e.isTrusted && setTimeout(run, 300), true);
    window.addEventListener('pagehide', run);
  },
});
