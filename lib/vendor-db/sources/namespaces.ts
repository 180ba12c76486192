import type { Draft } from './draft';

/**
 * data/curated/customer-namespaces.json: a CDN's or host's domain whose names belong to its customers
 * (`<zone>.kxcdn.com`, `<account>.hs.llnwd.net`), with its operator and what shows it.
 */
export type CustomerNamespaces = Record<string, { operator: string; reason: string; source: string }>;

/** The table as its file holds it, without its `_comment` and any entry that names no operator. */
export function readCustomerNamespaces(json: unknown): CustomerNamespaces {
  const table = (json ?? {}) as Record<string, { operator?: unknown } | string>;
  return Object.fromEntries(
    Object.entries(table).filter(
      ([domain, e]) => domain !== '_comment' && typeof e === 'object' && typeof e?.operator === 'string',
    ),
  ) as CustomerNamespaces;
}

/** A namespace a dataset filed under one vendor, withdrawn from it. */
export interface NamespaceWithdrawn {
  vendor: string;
  domain: string;
  operator: string;
}

/**
 * A dataset that files a customer namespace under one vendor (third-party-web: `*.llnwd.net` under Tealium,
 * `*.netdna-ssl.com` under MaxCDN) gives every customer's host that vendor, its company and its purpose: a
 * tracker on a CDN zone would read as the CDN, functional. The namespace is nobody's: the vendor keeps only the
 * hosts a source names exactly (tealium.hs.llnwd.net), and any other host under it is unattributed.
 */
export function withdrawNamespaces(
  drafts: Map<string, Draft>,
  namespaces: CustomerNamespaces,
): NamespaceWithdrawn[] {
  const out: NamespaceWithdrawn[] = [];
  for (const d of drafts.values()) {
    for (const domain of [...d.domains.keys()]) {
      const ns = namespaces[domain];
      if (ns === undefined) continue;
      d.domains.delete(domain);
      out.push({ vendor: d.id, domain, operator: ns.operator });
    }
  }
  return out;
}
