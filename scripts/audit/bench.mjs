// `npm run bench:audit`: sites per minute of `cli audit` at concurrency 1, 2 and 4 on the fixture sites (loopback,
// the built extension). A benchmark, not a test; the last line is JSON. Options: --wait SECONDS (default 2),
// --levels 1,2,4.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSites } from '../../e2e/fixtures/index.mjs';
import { ALL_BATCH_SITES } from '../../e2e/fixtures/sites/site-batch.mjs';
import { runCli } from '../../e2e/lib/cli-run.mjs';
import { startServer } from '../../e2e/lib/server.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const wait = Number(arg('--wait', '2'));
const levels = arg('--levels', '1,2,4').split(',').map(Number);

const server = await startServer({ sites: await loadSites() });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-audit-'));
const list = path.join(tmp, 'sites.txt');
fs.writeFileSync(list, `${ALL_BATCH_SITES.join('\n')}\n`);
const results = [];
try {
  for (const concurrency of levels) {
    const out = path.join(tmp, `c${concurrency}`);
    const t0 = performance.now();
    const r = await runCli([
      'audit',
      '--urls',
      list,
      '--out',
      out,
      '--wait',
      String(wait),
      '--concurrency',
      String(concurrency),
      '--host-rules',
      server.resolverRules,
      '--ignore-cert-errors',
    ]);
    const seconds = (performance.now() - t0) / 1000;
    const done = (r.stdout.match(/^done\s/gm) ?? []).length;
    if (r.code !== 0) process.stderr.write(r.stderr);
    const row = {
      concurrency,
      sites: ALL_BATCH_SITES.length,
      done,
      seconds: Math.round(seconds * 10) / 10,
      sitesPerMinute: Math.round((done / seconds) * 60 * 10) / 10,
    };
    results.push(row);
    process.stderr.write(
      `concurrency ${concurrency}: ${done}/${row.sites} sites in ${row.seconds} s = ${row.sitesPerMinute} sites/min\n`,
    );
  }
} finally {
  await server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
const base = results[0]?.sitesPerMinute || 1;
console.log(
  JSON.stringify({
    bench: 'audit',
    waitSeconds: wait,
    cpus: os.cpus().length,
    results: results.map((r) => ({ ...r, speedup: Math.round((r.sitesPerMinute / base) * 100) / 100 })),
  }),
);
