// E2E runner (`npm run e2e`): every e2e/tests/*.test.mjs through node:test, one file at a time (each file
// starts its own browser). Builds nothing: run `npm run build` first. Prints `E2E: N passed, N failed`
// and writes the counts to e2e/artifacts/e2e-count.json for .ci/run.
import fs from 'node:fs';
import path from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const here = import.meta.dirname;
const artifacts = path.join(here, 'artifacts');
fs.mkdirSync(artifacts, { recursive: true });
// A count file left by an earlier run must never be read as this run's result.
fs.rmSync(path.join(artifacts, 'e2e-count.json'), { force: true });

// Optional name filters: `npm run e2e -- foundation consent` runs matching files only.
const filters = process.argv.slice(2);
const files = fs
  .readdirSync(path.join(here, 'tests'))
  .filter((f) => f.endsWith('.test.mjs') && (!filters.length || filters.some((x) => f.includes(x))))
  .sort()
  .map((f) => path.join(here, 'tests', f));

let passed = 0;
let failed = 0;
const failures = [];
const started = Date.now();
const stream = run({ files, concurrency: 1, timeout: 10 * 60_000 });
stream.on('test:pass', (t) => {
  if (t.details?.type !== 'suite' && !t.skip && !t.todo) passed++;
});
stream.on('test:fail', (t) => {
  if (t.details?.type === 'suite') return;
  failed++;
  failures.push(`${path.basename(t.file ?? '?')}: ${t.name}`);
});
// node 20 ships `spec` as a class, later versions as a ready-made stream; accept either.
const reporter = typeof spec === 'function' && spec.prototype?.constructor === spec ? new spec() : spec;
await new Promise((resolve, reject) => {
  stream.compose(reporter).on('end', resolve).on('error', reject).pipe(process.stdout, { end: false });
});

if (!files.length) {
  failures.push('no test files matched');
  failed++;
}
const summary = {
  passed,
  failed,
  failures,
  files: files.map((f) => path.basename(f)),
  ms: Date.now() - started,
};
fs.writeFileSync(path.join(artifacts, 'e2e-count.json'), JSON.stringify(summary, null, 2));
if (failures.length) process.stdout.write(`\nFailed:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
process.stdout.write(`E2E: ${passed} passed, ${failed} failed\n`);
process.exitCode = failed ? 1 : 0;
