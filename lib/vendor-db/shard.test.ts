import { expect, it } from 'vitest';
import { DETAILS_SHARDS, detailsShard, shardPath, splitDetails } from './shard';
import { getVendorDetails } from './load';
import { DETAILS_FORMAT } from './compiled-types';

it('puts every vendor in exactly the shard detailsShard names, spread over the shards', () => {
  const vendors = Object.fromEntries(
    Array.from({ length: 500 }, (_, i) => [`v${i}`, { id: `v${i}`, name: `V${i}` }]),
  ) as any;
  const shards = splitDetails({ format: DETAILS_FORMAT, version: 1, sourceHash: 'x', vendors });
  expect(shards.size).toBe(DETAILS_SHARDS);
  let total = 0;
  for (const [n, file] of shards) {
    for (const id of Object.keys(file.vendors)) expect(detailsShard(id)).toBe(n);
    total += Object.keys(file.vendors).length;
  }
  expect(total).toBe(500);
  expect([...shards.values()].filter((f) => Object.keys(f.vendors).length > 0).length).toBeGreaterThan(40);
  expect(getVendorDetails(shards.get(detailsShard('v7'))!, ['v7'])).toEqual([vendors.v7]);
  expect(shardPath(3)).toBe('vendor-details/03.json');
});
