// Runs `scripts/cli.ts` in a child Node process (tsx loader, no wrapper process, so signals reach it directly).
import { spawn } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Starts `cli <args>`; `done` resolves with { code, signal, stdout, stderr }. `onStderr(text, all)` sees output
 * as it arrives (e.g. to interrupt the run at a given point).
 */
export function startCli(args, { onStderr, timeout = 600_000 } = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, INIT_CWD: ROOT },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => {
    stderr += d;
    onStderr?.(String(d), stderr);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
  const done = new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    }),
  );
  return { child, done };
}

export const runCli = (args, opts) => startCli(args, opts).done;
