import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { changedItems, databaseItems, readArea, remember, type StorageItem } from '@/lib/storage-snapshot';
import type { StorageSnapshotReport } from '@/lib/messages';
import { whenShown } from './shared/shown';

/** Snapshot schedule after load (ms): often while trackers start, then rarely; plus every trusted click and pagehide. */
const SCHEDULE = [0, 1000, 2000, 3000, 5000, 8000, 12_000, 20_000, 30_000, 60_000];
const LATE_MS = 30_000;
/**
 * How far before the click event its pre-click read is dated: the click's own report is stamped after the event, and
 * Firefox coarsens and jitters Date.now(), performance.now() and the event's time to about a millisecond each, so a
 * 1 ms margin let a key written before the click be dated at or after the click's report (a full `.ci/run` once).
 */
const BEFORE_CLICK_MS = 5;

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
    const send = (items: StorageItem[], at: number, initial: boolean) => {
      if (!items.length) return;
      const args: StorageSnapshotReport = { items, at, ...(initial && { initial }) };
      whenShown(
        () => void browser.runtime.sendMessage({ type: 'storageSnapshot', args }).catch(() => undefined),
      );
    };
    let first = true;
    /**
     * Web storage is read, compared and reported at once, stamped with when it was read (the first call at
     * document_start, before any page script ran: `initial`); IndexedDB's names come when the browser answers.
     */
    const snapshot = async (at: number) => {
      const initial = first;
      first = false;
      const items = [
        ...readArea('localStorage', localStorage),
        ...readArea('sessionStorage', sessionStorage),
      ];
      const changed = changedItems(seen, items);
      remember(seen, changed);
      send(changed, at, initial);
      try {
        const dbs = await (
          indexedDB as IDBFactory & { databases?: () => Promise<{ name?: string }[]> }
        ).databases?.();
        const names = dbs ? changedItems(seen, databaseItems(dbs.map((d) => d.name))) : [];
        remember(seen, names);
        send(names, Date.now(), false);
      } catch {
        // databases() is missing in older browsers or refused in some contexts.
      }
    };
    const read = (at: number) => void snapshot(at).catch(() => undefined);
    const run = () => read(Date.now());
    run();
    const start = () => {
      for (const ms of SCHEDULE) setTimeout(run, ms);
      setInterval(run, LATE_MS);
    };
    if (document.readyState === 'complete') start();
    else window.addEventListener('load', start, { once: true });
    // A click often triggers consent-gated writes: look shortly after it. What changed before the click is read in
    // the capture phase, before the page's own handlers, and dated just before it: only later writes count as the
    // click's (a record written in the seconds after a banner click: entrypoints/background/answered.ts). On the
    // window, registered before any page script: the page cannot stop the click before we see it.
    window.addEventListener(
      'click',
      (e) => {
        if (!e.isTrusted) return;
        // Dated from the event itself: the click's report is stamped after the other content script's listener
        // (which may run first) classified it, later than this by more than a margin on a loaded machine.
        read(Date.now() - Math.max(0, performance.now() - e.timeStamp) - BEFORE_CLICK_MS);
        setTimeout(run, 300);
      },
      true,
    );
    window.addEventListener('pagehide', run);
  },
});
