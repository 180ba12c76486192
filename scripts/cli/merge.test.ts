import { describe, expect, it } from 'vitest';
import { parseMergeArgs } from './merge';

describe('cli merge arguments', () => {
  it('takes folders and --out', () => {
    const a = parseMergeArgs(['/r/a', '/r/b', '--out', '/r/m', '--allow-missing']);
    expect(a).toEqual({ dirs: ['/r/a', '/r/b'], outDir: '/r/m', allowMissing: true });
  });
  it('needs folders and a new --out', () => {
    expect(parseMergeArgs(['--out', '/r/m'])).toBe('no folder to merge');
    expect(parseMergeArgs(['/r/a'])).toBe('--out is required');
    expect(parseMergeArgs(['/r/a', '--out', '/r/a'])).toMatch(/new folder/);
    expect(parseMergeArgs(['/r/a', '--out'])).toBe('--out needs a value');
    expect(parseMergeArgs(['/r/a', '--force', '--out', '/r/m'])).toBe('unknown option --force');
  });
});
