import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchVisitBundle, PAGE_ITEMS } from '@/lib/visit-pages';

// The derivation the handler slices: replaced between pages to prove later pages come from the first snapshot.
let current: { derived: { findings: { id: string }[] }; entries: { id: string }[] } | null;
vi.mock('../derived', () => ({ readDerived: async () => current }));

const derivation = (n: number, tag: string) => ({
  derived: { findings: Array.from({ length: n }, (_, i) => ({ id: `${tag}${i}` })) },
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
