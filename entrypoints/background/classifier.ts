import { browser } from 'wxt/browser';
import { loadVendorIndex, type VendorIndex } from '@/lib/vendor-db/load';
import { classifyCookie, classifyRequest } from '@/lib/vendor-db/match';
import { getVendorDetails } from '@/lib/vendor-db/load';
import type { Classifier } from '@/lib/record';
import type { VendorRecord } from '@/lib/vendor-db/types';

/** Reads the packaged compact index (generated at build time) and adapts it to the recorder's Classifier. */
export async function loadClassifier(): Promise<Classifier> {
  const response = await fetch(browser.runtime.getURL('/vendor-index.json' as any));
  const index: VendorIndex = loadVendorIndex(await response.json());
  return {
    request: (url, pageUrl) => classifyRequest(index, url, pageUrl),
    cookie: (c) =>
      classifyCookie(index, {
        name: c.name,
        domain: c.domain,
        pageUrl: c.pageUrl,
        expiresAt: c.lifetimeSeconds == null ? undefined : Date.now() + c.lifetimeSeconds * 1000,
        value: c.value,
        httpOnly: c.httpOnly,
      }),
  };
}

/** Full vendor records with GDPR blocks: a larger file, read only when a page asks for details. */
let details: Promise<unknown> | undefined;
export async function vendorDetails(ids: string[]): Promise<VendorRecord[]> {
  details ??= fetch(browser.runtime.getURL('/vendor-details.json' as any)).then((r) => r.json());
  return getVendorDetails(await details, ids);
}
