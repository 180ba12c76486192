/** Test fixtures only: small importer inputs (an Open Cookie Database row, a BuildInput with nothing curated). */
import type { BuildInput } from '../build';
import { readOcdJson } from '../ocd';
import type { TpwEntity } from '../third-party-web';
import type { WtmTracker } from '../whotracksme';

export const ocdRow = (id: string, category: string, cookie: string) => ({
  id,
  category,
  cookie,
  domain: '',
  description: 'A cookie',
  retentionPeriod: '1 year',
  dataController: '',
  privacyLink: '',
  wildcardMatch: '0',
});

/** The importer's input from upstream rows alone: no aliases, curated categories, owners or companies. */
export function buildInput(
  entities: TpwEntity[],
  wtm: WtmTracker[] = [],
  ocd: Record<string, unknown[]> = {},
): BuildInput {
  return {
    entities,
    ocd: readOcdJson(ocd),
    aliases: { platforms: {}, cookies: {} },
    categories: {},
    domainOwners: {},
    companies: {},
    curated: [],
    wtm,
  };
}

/** A WhoTracks.me tracker with no company or website. */
export const wtmTracker = (id: string, category: string, domains: string[]): WtmTracker => ({
  id,
  name: id,
  category,
  website: null,
  company: null,
  domains,
});
