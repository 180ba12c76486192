// `npm run --silent cli -- classify`: JSON lines in (requests or cookies), exactly one JSON line out per line in.
import { hostOf, normalizeHost } from '../../lib/domain';
import type { VendorIndex } from '../../lib/vendor-db/compiled-types';
import { classifyCookie, classifyRequest } from '../../lib/vendor-db/match';
import type { Classification } from '../../lib/vendor-db/types';
import { loadNodeVendorIndex } from '../node-vendor-db';

/** Longest input line we read, in bytes (1 MiB); a longer line answers an error and is skipped unread. */
export const MAX_LINE_BYTES = 1024 * 1024;
export const LINE_TOO_LONG = 'line too long (over 1 MiB)';
/** Output is flushed in chunks of about this many characters. */
const FLUSH_AT = 64 * 1024;

const USAGE = `usage: cli classify < lines.jsonl
Each input line is {"url": "...", "pageUrl": "..."} or {"cookie": "NAME", "domain": "example.com", "pageUrl": "..."};
each output line is {"vendor","vendorName","company","category","thirdParty","reason"} or {"error": "..."}.
Lines end at LF only (one trailing CR is dropped); a UTF-8 BOM before line 1 is ignored; a line over 1 MiB
answers {"error": "line too long (over 1 MiB)"}. "thirdParty" is null when it cannot be told (no usable
"pageUrl", or no host). data:, blob:, javascript: and about: URLs answer {"error": "not a network request …"}.
Env: COOKIE_INSPECTOR_VENDORS (source dir, default data/vendors), COOKIE_INSPECTOR_PUBLIC (index dir, default public).
`;

/** A classification whose party is null when it cannot be told (no usable page URL, or no host). */
type Answered = Omit<Classification, 'thirdParty'> & { thirdParty: boolean | null };
type Answer = Answered | { error: string };

/** Schemes whose URLs never reach the network: answered as such, not as malformed. */
const NOT_NETWORK = /^\s*(data|blob|javascript|about):/i;

/** Whether a page URL names a site the classifier can compare against (the same rule as lib/vendor-db/match). */
function usablePage(pageUrl: string | undefined): boolean {
  if (pageUrl === undefined || pageUrl === '') return false;
  if (pageUrl.includes('://')) return hostOf(pageUrl) !== null;
  return pageUrl.includes('.') && normalizeHost(pageUrl) !== null;
}

/** The classifier answers false when it cannot judge the party; the contract says null ("cannot tell"). */
function withParty(c: Classification, known: boolean): Answered {
  return known ? c : { ...c, thirdParty: null };
}

function optionalString(obj: Record<string, unknown>, key: string): string | undefined | Error {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : new Error(`"${key}" must be a string`);
}

/** Classifies one input line; every problem becomes an `{error}` answer, never an exception. */
export function answerLine(index: VendorIndex, line: string): Answer {
  if (line.trim() === '') return { error: 'empty line' };
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (e) {
    return { error: `invalid JSON: ${(e as Error).message.slice(0, 120)}` };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { error: 'expected a JSON object' };
  const obj = input as Record<string, unknown>;
  const pageUrl = optionalString(obj, 'pageUrl');
  if (pageUrl instanceof Error) return { error: pageUrl.message };
  const hasUrl = obj.url !== undefined;
  const hasCookie = obj.cookie !== undefined;
  if (hasUrl && hasCookie) return { error: 'give either "url" or "cookie", not both' };
  if (hasUrl) {
    if (typeof obj.url !== 'string') return { error: '"url" must be a string' };
    if (NOT_NETWORK.test(obj.url))
      return { error: 'not a network request (data:, blob:, javascript: or about: URL)' };
    const known = usablePage(pageUrl) && hostOf(obj.url) !== null;
    return withParty(classifyRequest(index, obj.url, pageUrl), known);
  }
  if (hasCookie) {
    if (typeof obj.cookie !== 'string') return { error: '"cookie" must be a string' };
    if (typeof obj.domain !== 'string') return { error: 'cookie lines need "domain" (a string)' };
    const value = optionalString(obj, 'value');
    if (value instanceof Error) return { error: value.message };
    const known = usablePage(pageUrl) && normalizeHost(obj.domain) !== null;
    return withParty(classifyCookie(index, { name: obj.cookie, domain: obj.domain, pageUrl, value }), known);
  }
  return { error: 'missing "url" or "cookie"' };
}

function toLine(a: Answer): string {
  if ('error' in a) return JSON.stringify({ error: a.error });
  const { vendor, vendorName, company, category, thirdParty, reason } = a;
  return JSON.stringify({ vendor, vendorName, company, category, thirdParty, reason });
}

function write(text: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(text)) resolve();
    else process.stdout.once('drain', resolve);
  });
}

/** A line that was over the limit: its bytes were skipped, never held. */
export const TOO_LONG = Symbol('line too long');

/**
 * Splits a byte stream into lines at LF only (a lone CR is data: it must not split one answer into two), drops
 * one trailing CR (CRLF files) and a UTF-8 BOM before the first line. A line longer than `maxBytes` yields
 * TOO_LONG and the rest of it is skipped as it streams past, so memory stays bounded whatever the input.
 * A last line without a final LF is still a line; an input ending in LF has no empty extra line.
 */
export async function* readLines(
  input: AsyncIterable<Uint8Array | string>,
  maxBytes = MAX_LINE_BYTES,
): AsyncGenerator<string | typeof TOO_LONG> {
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = false;
  let first = true;
  const finish = (): string | typeof TOO_LONG => {
    let buf = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
    parts = [];
    size = 0;
    const wasFirst = first;
    first = false;
    if (skipping) {
      skipping = false;
      return TOO_LONG;
    }
    if (buf.length > 0 && buf[buf.length - 1] === 0x0d) buf = buf.subarray(0, -1);
    if (wasFirst && buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
      buf = buf.subarray(3);
    return buf.length > maxBytes ? TOO_LONG : buf.toString('utf8');
  };
  // The CR of a CRLF may sit one byte past the limit: allow it while reading, judge after dropping it.
  const add = (piece: Buffer) => {
    if (skipping || piece.length === 0) return;
    if (size + piece.length > maxBytes + 1) {
      skipping = true;
      parts = [];
      size = 0;
    } else {
      // Copied: the stream may reuse its chunk buffers.
      parts.push(Buffer.from(piece));
      size += piece.length;
    }
  };
  for await (const raw of input) {
    const chunk =
      typeof raw === 'string'
        ? Buffer.from(raw, 'utf8')
        : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, start); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      add(chunk.subarray(start, nl));
      yield finish();
      start = nl + 1;
    }
    add(chunk.subarray(start));
  }
  if (size > 0 || skipping) yield finish();
}

export async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  let index: VendorIndex;
  try {
    index = loadNodeVendorIndex({
      dir: process.env.COOKIE_INSPECTOR_VENDORS || undefined,
      outDir: process.env.COOKIE_INSPECTOR_PUBLIC || undefined,
    });
  } catch (e) {
    process.stderr.write(`classify: cannot load the vendor DB: ${(e as Error).message}\n`);
    return 1;
  }
  // A reader that went away (e.g. `| head`) is not an error of ours.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  let out = '';
  for await (const line of readLines(process.stdin)) {
    let answer: string;
    try {
      answer = toLine(line === TOO_LONG ? { error: LINE_TOO_LONG } : answerLine(index, line));
    } catch (e) {
      answer = JSON.stringify({ error: `internal error: ${(e as Error).message}` });
    }
    out += `${answer}\n`;
    if (out.length >= FLUSH_AT) {
      await write(out);
      out = '';
    }
  }
  if (out) await write(out);
  return 0;
}
