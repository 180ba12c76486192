import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchVisitBundle, PAGE_ITEMS } from '@/lib/visit-pages';

// The derivation the handler slices: replaced between pages to prove later pages come from the first snapshot.
let current: {
  derived: { findings: { id: string }[]; parties: { key: string }[] };
  entries: { id: string }[];
} | null;
vi.mock('../derived', () => ({ readDerived: async () => current }));
// The popup's summary, named after the derivation it was made from.
vi.mock('../popup-summary', () => ({
  popupSummary: async (read: NonNullable<typeof current>) => ({ of: read.derived.findings[0]?.id }),
}));

const derivation = (n: number, tag: string) => ({
  derived: {
    findings: Array.from({ length: n }, (_, i) => ({ id: `${tag}${i}` })),
    parties: Array.from({ length: n }, (_, i) => ({ key: `host:${tag}${i}` })),
  },
  entries: [],
});

beforeEach(() => vi.resetModules());

describe('getVisitPage', () => {
  it('serves every page from the derivation read for page 0', async () => {
    const { getVisitPage } = await import('../visit-pages');
    current = derivation(PAGE_ITEMS + 3, 'old');
    const bundle = await fetchVisitBundle(async (args) => {
      const answer = await getVisitPage({ visitId: 'v', ...args });
      current = derivation(PAGE_ITEMS + 9, 'new');
      return answer;
    });
    expect(bundle!.derived.findings).toHaveLength(PAGE_ITEMS + 3);
    expect(bundle!.derived.findings.every((f) => f.id.startsWith('old'))).toBe(true);
    // The parties come with the later pages, from the same snapshot.
    expect(bundle!.derived.parties).toHaveLength(PAGE_ITEMS + 3);
    expect(bundle!.derived.parties.every((p) => p.key.startsWith('host:old'))).toBe(true);
  });

  it('sends the summary of the same derivation with the first page of a visit of several pages, only then', async () => {
    const { getVisitPage } = await import('../visit-pages');
    current = derivation(PAGE_ITEMS + 1, 'old');
    const first = await getVisitPage({ visitId: 'v', page: 0 });
    expect(first!.summary).toEqual({ of: 'old0' });
    current = derivation(PAGE_ITEMS + 1, 'new');
    expect((await getVisitPage({ visitId: 'v', page: 1, token: first!.token }))!.summary).toBeUndefined();
    current = derivation(PAGE_ITEMS, 'one');
    expect((await getVisitPage({ visitId: 'v', page: 0 }))!.summary).toBeUndefined();
  });

  it('leaves the evidence log out when asked to (the report view), and keeps it by default (exports, audits)', async () => {
    const { getVisitPage } = await import('../visit-pages');
    current = { ...derivation(3, 'f'), entries: [{ id: 'e0' }, { id: 'e1' }] };
    expect((await getVisitPage({ visitId: 'v', page: 0, withEntries: false }))!.entries).toEqual([]);
    expect((await getVisitPage({ visitId: 'v', page: 0 }))!.entries).toEqual([{ id: 'e0' }, { id: 'e1' }]);
    // A large visit without its log takes only the pages its findings need.
    current = {
      ...derivation(3, 'f'),
      entries: Array.from({ length: PAGE_ITEMS + 1 }, (_, i) => ({ id: `e${i}` })),
    };
    expect((await getVisitPage({ visitId: 'v', page: 0, withEntries: false }))!.pages).toBe(1);
  });

  it('answers null for a visit that is gone, and a clear error for an unknown reading or a bad page', async () => {
    const { getVisitPage } = await import('../visit-pages');
    current = null;
    expect(await getVisitPage({ visitId: 'v', page: 0 })).toBeNull();
    await expect(getVisitPage({ visitId: 'v', page: 1, token: 'nope' })).rejects.toThrow(
      'this reading of the visit expired: open it again',
    );
    await expect(getVisitPage({ visitId: 'v', page: -1 })).rejects.toThrow('invalid page: -1');
  });
});
