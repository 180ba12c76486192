// `npx tsx scripts/import-diff.ts <source> <new file> [--out report.md]`: what a new copy of one upstream dataset
// (third-party-web, open-cookie-database, whotracksme-2022) would change in the vendor records, vendor by vendor.
// Writes nothing under data/: review the report, then copy the file into data/sources/ and run import-vendors.
import { writeFileSync } from 'node:fs';
import { diffRecords, renderDiff } from '../lib/vendor-db/sources/record-diff';
import { buildFromDisk, SOURCE_FILES, type SourceName } from './import-vendors';

function main(argv: string[]): number {
  const [source, file] = argv;
  const out = argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : undefined;
  if (!source || !file || !Object.hasOwn(SOURCE_FILES, source)) {
    process.stderr.write(
      `usage: import-diff <${Object.keys(SOURCE_FILES).join('|')}> <new file> [--out report.md]\n`,
    );
    return 2;
  }
  const before = buildFromDisk().records;
  const after = buildFromDisk({ [source as SourceName]: file }).records;
  const text = renderDiff(source, diffRecords(before, after));
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`import-diff: ${(e as Error).message}\n`);
  process.exitCode = 1;
}
