import { describe, expect, it } from 'vitest';
import { MAX_HEADER_VALUES, headerValues, isInternal, normalizeRequest } from './request';

describe('normalizeRequest', () => {
  it('normalises a Chrome sub-resource request', () => {
    const r = normalizeRequest({
      requestId: '42',
      url: 'https://Track.Customer.io/api/v1/events?x=1',
      type: 'xmlhttprequest',
      tabId: 1564829957,
      frameId: 0,
      timeStamp: 1700000000123.5,
      initiator: 'https://shop.example',
      documentId: 'ABC',
      documentLifecycle: 'active',
    });
    expect(r).toEqual({
      requestId: '42',
      url: 'https://Track.Customer.io/api/v1/events?x=1',
      host: 'track.customer.io',
      type: 'xmlhttprequest',
      tabId: 1564829957,
      frameId: 0,
      topFrame: true,
      at: 1700000000123.5,
      initiator: 'https://shop.example',
      documentId: 'ABC',
      prerender: false,
    });
  });

  it('knows a top-level document by frameType before it commits (frameId is not 0 yet)', () => {
    const pre = { url: 'https://px.example/p.gif', tabId: 1, frameId: 7, frameType: 'outermost_frame' };
    expect(normalizeRequest(pre)?.topFrame).toBe(true);
    expect(normalizeRequest({ ...pre, frameType: 'sub_frame' })?.topFrame).toBe(false);
  });

  it('takes the initiator from Firefox originUrl', () => {
    const r = normalizeRequest({
      url: 'https://a.example/x',
      tabId: 3,
      originUrl: 'https://shop.example/page?q',
    });
    expect(r?.initiator).toBe('https://shop.example');
  });

  it('drops extension, browser-internal, non-http and malformed requests', () => {
    expect(
      normalizeRequest({ url: 'https://x.example/', tabId: -1, initiator: 'chrome-extension://abc' }),
    ).toBeNull();
    expect(normalizeRequest({ url: 'https://update.googleapis.com/', tabId: -1 })).toBeNull();
    expect(normalizeRequest({ url: 'data:text/plain,hi', tabId: 1 })).toBeNull();
    expect(normalizeRequest({ url: 'http://[bad', tabId: 1 })).toBeNull();
    expect(normalizeRequest({ tabId: 1 } as never)).toBeNull();
    expect(normalizeRequest(null as never)).toBeNull();
  });

  it('keeps worker requests with tabId -1 that have a page initiator', () => {
    const r = normalizeRequest({
      url: 'https://cdp.customer.io/v1/t',
      tabId: -1,
      initiator: 'https://shop.example',
    });
    expect(r?.tabId).toBe(-1);
    expect(isInternal({ url: 'x', tabId: -1, initiator: 'https://shop.example' })).toBe(false);
  });

  it('cuts very long URLs and marks prerender documents', () => {
    const r = normalizeRequest({
      url: `https://a.example/?${'q'.repeat(10000)}`,
      tabId: 1,
      documentLifecycle: 'prerender',
    });
    expect(r?.url.length).toBe(4096);
    expect(r?.prerender).toBe(true);
  });
});

describe('headerValues', () => {
  it('finds headers case-insensitively and splits Firefox multi-line Set-Cookie', () => {
    const headers = [
      { name: 'set-cookie', value: 'a=1\nb=2' },
      { name: 'Set-Cookie', value: 'c=3' },
      { name: 'X', value: 'y' },
      { name: 'Set-Cookie' },
    ];
    expect(headerValues(headers, 'Set-Cookie')).toEqual(['a=1', 'b=2', 'c=3']);
    expect(headerValues(undefined, 'Cookie')).toEqual([]);
    const flood = [
      { name: 'Set-Cookie', value: Array.from({ length: 3000 }, (_, i) => `c${i}=1`).join('\n') },
    ];
    expect(headerValues(flood, 'set-cookie')).toHaveLength(MAX_HEADER_VALUES);
  });
});
