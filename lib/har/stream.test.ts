import { describe, expect, it } from 'vitest';
import { mergeSpread, signalFromCookie, signalFromRequestUrl } from '../consent/signals';
import { OPTANON_REJECT_ALL } from '../consent/__fixtures__/cookies';
import { indexClassifier } from '../classifier';
import { loadNodeVendorIndex } from '../../scripts/node-vendor-db';
import { harVisits } from './evidence';
import { readHar } from './read';
import { buildHarReport } from './report';
import { HarFormatError, HarStream, type HarItem } from './stream';

function readAll(text: string, chunkSize: number, maxString?: number): HarItem[] {
  const s = new HarStream({ maxString });
  const items: HarItem[] = [];
  for (let i = 0; i < text.length; i += chunkSize) items.push(...s.push(text.slice(i, i + chunkSize)));
  s.end();
  return items;
}

const har = {
  log: {
    version: '1.2',
    creator: { name: 'WebInspector', version: '537.36' },
    pages: [{ id: 'page_1', title: 'https://shop.example/', startedDateTime: '2025-01-01T00:00:00.000Z' }],
    entries: [
      { startedDateTime: '2025-01-01T00:00:00.100Z', request: { url: 'https://shop.example/', headers: [] } },
      {
        request: {
          url: 'https://x.example/a?q="}]\\u00e9',
          headers: [{ name: 'Cookie', value: 'a=b; c=[d]' }],
        },
      },
      { nested: { deep: [[{}], { '}': '{' }] }, n: -1.5e3, t: true, z: null },
    ],
  },
};
const text = JSON.stringify(har, null, 2);

describe('HarStream', () => {
  it('yields creator, pages and entries identical to JSON.parse, whatever the chunking', () => {
    for (const size of [1, 2, 3, 7, 64, text.length]) {
      const items = readAll(text, size);
      expect(items.map((i) => i.kind)).toEqual(['creator', 'page', 'entry', 'entry', 'entry']);
      expect(items[1]!.value).toEqual(har.log.pages[0]);
      expect(items.filter((i) => i.kind === 'entry').map((i) => i.value)).toEqual(har.log.entries);
    }
  });

  it('reads entries before pages and keeps indexes', () => {
    const t = JSON.stringify({ log: { entries: [{ a: 1 }, { b: 2 }], pages: [{ id: 'p' }] } });
    const items = readAll(t, 5);
    expect(items).toEqual([
      { kind: 'entry', index: 0, value: { a: 1 } },
      { kind: 'entry', index: 1, value: { b: 2 } },
      { kind: 'page', index: 0, value: { id: 'p' } },
    ]);
  });

  it('truncates long strings inside an entry without breaking escapes', () => {
    const long = 'é\\"\u2028'.repeat(50) + 'x'.repeat(1000);
    const t = JSON.stringify({ log: { entries: [{ text: long, after: 'kept' }] } });
    for (const size of [1, 13, t.length]) {
      const [item] = readAll(t, size, 40);
      const v = item!.value as { text: string; after: string };
      expect(v.after).toBe('kept');
      expect(long.startsWith(v.text)).toBe(true);
      expect(v.text.length).toBeGreaterThan(10);
      expect(v.text.length).toBeLessThan(60);
    }
  });

  it('does not capture non-object entries', () => {
    const items = readAll(JSON.stringify({ log: { entries: [1, 'two', null, { ok: 1 }] } }), 4);
    expect(items).toEqual([{ kind: 'entry', index: 3, value: { ok: 1 } }]);
  });

  it.each([
    ['', /empty input/],
    ['   ', /empty input/],
    ['[1,2]', /not a JSON object/],
    ['<html></html>', /not a JSON object/],
    ['{"foo": 1}', /no "log" object/],
    ['{"log": {"pages": []}}', /no "entries" array/],
    ['{"log": []}', /no "log" object/],
    ['{"log": {"entries": [{"a": 1}, {"b": "unterminated', /truncated JSON/],
    ['{"log": {"entries": [{"a": 1}]}', /truncated JSON/],
    ['{"log": {"entries": []}} x', /after the end/],
    ['{"log": {"entries": [{"a": 1]}}', /mismatched bracket/],
    ['{"log": {"entries": [{"a": tru}]}}', /invalid JSON inside log.entries\[0\]/],
    ['{"log": {"entries": [], @}}', /expected a member name|unexpected character/],
  ])('rejects %j', (input, message) => {
    expect(() => readAll(input, 3)).toThrow(HarFormatError);
    expect(() => readAll(input, 3)).toThrow(message);
  });

  it('cuts one 64 MB body while it streams in, never holding it whole', () => {
    const s = new HarStream({ maxString: 1000 });
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    const items: HarItem[] = [];
    items.push(...s.push('{"log":{"entries":[{"response":{"content":{"text":"'));
    const mb = 'é'.repeat(1 << 19); // 1 MiB of UTF-8 (2-byte characters)
    for (let i = 0; i < 64; i++) {
      items.push(...s.push(mb));
      if (i % 8 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
    items.push(...s.push('"}},"after":1}]}}'));
    s.end();
    const entry = items[0]!.value as { response: { content: { text: string } }; after: number };
    expect(entry.after).toBe(1);
    expect(entry.response.content.text).toBe('é'.repeat(1000));
    // Held whole, the body would be 64 MB as UTF-16 (plus the chunks' own copies).
    expect(peak).toBeLessThan(32 * 1024 * 1024);
  });

  it('names the entry that holds invalid JSON', () => {
    expect(() => readAll('{"log":{"entries":[{"a":1},{"b":nul}]}}', 4)).toThrow(
      /invalid JSON inside log.entries\[1\]/,
    );
  });

  it('streams a large HAR with bounded memory', () => {
    // ~120 MB of input overall (bodies of 200 kB each), produced and consumed chunk by chunk, never whole.
    const body = 'A'.repeat(200_000);
    const entry = (i: number) =>
      JSON.stringify({
        request: { url: `https://t${i % 50}.example/p?i=${i}`, headers: [] },
        response: { content: { text: body } },
      });
    const s = new HarStream();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    let count = 0;
    let bytes = 0;
    const feed = (chunk: string) => {
      bytes += chunk.length;
      for (const item of s.push(chunk)) {
        if (item.kind === 'entry') count++;
      }
    };
    feed('{"log":{"version":"1.2","entries":[');
    for (let i = 0; i < 600; i++) {
      const e = (i ? ',' : '') + entry(i);
      for (let o = 0; o < e.length; o += 65536) feed(e.slice(o, o + 65536));
      if (i % 100 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
    feed(']}}');
    s.end();
    expect(count).toBe(600);
    expect(bytes).toBeGreaterThan(120_000_000);
    // The whole input is 120 MB (240 MB as UTF-16); staying far below proves nothing accumulates.
    expect(peak).toBeLessThan(64 * 1024 * 1024);
  });
});

describe('HarStream: header values', () => {
  const headerEntry = (value: string, body = '') =>
    JSON.stringify({
      log: {
        entries: [
          {
            request: { url: 'https://a.example/', headers: [{ name: 'Cookie', value }] },
            response: { content: { text: body } },
          },
        ],
      },
    });

  it('keeps a header value past maxString whole, and still cuts bodies (uncounted)', () => {
    const cookie = 'a='.concat('x'.repeat(300));
    const s = new HarStream({ maxString: 100, maxHeader: 1000 });
    const [item] = s.push(headerEntry(cookie, 'B'.repeat(500)));
    s.end();
    const e = item!.value as {
      request: { headers: { value: string }[] };
      response: { content: { text: string } };
    };
    expect(e.request.headers[0]!.value).toBe(cookie);
    expect(e.response.content.text).toBe('B'.repeat(100));
    expect(s.truncatedHeaders).toBe(0);
  });

  it('counts each header value cut at maxHeader, and readHar reports it', async () => {
    for (const size of [1, 7, 4096]) {
      const text = headerEntry('c='.concat('y'.repeat(3000)));
      const s = new HarStream({ maxString: 100, maxHeader: 1000 });
      const items: HarItem[] = [];
      for (let i = 0; i < text.length; i += size) items.push(...s.push(text.slice(i, i + size)));
      s.end();
      const e = items[0]!.value as { request: { headers: { value: string }[] } };
      expect(e.request.headers[0]!.value).toHaveLength(1000);
      expect(s.truncatedHeaders).toBe(1);
    }
    const parsers = { signalFromCookie, signalFromRequestUrl, mergeSpread };
    const capture = await readHar([headerEntry('c='.concat('y'.repeat(3000)))], parsers, {
      maxString: 100,
      maxHeader: 1000,
    });
    expect(capture.truncatedHeaders).toBe(1);
    expect(buildHarReport(capture, []).truncatedHeaders).toBe(1);
  });
});

describe('HAR: a huge Cookie header', () => {
  const parsers = { signalFromCookie, signalFromRequestUrl, mergeSpread };
  const real = indexClassifier(loadNodeVendorIndex());

  /**
   * A returning visitor's refusal travels in a large Cookie header (many first-party cookies: 200 × ~350 bytes,
   * within what browsers send), and the HAR tool recorded only the header (no request.cookies list).
   */
  function har() {
    const filler = Array.from({ length: 200 }, (_, i) => `pref_${i}=${'x'.repeat(340)}`).join('; ');
    return {
      log: {
        entries: [
          {
            startedDateTime: '2025-01-01T00:00:00Z',
            _resourceType: 'document',
            request: {
              url: 'https://shop.example/',
              headers: [{ name: 'Cookie', value: `${filler}; OptanonConsent=${OPTANON_REJECT_ALL}` }],
            },
          },
          {
            startedDateTime: '2025-01-01T00:00:01Z',
            request: { url: 'https://www.google-analytics.com/g/collect' },
          },
        ],
      },
    };
  }

  // 200 × ~352 bytes ≈ 70 KB: past HarStream's 64 KiB string cap for other strings (150 cookies, ≈ 53 KB, passed).
  it('keeps the consent cookie at its end: the refusal is carried over, nothing is silently lost', async () => {
    const text = JSON.stringify(har());
    const capture = await readHar([text], parsers);
    const [page] = buildHarReport(capture, harVisits(capture, real)).pages;
    expect(page!.consent.lines.find((l) => l.tool === 'onetrust')).toMatchObject({
      status: 'carried-over',
      choice: { kind: 'reject-all' },
    });
    expect(page!.vendors.find((v) => v.vendor === 'google-analytics')).toMatchObject({
      phases: ['after-reject'],
    });
    expect(capture.truncatedHeaders).toBe(0);
  });
});
