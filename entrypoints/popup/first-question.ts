/**
 * The popup's one question for its first render: which tab it shows, and that tab's summary. Asked from a classic
 * script in the popup's head (entrypoints/popup-question.ts) while the popup's modules still load, so the answer is
 * usually there when the popup first renders; the popup asks again itself when that script did not run.
 */
import type { browser as Browser } from 'wxt/browser';
import type { Answer, Args } from '@/lib/messages';
import type { VisitSummary } from '@/lib/report/summary';

export interface TabAnswer {
  tabId: number | null;
  summary: VisitSummary | null;
}

declare global {
  /** Set by popup-question.js in the popup's head, read once by the popup. */
  var __cookieInspectorFirstQuestion: Promise<TabAnswer> | undefined;
}

type Api = Pick<typeof Browser, 'runtime' | 'tabs'>;

/** `?tabId=` first (tests and the report open the popup as a tab), else the active tab. */
export async function targetTab(api: Api): Promise<number | null> {
  const param = new URLSearchParams(location.search).get('tabId');
  if (param !== null) {
    const id = Number(param);
    if (!Number.isSafeInteger(id) || id < 0)
      throw new Error(`Invalid tabId parameter: ${param.slice(0, 40)}`);
    return id;
  }
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/** The target tab and its summary (null when nothing is recorded for it). */
export async function askTab(api: Api): Promise<TabAnswer> {
  const tabId = await targetTab(api);
  if (tabId === null) return { tabId, summary: null };
  // The message `send` (entrypoints/shared/api.ts) would send; that module is not loaded this early.
  const args: Args<'getTabVisit'> = { tabId };
  const summary = (await api.runtime.sendMessage({ type: 'getTabVisit', args })) as Answer<'getTabVisit'>;
  return { tabId, summary };
}
