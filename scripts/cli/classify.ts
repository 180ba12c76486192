// `npm run --silent cli -- classify`: JSON lines in (requests or cookies), exactly one JSON line out per line in.
import { createInterface } from 'node:readline';
import type { VendorIndex } from '../../lib/vendor-db/compiled-types';
import { classifyCookie, classifyRequest } from '../../lib/vendor-db/match';
import type { Classification } from '../../lib/vendor-db/types';
import { loadNodeVendorIndex } from '../node-vendor-db';

/** Longest input line we parse; longer lines answer an error instead of eating memory. */
const MAX_LINE = 1_000_000;
/** Output is flushed in chunks of about this many characters. */
const FLUSH_AT = 64 * 1024;

const USAGE = `usage: cli classify < lines.jsonl
Each input line is {"url": "...", "pageUrl": "..."} or {"cookie": "NAME", "domain": "example.com", "pageUrl": "..."};
each output line is {"vendor","vendorName","company","category","thirdParty","reason"} or {"error": "..."}.
Env: COOKIE_INSPECTOR_VENDORS (source dir, default data/vendors), COOKIE_INSPECTOR_PUBLIC (index dir, default public).
`;

type Answer = Classification | { error: string };

function optionalString(obj: Record<string, unknown>, key: string): string | undefined | Error {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : new Error(`"${key}" must be a string`);
}

/** Classifies one input line; every problem becomes an `{error}` answer, never an exception. */
export function answerLine(index: VendorIndex, line: string): Answer {
  if (line.trim() === '') return { error: 'empty line' };
  if (line.length > MAX_LINE) return { error: `line longer than ${MAX_LINE} characters` };
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
    return classifyRequest(index, obj.url, pageUrl);
  }
  if (hasCookie) {
    if (typeof obj.cookie !== 'string') return { error: '"cookie" must be a string' };
    if (typeof obj.domain !== 'string') return { error: 'cookie lines need "domain" (a string)' };
    const value = optionalString(obj, 'value');
    if (value instanceof Error) return { error: value.message };
    return classifyCookie(index, { name: obj.cookie, domain: obj.domain, pageUrl, value });
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
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let out = '';
  for await (const line of lines) {
    let answer: string;
    try {
      answer = toLine(answerLine(index, line));
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
