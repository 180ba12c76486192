// `cli har FILE.har [--format json|html] [--out FILE]`: audit a saved HAR with the extension's own lib/.
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { renderHtmlReport } from '../../components/export/html';
import { deriveVisit, partyVendorIds } from '../../lib/evidence/derive';
import { harVisits } from '../../lib/har/evidence';
import { readHar } from '../../lib/har/read';
import { buildHarReport } from '../../lib/har/report';
import { HarFormatError } from '../../lib/har/stream';
import { loadClassifier, loadVendorRecords, parsers } from '../audit/har-deps';

const USAGE = 'usage: cli har FILE.har [--format json|html] [--out FILE]';

interface Options {
  file: string;
  format: 'json' | 'html';
  out: string | null;
}

function parseArgs(args: string[]): Options | string {
  let file: string | null = null;
  let format: Options['format'] = 'json';
  let out: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--format') {
      const v = args[++i];
      if (v !== 'json' && v !== 'html')
        return `--format must be json or html, got ${JSON.stringify(v ?? '')}`;
      format = v;
    } else if (a === '--out') {
      out = args[++i] ?? null;
      if (!out) return '--out needs a file name';
    } else if (a.startsWith('--')) return `unknown option ${a}`;
    else if (file === null) file = a;
    else return `unexpected argument ${a}`;
  }
  return file === null ? 'missing HAR file' : { file, format, out };
}

/** Why a file cannot be read, in words, or null when it is a readable regular file. */
function fileProblem(file: string): string | null {
  try {
    const st = statSync(file);
    if (st.isDirectory()) return `${file} is a directory, not a HAR file`;
    if (st.size === 0) return `${file} is empty: not a HAR file`;
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? `${file}: no such file`
      : `${file}: cannot read (${code ?? (e as Error).message})`;
  }
}

export async function main(args: string[]): Promise<number> {
  const opts = parseArgs(args);
  if (typeof opts === 'string') {
    process.stderr.write(`har: ${opts}\n${USAGE}\n`);
    return 2;
  }
  const problem = fileProblem(opts.file);
  if (problem) {
    process.stderr.write(`har: ${problem}\n`);
    return 1;
  }
  try {
    // 1 MiB chunks; the utf8 decoder keeps multi-byte characters split across chunks intact.
    const chunks = createReadStream(opts.file, { encoding: 'utf8', highWaterMark: 1 << 20 });
    const capture = await readHar(chunks, parsers);
    const visits = harVisits(capture, loadClassifier());
    if (capture.undated > 0)
      process.stderr.write(
        `har: ${opts.file}: ${capture.undated} ${capture.undated === 1 ? 'entry has' : 'entries have'} no valid startedDateTime: counted from the page's start, a consent choice in them after the last dated entry\n`,
      );
    // A header cut at the stream's cap may have lost cookies: said, never silent (the JSON's truncatedHeaders).
    if (capture.truncatedHeaders > 0)
      process.stderr.write(
        `har: ${opts.file}: ${capture.truncatedHeaders} header ${capture.truncatedHeaders === 1 ? 'value was' : 'values were'} over 1 MiB and cut there: cookies after the cut are not in the report\n`,
      );
    if (capture.rejectedCookies > 0)
      process.stderr.write(
        `har: ${opts.file}: ${capture.rejectedCookies} Set-Cookie ${capture.rejectedCookies === 1 ? 'names a domain' : 'headers name a domain'} the responding host may not set cookies for (a browser refuses them): not in the report\n`,
      );
    let text: string;
    if (opts.format === 'json') text = `${JSON.stringify(buildHarReport(capture, visits), null, 2)}\n`;
    else {
      // One HTML section per HAR page, each rendered by the extension's own report.
      text = visits
        .map((hv) => {
          const derived = deriveVisit(hv.visit, hv.entries);
          const vendors = loadVendorRecords(partyVendorIds(derived.parties));
          return renderHtmlReport({ derived, entries: hv.entries }, vendors, {
            toolVersion: 'cli-har',
            generatedAt: Date.now(),
            // The method section must say the data came from a HAR file, not from the extension.
            capture: 'har',
            undatedEntries: capture.undated,
            truncatedHeaders: capture.truncatedHeaders,
            rejectedCookies: capture.rejectedCookies,
          });
        })
        .join('\n');
    }
    if (opts.out) writeFileSync(opts.out, text);
    else process.stdout.write(text);
    return 0;
  } catch (e) {
    if (e instanceof HarFormatError) {
      process.stderr.write(`har: ${opts.file}: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`har: ${opts.file}: ${(e as Error).message}\n`);
    return 1;
  }
}
