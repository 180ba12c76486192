// `cli audit URL… | --urls FILE [--out DIR] [--wait SECONDS] [--host-rules RULES] [--ignore-cert-errors] [--strict]`
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const USAGE = `usage: cli audit URL… | --urls FILE [--out DIR] [--wait SECONDS] [--host-rules "MAP * 127.0.0.1"]
                 [--ignore-cert-errors] [--extension DIR] [--strict]`;
const ROOT = resolve(import.meta.dirname, '../..');
// `npm run` switches to the repo root; output paths are relative to where the user ran it. The default
// `audit-out/` is git-ignored for runs from the repo root.
const CALLER_DIR = process.env.INIT_CWD ?? process.cwd();

export interface AuditArgs {
  urls: string[];
  outDir: string;
  waitMs: number;
  hostRules: string | null;
  ignoreCertErrors: boolean;
  extensionPath: string;
  strict: boolean;
}

function readUrlFile(file: string): string[] {
  // One URL per line; blank lines and # comments are skipped.
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** Parses the command line; returns an error message for bad input. */
export function parseAuditArgs(args: string[]): AuditArgs | string {
  const out: AuditArgs = {
    urls: [],
    outDir: resolve(CALLER_DIR, 'audit-out'),
    waitMs: 10_000,
    hostRules: null,
    ignoreCertErrors: false,
    extensionPath: join(ROOT, '.output/chrome-mv3'),
    strict: false,
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--out') out.outDir = resolve(CALLER_DIR, value());
      else if (a === '--wait') {
        const s = Number(value());
        if (!Number.isFinite(s) || s < 1 || s > 600)
          return '--wait must be a number of seconds between 1 and 600';
        out.waitMs = Math.round(s * 1000);
      } else if (a === '--urls') {
        const file = value();
        if (!existsSync(file)) return `--urls: ${file}: no such file`;
        out.urls.push(...readUrlFile(file));
      } else if (a === '--host-rules') out.hostRules = value();
      else if (a === '--ignore-cert-errors') out.ignoreCertErrors = true;
      else if (a === '--extension') out.extensionPath = resolve(value());
      else if (a === '--strict') out.strict = true;
      else if (a.startsWith('--')) return `unknown option ${a}`;
      else out.urls.push(a);
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (out.urls.length === 0) return 'no URL given';
  for (const u of out.urls) {
    let ok = false;
    try {
      ok = /^https?:$/.test(new URL(u).protocol);
    } catch {
      // reported below
    }
    if (!ok) return `not an http(s) URL: ${JSON.stringify(u.slice(0, 200))}`;
  }
  return out;
}

export async function main(args: string[]): Promise<number> {
  const opts = parseAuditArgs(args);
  if (typeof opts === 'string') {
    process.stderr.write(`audit: ${opts}\n${USAGE}\n`);
    return 2;
  }
  if (!existsSync(join(opts.extensionPath, 'manifest.json'))) {
    process.stderr.write(`audit: no built extension at ${opts.extensionPath}; run \`npm run build\` first\n`);
    return 2;
  }
  // Plain JS module shared with the E2E harness (Playwright launch code); loaded at run time.
  const batch = (await import('../audit/batch.mjs' as string)) as { runBatch(o: AuditArgs): Promise<number> };
  try {
    return await batch.runBatch(opts);
  } catch (e) {
    process.stderr.write(`audit: ${(e as Error).message}\n`);
    return 1;
  }
}
