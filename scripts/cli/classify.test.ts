import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_VENDORS } from '../../lib/vendor-db/__fixtures__/vendors';
import { ROOT, VENDOR_DIR } from '../node-vendor-db';
import { MAX_LINE_BYTES, TOO_LONG, readLines } from './classify';

const tmp = mkdtempSync(join(tmpdir(), 'classify-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the real CLI (`tsx scripts/cli.ts classify`) as a child process and returns its output lines. */
function runCli(
  input: string,
  env: Record<string, string> = {},
): { lines: string[]; status: number | null; stderr: string } {
  const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
  const r = spawnSync(tsx, ['scripts/cli.ts', 'classify'], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { lines: r.stdout.split('\n').slice(0, -1), status: r.status, stderr: r.stderr };
}

describe('cli classify (fixture vendors)', () => {
  const src = join(tmp, 'vendors');
  const out = join(tmp, 'public');
  const env = { COOKIE_INSPECTOR_VENDORS: src, COOKIE_INSPECTOR_PUBLIC: out };
  beforeAll(() => {
    mkdirSync(src, { recursive: true });
    for (const v of FIXTURE_VENDORS) writeFileSync(join(src, `${v.id}.json`), JSON.stringify(v));
  });

  it('answers one line per input line, in order, errors included', () => {
    const input = [
      '{"url": "https://a.acmecdn.test/x.js", "pageUrl": "https://shop.example/"}',
      '',
      'not json',
      '{"cookie": "_acme_s_99", "domain": ".shop.example", "pageUrl": "https://shop.example/"}',
      '[1,2]',
      '{"url": 7}',
      '{"cookie": "x"}',
      '{"pageUrl": "https://shop.example/"}',
      '{"url": "::::", "pageUrl": "https://shop.example/"}',
      '{"cookie": "PHPSESSID", "domain": "shop.example"}\r',
    ].join('\n');
    const { lines, status } = runCli(`${input}\n`, env);
    expect(status).toBe(0);
    expect(lines).toHaveLength(10);
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed[0]).toEqual({
      vendor: 'acme-analytics',
      vendorName: 'Acme Analytics',
      company: 'Acme Analytics Inc.',
      category: 'analytics',
      thirdParty: true,
      reason: 'host a.acmecdn.test matches acmecdn.test (Acme Analytics)',
    });
    expect(Object.keys(parsed[0])).toEqual([
      'vendor',
      'vendorName',
      'company',
      'category',
      'thirdParty',
      'reason',
    ]);
    expect(parsed[1]).toEqual({ error: 'empty line' });
    expect(parsed[2].error).toMatch(/^invalid JSON/);
    expect(parsed[3]).toMatchObject({ vendor: 'acme-analytics', thirdParty: false });
    expect(parsed[4]).toEqual({ error: 'expected a JSON object' });
    expect(parsed[5]).toEqual({ error: '"url" must be a string' });
    expect(parsed[6]).toEqual({ error: 'cookie lines need "domain" (a string)' });
    expect(parsed[7]).toEqual({ error: 'missing "url" or "cookie"' });
    expect(parsed[8]).toMatchObject({
      vendor: null,
      category: 'unknown',
      thirdParty: null,
      reason: 'malformed URL "::::"',
    });
    // No pageUrl: the party cannot be told. The CR of a CRLF line is not part of the line.
    expect(parsed[9]).toMatchObject({ vendor: null, category: 'necessary', thirdParty: null });
    // The index was built on the fly and cached for the next run.
    expect(existsSync(join(out, 'vendor-index.json'))).toBe(true);
  });

  it('keeps one answer per line at the edges: raw CR, BOM, party unknown, non-network URLs', () => {
    const page = '"pageUrl": "https://shop.example/"';
    const input = [
      // A UTF-8 BOM before line 1 is not part of the JSON.
      `\uFEFF{"url": "https://a.acmecdn.test/x.js", ${page}}`,
      // A raw CR inside a line (here between JSON tokens, then inside a string) does not end the line.
      `{"url": "https://a.acmecdn.test/x.js",\r${page}}`,
      `{"url": "https://a.acmecdn.test/\rx.js", ${page}}`,
      '{"url": "https://a.acmecdn.test/x.js"}',
      '{"url": "https://a.acmecdn.test/x.js", "pageUrl": "not a page"}',
      '{"url": "https://a.acmecdn.test/x.js", "pageUrl": "https://"}',
      '{"cookie": "_acme_s_1", "domain": "", "pageUrl": "https://shop.example/"}',
      `{"url": "data:image/gif;base64,R0lGODlhAQABAAAAACw=", ${page}}`,
      `{"url": "blob:https://shop.example/5d0c7b0e-8e0c-4d6a-9d3c-0f1d2b3c4d5e", ${page}}`,
      `{"url": "javascript:alert(1)", ${page}}`,
      `{"url": "JavaScript:void(0)", ${page}}`,
      // A BOM after line 1 is data like any other character.
      `\uFEFF{"url": "https://a.acmecdn.test/x.js", ${page}}`,
    ].join('\n');
    // No final LF: the last line still gets its answer.
    const { lines, status } = runCli(input, env);
    expect(status).toBe(0);
    expect(lines).toHaveLength(12);
    const a = lines.map((l) => JSON.parse(l));
    expect(a[0]).toMatchObject({ vendor: 'acme-analytics', thirdParty: true });
    expect(a[1]).toMatchObject({ vendor: 'acme-analytics', thirdParty: true });
    expect(a[2].error).toMatch(/^invalid JSON/);
    expect(a[3]).toMatchObject({ vendor: 'acme-analytics', thirdParty: null });
    expect(a[3].reason).toBe('host a.acmecdn.test matches acmecdn.test (Acme Analytics)');
    expect(a[4]).toMatchObject({ vendor: 'acme-analytics', thirdParty: null });
    expect(a[5]).toMatchObject({ vendor: 'acme-analytics', thirdParty: null });
    expect(a[5].reason).toMatch(/page URL "https:\/\/" is malformed, party not computed$/);
    expect(a[6]).toMatchObject({ thirdParty: null });
    for (const n of [7, 8, 9, 10])
      expect(a[n]).toEqual({ error: 'not a network request (data:, blob:, javascript: or about: URL)' });
    expect(a[11].error).toMatch(/^invalid JSON/);
  });

  it('answers "line too long" for a line over 1 MiB and carries on with the next line', () => {
    const big = `{"url": "https://a.acmecdn.test/${'x'.repeat(MAX_LINE_BYTES)}"}`;
    const atLimit = `{"url": "https://a.acmecdn.test/${'y'.repeat(MAX_LINE_BYTES - 40)}"}`;
    const ok = '{"url": "https://a.acmecdn.test/x.js", "pageUrl": "https://shop.example/"}';
    const { lines, status } = runCli([ok, big, `${atLimit}\r`, ok].join('\n') + '\n', env);
    expect(status).toBe(0);
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ vendor: 'acme-analytics', thirdParty: true }),
      { error: 'line too long (over 1 MiB)' },
      expect.objectContaining({ vendor: 'acme-analytics', thirdParty: null }),
      expect.objectContaining({ vendor: 'acme-analytics', thirdParty: true }),
    ]);
  });

  it.skipIf(process.platform !== 'linux')(
    'streams past a 600 MB line with bounded memory (no readline RangeError)',
    async () => {
      // One process (node with tsx's loader), so /proc/<pid>/status is the CLI's own memory.
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'classify'], {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      const send = (b: Buffer | string) =>
        new Promise<void>((resolve) =>
          child.stdin.write(b) ? resolve() : child.stdin.once('drain', resolve),
        );
      const ok = '{"url": "https://a.acmecdn.test/x.js", "pageUrl": "https://shop.example/"}\n';
      await send(ok);
      await send('{"url": "https://a.acmecdn.test/');
      const mib = Buffer.alloc(1024 * 1024, 'a');
      for (let i = 0; i < 600; i++) await send(mib);
      await send('"}\n');
      await send(ok);
      // Peak resident memory so far (the whole 600 MB line has gone through the pipe by now).
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const peakKb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
      child.stdin.end();
      expect(await exited, stderr).toBe(0);
      expect(stderr).toBe('');
      expect(
        stdout
          .trimEnd()
          .split('\n')
          .map((l) => JSON.parse(l)),
      ).toEqual([
        expect.objectContaining({ vendor: 'acme-analytics' }),
        { error: 'line too long (over 1 MiB)' },
        expect.objectContaining({ vendor: 'acme-analytics' }),
      ]);
      // Holding the line would need over 600 MB; node with tsx runs in about 100.
      expect(peakKb).toBeGreaterThan(0);
      expect(peakKb).toBeLessThan(300 * 1024);
    },
  );

  it('rebuilds a stale index when a source changes', () => {
    const changed = { ...FIXTURE_VENDORS[2]!, name: 'Gamma Renamed' };
    writeFileSync(join(src, 'gamma-cmp.json'), JSON.stringify(changed));
    const { lines } = runCli('{"url": "https://gamma.example/"}\n', env);
    expect(JSON.parse(lines[0]!).vendorName).toBe('Gamma Renamed');
    expect(readFileSync(join(out, 'vendor-index.json'), 'utf8')).toContain('Gamma Renamed');
  });

  it('exits non-zero with a clear message when the sources do not compile', () => {
    writeFileSync(
      join(src, 'zz-dup.json'),
      JSON.stringify({ ...FIXTURE_VENDORS[0]!, id: 'zz', domains: ['gamma.example'] }),
    );
    const { status, stderr, lines } = runCli('{"url": "https://gamma.example/"}\n', env);
    expect(status).toBe(1);
    expect(lines).toEqual([]);
    expect(stderr).toMatch(/domain gamma.example is owned by both gamma-cmp and zz/);
  });
});

// The real data: only meaningful once data/vendors holds Customer.io.
describe.skipIf(!existsSync(join(VENDOR_DIR, 'customer-io.json')))('cli classify (real data/vendors)', () => {
  it('classifies Customer.io requests and cookies', () => {
    const { lines } = runCli(
      [
        '{"url": "https://track.customer.io/api/v1/events", "pageUrl": "https://shop.example/"}',
        '{"cookie": "_cio", "domain": "shop.example", "pageUrl": "https://shop.example/"}',
        '{"url": "https://cdn.shop.example/app.js", "pageUrl": "https://shop.example/"}',
      ].join('\n'),
    );
    const [req, cookie, own] = lines.map((l) => JSON.parse(l));
    expect(req).toMatchObject({ vendor: 'customer-io', category: 'marketing', thirdParty: true });
    expect(req.reason).toMatch(/^host track\.customer\.io matches (track\.)?customer\.io \(Customer\.io\)$/);
    expect(cookie).toMatchObject({ vendor: 'customer-io' });
    expect(own).toMatchObject({ vendor: null, category: 'unknown', thirdParty: false });
  });
});

describe('readLines', () => {
  async function collect(chunks: (string | Uint8Array)[], max?: number) {
    const out: (string | symbol)[] = [];
    async function* source() {
      yield* chunks;
    }
    for await (const l of readLines(source(), max)) out.push(l);
    return out;
  }

  it('splits at LF only, drops one trailing CR and a BOM before line 1 only', async () => {
    expect(await collect(['a\rb\r\nc\r\r\n\uFEFFd\n'])).toEqual(['a\rb', 'c\r', '\uFEFFd']);
    expect(await collect(['\uFEFFa\nb'])).toEqual(['a', 'b']);
    expect(await collect(['', '\n', '\n'])).toEqual(['', '']);
    expect(await collect([])).toEqual([]);
  });

  it('is independent of chunk boundaries, inside a UTF-8 sequence or a BOM too', async () => {
    const text = '\uFEFF{"é": "日本"}\r\nzwei\n€uro';
    const bytes = Buffer.from(text, 'utf8');
    for (let cut = 0; cut <= bytes.length; cut++) {
      const chunks = [bytes.subarray(0, cut), bytes.subarray(cut)];
      expect(await collect(chunks)).toEqual(['{"é": "日本"}', 'zwei', '€uro']);
    }
  });

  it('replaces a line over the limit by TOO_LONG, whatever the chunking, and keeps the next lines', async () => {
    const input = `ok\n${'x'.repeat(25)}\n${'y'.repeat(10)}\r\n${'z'.repeat(11)}\nend`;
    const want = ['ok', TOO_LONG, 'y'.repeat(10), TOO_LONG, 'end'];
    expect(await collect([input], 10)).toEqual(want);
    const bytes = Buffer.from(input);
    expect(
      await collect(
        [...bytes].map((b) => Uint8Array.of(b)),
        10,
      ),
    ).toEqual(want);
    expect(await collect([`${'x'.repeat(11)}`], 10)).toEqual([TOO_LONG]);
  });
});
