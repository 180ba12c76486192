// Node-side access to the vendor DB for the build, CLI, bench and tests: read sources, compile, write, load.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import wordListPath from 'word-list';
import { compileVendors, CompileError, type CompileResult } from '../lib/vendor-db/compile';
import { INDEX_VERSION, MATCH_RULES_VERSION, type VendorIndex } from '../lib/vendor-db/compiled-types';
import { loadVendorIndex } from '../lib/vendor-db/load';
import { readCustomerNamespaces } from '../lib/vendor-db/sources/namespaces';
import type { VendorRecord } from '../lib/vendor-db/types';
import { shardPath, splitDetails } from '../lib/vendor-db/shard';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const VENDOR_DIR = join(ROOT, 'data', 'vendors');
export const PUBLIC_DIR = join(ROOT, 'public');
export const INDEX_FILE = 'vendor-index.json';
export const DETAILS_FILE = 'vendor-details.json';

export interface VendorSources {
  records: VendorRecord[];
  files: string[];
  /** CDN customer namespaces → operator, for the real data/vendors only (curated/customer-namespaces.json). */
  namespaces: Record<string, string>;
  /** sha256 over file names and contents (plus the index version), so any edit marks the index stale. */
  hash: string;
}

/** Reads every data/vendors/*.json; a file that is not JSON is a CompileError naming the file. */
export function readVendorSources(dir = VENDOR_DIR): VendorSources {
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  const hash = createHash('sha256').update(`v${INDEX_VERSION}\nmatch ${MATCH_RULES_VERSION}\n`);
  const namespaces = resolve(dir) === VENDOR_DIR ? readNamespaces() : {};
  hash.update(`namespaces\0${JSON.stringify(namespaces)}\0`);
  const records: VendorRecord[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    hash.update(`${file}\0${text}\0`);
    try {
      records.push(JSON.parse(text) as VendorRecord);
    } catch (e) {
      problems.push(`${file}: not valid JSON (${(e as Error).message})`);
    }
  }
  if (problems.length > 0) throw new CompileError(problems);
  return { records, files, namespaces, hash: hash.digest('hex') };
}

/** data/curated/customer-namespaces.json as domain → operator (none when the file is absent, e.g. a package). */
function readNamespaces(): Record<string, string> {
  const path = join(ROOT, 'data', 'curated', 'customer-namespaces.json');
  if (!existsSync(path)) return {};
  const table = readCustomerNamespaces(JSON.parse(readFileSync(path, 'utf8')));
  return Object.fromEntries(Object.entries(table).map(([domain, e]) => [domain, e.operator]));
}

let english: ReadonlySet<string> | undefined;

/** English words (the word-list package, MIT): brand words that are one, and cookie names made only of them. */
function englishWords(): ReadonlySet<string> {
  english ??= new Set(readFileSync(wordListPath, 'utf8').split('\n'));
  return english;
}

/** Compiles a directory of vendor records (throws CompileError on fatal problems). */
export function compileDir(dir = VENDOR_DIR): CompileResult & { files: string[] } {
  const { records, files, hash, namespaces } = readVendorSources(dir);
  return { ...compileVendors(records, hash, files, englishWords(), namespaces), files };
}

/** Writes a file via a temporary name and a rename, so a concurrent reader never sees half a file. */
export function writeAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** Writes the compiled index and details into `outDir` (public/ by default); returns their sizes in bytes. */
export function writeCompiled(
  result: CompileResult,
  outDir = PUBLIC_DIR,
): { index: number; details: number } {
  const index = JSON.stringify(result.index);
  const details = JSON.stringify(result.details);
  writeAtomic(join(outDir, INDEX_FILE), index);
  writeAtomic(join(outDir, DETAILS_FILE), details);
  for (const [n, shard] of splitDetails(result.details))
    writeAtomic(join(outDir, shardPath(n)), JSON.stringify(shard));
  return { index: Buffer.byteLength(index), details: Buffer.byteLength(details) };
}

function readIndexHash(path: string): { text: string; hash: string | null; version: unknown } | null {
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8');
  try {
    const parsed = JSON.parse(text) as { sourceHash?: unknown; version?: unknown };
    return {
      text,
      hash: typeof parsed.sourceHash === 'string' ? parsed.sourceHash : null,
      version: parsed.version,
    };
  } catch {
    return null;
  }
}

/**
 * The ready-to-match index for Node callers. Uses public/vendor-index.json when it matches data/vendors;
 * otherwise (missing, stale, other version) compiles data/vendors in memory and tries to refresh the file.
 */
export function loadNodeVendorIndex(opts: { dir?: string; outDir?: string } = {}): VendorIndex {
  const dir = opts.dir ?? VENDOR_DIR;
  const outDir = opts.outDir ?? PUBLIC_DIR;
  const existing = readIndexHash(join(outDir, INDEX_FILE));
  const sources = readVendorSources(dir);
  const fresh = existing && existing.version === INDEX_VERSION && existing.hash === sources.hash;
  // No sources at all (e.g. a packaged copy): trust whatever index exists.
  if (existing && (fresh || sources.files.length === 0)) return loadVendorIndex(existing.text);
  const result = compileVendors(
    sources.records,
    sources.hash,
    sources.files,
    englishWords(),
    sources.namespaces,
  );
  try {
    writeCompiled(result, outDir);
  } catch {
    // Read-only checkout: the in-memory index is still correct, only the cache is not refreshed.
  }
  return loadVendorIndex(result.index);
}
