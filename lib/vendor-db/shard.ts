import { hashString } from '../hash';
import type { VendorDetailsFile } from './compiled-types';

/**
 * The extension ships vendor details split into shards, so showing a few vendors reads ~1/64 of the 5 MB of
 * details instead of all of it. Node tools keep using the single vendor-details.json.
 */
export const DETAILS_SHARDS = 64;

export function detailsShard(vendorId: string): number {
  return parseInt(hashString(vendorId).slice(-6), 16) % DETAILS_SHARDS;
}

/** Path of a shard inside the extension (and inside public/). */
export function shardPath(shard: number): string {
  return `vendor-details/${String(shard).padStart(2, '0')}.json`;
}

/** Splits a details file into per-shard details files of the same format. */
export function splitDetails(file: VendorDetailsFile): Map<number, VendorDetailsFile> {
  const shards = new Map<number, VendorDetailsFile>();
  for (let n = 0; n < DETAILS_SHARDS; n++) shards.set(n, { ...file, vendors: {} });
  for (const [id, record] of Object.entries(file.vendors)) shards.get(detailsShard(id))!.vendors[id] = record;
  return shards;
}
