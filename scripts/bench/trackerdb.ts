// @ghostery/trackerdb as the benchmark anchor only (CC-BY-NC-SA data: it must never ship in the extension).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../node-vendor-db';

export interface TrackerDb {
  /** First load (deserialize) time in ms. */
  loadMs: number;
  /** Organization key of the first match, or null: what trackerdb would attribute. */
  match(url: string, pageUrl: string): string | null;
}

/** Loads the packaged engine the way the README shows, with getDomainMetadata: true on every match. */
export async function loadTrackerDb(): Promise<TrackerDb> {
  // The package exports no file paths, so read the engine from node_modules as its README does.
  const bytes = readFileSync(
    join(ROOT, 'node_modules', '@ghostery', 'trackerdb', 'dist', 'trackerdb.engine'),
  );
  const { default: loadTrackerDB } = await import('@ghostery/trackerdb');
  const t0 = performance.now();
  const db = await loadTrackerDB(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const loadMs = performance.now() - t0;
  return {
    loadMs,
    match(url, pageUrl) {
      const found = db.matchUrl({ url, type: 'script', sourceUrl: pageUrl }, { getDomainMetadata: true });
      return found[0]?.organization?.key ?? null;
    },
  };
}
