// The popup opens on every click: what its first scripts load is kept small. Bundled here with esbuild (the same
// module graph Vite bundles; CSS left out, WXT's own modules external).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The modules that put code into the bundle of `entry` (not those tree-shaken to nothing). */
async function inputsOf(entry: string): Promise<string[]> {
  const { metafile } = await build({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    alias: { '@': '.' },
    loader: { '.css': 'empty' },
    external: ['wxt/*'],
    logLevel: 'silent',
  });
  const output = Object.values(metafile.outputs)[0]!;
  return Object.entries(output.inputs)
    .filter(([, i]) => i.bytesInOutput > 0)
    .map(([path]) => path);
}

describe('the popup bundle', () => {
  it('leaves out the public suffix list (the background classifies and derives; rows arrive made)', async () => {
    const inputs = await inputsOf('entrypoints/popup/main.tsx');
    expect(inputs).toContain('components/VendorItem.tsx');
    expect(inputs.filter((p) => /tldts|lib\/domain\.ts$/.test(p))).toEqual([]);
  });

  it("asks its first question from a script that loads neither Preact nor the popup's modules", async () => {
    const inputs = await inputsOf('entrypoints/popup-question.ts');
    expect(inputs).toContain('entrypoints/popup/first-question.ts');
    expect(inputs.filter((p) => /preact|components\/|lib\/report\/(?!summary)/.test(p))).toEqual([]);
  });
});
