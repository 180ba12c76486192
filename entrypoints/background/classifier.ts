import { browser } from 'wxt/browser';
import { loadVendorIndex, type VendorIndex } from '@/lib/vendor-db/load';
import { indexClassifier } from '@/lib/classifier';
import { getVendorDetails } from '@/lib/vendor-db/load';
import type { Classifier } from '@/lib/record';
import type { VendorRecord } from '@/lib/vendor-db/types';
import { detailsShard, shardPath } from '@/lib/vendor-db/shard';

/** Reads the packaged compact index (generated at build time) and adapts it to the recorder's Classifier. */
export async function loadClassifier(): Promise<Classifier> {
  const response = await fetch(browser.runtime.getURL('/vendor-index.json' as any));
  const index: VendorIndex = loadVendorIndex(await response.json());
  return indexClassifier(index);
}

/** Shards of the full vendor records (GDPR blocks), each read once per worker when a page asks for it. */
const shards = new Map<number, Promise<unknown>>();

function shard(n: number): Promise<unknown> {
  let p = shards.get(n);
  if (!p) {
    p = fetch(browser.runtime.getURL(`/${shardPath(n)}` as any)).then((r) => r.json());
    shards.set(n, p);
  }
  return p;
}

export async function vendorDetails(ids: string[]): Promise<VendorRecord[]> {
  const byShard = new Map<number, string[]>();
  for (const id of ids) {
    const n = detailsShard(id);
    byShard.set(n, [...(byShard.get(n) ?? []), id]);
  }
  const found = new Map<string, VendorRecord>();
  for (const [n, list] of byShard) for (const r of getVendorDetails(await shard(n), list)) found.set(r.id, r);
  return ids.flatMap((id) => found.get(id) ?? []);
}
