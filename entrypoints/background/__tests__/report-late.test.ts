// Firefox gives no documentId, so a report is bound to the tab's current visit, or, for a report read at
// document_start (`initial`), to the pending navigation of its site. The detector's own document_start report, the
// user-activation state (`userActivation` active:false: "watched from here"), is marked initial too: unmarked, it
// landed on the page being left while the commit had not reached the background.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageVisit } from '@/lib/findings';
import type { Sighting } from '@/lib/evidence/types';
import type { SenderInfo } from '@/lib/messages';

vi.mock('../classifier', () => ({
  loadClassifier: async () => ({
    database: 'test',
    request: () => ({
      vendor: null,
      vendorName: null,
      company: null,
      category: 'unknown',
      thirdParty: false,
      reason: 't',
    }),
    cookie: () => ({
      vendor: null,
      vendorName: null,
      company: null,
      category: 'unknown',
      thirdParty: false,
      reason: 't',
    }),
    storage: () => ({
      vendor: null,
      vendorName: null,
      company: null,
      category: 'unknown',
      thirdParty: false,
      reason: 't',
    }),
  }),
  vendorDetails: async () => [],
}));
const written: Sighting[] = [];
vi.mock('../writer', () => ({
  enqueue: (_: PageVisit, s: Sighting) => void written.push(s),
  saveVisit: () => undefined,
  flush: async () => undefined,
}));

const TAB = 3;
const T = 1_800_000_000_000;
const visit = (id: string, startedAt: number): PageVisit => ({
  id,
  tabId: TAB,
  url: 'https://shop.example/',
  site: 'shop.example',
  startedAt,
  incognito: false,
});
const leaving = visit('leaving', T - 60_000);
const reloaded = visit('reloaded', T);
/** Firefox: no documentId, no documentLifecycle. */
const firefoxTop: SenderInfo = { tabId: TAB, frameId: 0, url: 'https://shop.example/' };

beforeEach(async () => {
  fakeBrowser.reset();
  written.length = 0;
  const { ready } = await import('../context');
  await ready();
  const { setTab } = await import('../session');
  // The reload's main-frame request opened the pending visit; its commit has not been handled yet.
  setTab({
    tabId: TAB,
    current: { visit: leaving, documentId: null, sites: [] },
    pending: { visit: reloaded, documentId: null, sites: [], requestId: 'm2' },
    previous: null,
  });
});

describe('the new document’s document_start reports, before its commit is handled (Firefox)', () => {
  it('the storage snapshot read at document_start goes to the reloaded visit', async () => {
    const { reportHandlers } = await import('../reports');
    const items = [{ area: 'localStorage', name: 'k', valueLength: 1, valueHash: 'h' }];
    await reportHandlers.storageSnapshot({ items: items as never, at: T + 50, initial: true }, firefoxTop);
    expect(written.map((s) => s.visitId)).toEqual(['reloaded']);
  });

  it('so must the activation state the detector reports at document_start', async () => {
    const { reportHandlers } = await import('../reports');
    await reportHandlers.userActivation({ active: false, at: T + 50, initial: true }, firefoxTop);
    // Before the fix: it lands on the page being left; the reloaded visit is never "watched", so a record its site
    // then stores on its own is counted as the visitor's choice (deriveConsent untouched(), decideStored watchedAt).
    expect(written.filter((s) => s.kind === 'activation').map((s) => s.visitId)).toEqual(['reloaded']);
  });
});
