/**
 * Streaming HAR reader on `@streamparser/json`: feed string chunks, get log.creator, `log.pages[i]` and
 * `log.entries[i]` objects one at a time. Only the object being parsed is held in memory (the parser's
 * `keepStack: false` drops each one once emitted), and strings longer than `maxString` are cut while they stream
 * in (response bodies), so a 500 MB HAR never becomes one string or one parse. Header values, what the evidence is
 * made of, have a much larger cap (`maxHeader`), and each one cut there is counted (`truncatedHeaders`).
 */
import {
  Tokenizer,
  TokenParser,
  TokenType,
  type ParsedElementInfo,
  type ParsedTokenInfo,
} from '@streamparser/json';

export type HarItem =
  | { kind: 'page'; index: number; value: Record<string, unknown> }
  | { kind: 'entry'; index: number; value: Record<string, unknown> }
  | { kind: 'creator'; value: Record<string, unknown> };

export class HarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HarFormatError';
  }
}

export interface HarStreamOptions {
  /** Longest string kept, header values apart; longer ones are truncated (default 64 KiB). */
  maxString?: number;
  /** Longest header value kept (request and response `headers[i].value`; default 1 MiB, at least `maxString`). */
  maxHeader?: number;
}

/** Above any Cookie header a browser sends (Chromium: at most 180 cookies of 4 KiB per domain, about 720 KiB). */
const MAX_HEADER = 1 << 20;

const PATHS = ['$.log.creator', '$.log.pages.*', '$.log.entries.*'];
const LISTS: Record<string, 'page' | 'entry'> = { pages: 'page', entries: 'entry' };

/**
 * The tokenizer's string accumulator (its `StringBuilder` duck type), keeping at most `max` UTF-16 units and only
 * counting the rest: the library has no length cap, and one 600 MB body would exceed V8's largest string.
 */
class CappedString {
  byteLength = 0;
  /** The string being read lost characters to the cap. */
  cut = false;
  private parts: string[] = [];
  private length = 0;
  private max: number;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  /** `limit` gives the cap of each string as it starts (header values get a larger one). */
  constructor(private readonly limit: () => number) {
    this.max = limit();
  }

  appendChar(byte: number): void {
    this.byteLength += 1;
    // Hot path (short keys and values arrive byte by byte): one code unit never needs cutting.
    if (this.length < this.max) {
      this.parts.push(String.fromCharCode(byte));
      this.length += 1;
    } else this.cut = true;
  }

  appendBuf(buf: Uint8Array, start = 0, end = buf.length): void {
    this.byteLength += end - start;
    const room = this.max - this.length;
    if (room <= 0) {
      if (end > start) this.cut = true;
      return;
    }
    // `room` characters take at most 4 bytes each: decode that much (backing off to a character start), not the run.
    let stop = Math.min(end, start + room * 4);
    while (stop < end && stop > start && (buf[stop]! & 0xc0) === 0x80) stop--;
    this.keep(this.decoder.decode(buf.subarray(start, stop)));
    // Whatever did not fit ends the kept prefix, so no later character lands after a gap.
    if (stop < end) {
      this.length = this.max;
      this.cut = true;
    }
  }

  appendCharCode(code: number): void {
    this.keep(String.fromCharCode(code));
  }

  reset(): void {
    this.parts = [];
    this.length = 0;
    this.byteLength = 0;
    this.cut = false;
    this.max = this.limit();
  }

  toString(): string {
    if (this.parts.length === 1) return this.parts[0]!;
    const s = this.parts.join('');
    this.parts = [s];
    return s;
  }

  private keep(s: string): void {
    const room = this.max - this.length;
    if (s === '') return;
    if (room <= 0) {
      this.cut = true;
      return;
    }
    let piece = s.length > room ? s.slice(0, room) : s;
    if (piece.length < s.length) this.cut = true;
    // Never keep half of a surrogate pair.
    const last = piece.charCodeAt(piece.length - 1);
    if (piece.length < s.length && last >= 0xd800 && last <= 0xdbff) piece = piece.slice(0, -1);
    this.parts.push(piece);
    this.length = piece.length < s.length ? this.max : this.length + piece.length;
  }
}

class HarTokenizer extends Tokenizer {
  readonly text: CappedString;

  constructor(limit: () => number) {
    super();
    const self = this as unknown as { bufferedString?: unknown };
    // Pinned version; the stream test's truncation case fails if the library renames its accumulator.
    if (typeof self.bufferedString !== 'object')
      throw new Error('@streamparser/json: string accumulator not found');
    this.text = new CappedString(limit);
    self.bufferedString = this.text;
  }
}

interface Frame {
  obj: boolean;
  /** Last member name (object) or element index (array). */
  key: string | number;
  expectKey: boolean;
}

/** Incremental reader; call `push` for each chunk and `end` once. Throws HarFormatError on bad input. */
export class HarStream {
  private readonly tokenizer: HarTokenizer;
  private readonly parser = new TokenParser({ paths: PATHS, keepStack: false });
  /** The containers the next token is in (to name errors and check that log and log.entries exist). */
  private readonly frames: Frame[] = [];
  private started = false;
  private done = false;
  private sawLog = false;
  private sawEntries = false;
  private out: HarItem[] = [];
  private readonly maxString: number;
  private readonly maxHeader: number;
  /** Header values cut at `maxHeader`: evidence may be missing, so the report says how many. */
  truncatedHeaders = 0;

  constructor(options: HarStreamOptions = {}) {
    this.maxString = Math.max(16, options.maxString ?? 65536);
    this.maxHeader = Math.max(this.maxString, options.maxHeader ?? MAX_HEADER);
    this.tokenizer = new HarTokenizer(() => (this.inHeaderValue() ? this.maxHeader : this.maxString));
    this.tokenizer.onToken = (t) => this.token(t);
    this.parser.onValue = (v) => this.value(v);
  }

  /** Parses one chunk and returns the items completed in it. */
  push(chunk: string): HarItem[] {
    try {
      this.tokenizer.write(chunk);
    } catch (e) {
      throw this.explain(e);
    }
    const items = this.out;
    this.out = [];
    return items;
  }

  /** Call after the last chunk: throws when the JSON was cut short or the document is not a HAR. */
  end(): void {
    let cut = false;
    try {
      this.tokenizer.end();
    } catch {
      cut = true;
    }
    if (!this.started) {
      if (cut) throw new HarFormatError('not a HAR file: the document is not a JSON object');
      throw new HarFormatError('empty input: no JSON document');
    }
    if (cut || !this.done) {
      throw new HarFormatError('truncated JSON: the document ends before its last value is closed');
    }
    if (!this.sawLog) throw new HarFormatError('not a HAR file: the top-level object has no "log" object');
    if (!this.sawEntries) throw new HarFormatError('not a HAR file: "log" has no "entries" array');
  }

  private token(t: ParsedTokenInfo): void {
    if (this.done) throw new HarFormatError('unexpected data after the end of the JSON document');
    if (!this.started) {
      if (t.token !== TokenType.LEFT_BRACE)
        throw new HarFormatError('not a HAR file: the document is not a JSON object');
      this.started = true;
    }
    if (t.token === TokenType.STRING && this.tokenizer.text.cut && this.inHeaderValue())
      this.truncatedHeaders++;
    this.track(t.token, t.value);
    this.parser.write(t);
  }

  /** Whether the next string is a header's value: `…headers[i].value`, after its member name. */
  private inHeaderValue(): boolean {
    const f = this.frames;
    const n = f.length;
    return (
      n >= 3 &&
      f[n - 1]!.obj &&
      !f[n - 1]!.expectKey &&
      f[n - 1]!.key === 'value' &&
      !f[n - 2]!.obj &&
      f[n - 3]!.key === 'headers'
    );
  }

  /** Follows nesting only as far as the errors and the log / entries checks need it. */
  private track(token: TokenType, value: unknown): void {
    const frames = this.frames;
    const top = frames[frames.length - 1];
    switch (token) {
      case TokenType.LEFT_BRACE:
      case TokenType.LEFT_BRACKET: {
        const obj = token === TokenType.LEFT_BRACE;
        if (frames.length === 1 && top!.key === 'log' && obj) this.sawLog = true;
        if (frames.length === 2 && this.inLog() && top!.key === 'entries' && !obj) this.sawEntries = true;
        frames.push({ obj, key: obj ? '' : 0, expectKey: obj });
        return;
      }
      case TokenType.RIGHT_BRACE:
      case TokenType.RIGHT_BRACKET:
        if (!top || top.obj !== (token === TokenType.RIGHT_BRACE)) {
          throw new HarFormatError('invalid JSON: mismatched bracket');
        }
        frames.pop();
        if (frames.length === 0) this.done = true;
        return;
      case TokenType.COMMA:
        if (top?.obj) top.expectKey = true;
        else if (top) top.key = (top.key as number) + 1;
        return;
      case TokenType.STRING:
        if (top?.obj && top.expectKey) {
          top.key = String(value);
          top.expectKey = false;
        }
        return;
      default:
        if (top?.obj && top.expectKey && token !== TokenType.COLON) {
          throw new HarFormatError('invalid JSON: expected a member name');
        }
    }
  }

  private inLog(): boolean {
    return this.frames[0]?.key === 'log' && this.frames[1]?.obj === true;
  }

  private value({ value, key, stack }: ParsedElementInfo): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    const obj = value as Record<string, unknown>;
    // stack: [root, log] for log.creator, [root, log, list] for list items.
    const list = stack.length === 3 ? LISTS[String(stack[2]!.key)] : undefined;
    if (list) this.out.push({ kind: list, index: Number(key), value: obj });
    else if (key === 'creator') this.out.push({ kind: 'creator', value: obj });
  }

  /** A library error, in the words of the old reader: where it happened, and what. */
  private explain(e: unknown): Error {
    if (e instanceof HarFormatError) return e;
    if (this.done) return new HarFormatError('unexpected data after the end of the JSON document');
    const message = e instanceof Error ? e.message : String(e);
    if (!this.started) return new HarFormatError('not a HAR file: the document is not a JSON object');
    const list = this.inLog() && this.frames.length >= 3 ? LISTS[String(this.frames[1]!.key)] : undefined;
    const at = /absolute position "(\d+)"/.exec(message)?.[1];
    const where = at ? ` (at byte ${at})` : '';
    if (list) {
      const name = list === 'entry' ? 'log.entries' : 'log.pages';
      return new HarFormatError(`invalid JSON inside ${name}[${String(this.frames[2]!.key)}]${where}`);
    }
    const ch = /^Unexpected "(.)"/.exec(message)?.[1];
    return new HarFormatError(
      ch ? `invalid JSON: unexpected character ${JSON.stringify(ch)}${where}` : `invalid JSON: ${message}`,
    );
  }
}
