// Binds the pure HAR audit to the real vendor DB and consent parsers (Node side only).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signalFromCookie, signalFromRequestUrl, mergeSpread } from '../../lib/consent/signals';
import type { Classifier } from '../../lib/record';
import type { SignalParsers } from '../../lib/har/collect';
import { getVendorDetails } from '../../lib/vendor-db/load';
import { indexClassifier } from '../../lib/classifier';
import type { VendorRecord } from '../../lib/vendor-db/types';
import { DETAILS_FILE, PUBLIC_DIR, loadNodeVendorIndex } from '../node-vendor-db';

export const parsers: SignalParsers = {
  signalFromCookie,
  signalFromRequestUrl,
  mergeSpread,
};

/** The same Classifier the extension's background builds. */
export function loadClassifier(): Classifier {
  return indexClassifier(loadNodeVendorIndex());
}

/** Full vendor records for the HTML report; empty when the details file was never built. */
export function loadVendorRecords(ids: string[]): VendorRecord[] {
  const path = join(PUBLIC_DIR, DETAILS_FILE);
  if (!existsSync(path)) return [];
  return getVendorDetails(readFileSync(path, 'utf8'), ids);
}
