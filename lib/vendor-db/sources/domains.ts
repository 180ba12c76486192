import type { DomainOwners } from './curated';
import type { Draft } from './draft';

export interface DomainConflict {
  domain: string;
  claimants: string[];
  owner: string;
  reason: string;
}

/**
 * Makes every domain belong to one vendor: where several drafts claim it, the owner named in
 * data/curated/domain-owners.json keeps it and the others lose it.
 * @throws Error listing the conflicts no curated rule resolves, or a rule whose owner is not a claimant.
 */
export function resolveDomains(drafts: readonly Draft[], owners: DomainOwners): DomainConflict[] {
  const claims = new Map<string, string[]>();
  for (const d of drafts)
    for (const dom of d.domains.keys()) claims.set(dom, [...(claims.get(dom) ?? []), d.id]);
  const conflicts: DomainConflict[] = [];
  const unresolved: string[] = [];
  for (const [domain, ids] of [...claims].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (ids.length < 2) continue;
    const rule = owners[domain];
    if (!rule) {
      unresolved.push(`${domain} (${ids.join(', ')})`);
      continue;
    }
    if (!ids.includes(rule.owner))
      throw new Error(`domain-owners.json: ${domain} owner ${rule.owner} is not a claimant`);
    for (const d of drafts) if (d.id !== rule.owner && ids.includes(d.id)) d.domains.delete(domain);
    conflicts.push({ domain, claimants: [...ids].sort(), owner: rule.owner, reason: rule.reason });
  }
  if (unresolved.length) {
    throw new Error(
      `domains claimed by several vendors, add them to data/curated/domain-owners.json: ${unresolved.join('; ')}`,
    );
  }
  return conflicts;
}
