import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig(async () => {
  // vitest 4: WXT's globals define must run before vitest's own 'pre' config hook (see toolchain notes).
  const wxtPlugins = (await WxtVitest()).map((p: any) =>
    p?.name === 'wxt:globals' ? { ...p, enforce: 'pre' } : p,
  );
  return {
    test: {
      projects: [
        {
          // Pure code: plain Node, no WXT, so any stray browser global fails here.
          test: {
            name: 'lib',
            environment: 'node',
            include: ['lib/**/*.test.ts', 'scripts/**/*.test.ts'],
            setupFiles: ['fake-indexeddb/auto'],
          },
        },
        {
          plugins: wxtPlugins,
          test: {
            name: 'extension',
            include: ['entrypoints/**/*.test.{ts,tsx}', 'components/**/*.test.{ts,tsx}'],
            setupFiles: ['fake-indexeddb/auto'],
          },
        },
      ],
    },
  };
});
