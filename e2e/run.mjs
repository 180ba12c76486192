// E2E runner (`npm run e2e`): every e2e/tests/*.test.mjs through node:test, first in Chromium, then in Firefox
// the files that declare it with a line `// e2e-browsers: chromium firefox`. Each file starts its own browser
// and fixture server (ports of its own), so files share nothing and run E2E_CONCURRENCY (default 2) at a time:
// most of a file's time is waiting (consent banners, idle workers, audits), and two files at once halve it. A
// file that measures time or loads the machine itself says `// e2e-alone: <why>` and runs by itself afterwards.
// Builds nothing: run `npm run build && npm run build:firefox` first.
// Prints `E2E: N passed, N failed` (both browsers together) and writes the counts to
// e2e/artifacts/e2e-count.json for .ci/run.
//   npm run e2e -- consent              only files whose name contains "consent"
//   E2E_BROWSERS=firefox npm run e2e    one browser only (comma-separated list)
import fs from 'node:fs';
import path from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const here = import.meta.dirname;
const artifacts = path.join(here, 'artifacts');
fs.mkdirSync(artifacts, { recursive: true });
// A count file left by an earlier run must never be read as this run's result.
fs.rmSync(path.join(artifacts, 'e2e-count.json'), { force: true });

const ALL_BROWSERS = ['chromium', 'firefox'];
const wanted = (process.env.E2E_BROWSERS ?? ALL_BROWSERS.join(','))
  .split(',')
  .map((b) => b.trim())
  .filter(Boolean);
const unknown = wanted.filter((b) => !ALL_BROWSERS.includes(b));
if (unknown.length) throw new Error(`E2E_BROWSERS: unknown ${unknown.join(', ')}`);

const CONCURRENCY = Math.max(1, Number(process.env.E2E_CONCURRENCY ?? 2) || 1);

/** Files that must not share the machine with another test file (`// e2e-alone: <why>`). */
const runsAlone = (file) => /^\/\/ e2e-alone:/m.test(fs.readFileSync(file, 'utf8'));

/** Browsers a test file declares (`// e2e-browsers: chromium firefox`); Chromium when it declares none. */
function browsersOf(file) {
  const m = fs.readFileSync(file, 'utf8').match(/^\/\/ e2e-browsers:(.*)$/m);
  return m ? m[1].trim().split(/[\s,]+/) : ['chromium'];
}

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
const ran = [];
// node 20 ships `spec` as a class, later versions as a ready-made stream; accept either.
const makeReporter = () =>
  typeof spec === 'function' && spec.prototype?.constructor === spec ? new spec() : spec;

for (const browser of wanted) {
  const mine = files.filter((f) => browsersOf(f).includes(browser));
  if (!mine.length) continue;
  process.stdout.write(`\n::: E2E in ${browser}: ${mine.map((f) => path.basename(f)).join(', ')}\n`);
  // Test files run in child processes, which inherit this variable (see lib/driver.mjs).
  process.env.E2E_BROWSER = browser;
  ran.push(...mine.map((f) => `${browser}: ${path.basename(f)}`));
  const alone = mine.filter(runsAlone);
  await runFiles(
    browser,
    mine.filter((f) => !alone.includes(f)),
    CONCURRENCY,
  );
  await runFiles(browser, alone, 1);
}

async function runFiles(browser, list, concurrency) {
  if (!list.length) return;
  const stream = run({ files: list, concurrency, timeout: 10 * 60_000 });
  stream.on('test:pass', (t) => {
    if (t.details?.type !== 'suite' && !t.skip && !t.todo) passed++;
  });
  stream.on('test:fail', (t) => {
    if (t.details?.type === 'suite') return;
    failed++;
    failures.push(`[${browser}] ${path.basename(t.file ?? '?')}: ${t.name}`);
  });
  await new Promise((resolve, reject) => {
    stream
      .compose(makeReporter())
      .on('end', resolve)
      .on('error', reject)
      .pipe(process.stdout, { end: false });
  });
}

if (!ran.length) {
  failures.push('no test files matched');
  failed++;
}
const summary = { passed, failed, failures, files: ran, ms: Date.now() - started };
fs.writeFileSync(path.join(artifacts, 'e2e-count.json'), JSON.stringify(summary, null, 2));
if (failures.length) process.stdout.write(`\nFailed:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
process.stdout.write(`E2E: ${passed} passed, ${failed} failed\n`);
process.exitCode = failed ? 1 : 0;
