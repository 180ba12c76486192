// Which visit a content-script report lands on: never the shown page's for a document the tab does not show.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageVisit } from '@/lib/findings';
import type { SenderInfo } from '@/lib/messages';

const TAB = 9;
const visit = (id: string, site: string): PageVisit => ({
  id,
  tabId: TAB,
  url: `https://${site}/`,
  site,
  startedAt: 1,
  incognito: false,
});
const shop = visit('shop', 'shop.example');
const news = visit('news', 'news.example');

beforeEach(async () => {
  fakeBrowser.reset();
  const { setTab } = await import('../session');
  setTab({
    tabId: TAB,
    current: { visit: shop, documentId: 'D1', sites: [] },
    pending: { visit: news, documentId: null, sites: [], requestId: 'r2' },
    previous: null,
  });
});

const from = (s: Partial<SenderInfo>): SenderInfo => ({ tabId: TAB, frameId: 0, ...s });

describe('visitForSender', () => {
  it("binds the shown document's reports to its visit, and its frames' too", async () => {
    const { visitForSender } = await import('../reports');
    expect(visitForSender(from({ documentId: 'D1', documentLifecycle: 'active', url: shop.url }))).toBe(shop);
    expect(visitForSender(from({ frameId: 4, documentId: 'F1', documentLifecycle: 'active' }))).toBe(shop);
  });

  it('drops reports of a prerendered or cached document, whatever site it is on', async () => {
    const { visitForSender } = await import('../reports');
    for (const url of [shop.url, 'https://other.example/'])
      expect(
        visitForSender(from({ frameId: 7, documentId: 'P1', documentLifecycle: 'prerender', url }), {
          initial: true,
        }),
      ).toBeNull();
    expect(
      visitForSender(from({ documentId: 'OLD', documentLifecycle: 'cached', url: shop.url })),
    ).toBeNull();
  });

  it("gives an unknown top document's report to the pending navigation only on that navigation's site", async () => {
    const { visitForSender } = await import('../reports');
    expect(visitForSender(from({ documentId: 'NEW', documentLifecycle: 'active', url: news.url }))).toBe(
      news,
    );
    expect(
      visitForSender(
        from({ documentId: 'STRAY', documentLifecycle: 'active', url: 'https://evil.example/' }),
      ),
    ).toBeNull();
  });
});
