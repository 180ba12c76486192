// import-diff end to end without a subprocess: a changed third-party-web copy against the real data/ tree.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importDiff } from './import-diff';
import { SOURCE_FILES } from './import-vendors';

const dir = mkdtempSync(join(tmpdir(), 'import-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('import-diff', () => {
  // Two full builds and two compiles of ~4,000 vendors: seconds on a loaded machine, never a hang.
  it(
    'reports removed and added vendors and the regression expectations that newly fail or pass',
    { timeout: 120_000 },
    () => {
      const entities = JSON.parse(readFileSync(SOURCE_FILES['third-party-web'], 'utf8')) as {
        name: string;
      }[];
      // 15gifts comes from third-party-web alone: without its entity the vendor and its hosts are gone.
      const copy = [
        ...entities.filter((e) => e.name !== '15gifts'),
        { name: 'Regression Probe Analytics', category: 'analytics', domains: ['*.probe-analytics.test'] },
      ];
      expect(copy.length).toBe(entities.length);
      const file = join(dir, 'entities.json');
      writeFileSync(file, JSON.stringify(copy));
      const set = join(dir, 'vendor-docs.json');
      const entry = (vendor: string, requests: string[], cookies: string[] = []) => ({
        vendor,
        docs: 'https://docs.example/',
        checked: false,
        requests,
        cookies,
      });
      writeFileSync(
        set,
        JSON.stringify({
          vendors: [
            entry('15gifts', ['https://app.15gifts.com/widget.js']),
            {
              ...entry('regression-probe-analytics', ['https://c.probe-analytics.test/p']),
              category: 'analytics',
            },
            entry('google-analytics', ['https://www.google-analytics.com/g/collect?v=2&tid=G-X1'], ['_ga']),
          ],
        }),
      );

      const { text, regression } = importDiff('third-party-web', file, set);
      expect(regression.newlyFailing).toEqual([
        {
          vendor: '15gifts',
          kind: 'request',
          subject: 'https://app.15gifts.com/widget.js',
          aspect: 'vendor',
          expected: '15gifts',
          got: 'null',
        },
      ]);
      expect(regression.newlyPassing.map((f) => [f.vendor, f.aspect, f.got])).toEqual([
        ['regression-probe-analytics', 'vendor', 'null'],
      ]);
      expect(regression.stillFailing).toBe(0);
      expect(text).toContain('## Removed\n\n- 15gifts\n');
      expect(text).toContain('## Added\n\n- regression-probe-analytics\n');
      expect(text).toContain('1 expectation(s) newly fail, 1 newly pass, 0 fail before and after.');
      expect(text).toContain(
        '- 15gifts: request `https://app.15gifts.com/widget.js`: vendor null, expected 15gifts',
      );
    },
  );
});
