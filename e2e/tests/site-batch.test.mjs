// Many sites with `cli audit`: an interrupted batch resumes where it stopped (state file), and two shards of the
// same list merged with `cli merge` equal one whole run.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { loadSites } from '../fixtures/index.mjs';
import { BATCH_SITES } from '../fixtures/sites/site-batch.mjs';
import { ROOT, runCli, startCli } from '../lib/cli-run.mjs';
import { startServer } from '../lib/server.mjs';

let server;
let tmp;
let list;
const common = () => [
  '--urls',
  list,
  '--wait',
  '2',
  '--host-rules',
  server.resolverRules,
  '--ignore-cert-errors',
];
const state = (dir) => JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8'));

function keep(name, r) {
  fs.mkdirSync(path.join(ROOT, 'e2e/artifacts'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, `e2e/artifacts/${name}.log`), `${r.stdout}\n--- stderr ---\n${r.stderr}`);
}

/** summary.csv as rows keyed by URL (row order may differ between a run and a merge only by design). */
function summary(dir) {
  const [head, ...rows] = fs.readFileSync(path.join(dir, 'summary.csv'), 'utf8').trim().split('\r\n');
  return { head, rows };
}

before(async () => {
  server = await startServer({ sites: await loadSites() });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'site-batch-'));
  list = path.join(tmp, 'sites.txt');
  fs.writeFileSync(list, `# four client sites\n${BATCH_SITES.join('\n')}\n`);
});
after(async () => {
  await server?.close();
  // The run folders, for a look after a failure.
  fs.cpSync(tmp, path.join(ROOT, 'e2e/artifacts/site-batch'), { recursive: true });
  fs.rmSync(tmp, { recursive: true, force: true });
});

test(
  'an interrupted batch resumes where it stopped; merged shards equal one run',
  { timeout: 600_000 },
  async () => {
    // 1. Interrupt (Ctrl-C) as soon as the first site is recorded in the state file.
    const whole = path.join(tmp, 'whole');
    let sent = false;
    const run = startCli(['audit', ...common(), '--out', whole], {
      onStderr: (_chunk, all) => {
        if (!sent && /progress: \[[#.]+\] 1\/4 sites/.test(all)) {
          sent = true;
          run.child.kill('SIGINT');
        }
      },
    });
    const first = await run.done;
    keep('site-batch-interrupted', first);
    assert.ok(sent, `the run was interrupted after one site:\n${first.stderr}`);
    assert.notEqual(first.code, 0, 'an interrupted run does not exit 0');
    const stopped = state(whole);
    const doneBefore = Object.values(stopped.entries).filter((e) => e.status === 'done');
    assert.ok(doneBefore.length >= 1 && doneBefore.length < 4, `1 to 3 sites done: ${doneBefore.length}`);

    // 2. The same command again audits only the rest.
    const second = await runCli(['audit', ...common(), '--out', whole]);
    keep('site-batch-resumed', second);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, new RegExp(`resuming: ${doneBefore.length} of 4 sites already done`));
    for (const e of doneBefore)
      assert.doesNotMatch(
        second.stderr,
        new RegExp(`\\[${e.index + 1}/4\\] ${e.url.replace(/\./g, '\\.')}: loading`),
      );
    const resumed = state(whole);
    assert.equal(Object.values(resumed.entries).filter((e) => e.status === 'done').length, 4);
    for (const e of doneBefore)
      assert.equal(resumed.entries[e.index].finishedAt, e.finishedAt, 'kept, not redone');
    const one = summary(whole);
    assert.equal(one.rows.length, 4);
    assert.ok(
      one.rows.every((r) => r.split(',')[1] === 'done'),
      one.rows.join('\n'),
    );
    // Site a fires Customer.io before consent, b nothing, c Google Analytics, d the Meta pixel.
    const violating = one.rows.map((r) => r.split(',')[10]);
    assert.match(violating[0], /customer-io/);
    assert.equal(violating[1], '');

    // 3. Two shards of the same list (in parallel, two at a time each), then merged.
    const s1 = path.join(tmp, 's1');
    const s2 = path.join(tmp, 's2');
    const [r1, r2] = await Promise.all([
      runCli(['audit', ...common(), '--out', s1, '--shard', '1/2', '--concurrency', '2']),
      runCli(['audit', ...common(), '--out', s2, '--shard', '2/2', '--concurrency', '2']),
    ]);
    keep('site-batch-shard1', r1);
    keep('site-batch-shard2', r2);
    assert.equal(r1.code, 0, r1.stderr);
    assert.equal(r2.code, 0, r2.stderr);
    assert.deepEqual(Object.keys(state(s1).entries), ['0', '2']);
    assert.deepEqual(Object.keys(state(s2).entries), ['1', '3']);
    // One shard alone is incomplete: merge says which sites are missing.
    const partial = await runCli(['merge', s1, '--out', path.join(tmp, 'partial')]);
    assert.equal(partial.code, 1);
    assert.match(partial.stderr, /2 sites not done in any folder \(list positions 2, 4\)/);
    const merged = path.join(tmp, 'merged');
    const m = await runCli(['merge', s1, s2, '--out', merged]);
    keep('site-batch-merge', m);
    assert.equal(m.code, 0, m.stderr);
    const joined = summary(merged);
    assert.equal(joined.head, one.head);
    assert.deepEqual(joined.rows, one.rows, 'merged shards give the same summary as one run');
    for (const f of fs.readdirSync(whole).filter((f) => f !== 'state.json'))
      assert.ok(fs.existsSync(path.join(merged, f)), `${f} merged`);
    assert.equal(state(merged).list, resumed.list, 'same list fingerprint');

    // 4. Shards of another list do not merge.
    const other = path.join(tmp, 'other');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'state.json'), JSON.stringify({ ...state(s1), list: 'x'.repeat(32) }));
    const bad = await runCli(['merge', s2, other, '--out', path.join(tmp, 'bad')]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /different lists/);
  },
);
