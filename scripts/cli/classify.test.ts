import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE_VENDORS } from '../../lib/vendor-db/__fixtures__/vendors';
import { ROOT, VENDOR_DIR } from '../node-vendor-db';

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

  it('answers one line per input line, in order, errors included', () => {
    mkdirSync(src, { recursive: true });
    for (const v of FIXTURE_VENDORS) writeFileSync(join(src, `${v.id}.json`), JSON.stringify(v));
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
    expect(parsed[8]).toMatchObject({ vendor: null, category: 'unknown', reason: 'malformed URL "::::"' });
    expect(parsed[9]).toMatchObject({ vendor: null, category: 'necessary' });
    // The index was built on the fly and cached for the next run.
    expect(existsSync(join(out, 'vendor-index.json'))).toBe(true);
  });

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
