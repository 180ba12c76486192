import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTER,
  filterTimeline,
  timelineSearchKeys,
  timelineVendors,
  type TimelineEntry,
} from './timeline';
import { visibleWindow } from './timeline-window';

function entry(n: number, over: Partial<TimelineEntry> = {}): TimelineEntry {
  return {
    id: `e${n}`,
    kind: 'request',
    at: 1_000 + n,
    offsetMs: n,
    phase: 'before-consent',
    category: 'unknown',
    vendorId: null,
    vendorName: null,
    violation: false,
    label: `h${n}.example`,
    detail: `https://h${n}.example/p`,
    ...over,
  };
}

const cio = { vendorId: 'customer-io', vendorName: 'Customer.io', category: 'marketing' as const };
const entries: TimelineEntry[] = [
  entry(0, { ...cio, label: 'track.customer.io', detail: 'https://track.customer.io/api/v1/events' }),
  entry(1, { kind: 'cookie', label: '_cioid @ shop.example', detail: 'https://shop.example/', ...cio }),
  entry(2, {
    kind: 'consent',
    phase: null,
    category: null,
    label: 'OneTrust: all refused',
    detail: 'cookie: x',
  }),
  entry(3, { phase: 'after-reject', violation: true, category: 'analytics', label: 'STATS.Example' }),
  entry(4, { label: 'café.example', detail: 'https://xn--caf-dma.example/İstanbul' }),
];

const ids = (list: TimelineEntry[]) => list.map((e) => e.id);

describe('filterTimeline', () => {
  it('text search is case-insensitive over label, detail and vendor name', () => {
    expect(ids(filterTimeline(entries, { ...EMPTY_FILTER, text: 'CUSTOMER.IO' }))).toEqual(['e0', 'e1']);
    expect(ids(filterTimeline(entries, { ...EMPTY_FILTER, text: 'stats.example' }))).toEqual(['e3']);
    expect(ids(filterTimeline(entries, { ...EMPTY_FILTER, text: '  _cioid ' }))).toEqual(['e1']);
    expect(ids(filterTimeline(entries, { ...EMPTY_FILTER, text: 'İstanbul' }))).toEqual(['e4']);
    expect(ids(filterTimeline(entries, { ...EMPTY_FILTER, text: 'refused' }))).toEqual(['e2']);
    expect(filterTimeline(entries, { ...EMPTY_FILTER, text: 'nowhere' })).toEqual([]);
  });

  it('a match never spans two fields', () => {
    // label "track.customer.io" + detail "https://…": the joined text must not match "iohttps".
    expect(filterTimeline(entries, { ...EMPTY_FILTER, text: 'customer.iohttps' })).toEqual([]);
    expect(filterTimeline(entries, { ...EMPTY_FILTER, text: 'events customer.io' })).toEqual([]);
  });

  it('no filter keeps everything in order', () => {
    expect(filterTimeline(entries, EMPTY_FILTER)).toEqual(entries);
  });

  it('category, phase and vendor filters keep consent lines; kind and text filters apply to them', () => {
    expect(ids(filterTimeline(entries, { ...EMPTY_FILTER, categories: ['marketing'] }))).toEqual([
      'e0',
      'e1',
      'e2',
    ]);
    expect(ids(filterTimeline(entries, { ...EMPTY_FILTER, phases: ['after-reject'] }))).toEqual(['e2', 'e3']);
    expect(ids(filterTimeline(entries, { ...EMPTY_FILTER, vendorId: 'customer-io' }))).toEqual([
      'e0',
      'e1',
      'e2',
    ]);
    expect(ids(filterTimeline(entries, { ...EMPTY_FILTER, categories: ['unknown'] }))).toEqual(['e2', 'e4']);
    expect(ids(filterTimeline(entries, { ...EMPTY_FILTER, kinds: ['cookie'] }))).toEqual(['e1']);
    expect(
      ids(
        filterTimeline(entries, {
          ...EMPTY_FILTER,
          vendorId: 'customer-io',
          text: 'events',
          kinds: ['request'],
        }),
      ),
    ).toEqual(['e0']);
  });

  it('builds the search keys once per timeline and reuses them', () => {
    const list = entries.slice();
    const keys = timelineSearchKeys(list);
    expect(keys[0]).toBe('track.customer.io\0https://track.customer.io/api/v1/events\0customer.io');
    filterTimeline(list, { ...EMPTY_FILTER, text: 'x' });
    expect(timelineSearchKeys(list)).toBe(keys);
    expect(timelineSearchKeys(list.slice())).not.toBe(keys);
  });

  it('gives the same answer as a naive filter on a large generated timeline', () => {
    const big = Array.from({ length: 5_000 }, (_, n) =>
      entry(n, {
        label: `T${n}.Host${n % 37}.example`,
        vendorName: n % 3 ? null : `Vendor ${n % 11}`,
        vendorId: n % 3 ? null : `v${n % 11}`,
      }),
    );
    for (const text of ['t1', 'HOST3', 'vendor 7', '.example/p', '12', 'zzz']) {
      const naive = big.filter((e) =>
        [e.label, e.detail, e.vendorName ?? ''].some((s) => s.toLowerCase().includes(text.toLowerCase())),
      );
      expect(filterTimeline(big, { ...EMPTY_FILTER, text })).toEqual(naive);
    }
  });
});

describe('timelineVendors', () => {
  it('lists each vendor once, sorted by name, and the same list for the same timeline', () => {
    const list = [...entries, entry(9, { vendorId: 'acme', vendorName: 'Acme' })];
    expect(timelineVendors(list)).toEqual([
      { id: 'acme', name: 'Acme' },
      { id: 'customer-io', name: 'Customer.io' },
    ]);
    expect(timelineVendors(list)).toBe(timelineVendors(list));
  });
});

describe('visibleWindow', () => {
  it('renders the rows in view plus the overscan, clamped to the list', () => {
    expect(visibleWindow(50_000, 0, 600, 44, 10)).toEqual({ start: 0, end: 25 });
    expect(visibleWindow(50_000, 44 * 1000, 600, 44, 10)).toEqual({ start: 990, end: 1025 });
    expect(visibleWindow(50_000, 44 * 1000 + 43, 600, 44, 10)).toEqual({ start: 990, end: 1025 });
    expect(visibleWindow(10, 0, 600, 44, 10)).toEqual({ start: 0, end: 10 });
    expect(visibleWindow(0, 500, 600, 44, 10)).toEqual({ start: 0, end: 0 });
  });

  it('a scroll offset past the end (the list shrank) still shows the last rows', () => {
    const { start, end } = visibleWindow(100, 44 * 5_000, 600, 44, 10);
    expect(end).toBe(100);
    expect(start).toBeLessThan(100 - Math.ceil(600 / 44));
  });

  it('stays small for any list size', () => {
    for (const n of [1_000, 50_000, 1_000_000]) {
      const { start, end } = visibleWindow(n, (n / 2) * 44, 900, 44, 12);
      expect(end - start).toBeLessThanOrEqual(Math.ceil(900 / 44) + 1 + 24);
      expect(start).toBeGreaterThan(0);
    }
  });
});
