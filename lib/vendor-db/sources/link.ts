import type { BuildReport } from './build';
import type { Aliases } from './curated';
import type { Draft } from './draft';
import type { OcdRow } from './ocd';
import { TPW } from './registry';
import { toVendorId } from './slug';
import { normaliseTpwDomains, type TpwEntity } from './third-party-web';

/** One draft per third-party-web entity, keyed by its kebab-case id. */
export function draftsFromEntities(entities: TpwEntity[]): Map<string, Draft> {
  const drafts = new Map<string, Draft>();
  for (const e of entities) {
    const id = toVendorId(e.name);
    if (drafts.has(id)) throw new Error(`third-party-web: two entities map to id ${id}`);
    const domains = new Map(normaliseTpwDomains(e.domains).map((d) => [d, TPW]));
    drafts.set(id, { id, name: e.name, entity: e, platforms: [], rows: [], domains, extraCookies: [] });
  }
  return drafts;
}

/** The draft with this id. @throws Error naming `what` when it does not exist. */
export function target(drafts: Map<string, Draft>, id: string, what: string): Draft {
  const d = drafts.get(id);
  if (!d) throw new Error(`${what} names vendor id ${JSON.stringify(id)}, which does not exist`);
  return d;
}

/** Links every OCD row to a vendor: cookie alias, platform alias, exact entity name, else an OCD-only vendor. */
export function linkOcd(
  drafts: Map<string, Draft>,
  rows: OcdRow[],
  aliases: Aliases,
  report: BuildReport,
): void {
  const byName = new Map([...drafts.values()].map((d) => [d.name.toLowerCase(), d.id]));
  for (const row of rows) {
    if (!row.platform) {
      report.skippedRows.push({
        id: row.id,
        reason: `no platform or controller for ${JSON.stringify(row.name)}`,
      });
      continue;
    }
    const cookieAlias = aliases.cookies[`${row.platform}|${row.name}`];
    const aliased = cookieAlias ?? aliases.platforms[row.platform];
    let draft = aliased ? target(drafts, aliased, `aliases.json (${row.platform})`) : undefined;
    if (!draft) {
      const known = byName.get(row.platform.toLowerCase());
      draft = known ? drafts.get(known)! : undefined;
    }
    if (!draft) {
      let id = toVendorId(row.platform);
      if (drafts.has(id) && !drafts.get(id)!.platforms.includes(row.platform)) id = `${id}-ocd`;
      draft = drafts.get(id);
      if (!draft) {
        draft = { id, name: row.platform, platforms: [], rows: [], domains: new Map(), extraCookies: [] };
        drafts.set(id, draft);
        byName.set(row.platform.toLowerCase(), id);
        report.ocdOnlyVendors.push(id);
      }
    }
    // One cookie moved off a platform that mixes vendors does not make the platform's name another name of
    // this vendor (OCD's Yahoo rows hold Taboola's cookies; Taboola is not "Yahoo").
    if (!cookieAlias && !draft.platforms.includes(row.platform)) draft.platforms.push(row.platform);
    const twin = draft.rows.find((r) => r.name === row.name && r.match === row.match);
    if (twin)
      report.skippedRows.push({ id: row.id, reason: `duplicate of ${twin.id} (${row.name}, ${draft.id})` });
    else draft.rows.push(row);
  }
}
