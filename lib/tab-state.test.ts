import { describe, expect, it } from 'vitest';
import {
  emptyTab,
  newVisit,
  onCommit,
  onMainFrameRequest,
  visitForInitiator,
  visitForRequest,
  visitsForCookie,
  withSite,
} from './tab-state';
import type { ObservedRequest } from './request';

function req(extra: Partial<ObservedRequest>): ObservedRequest {
  return {
    requestId: '1',
    url: 'https://shop.example/',
    host: 'shop.example',
    type: 'main_frame',
    tabId: 7,
    frameId: 0,
    topFrame: true,
    at: 1,
    initiator: null,
    documentId: null,
    prerender: false,
    ...extra,
  };
}

let n = 0;
const make =
  (url: string, at = 1) =>
  () =>
    newVisit(`v${++n}`, 7, url, at, false);

describe('tab-state', () => {
  it('opens a pending visit on the main-frame request and promotes it on commit', () => {
    let s = onMainFrameRequest(emptyTab(7), req({}), make('https://shop.example/'));
    const pendingId = s.pending!.visit.id;
    expect(s.current).toBeNull();
    expect(visitForRequest(s, req({}))!.visit.id).toBe(pendingId);
    const r = onCommit(
      s,
      { url: 'https://shop.example/', at: 2, documentId: 'D1' },
      make('https://shop.example/'),
    );
    s = r.state;
    expect(r.ended).toBeNull();
    expect(s.current!.visit.id).toBe(pendingId);
    expect(s.current!.documentId).toBe('D1');
    expect(s.pending).toBeNull();
  });

  it('follows redirects within one pending visit and keeps the old document current until commit', () => {
    let s = onCommit(
      emptyTab(7),
      { url: 'https://a.example/', at: 1, documentId: 'DA' },
      make('https://a.example/'),
    ).state;
    const oldId = s.current!.visit.id;
    s = onMainFrameRequest(s, req({ requestId: '9', url: 'https://b.example/' }), make('https://b.example/'));
    s = onMainFrameRequest(s, req({ requestId: '9', url: 'https://c.example/' }), make('https://x.example/'));
    expect(s.pending!.visit.site).toBe('c.example');
    // A beacon from the old document while the new one loads stays with the old visit.
    expect(visitForRequest(s, req({ type: 'ping', documentId: 'DA' }))!.visit.id).toBe(oldId);
    const r = onCommit(s, { url: 'https://c.example/', at: 5, documentId: 'DC' }, make('https://c.example/'));
    expect(r.ended).toMatchObject({ id: oldId, endedAt: 5 });
    expect(visitForRequest(r.state, req({ type: 'image', documentId: 'DA' }))!.visit.id).toBe(oldId);
    expect(visitForRequest(r.state, req({ type: 'image', documentId: 'DC' }))!.visit.id).toBe(
      r.state.current!.visit.id,
    );
  });

  it("gives the pending visit a new document's requests that arrive before its commit", () => {
    let s = onCommit(
      emptyTab(7),
      { url: 'https://a.example/', at: 1, documentId: 'DA' },
      make('https://a.example/'),
    ).state;
    s = onMainFrameRequest(s, req({ requestId: '5', url: 'https://b.example/' }), make('https://b.example/'));
    const pendingId = s.pending!.visit.id;
    // Top frame, unknown document: the page being committed. A sub-frame or the old document stays put.
    expect(visitForRequest(s, req({ type: 'image', documentId: 'DB' }))!.visit.id).toBe(pendingId);
    // Chrome gives the uncommitted page another frameId than 0; it is still the top-level document.
    expect(visitForRequest(s, req({ type: 'image', frameId: 7, documentId: 'DB' }))!.visit.id).toBe(
      pendingId,
    );
    expect(visitForRequest(s, req({ type: 'image', documentId: 'DA' }))!.visit.id).toBe(s.current!.visit.id);
    expect(
      visitForRequest(s, req({ type: 'image', frameId: 3, topFrame: false, documentId: 'DX' }))!.visit.id,
    ).toBe(s.current!.visit.id);
    const r = onCommit(s, { url: 'https://b.example/', at: 9, documentId: 'DB' }, make('https://b.example/'));
    expect(r.state.current!.visit.id).toBe(pendingId);
  });

  it('keeps a main-frame response that arrives after its commit (Firefox) on the committed visit', () => {
    // Firefox order seen in real runs: onBeforeRequest, onCommitted, then onHeadersReceived (no documentId).
    let s = onMainFrameRequest(emptyTab(7), req({ requestId: '42' }), make('https://shop.example/'));
    const visitId = s.pending!.visit.id;
    s = onCommit(
      s,
      { url: 'https://shop.example/', at: 2, documentId: null },
      make('https://shop.example/'),
    ).state;
    const late = req({ requestId: '42' });
    s = onMainFrameRequest(s, late, make('https://shop.example/'));
    expect(s.pending).toBeNull();
    expect(visitForRequest(s, late)!.visit.id).toBe(visitId);
    // The next navigation's main-frame request (another requestId) still opens a pending visit, and a late
    // event of the old one then stays with the document it loaded.
    s = onMainFrameRequest(s, req({ requestId: '43' }), make('https://shop.example/'));
    expect(s.pending!.visit.id).not.toBe(visitId);
    expect(visitForRequest(s, late)!.visit.id).toBe(visitId);
    s = onCommit(
      s,
      { url: 'https://shop.example/', at: 3, documentId: null },
      make('https://shop.example/'),
    ).state;
    expect(visitForRequest(s, late)!.visit.id).toBe(visitId);
    expect(onMainFrameRequest(s, late, make('https://shop.example/')).pending).toBeNull();
  });

  it('adopts a main-frame request that reaches us after its own commit (Firefox under load)', () => {
    // Seen in CI: onCommitted, then onBeforeRequest and onHeadersReceived of the request that loaded the page.
    let s = onCommit(
      emptyTab(7),
      { url: 'https://shop.example/', at: 5, documentId: null },
      make('https://shop.example/', 5),
    ).state;
    const visitId = s.current!.visit.id;
    const late = req({ requestId: '77', at: 4 });
    s = onMainFrameRequest(s, late, make('https://shop.example/', 4));
    expect(s.pending).toBeNull();
    expect(s.current!.requestId).toBe('77');
    expect(visitForRequest(s, late)!.visit.id).toBe(visitId);
    // A navigation that starts after the commit is a new visit, even to the same URL (a reload).
    const reload = req({ requestId: '78', at: 6 });
    s = onMainFrameRequest(s, reload, make('https://shop.example/', 6));
    expect(s.pending!.visit.id).not.toBe(visitId);
    expect(visitForRequest(s, late)!.visit.id).toBe(visitId);
  });

  it('does not adopt an earlier request for another site, nor one when the visit already has its request', () => {
    let s = onCommit(
      emptyTab(7),
      { url: 'https://shop.example/', at: 5, documentId: null },
      make('https://shop.example/', 5),
    ).state;
    s = onMainFrameRequest(
      s,
      req({ requestId: '80', at: 4, url: 'https://other.example/' }),
      make('https://other.example/'),
    );
    expect(s.current!.requestId).toBeUndefined();
    expect(s.pending!.requestId).toBe('80');
    let t = onMainFrameRequest(
      emptyTab(7),
      req({ requestId: '90', at: 1 }),
      make('https://shop.example/', 1),
    );
    t = onCommit(
      t,
      { url: 'https://shop.example/', at: 2, documentId: null },
      make('https://shop.example/'),
    ).state;
    t = onMainFrameRequest(t, req({ requestId: '91', at: 1.5 }), make('https://shop.example/', 1.5));
    expect(t.current!.requestId).toBe('90');
    expect(t.pending!.requestId).toBe('91');
  });

  it('starts a fresh visit when the commit is not the pending navigation', () => {
    let s = onMainFrameRequest(emptyTab(7), req({ url: 'https://a.example/' }), make('https://a.example/'));
    s = onCommit(
      s,
      { url: 'https://other.example/', at: 3, documentId: null },
      make('https://other.example/'),
    ).state;
    expect(s.current!.visit.site).toBe('other.example');
  });

  it('attributes cookies by site and worker requests by initiator origin', () => {
    const a = onCommit(
      emptyTab(1),
      { url: 'https://shop.example/p', at: 1, documentId: null },
      make('https://shop.example/p', 1),
    ).state;
    const b = onCommit(
      emptyTab(2),
      { url: 'https://news.example/', at: 2, documentId: null },
      make('https://news.example/', 2),
    ).state;
    a.current = withSite(a.current!, 'customer.io');
    expect(visitsForCookie([a, b], 'customer.io').map((l) => l.visit.tabId)).toEqual([7]);
    expect(visitsForCookie([a, b], 'news.example')).toHaveLength(1);
    expect(visitForInitiator([a, b], 'https://shop.example')!.visit.url).toBe('https://shop.example/p');
    expect(visitForInitiator([a, b], 'https://evil.example')).toBeNull();
  });
});
