// `cli merge DIR… --out DIR`: joins the output folders of shards of one list (`cli audit --shard i/n`) into one.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { summaryTable } from '../../lib/audit/summary';
import { siteSummaryCsv } from '../audit/rows';
import { STATE_FILE, mergeStates, parseState, type BatchState } from '../audit/state';

const USAGE = 'usage: cli merge DIR… --out DIR [--allow-missing]';
const CALLER_DIR = process.env.INIT_CWD ?? process.cwd();

export interface MergeArgs {
  dirs: string[];
  outDir: string;
  allowMissing: boolean;
}

export function parseMergeArgs(args: string[]): MergeArgs | string {
  const dirs: string[] = [];
  let outDir: string | null = null;
  let allowMissing = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--out') {
      const v = args[++i];
      if (v === undefined) return '--out needs a value';
      outDir = resolve(CALLER_DIR, v);
    } else if (a === '--allow-missing') allowMissing = true;
    else if (a.startsWith('--')) return `unknown option ${a}`;
    else dirs.push(resolve(CALLER_DIR, a));
  }
  if (!dirs.length) return 'no folder to merge';
  if (!outDir) return '--out is required';
  if (dirs.includes(outDir)) return '--out must be a new folder, not one of the inputs';
  return { dirs, outDir, allowMissing };
}

const SUFFIXES = [
  '.json',
  '.html',
  '.declaration.json',
  '.declaration.csv',
  '.declaration.html',
  '.site.html',
  '.compare.json',
];

/** A site's files in an output folder: `<stem>.json`, `<stem>.html`, `<stem>.declaration.*`, `<stem>.compare.json`. */
function filesOf(dir: string, stem: string): string[] {
  return readdirSync(dir).filter((f) => f.startsWith(stem) && SUFFIXES.includes(f.slice(stem.length)));
}

export async function main(args: string[]): Promise<number> {
  const opts = parseMergeArgs(args);
  if (typeof opts === 'string') {
    process.stderr.write(`merge: ${opts}\n${USAGE}\n`);
    return 2;
  }
  const states: { dir: string; state: BatchState }[] = [];
  for (const dir of opts.dirs) {
    const file = join(dir, STATE_FILE);
    if (!existsSync(file)) {
      process.stderr.write(`merge: ${dir}: no ${STATE_FILE} (not a cli audit output folder)\n`);
      return 1;
    }
    const s = parseState(readFileSync(file, 'utf8'));
    if (typeof s === 'string') {
      process.stderr.write(`merge: ${file}: ${s}\n`);
      return 1;
    }
    states.push({ dir, state: s });
  }
  const merged = mergeStates(states.map((s) => s.state));
  if (typeof merged === 'string') {
    process.stderr.write(`merge: ${merged}\n`);
    return 1;
  }
  mkdirSync(opts.outDir, { recursive: true });
  // Copy each site's files from the folder whose entry won the merge.
  for (const e of Object.values(merged.state.entries)) {
    const from = states.find((s) => s.state.entries[e.index]?.finishedAt === e.finishedAt)!.dir;
    for (const f of filesOf(from, e.stem)) copyFileSync(join(from, f), join(opts.outDir, f));
  }
  writeFileSync(join(opts.outDir, STATE_FILE), `${JSON.stringify(merged.state, null, 2)}\n`);
  const rows = Object.values(merged.state.entries)
    .sort((a, b) => a.index - b.index)
    .map((e) => e.row);
  writeFileSync(join(opts.outDir, 'summary.csv'), siteSummaryCsv(rows));
  process.stdout.write(summaryTable(rows));
  process.stderr.write(
    `merge: ${rows.length} of ${merged.state.total} sites from ${states.length} folders into ${opts.outDir}\n`,
  );
  if (merged.missing.length) {
    process.stderr.write(
      `merge: ${merged.missing.length} sites not done in any folder (list positions ${merged.missing.map((i) => i + 1).join(', ')}); ` +
        `run \`cli audit\` with the same list and --out ${opts.outDir} to audit only those\n`,
    );
    return opts.allowMissing ? 0 : 1;
  }
  return 0;
}
