// Regenerates data/vendors/*.json (and data/conflicts.md) from data/sources + data/curated. Deterministic.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildRecords } from '../lib/vendor-db/sources/build';
import { checkCompanyFacts, checkCuratedVendor } from '../lib/vendor-db/sources/curated';
import { readCustomerNamespaces } from '../lib/vendor-db/sources/namespaces';
import { readOcdJson } from '../lib/vendor-db/sources/ocd';
import { readTpwEntities } from '../lib/vendor-db/sources/third-party-web';
import { readWhoTracksMe } from '../lib/vendor-db/sources/whotracksme';
import { renderConflicts } from './import/conflicts-md';
import { formatJson } from './import/json-format';

const DATA = join(import.meta.dirname, '..', 'data');
const CURATED = join(DATA, 'curated');
const OUT = join(DATA, 'vendors');
// Curated files that are tables, not per-vendor overlays.
const TABLES = new Set([
  'aliases.json',
  'categories.json',
  'company-facts.json',
  'domain-owners.json',
  'groupings.json',
  'customer-namespaces.json',
]);

const readJson = (path: string): unknown => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
};

// Rewriting 2,000+ unchanged files is most of the runtime on a busy disk: compare first.
function writeIfChanged(path: string, text: string): number {
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return 0;
  writeFileSync(path, text);
  return 1;
}

/** Upstream files the importer reads; `import-diff.ts` swaps one for a newer copy. */
export const SOURCE_FILES = {
  'third-party-web': join(DATA, 'sources/third-party-web/entities.json'),
  'open-cookie-database': join(DATA, 'sources/open-cookie-database/open-cookie-database.json'),
  'whotracksme-2022': join(DATA, 'sources/whotracksme-2022/trackerdb.sql'),
} as const;
export type SourceName = keyof typeof SOURCE_FILES;

/** Builds every record from data/sources + data/curated; `files` replaces upstream files (for diffs). */
export function buildFromDisk(files: Partial<Record<SourceName, string>> = {}) {
  const path = (k: SourceName) => files[k] ?? SOURCE_FILES[k];
  const curatedFiles = readdirSync(CURATED)
    .filter((f) => f.endsWith('.json') && !TABLES.has(f))
    .sort();
  const built = buildRecords({
    entities: readTpwEntities(readJson(path('third-party-web'))),
    ocd: readOcdJson(readJson(path('open-cookie-database'))),
    aliases: readJson(join(CURATED, 'aliases.json')) as any,
    categories: readJson(join(CURATED, 'categories.json')) as any,
    domainOwners: readJson(join(CURATED, 'domain-owners.json')) as any,
    companies: checkCompanyFacts(readJson(join(CURATED, 'company-facts.json'))),
    curated: curatedFiles.map((f) => checkCuratedVendor(f, readJson(join(CURATED, f)))),
    wtm: readWhoTracksMe(readFileSync(path('whotracksme-2022'), 'utf8')),
    groupings: readJson(join(CURATED, 'groupings.json')) as any,
    namespaces: readCustomerNamespaces(readJson(join(CURATED, 'customer-namespaces.json'))),
  });
  return { ...built, curatedFiles };
}

function main(): number {
  const started = Date.now();
  const { records, report, curatedFiles } = buildFromDisk();
  for (const f of curatedFiles) {
    if (!records.some((r) => `${r.id}.json` === f))
      throw new Error(`data/curated/${f}: no vendor with that id`);
  }
  mkdirSync(OUT, { recursive: true });
  const keep = new Set(records.map((r) => `${r.id}.json`));
  for (const f of readdirSync(OUT)) if (f.endsWith('.json') && !keep.has(f)) rmSync(join(OUT, f));
  let written = 0;
  for (const r of records) written += writeIfChanged(join(OUT, `${r.id}.json`), formatJson(r));
  writeFileSync(join(DATA, 'conflicts.md'), renderConflicts(report));

  const unparsedRows = report.unparsedRetention.reduce((n, u) => n + u.rows, 0);
  const log = (s: string): boolean => process.stdout.write(`${s}\n`);
  log(
    `vendors: ${records.length} (${report.ocdOnlyVendors.length} from Open Cookie Database only), ${written} files written`,
  );
  log(
    `cookies: ${records.reduce((n, r) => n + r.cookies.length, 0)}; shared names: ${report.sharedCookies.length}`,
  );
  log(`retention texts not parsed: ${report.unparsedRetention.length} distinct, ${unparsedRows} rows`);
  for (const u of report.unparsedRetention) log(`  ${JSON.stringify(u.text)} ×${u.rows}`);
  log(
    `WhoTracks.me 2022: ${report.wtmOnlyVendors.length} vendors from it alone; groupings split ${report.groupings.filter((g) => g.action === 'split').length}, kept by rule ${report.groupings.filter((g) => g.action === 'kept').length}, kept for review ${report.groupings.filter((g) => g.action === 'review').length}; product domains split ${report.productSplits.filter((g) => g.action === 'split').length}; hosts refiled from an exempt domain ${report.hostsRefiled.length}`,
  );
  log(
    `owner/category conflicts: ${report.fieldConflicts.length}; dataset values rejected by sanity checks: ${report.rejected.length}`,
  );
  log(
    `skipped OCD rows: ${report.skippedRows.length}; domain conflicts resolved: ${report.domainConflicts.length}`,
  );
  const top = records
    .filter((r) => r.usage && ['advertising', 'marketing', 'analytics'].includes(r.category))
    .sort((a, b) => b.usage!.totalOccurrences - a.usage!.totalOccurrences || (a.id < b.id ? -1 : 1))
    .slice(0, 150);
  const stated = top.filter(
    (r) => r.countrySource?.startsWith('policy:') || r.countrySource?.startsWith('seed:'),
  );
  log(
    `top ${top.length} advertising/marketing/analytics vendors by usage: ${stated.length} with curated company+country`,
  );
  let checked = 0;
  let unverified = 0;
  for (const r of records) {
    for (const f of [...Object.values(r.gdpr), ...Object.values(r.facts ?? {})]) {
      if (f?.evidence) checked++;
      else if (f?.unverified) unverified++;
    }
  }
  log(`facts: ${checked} stated with evidence (page, date, sentence), ${unverified} unverified`);
  log(`done in ${Date.now() - started} ms`);
  return 0;
}

if (process.argv[1] && /import-vendors\.ts$/.test(process.argv[1])) {
  try {
    process.exitCode = main();
  } catch (e) {
    process.stderr.write(`import-vendors: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
