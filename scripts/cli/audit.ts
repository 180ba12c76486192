// `cli audit URL… | --urls FILE [--out DIR] [--pages N] [--concurrency N] [--shard i/n] [--compare OLD] …`
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseShard, type Shard, type SiteEntry } from '../audit/state';
import type { DiscoverSource } from '../audit/pages';

const USAGE = `usage: cli audit URL… | --urls FILE [--out DIR] [--wait SECONDS] [--pages N] [--discover links,sitemap]
                 [--concurrency N] [--shard i/n] [--compare OLD_DIR] [--restart]
                 [--host-rules "MAP * 127.0.0.1"] [--ignore-cert-errors] [--extension DIR] [--strict]
  A line of the --urls file is a start page, optionally followed by more pages of the same site to audit.`;
const ROOT = resolve(import.meta.dirname, '../..');
// `npm run` switches to the repo root; output paths are relative to where the user ran it. The default
// `audit-out/` is git-ignored for runs from the repo root.
const CALLER_DIR = process.env.INIT_CWD ?? process.cwd();

export interface AuditArgs {
  sites: SiteEntry[];
  outDir: string;
  waitMs: number;
  /** More pages per site besides the start page (found on it, in its sitemap, or given). */
  pages: number;
  discover: DiscoverSource[];
  concurrency: number;
  shard: Shard | null;
  /** An earlier output folder to compare each site with. */
  compare: string | null;
  /** Ignore the output folder's state file and audit every site again. */
  restart: boolean;
  hostRules: string | null;
  ignoreCertErrors: boolean;
  extensionPath: string;
  strict: boolean;
}

/** One site per line: the start page, then optional more pages; blank lines and # comments are skipped. */
export function readUrlFile(text: string): SiteEntry[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [url, ...given] = l.split(/\s+/);
      return { url: url!, given };
    });
}

function isHttp(u: string): boolean {
  try {
    return /^https?:$/.test(new URL(u).protocol);
  } catch {
    return false;
  }
}

function intIn(text: string, name: string, min: number, max: number): number | string {
  const n = Number(text);
  return Number.isInteger(n) && n >= min && n <= max
    ? n
    : `${name} must be a whole number from ${min} to ${max}`;
}

/** Parses the command line; returns an error message for bad input. */
export function parseAuditArgs(args: string[]): AuditArgs | string {
  const out: AuditArgs = {
    sites: [],
    outDir: resolve(CALLER_DIR, 'audit-out'),
    waitMs: 10_000,
    pages: 0,
    discover: ['sitemap', 'links'],
    concurrency: 1,
    shard: null,
    compare: null,
    restart: false,
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
        const file = resolve(CALLER_DIR, value());
        if (!existsSync(file)) return `--urls: ${file}: no such file`;
        out.sites.push(...readUrlFile(readFileSync(file, 'utf8')));
      } else if (a === '--pages') {
        const n = intIn(value(), '--pages', 0, 500);
        if (typeof n === 'string') return n;
        out.pages = n;
      } else if (a === '--discover') {
        const list = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        if (list.some((s) => s !== 'links' && s !== 'sitemap'))
          return '--discover takes links, sitemap or both (comma-separated)';
        out.discover = list as DiscoverSource[];
      } else if (a === '--concurrency') {
        const n = intIn(value(), '--concurrency', 1, 32);
        if (typeof n === 'string') return n;
        out.concurrency = n;
      } else if (a === '--shard') {
        const s = parseShard(value());
        if (typeof s === 'string') return s;
        out.shard = s;
      } else if (a === '--compare') {
        const dir = resolve(CALLER_DIR, value());
        if (!existsSync(dir) || !statSync(dir).isDirectory()) return `--compare: ${dir}: no such folder`;
        out.compare = dir;
      } else if (a === '--restart') out.restart = true;
      else if (a === '--host-rules') out.hostRules = value();
      else if (a === '--ignore-cert-errors') out.ignoreCertErrors = true;
      else if (a === '--extension') out.extensionPath = resolve(value());
      else if (a === '--strict') out.strict = true;
      else if (a.startsWith('--')) return `unknown option ${a}`;
      else out.sites.push({ url: a, given: [] });
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (out.sites.length === 0) return 'no URL given';
  for (const u of out.sites.flatMap((s) => [s.url, ...s.given]))
    if (!isHttp(u)) return `not an http(s) URL: ${JSON.stringify(u.slice(0, 200))}`;
  if (out.compare && out.compare === out.outDir) return '--compare must name another folder than --out';
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
