/**
 * Streaming HAR reader: feed string chunks, get `log.pages[i]` and `log.entries[i]` objects one at a time.
 * Only the object being captured is held in memory, so a 500 MB HAR never becomes one string or one parse.
 * Strings inside a captured object longer than `maxString` are cut (response bodies, huge headers).
 */

export type HarItem =
  | { kind: 'page'; index: number; value: Record<string, unknown> }
  | { kind: 'entry'; index: number; value: Record<string, unknown> }
  | { kind: 'creator'; value: Record<string, unknown> };

type Kind = HarItem['kind'];

export class HarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HarFormatError';
  }
}

export interface HarStreamOptions {
  /** Longest string kept inside a captured object; longer ones are truncated (default 64 KiB). */
  maxString?: number;
}

interface Frame {
  kind: 'obj' | 'arr';
  /** Key (object member) or index (array element) under which this container sits in its parent. */
  name: string | number;
  key: string | null;
  index: number;
  expectKey: boolean;
}

interface Capture {
  depth: number;
  kind: Kind;
  index: number;
  parts: string[];
  /** Start of the not-yet-copied run in the current chunk, or -1 while skipping a cut string's tail. */
  seg: number;
}

const LISTS: Record<string, Kind> = { pages: 'page', entries: 'entry' };
const WS = new Set([' ', '\n', '\r', '\t', '\ufeff']);
const LITERAL = /[0-9a-zA-Z.+-]/;
const MAX_KEY = 256;

/** Incremental scanner; call `push` for each chunk and `end` once. Throws HarFormatError on bad input. */
export class HarStream {
  private readonly maxString: number;
  private readonly stack: Frame[] = [];
  private offset = 0;
  private started = false;
  private done = false;
  private inString = false;
  private stringIsKey = false;
  /** 0 = plain, 1 = after a backslash, 2..5 = inside \uXXXX. */
  private escape = 0;
  private keyBuf = '';
  private cap: Capture | null = null;
  private strLen = 0;
  private cutting = false;
  private sawLog = false;
  private sawEntries = false;
  private out: HarItem[] = [];

  constructor(options: HarStreamOptions = {}) {
    this.maxString = Math.max(16, options.maxString ?? 65536);
  }

  /** Scans one chunk and returns the items completed in it. */
  push(chunk: string): HarItem[] {
    if (this.cap && this.cap.seg !== -1) this.cap.seg = 0;
    let i = 0;
    while (i < chunk.length) {
      if (this.inString) i = this.stringRun(chunk, i);
      else {
        const ch = chunk[i]!;
        if (!WS.has(ch)) this.structural(ch, chunk, i);
        i++;
      }
    }
    this.offset += chunk.length;
    const cap = this.cap;
    if (cap && cap.seg !== -1 && cap.seg < chunk.length) cap.parts.push(chunk.slice(cap.seg));
    const items = this.out;
    this.out = [];
    return items;
  }

  /** Call after the last chunk: throws when the JSON was cut short or the document is not a HAR. */
  end(): void {
    if (!this.started) throw new HarFormatError('empty input: no JSON document');
    if (this.inString || this.stack.length > 0) {
      throw new HarFormatError('truncated JSON: the document ends before its last value is closed');
    }
    if (!this.sawLog) throw new HarFormatError('not a HAR file: the top-level object has no "log" object');
    if (!this.sawEntries) throw new HarFormatError('not a HAR file: "log" has no "entries" array');
  }

  private fail(message: string, at: number): never {
    throw new HarFormatError(`${message} (at character ${this.offset + at})`);
  }

  /** Consumes string content from `i`; returns the index after what it consumed. */
  private stringRun(chunk: string, i: number): number {
    if (this.escape === 0) {
      // Fast path: jump over plain characters up to the next quote or backslash.
      let j = i;
      while (j < chunk.length && chunk[j] !== '"' && chunk[j] !== '\\') j++;
      if (j > i) {
        this.plain(chunk, i, j);
        return j;
      }
      const ch = chunk[i]!;
      if (ch === '"') {
        this.inString = false;
        if (this.cutting && this.cap) this.cap.seg = i;
        if (this.stringIsKey) this.endKey();
        return i + 1;
      }
      this.startEscape(chunk, i);
      this.escape = 1;
      return i + 1;
    }
    const ch = chunk[i]!;
    if (this.escape === 1) this.escape = ch === 'u' ? 2 : 0;
    else this.escape = this.escape === 5 ? 0 : this.escape + 1;
    if (this.stringIsKey && !this.cap && this.keyBuf.length < MAX_KEY) this.keyBuf += ch;
    return i + 1;
  }

  private plain(chunk: string, i: number, j: number): void {
    if (this.stringIsKey && !this.cap && this.keyBuf.length < MAX_KEY) this.keyBuf += chunk.slice(i, j);
    const cap = this.cap;
    if (!cap || this.cutting) return;
    const room = this.maxString - this.strLen;
    if (j - i > room) {
      // Cut at a plain character, so the kept prefix stays valid JSON.
      cap.parts.push(chunk.slice(cap.seg, i + room));
      cap.seg = -1;
      this.cutting = true;
    }
    this.strLen += j - i;
  }

  private startEscape(chunk: string, i: number): void {
    if (this.stringIsKey && !this.cap && this.keyBuf.length < MAX_KEY) this.keyBuf += '\\';
    const cap = this.cap;
    if (!cap || this.cutting) return;
    if (this.strLen >= this.maxString) {
      // Cut before the backslash so no half escape sequence is kept.
      cap.parts.push(chunk.slice(cap.seg, i));
      cap.seg = -1;
      this.cutting = true;
    }
    this.strLen += 1;
  }

  private endKey(): void {
    const top = this.stack[this.stack.length - 1]!;
    top.key = this.keyBuf;
    top.expectKey = false;
    this.keyBuf = '';
  }

  private structural(ch: string, chunk: string, i: number): void {
    if (this.done) this.fail('unexpected data after the end of the JSON document', i);
    if (!this.started) {
      if (ch !== '{') this.fail('not a HAR file: the document is not a JSON object', i);
      this.started = true;
    }
    const top = this.stack[this.stack.length - 1];
    if (top?.kind === 'obj' && top.expectKey && ch !== '"' && ch !== '}' && ch !== ',') {
      this.fail('invalid JSON: expected a member name', i);
    }
    if (ch === '"') {
      this.inString = true;
      this.stringIsKey = top?.kind === 'obj' && top.expectKey;
      this.strLen = 0;
      this.cutting = false;
      return;
    }
    if (ch === '{' || ch === '[') {
      const name = top ? (top.kind === 'obj' ? (top.key ?? '') : top.index) : '';
      if (ch === '{') this.beginCapture(i);
      this.stack.push({ kind: ch === '{' ? 'obj' : 'arr', name, key: null, index: 0, expectKey: ch === '{' });
      this.noteContainer();
      return;
    }
    if (ch === '}' || ch === ']') {
      if (!top || (ch === '}') !== (top.kind === 'obj')) this.fail('invalid JSON: mismatched bracket', i);
      this.stack.pop();
      this.endCapture(chunk, i);
      if (this.stack.length === 0) this.done = true;
      return;
    }
    if (ch === ',') {
      if (!top) this.fail('invalid JSON: stray comma', i);
      if (top.kind === 'obj') {
        top.expectKey = true;
        top.key = null;
      } else top.index++;
      return;
    }
    if (ch === ':') {
      if (top?.kind !== 'obj') this.fail('invalid JSON: stray colon', i);
      return;
    }
    if (!LITERAL.test(ch)) this.fail(`invalid JSON: unexpected character ${JSON.stringify(ch)}`, i);
  }

  /** An object starts: capture it when it is log.creator, a page or an entry. */
  private beginCapture(i: number): void {
    if (this.cap) return;
    const [root, log, list] = this.stack;
    if (!root || !log || log.name !== 'log' || log.kind !== 'obj') return;
    if (this.stack.length === 2 && log.key === 'creator') {
      this.cap = { depth: 2, kind: 'creator', index: 0, parts: [], seg: i };
    } else if (this.stack.length === 3 && list?.kind === 'arr') {
      const kind = LISTS[String(list.name)];
      if (kind) this.cap = { depth: 3, kind, index: list.index, parts: [], seg: i };
    }
  }

  private noteContainer(): void {
    const [, log, list] = this.stack;
    if (this.stack.length === 2 && log?.name === 'log' && log.kind === 'obj') this.sawLog = true;
    if (this.stack.length === 3 && log?.name === 'log' && list?.name === 'entries' && list.kind === 'arr') {
      this.sawEntries = true;
    }
  }

  /** A container closed at index `i`: emit the capture when it was the captured object. */
  private endCapture(chunk: string, i: number): void {
    const cap = this.cap;
    if (!cap || this.stack.length !== cap.depth) return;
    this.cap = null;
    cap.parts.push(chunk.slice(cap.seg, i + 1));
    let value: unknown;
    try {
      value = JSON.parse(cap.parts.join(''));
    } catch {
      this.fail(`invalid JSON inside ${cap.kind === 'entry' ? 'log.entries' : 'log.pages'}[${cap.index}]`, i);
    }
    const obj = value as Record<string, unknown>;
    this.out.push(
      cap.kind === 'creator'
        ? { kind: 'creator', value: obj }
        : { kind: cap.kind, index: cap.index, value: obj },
    );
  }
}
