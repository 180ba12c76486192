// Headless batch audit (`npm run cli -- audit`) on the fixture sites: reports, summary, failure isolation.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { loadSites } from '../fixtures/index.mjs';
import { startServer } from '../lib/server.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
let server;
let out;

function cli(args) {
  return new Promise((done) => {
    execFile(
      TSX,
      ['scripts/cli.ts', 'audit', ...args],
      { cwd: ROOT, timeout: 240_000, maxBuffer: 1 << 26 },
      (err, stdout, stderr) => done({ code: err ? (err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

before(async () => {
  server = await startServer({ sites: await loadSites() });
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-batch-'));
});
after(async () => {
  await server?.close();
  fs.rmSync(out, { recursive: true, force: true });
});

test(
  'audits each URL, writes JSON + HTML + summary, and isolates a failing site',
  { timeout: 300_000 },
  async () => {
    const urls = path.join(out, 'urls.txt');
    // The last URL has nothing listening: it must fail alone.
    fs.writeFileSync(
      urls,
      '# fixture sites\nhttps://ot-before.example/\n\nhttps://shop.example/\nhttp://127.0.0.1:9/\n',
    );
    // Self-signed fixture certificate: real audits check certificates unless asked not to.
    const r = await cli([
      '--urls',
      urls,
      '--out',
      out,
      '--wait',
      '3',
      '--host-rules',
      server.resolverRules,
      '--ignore-cert-errors',
    ]);
    fs.mkdirSync(path.join(ROOT, 'e2e/artifacts'), { recursive: true });
    fs.writeFileSync(
      path.join(ROOT, 'e2e/artifacts/audit-batch.log'),
      `${r.stdout}\n--- stderr ---\n${r.stderr}`,
    );
    assert.equal(r.code, 0, `exit 0 when some sites succeed\n${r.stderr}`);
    assert.match(r.stderr, /\[1\/3\] https:\/\/ot-before\.example\/: loading/);
    assert.match(r.stderr, /\[3\/3\] http:\/\/127\.0\.0\.1:9\/: failed: /);

    const csv = fs.readFileSync(path.join(out, 'summary.csv'), 'utf8').trim().split('\r\n');
    assert.equal(csv.length, 4);
    assert.match(csv[1], /^https:\/\/ot-before\.example\/,done,/);
    assert.match(csv[3], /^http:\/\/127\.0\.0\.1:9\/,failed,/);
    assert.match(r.stdout, /^status\s+before\s+after-refusal/);

    const ot = JSON.parse(fs.readFileSync(path.join(out, 'ot-before.example.json'), 'utf8'));
    assert.equal(ot.audit.step, 'done');
    assert.ok(ot.audit.cleared.storage, 'site storage cleared');
    assert.ok(ot.visit.findings.length > 0, 'the audited visit has findings');
    // The fixture's tracker (Customer.io) fires before any click.
    const before = ot.audit.beforeConsent.map((l) => l.hosts.join(' ')).join(' ');
    assert.match(before, /customer\.io/, `Customer.io fired before consent: ${before}`);
    assert.ok(
      ot.audit.consentStates.some((s) => s.step === 'pre-consent'),
      'pre-consent state recorded',
    );
    assert.equal(
      ot.audit.refusal.method,
      'autoconsent',
      `refused by autoconsent: ${JSON.stringify(ot.audit.refusal)}`,
    );
    assert.ok(ot.audit.refusedAt > 0);
    const post = ot.audit.consentStates.find((s) => s.step === 'post-reject');
    assert.equal(post?.choice?.kind, 'reject-all', 'the consent cookie shows the refusal after the audit');

    const shop = JSON.parse(fs.readFileSync(path.join(out, 'shop.example.json'), 'utf8'));
    assert.equal(shop.audit.refusedAt, null, 'no consent tool on shop.example: nothing refused');
    assert.match(shop.audit.summary, /could not be tested/);

    const html = fs.readFileSync(path.join(out, 'ot-before.example.html'), 'utf8');
    assert.match(html, /<section id="audit">/);
    assert.doesNotMatch(html, /<script/i);
  },
);

test('refuses bad arguments before launching anything', async () => {
  const r = await cli(['ftp://x.example/']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not an http\(s\) URL/);
});
