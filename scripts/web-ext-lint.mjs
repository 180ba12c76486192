// `web-ext lint` (Mozilla's add-ons linter) on the Firefox build, for CI. Fails on any error and any warning,
// except the one the linter raises for Preact's own `dangerouslySetInnerHTML` branch (a library code path
// our UI never uses; no component sets it), which is checked to be exactly that and nothing else.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(import.meta.dirname, '../.output/firefox-mv2');
if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
  console.error(`No Firefox build at ${dir} (run \`npm run build:firefox\` first)`);
  process.exit(1);
}
let out;
try {
  out = execFileSync('npx', ['web-ext', 'lint', '--source-dir', dir, '--no-input', '--output', 'json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
} catch (err) {
  // web-ext exits non-zero on errors but still prints the JSON report.
  out = err.stdout ?? '';
}
const report = JSON.parse(out.slice(out.indexOf('{')));

/** Preact's renderer assigns `innerHTML` only for `dangerouslySetInnerHTML`; accept exactly that site. */
function isPreactInnerHtml(w) {
  if (w.code !== 'UNSAFE_VAR_ASSIGNMENT' || !w.file || !w.column) return false;
  const line = fs.readFileSync(path.join(dir, w.file), 'utf8').split('\n')[(w.line ?? 1) - 1] ?? '';
  const around = line.slice(Math.max(0, w.column - 400), w.column + 100);
  return /dangerouslySetInnerHTML/.test(around) && /\.innerHTML=\w+\.__html/.test(around);
}

const problems = [
  ...report.errors.map((e) => ({ ...e, level: 'error' })),
  ...report.warnings.filter((w) => !isPreactInnerHtml(w)).map((w) => ({ ...w, level: 'warning' })),
];
for (const p of problems) console.log(`${p.level} ${p.code} ${p.file ?? ''}: ${p.message}`);
const accepted = report.warnings.length - problems.filter((p) => p.level === 'warning').length;
console.log(
  `web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings` +
    (accepted ? ` (${accepted} accepted: Preact's dangerouslySetInnerHTML branch)` : ''),
);
process.exit(problems.length ? 1 : 0);
