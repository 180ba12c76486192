import { configDefaults, defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/** Subprocess and large-file tests: their own project (`npx vitest run --project slow`), generous timeouts. */
const SLOW = ['scripts/cli/*.test.ts', 'lib/har/stream.test.ts'];

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
            // Property tests and fake-IndexedDB stores of thousands of rows: seconds on a loaded 2-core machine
            // (a compaction test took 5.1 s beside a CI run), never a hang.
            testTimeout: 60_000,
            include: ['lib/**/*.test.ts', 'scripts/**/*.test.ts'],
            exclude: [...configDefaults.exclude, ...SLOW],
            setupFiles: ['fake-indexeddb/auto'],
          },
        },
        {
          // Tests that spawn the CLI (tsx subprocesses) or stream 100+ MB: timed for a loaded 2-core machine.
          test: {
            name: 'slow',
            environment: 'node',
            include: SLOW,
            testTimeout: 120_000,
            hookTimeout: 120_000,
          },
        },
        {
          plugins: wxtPlugins,
          test: {
            name: 'extension',
            // Whole background workers over IndexedDB: seconds on a loaded 2-core machine, never a hang.
            testTimeout: 60_000,
            include: ['entrypoints/**/*.test.{ts,tsx}', 'components/**/*.test.{ts,tsx}'],
            setupFiles: ['fake-indexeddb/auto'],
          },
        },
      ],
    },
  };
});
