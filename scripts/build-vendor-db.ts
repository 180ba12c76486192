// `npm run vendor-db`: data/vendors/*.json → public/vendor-index.json, public/vendor-details.json, public/ATTRIBUTION.txt.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompileError } from '../lib/vendor-db/compile';
import type { VendorRecord } from '../lib/vendor-db/types';
import { compileDir, PUBLIC_DIR, ROOT, writeAtomic, writeCompiled } from './node-vendor-db';

/** Index size budget (bytes): keeps JSON.parse + Map build on worker start well under the 20 ms target. */
export const INDEX_BUDGET_BYTES = 1_500_000;

interface Dataset {
  dir: string;
  title: string;
  /** Matched against the records' sources to decide whether an optional notice is needed. */
  key: RegExp;
  always: boolean;
}

const DATASETS: Dataset[] = [
  {
    dir: 'open-cookie-database',
    title: 'Open Cookie Database (Apache License 2.0)',
    key: /open.?cookie/i,
    always: true,
  },
  {
    dir: 'third-party-web',
    title: 'third-party-web by Patrick Hulce (MIT)',
    key: /third.?party.?web/i,
    always: true,
  },
  {
    dir: 'whotracksme-2022',
    title:
      'WhoTracks.me tracker database, 2022-08-02 copy (CC BY 4.0) — "WhoTracks.me tracker database (Cliqz/Ghostery), CC BY 4.0"',
    key: /whotracksme/i,
    always: true,
  },
  {
    dir: 'consent-o-matic-rules',
    title: 'Consent-O-Matic rules (MIT)',
    key: /consent.?o.?matic/i,
    always: false,
  },
];

function referenced(records: VendorRecord[], key: RegExp): boolean {
  return records.some((r) => (r.sources ?? []).some((s) => key.test(`${s.id} ${s.title} ${s.url ?? ''}`)));
}

/** ATTRIBUTION.txt: provenance and the full licence text of each dataset the vendor DB is built from. */
export function attributionText(records: VendorRecord[]): string {
  const parts = [
    'Cookie Inspector: third-party data attribution',
    '',
    'The vendor database (vendor-index.json, vendor-details.json) is compiled from the datasets below.',
    'Records were converted to our own format (renamed fields, normalised domains, added categories and',
    'GDPR notes); derived values are marked as derived in the data.',
  ];
  for (const d of DATASETS) {
    const base = join(ROOT, 'data', 'sources', d.dir);
    if (!d.always && !referenced(records, d.key)) continue;
    if (!existsSync(join(base, 'LICENSE'))) throw new Error(`missing licence file for ${d.dir}`);
    const source = existsSync(join(base, 'SOURCE.txt'))
      ? readFileSync(join(base, 'SOURCE.txt'), 'utf8').trim()
      : '';
    parts.push(
      '',
      '='.repeat(78),
      d.title,
      '='.repeat(78),
      source,
      '',
      readFileSync(join(base, 'LICENSE'), 'utf8').trim(),
    );
  }
  parts.push('', '='.repeat(78), 'Bundled software', '='.repeat(78), ...bundledSoftware());
  return `${parts.join('\n')}\n`;
}

/** Libraries shipped inside the extension, with licence and where their source is (MPL-2.0 asks for it). */
const BUNDLED = [
  '@duckduckgo/autoconsent',
  '@iabtcf/core',
  'dexie',
  'preact',
  'preact-render-to-string',
  'tldts',
  'webextension-polyfill',
];

function bundledSoftware(): string[] {
  return BUNDLED.map((name) => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
      version: string;
      license: string;
    };
    return `${name} ${pkg.version} — ${pkg.license} — source: https://www.npmjs.com/package/${name}/v/${pkg.version}`;
  });
}

function main(): number {
  const started = performance.now();
  try {
    const result = compileDir();
    const sizes = writeCompiled(result);
    const records = Object.values(result.details.vendors);
    writeAtomic(join(PUBLIC_DIR, 'ATTRIBUTION.txt'), attributionText(records));
    const s = result.stats;
    console.log(
      `vendor-db: ${s.vendors} vendors from ${result.files.length} files, ${s.hosts} hosts, ${s.exactCookies} exact + ` +
        `${s.prefixCookies} prefix cookie names (${s.prefixLengths} prefix lengths); index ${sizes.index} B, ` +
        `details ${sizes.details} B, ${(performance.now() - started).toFixed(0)} ms`,
    );
    if (result.conflicts.length > 0) {
      console.log(
        `vendor-db: ${result.conflicts.length} cookie name(s) claimed by several vendors (resolved by domain):`,
      );
      for (const c of result.conflicts.slice(0, 40))
        console.log(`  ${c.match} ${c.name}: ${c.vendors.join(', ')}`);
      if (result.conflicts.length > 40) console.log(`  … and ${result.conflicts.length - 40} more`);
    }
    if (sizes.index > INDEX_BUDGET_BYTES) {
      console.error(`vendor-db: index is ${sizes.index} B, over the ${INDEX_BUDGET_BYTES} B budget`);
      return 1;
    }
    return 0;
  } catch (e) {
    console.error(e instanceof CompileError ? e.message : `vendor-db: ${(e as Error).stack ?? String(e)}`);
    return 1;
  }
}

if (process.argv[1] && /build-vendor-db\.ts$/.test(process.argv[1])) process.exitCode = main();
