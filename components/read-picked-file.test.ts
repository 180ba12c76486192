import { describe, expect, it } from 'vitest';
import { readPickedFile } from './read-picked-file';

/** A file input holding one file (only what readPickedFile uses). */
function input(file: { name: string; size: number; text: string } | null) {
  return {
    value: 'C:\\fakepath\\x.json',
    files: file ? [{ ...file, text: async () => file.text }] : [],
  } as unknown as HTMLInputElement;
}

const parse = (text: string) =>
  text === '{}' ? { ok: true as const } : { ok: false as const, error: 'bad' };

describe('readPickedFile', () => {
  it('parses the chosen file and clears the input so the same file can be chosen again', async () => {
    const el = input({ name: 'a.json', size: 2, text: '{}' });
    expect(await readPickedFile(el, 100, 'an audit file', parse)).toEqual({
      name: 'a.json',
      result: { ok: true },
    });
    expect(el.value).toBe('');
  });

  it('refuses a file over the limit without parsing it, and passes on what the parser refuses', async () => {
    const big = input({ name: 'big.json', size: 64 * 2 ** 20 + 1, text: '{}' });
    expect(await readPickedFile(big, 64 * 2 ** 20, 'a report export', parse)).toEqual({
      name: 'big.json',
      result: { ok: false, error: 'larger than 64 MB; not a report export.' },
    });
    const bad = input({ name: 'b.json', size: 3, text: 'nope' });
    expect((await readPickedFile(bad, 100, 'x', parse))?.result).toEqual({ ok: false, error: 'bad' });
    expect(await readPickedFile(input(null), 100, 'x', parse)).toBeNull();
  });
});
