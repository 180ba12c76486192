// `npx tsx scripts/import-diff.ts <source> <new file> [--out report.md]`: what a new copy of one upstream dataset
// (third-party-web, open-cookie-database, whotracksme-2022) would change in the vendor records, vendor by vendor,
// and which regression-set expectations (data/regression/vendor-docs.json) it newly breaks or fixes.
// Writes nothing under data/: review the report, then copy the file into data/sources/ and run import-vendors.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegressionDiff, RegressionEntry } from '../lib/vendor-db/regression-eval';
import { diffRecords, diffRegressionRuns, renderDiff } from '../lib/vendor-db/sources/record-diff';
import { buildFromDisk, SOURCE_FILES, type SourceName } from './import-vendors';

export const REGRESSION_FILE = join(import.meta.dirname, '..', 'data', 'regression', 'vendor-docs.json');

/** The report for replacing `source` with `file`, and the regression-set outcome (for the exit code). */
export function importDiff(
  source: SourceName,
  file: string,
  regressionFile = REGRESSION_FILE,
): { text: string; regression: RegressionDiff } {
  const entries = (JSON.parse(readFileSync(regressionFile, 'utf8')) as { vendors: RegressionEntry[] })
    .vendors;
  const before = buildFromDisk().records;
  const after = buildFromDisk({ [source]: file }).records;
  const regression = diffRegressionRuns(before, after, entries);
  return { text: renderDiff(source, diffRecords(before, after), regression), regression };
}

function main(argv: string[]): number {
  const [source, file] = argv;
  const out = argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : undefined;
  if (!source || !file || !Object.hasOwn(SOURCE_FILES, source)) {
    process.stderr.write(
      `usage: import-diff <${Object.keys(SOURCE_FILES).join('|')}> <new file> [--out report.md]\n`,
    );
    return 2;
  }
  const { text, regression } = importDiff(source as SourceName, file);
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
  // The update would break what vendors' own documentation says: fail, so a CI job or a reviewer notices.
  if (regression.newlyFailing.length > 0) {
    process.stderr.write(
      `import-diff: ${regression.newlyFailing.length} regression-set expectation(s) newly fail with this copy\n`,
    );
    return 3;
  }
  return 0;
}

if (process.argv[1] && /import-diff\.ts$/.test(process.argv[1])) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`import-diff: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
