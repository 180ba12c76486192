/** The recorder's Classifier bound to a compiled vendor index: one adapter for the extension and the CLI. */
import type { Classifier } from './record';
import { classifyCookie, classifyRequest } from './vendor-db/match';
import type { VendorIndex } from './vendor-db/load';

export function indexClassifier(index: VendorIndex): Classifier {
  return {
    ...(index.sourceHash && { database: index.sourceHash }),
    request: (url, pageUrl) => classifyRequest(index, url, pageUrl),
    cookie: (c) =>
      classifyCookie(index, {
        name: c.name,
        domain: c.domain,
        pageUrl: c.pageUrl,
        expiresAt: c.lifetimeSeconds == null ? undefined : Date.now() + c.lifetimeSeconds * 1000,
        value: c.value,
        httpOnly: c.httpOnly,
        store: c.store,
      }),
  };
}
