import { describe, expect, it } from 'vitest';
import { isDeepStrictEqual as isEqual } from 'node:util';
import { fetchVisitBundle, PAGE_ITEMS, visitPage, type PageRequest } from './visit-pages';
import type { VisitBundle } from './messages';
import type { DerivedVisit } from './evidence/derive';
import type { VisitSummary } from './report/summary';

function bundle(findings: number, entries: number, parties = 1): VisitBundle {
  const derived = {
    visit: {
      id: 'v',
      tabId: 1,
      url: 'https://a.example/',
      site: 'a.example',
      startedAt: 1,
      incognito: false,
    },
    findings: Array.from({ length: findings }, (_, i) => ({ id: `f${i}` })),
    parties: Array.from({ length: parties }, (_, i) => ({ key: `p${i}` })),
    verdict: { text: 'x' },
  } as unknown as DerivedVisit;
  return { derived, entries: Array.from({ length: entries }, (_, i) => ({ id: `e${i}` })) as never };
}

/** A background that answers pages of `b`, counting the messages and the largest page. */
function serve(b: VisitBundle | null) {
  const asked: { page: number; token?: string }[] = [];
  const request: PageRequest = async (args) => {
    asked.push(args);
    return b && visitPage(b, 'T', args.page);
  };
  return { request, asked };
}

describe('a visit in pages', () => {
  it.each([
    [0, 0],
    [1, 3],
    [PAGE_ITEMS, PAGE_ITEMS],
    [2 * PAGE_ITEMS + 1, 7],
    [3, 3 * PAGE_ITEMS - 1],
  ])('%i findings and %i entries come back whole, no page above PAGE_ITEMS', async (f, e) => {
    const b = bundle(f, e);
    const { request, asked } = serve(b);
    expect(await fetchVisitBundle(request)).toEqual(b);
    const items = Math.max(f, e);
    // One page when it fits; else a first page with the derivation alone, then the items.
    expect(asked).toHaveLength(items <= PAGE_ITEMS ? 1 : 1 + Math.ceil(items / PAGE_ITEMS));
    expect(asked.slice(1).every((a) => a.token === 'T')).toBe(true);
  });

  it.each([
    [1, 1, PAGE_ITEMS + 1],
    [PAGE_ITEMS + 1, 0, 2 * PAGE_ITEMS + 1],
    [2 * PAGE_ITEMS, 3, 7],
  ])('%i findings, %i entries and %i parties come back whole', async (f, e, p) => {
    const b = bundle(f, e, p);
    const { request, asked } = serve(b);
    expect(await fetchVisitBundle(request)).toEqual(b);
    expect(asked).toHaveLength(1 + Math.ceil(Math.max(f, e, p) / PAGE_ITEMS));
  });

  it('reports its progress with the derivation from the first page, before each later page', async () => {
    const b = bundle(2 * PAGE_ITEMS + 1, 0);
    const seen: [number, number, boolean][] = [];
    // A visit of several pages sends its parties with the items, not with the derivation.
    const head = { ...b.derived, parties: [], findings: undefined };
    delete head.findings;
    await fetchVisitBundle(serve(b).request, (h, read, pages) => seen.push([read, pages, isEqual(h, head)]));
    expect(seen).toEqual([
      [1, 4, true],
      [2, 4, true],
      [3, 4, true],
    ]);
    // A one-page visit is whole at once: nothing to report.
    const one: unknown[] = [];
    await fetchVisitBundle(serve(bundle(3, 3)).request, (...args) => one.push(args));
    expect(one).toEqual([]);
  });

  it("passes the first page's summary on with the progress, and leaves it out of the bundle", async () => {
    const b = bundle(PAGE_ITEMS + 1, 0);
    const summary = { unknownTotal: 7 } as unknown as VisitSummary;
    const request: PageRequest = async ({ page }) => visitPage(b, 'T', page, summary);
    const seen: unknown[] = [];
    expect(await fetchVisitBundle(request, (_h, _r, _p, s) => seen.push(s))).toEqual(b);
    expect(seen).toEqual([summary, summary]);
    // Only the first page carries it, and only when there are more pages.
    expect(visitPage(b, 'T', 1, summary).summary).toBeUndefined();
    expect(visitPage(bundle(3, 3), 'T', 0, summary).summary).toBeUndefined();
  });

  it('sends the first page of a large visit without items or parties, so the verdict comes in a small message', () => {
    const large = bundle(PAGE_ITEMS + 1, PAGE_ITEMS + 1, PAGE_ITEMS + 1);
    const first = visitPage(large, 'T', 0);
    expect(first.head).toBeDefined();
    expect([first.findings.length, first.entries.length, first.head!.parties.length, first.pages]).toEqual([
      0, 0, 0, 3,
    ]);
    expect(first.parties).toBeUndefined();
    const last = visitPage(large, 'T', 2);
    expect(last.findings.map((f) => f.id)).toEqual([`f${PAGE_ITEMS}`]);
    expect(last.parties!.map((p) => p.key)).toEqual([`p${PAGE_ITEMS}`]);
    // A one-page visit keeps its parties in the head.
    const one = visitPage(bundle(2, 2, 3), 'T', 0);
    expect([one.head!.parties.length, one.parties]).toEqual([3, undefined]);
  });

  it('is null for a visit that is not stored', async () => {
    expect(await fetchVisitBundle(serve(null).request)).toBeNull();
  });

  it('refuses pages from another reading of the visit', async () => {
    const b = bundle(PAGE_ITEMS + 1, 0);
    const request: PageRequest = async ({ page }) => visitPage(b, page === 0 ? 'T1' : 'T2', page);
    await expect(fetchVisitBundle(request)).rejects.toThrow('the visit changed while it was read');
  });
});
