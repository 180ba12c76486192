import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const FIX = join(ROOT, 'lib/har/__fixtures__');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'har-cli-'));

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      TSX,
      ['scripts/cli.ts', 'har', ...args],
      { cwd: ROOT, maxBuffer: 1 << 26 },
      (err, stdout, stderr) =>
        done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('cli har', () => {
  it('prints a JSON report for a Chrome HAR and self-contained HTML with --format html', async () => {
    const out = join(dir, 'r.html');
    const [json, html] = await Promise.all([
      cli(join(FIX, 'chrome-onetrust-reject.har')),
      cli(join(FIX, 'chrome-onetrust-reject.har'), '--format', 'html', '--out', out),
    ]);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    const [first] = report.pages;
    expect(first.page).toBe('https://shop.example/');
    expect(first.consent.tool).toBe('onetrust');
    expect(first.consent.state).toMatch(/^OneTrust · rejected at/);
    const ga = first.vendors.find((v: { hosts: string[] }) => v.hosts.includes('www.google-analytics.com'));
    expect(ga).toMatchObject({
      category: 'analytics',
      phases: ['before-consent'],
      violation: true,
      // gtag/js?id=G-… (Google Analytics' tag, on Tag Manager's host) and its collect hit.
      requests: 2,
    });
    expect(ga.hosts).toEqual(
      expect.arrayContaining(['www.googletagmanager.com', 'www.google-analytics.com']),
    );
    const fb = first.vendors.find((v: { hosts: string[] }) => v.hosts.includes('www.facebook.com'));
    expect(fb.phases).toEqual(['before-consent', 'after-reject']);
    expect(first.unknown.hosts).toEqual([
      { host: 'tracker.unknown-ads.example', requests: 1, phase: 'after-reject' },
    ]);
    expect(report.site.violating).toBe(
      report.site.vendors.filter((v: { violation: boolean }) => v.violation).length,
    );
    expect(html.code).toBe(0);
    const page = readFileSync(out, 'utf8');
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('https://shop.example/');
    expect(page).not.toMatch(/<script/i);
  }, 30_000);

  it('reads Firefox and WebPageTest HARs; no consent evidence means before consent', async () => {
    const [ff, wpt] = await Promise.all([
      cli(join(FIX, 'firefox-tcf-reject.har')),
      cli(join(FIX, 'webpagetest.har')),
    ]);
    const f = JSON.parse(ff.stdout).pages[0];
    expect(f.consent.lines.find((l: { status: string }) => l.status === 'counted')).toMatchObject({
      choice: { kind: 'reject-all' },
      at: '2025-01-07T09:00:03.000Z',
    });
    expect(f.vendors.find((v: { cookies: string[] }) => v.cookies.includes('IDE')).phases).toEqual([
      'after-reject',
    ]);
    const w = JSON.parse(wpt.stdout).pages[0];
    expect(w.page).toBe('https://shop.example/');
    expect(w.consent.evidence).toBe(false);
    expect(new Set(w.vendors.flatMap((v: { phases: string[] }) => v.phases))).toEqual(
      new Set(['before-consent']),
    );
  }, 30_000);

  it.each([
    ['a missing file', () => join(dir, 'nope.har'), /no such file/],
    ['an empty file', () => file('empty.har', ''), /is empty/],
    ['a directory', () => dir, /is a directory/],
    ['an HTML page', () => file('page.har', '<!doctype html><p>hi'), /not a JSON object/],
    ['a JSON array', () => file('arr.har', '[{"log":{}}]'), /not a JSON object/],
    ['JSON without log', () => file('nolog.har', '{"version":"1.2"}'), /no "log" object/],
    [
      'truncated JSON',
      () => file('cut.har', readFileSync(join(FIX, 'webpagetest.har'), 'utf8').slice(0, 1500)),
      /truncated JSON/,
    ],
  ])(
    'fails clearly on %s',
    async (_label, path, message) => {
      const r = await cli(path());
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    },
    30_000,
  );

  it('says in the HTML report, not only on stderr, that a Set-Cookie a browser refuses was left out', async () => {
    const har = file(
      'refused.har',
      JSON.stringify({
        log: {
          entries: [
            {
              startedDateTime: '2025-01-01T00:00:00Z',
              _resourceType: 'document',
              request: { url: 'https://shop.example/' },
              response: {
                status: 200,
                headers: [{ name: 'Set-Cookie', value: 'uid=1; Domain=other.example; Path=/' }],
              },
            },
          ],
        },
      }),
    );
    const out = join(dir, 'refused.html');
    const r = await cli(har, '--format', 'html', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/1 Set-Cookie names a domain the responding host may not set cookies for/);
    expect(readFileSync(out, 'utf8')).toContain(
      '1 Set-Cookie names a domain the responding host may not set cookies for, which a browser refuses',
    );
  }, 30_000);

  it('rejects bad options with usage and exit 2', async () => {
    const r = await cli(join(FIX, 'webpagetest.har'), '--format', 'pdf');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format must be json or html/);
  }, 30_000);
});
