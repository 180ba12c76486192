import { describe, expect, it } from 'vitest';
import { emptyTab, newVisit, onCommit, onMainFrameRequest, visitForRequest } from './tab-state';
import { isInternal, normalizeRequest } from './request';

// Probed: Chromium 156 names the extension as the initiator of a navigation it starts with tabs.update, and Firefox
// 153 gives the extension as originUrl for tabs.update and tabs.reload alike; neither sends a documentId with a
// main-frame request. The one-click audit loads pages so after blanking the tab; they are still web pages.
describe('navigations an extension starts', () => {
  const details = (initiator: string) => ({
    url: 'https://shop.example/',
    type: 'main_frame',
    tabId: 4,
    frameId: 0,
    requestId: '9',
    timeStamp: 2000,
    initiator,
  });

  it('a main-frame request in a tab is a page load even when an extension initiated it', () => {
    expect(isInternal(details('chrome-extension://abc'))).toBe(false);
    expect(
      isInternal({ ...details(''), initiator: undefined, originUrl: 'moz-extension://abc/bg.html' }),
    ).toBe(false);
    expect(normalizeRequest(details('chrome-extension://abc'))?.type).toBe('main_frame');
    // Everything else an extension requests stays out, in a tab or not.
    expect(isInternal({ ...details('chrome-extension://abc'), type: 'xmlhttprequest' })).toBe(true);
    expect(isInternal({ ...details('chrome-extension://abc'), type: 'sub_frame' })).toBe(true);
    expect(isInternal({ ...details('chrome-extension://abc'), tabId: -1 })).toBe(true);
  });

  it('opens a pending visit that the commit promotes, so the page’s own Set-Cookie is the new visit’s', () => {
    // The tab showed the same URL before (the audit's case: the same page, loaded again after the clean-up).
    let state = onCommit(emptyTab(4), { url: 'https://shop.example/', at: 1000, documentId: 'D0' }, () =>
      newVisit('v0', 4, 'https://shop.example/', 1000, false),
    ).state;
    const req = normalizeRequest(details('chrome-extension://abc'))!;
    state = onMainFrameRequest(state, req, () => newVisit('v1', 4, req.url, req.at, false));
    expect(visitForRequest(state, req)?.visit.id).toBe('v1');
    state = onCommit(state, { url: 'https://shop.example/', at: 2100, documentId: 'D1' }, () =>
      newVisit('other', 4, 'https://shop.example/', 2100, false),
    ).state;
    expect(state.current?.visit.id).toBe('v1');
    expect(visitForRequest(state, req)?.visit.id).toBe('v1');
  });
});
