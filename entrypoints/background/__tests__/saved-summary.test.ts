import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { VisitSummary } from '@/lib/report/summary';
import { visitRow } from '@/lib/store/__fixtures__/sighting';
import { deriveVisit } from '@/lib/evidence/derive';
import {
  MAX_SAVED,
  SAVE_AFTER_MS,
  SAVE_QUIET_MS,
  clearSavedSummaries,
  forgetSummaries,
  saveSummary,
  savedSummary,
} from '../saved-summary';
import { cancelPendingSaves, keepForRestart } from '../popup-summary';

vi.mock('../classifier', () => ({ vendorDetails: async () => [] }));

const summary = (findings: number, pad = '') =>
  ({ findings, visit: visitRow('v', 'shop.example', 1), pad }) as unknown as VisitSummary;

afterEach(() => vi.useRealTimers());

beforeEach(() => {
  fakeBrowser.reset();
  (fakeBrowser.runtime as any).getManifest = () => ({ version: '1.2.3' });
});

describe('saved popup summaries', () => {
  it('gives back a tab’s summary only for the visit it was made for', async () => {
    await saveSummary(1, visitRow('v1', 'shop.example', 1), summary(7));
    expect((await savedSummary(1, 'v1'))?.findings).toBe(7);
    expect(await savedSummary(1, 'v2')).toBeNull();
    expect(await savedSummary(2, 'v1')).toBeNull();
  });

  it('does not show a summary an older build made', async () => {
    await saveSummary(1, visitRow('v1', 'shop.example', 1), summary(7));
    (fakeBrowser.runtime as any).getManifest = () => ({ version: '1.2.4' });
    expect(await savedSummary(1, 'v1')).toBeNull();
  });

  it('keeps the last MAX_SAVED tabs, drops oversized summaries and never keeps a private window’s', async () => {
    for (let tab = 1; tab <= MAX_SAVED + 1; tab++)
      await saveSummary(tab, visitRow(`v${tab}`, 'shop.example', 1), summary(tab));
    expect(await savedSummary(1, 'v1')).toBeNull();
    for (let tab = 2; tab <= MAX_SAVED + 1; tab++)
      expect((await savedSummary(tab, `v${tab}`))?.findings).toBe(tab);
    // Saving tab 2 again makes it the most recent: the next new tab drops tab 3 instead.
    await saveSummary(2, visitRow('v2', 'shop.example', 1), summary(20));
    await saveSummary(9, visitRow('v9', 'shop.example', 1), summary(9));
    expect(await savedSummary(3, 'v3')).toBeNull();
    expect((await savedSummary(2, 'v2'))?.findings).toBe(20);

    await saveSummary(5, visitRow('v5', 'shop.example', 1), summary(5, 'x'.repeat(1_100_000)));
    expect(await savedSummary(5, 'v5')).toBeNull();
    await saveSummary(6, { ...visitRow('v6', 'shop.example', 1), incognito: true }, summary(6));
    expect(await savedSummary(6, 'v6')).toBeNull();
    const keys = Object.keys(await fakeBrowser.storage.local.get(null));
    expect(keys.filter((k) => k.startsWith('popupSummary:') && k !== 'popupSummary:tabs')).toHaveLength(
      MAX_SAVED,
    );
  });

  it('forgets a closed tab’s summary and those of visits retention deleted', async () => {
    await saveSummary(1, visitRow('v1', 'shop.example', 1), summary(1));
    await saveSummary(2, visitRow('v2', 'shop.example', 1), summary(2));
    await saveSummary(3, visitRow('v3', 'shop.example', 1), summary(3));
    await forgetSummaries(1, async () => false);
    expect(await savedSummary(1, 'v1')).toBeNull();
    await forgetSummaries(null, async (visitId) => visitId === 'v2');
    expect(await savedSummary(2, 'v2')).toBeNull();
    expect((await savedSummary(3, 'v3'))?.findings).toBe(3);
    expect(Object.keys(await fakeBrowser.storage.local.get(null)).sort()).toEqual([
      'popupSummary:3',
      'popupSummary:tabs',
    ]);
  });

  it('forgets every summary when stored visits are deleted', async () => {
    await saveSummary(1, visitRow('v1', 'shop.example', 1), summary(1));
    await saveSummary(2, visitRow('v2', 'shop.example', 1), summary(2));
    await clearSavedSummaries();
    expect(await savedSummary(1, 'v1')).toBeNull();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('saves a large visit’s summary only once its tab has been quiet, and never a small one’s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const visit = visitRow('v1', 'shop.example', 1);
    const read = (ms: number) => ({ derived: deriveVisit(visit, []), entries: [], ms });
    keepForRestart(1, read(SAVE_AFTER_MS - 1));
    keepForRestart(1, read(SAVE_AFTER_MS));
    await vi.advanceTimersByTimeAsync(SAVE_QUIET_MS - 1);
    // A newer derivation of the same tab puts the save off again: a page still firing pays nothing.
    keepForRestart(1, read(SAVE_AFTER_MS + 1));
    await vi.advanceTimersByTimeAsync(SAVE_QUIET_MS - 1);
    expect(await savedSummary(1, 'v1')).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(async () => expect((await savedSummary(1, 'v1'))?.visit.id).toBe('v1'));
    keepForRestart(2, read(SAVE_AFTER_MS - 1));
    await vi.advanceTimersByTimeAsync(SAVE_QUIET_MS);
    expect(await savedSummary(2, 'v1')).toBeNull();
    // A deletion in the quiet time drops the waiting save.
    keepForRestart(3, read(SAVE_AFTER_MS));
    cancelPendingSaves();
    await vi.advanceTimersByTimeAsync(SAVE_QUIET_MS);
    expect(await savedSummary(3, 'v1')).toBeNull();
  });
});
