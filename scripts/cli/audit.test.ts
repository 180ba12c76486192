import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAuditArgs, readUrlFile } from './audit';

describe('cli audit arguments', () => {
  it('reads a list with optional extra pages per line', () => {
    expect(
      readUrlFile(
        '# clients\nhttps://a.example/  https://a.example/x https://a.example/y\r\n\nhttps://b.example/\n',
      ),
    ).toEqual([
      { url: 'https://a.example/', given: ['https://a.example/x', 'https://a.example/y'] },
      { url: 'https://b.example/', given: [] },
    ]);
  });

  it('parses site-audit, concurrency, shard and compare options', () => {
    const old = mkdtempSync(join(tmpdir(), 'audit-args-'));
    const list = join(old, 'sites.txt');
    writeFileSync(list, 'https://a.example/ https://a.example/about\n');
    const a = parseAuditArgs([
      '--urls',
      list,
      '--pages',
      '4',
      '--discover',
      'sitemap',
      '--concurrency',
      '3',
      '--shard',
      '2/5',
      '--compare',
      old,
      '--restart',
    ]);
    if (typeof a === 'string') throw new Error(a);
    expect(a).toMatchObject({
      sites: [{ url: 'https://a.example/', given: ['https://a.example/about'] }],
      pages: 4,
      discover: ['sitemap'],
      concurrency: 3,
      shard: { index: 2, count: 5 },
      compare: old,
      restart: true,
    });
  });

  it('rejects bad values with a message', () => {
    expect(parseAuditArgs(['https://a.example/', '--pages', '-1'])).toMatch(/--pages/);
    expect(parseAuditArgs(['https://a.example/', '--concurrency', '0'])).toMatch(/--concurrency/);
    expect(parseAuditArgs(['https://a.example/', '--shard', '3/2'])).toMatch(/--shard/);
    expect(parseAuditArgs(['https://a.example/', '--discover', 'robots'])).toMatch(/--discover/);
    expect(parseAuditArgs(['https://a.example/', '--compare', '/no/such/dir'])).toMatch(/no such folder/);
    expect(parseAuditArgs(['--urls', '/no/such/file'])).toMatch(/no such file/);
  });
});
