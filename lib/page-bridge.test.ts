import { describe, expect, it } from 'vitest';
import { messageFromPage, scriptFromStack } from './page-bridge';

describe('messageFromPage', () => {
  it('accepts page messages of the allowed types only', () => {
    const ok = { source: 'cookie-inspector-page', message: { type: 'cookieWrites', args: { writes: [] } } };
    expect(messageFromPage(ok)).toEqual(ok.message);
    expect(messageFromPage({ ...ok, message: { type: 'deleteAll', args: {} } })).toBeNull();
    // The page may not pose as our detector either.
    expect(messageFromPage({ ...ok, message: { type: 'consentClick', args: {} } })).toBeNull();
    expect(
      messageFromPage({ ...ok, message: { type: 'pageConsent', args: { api: 'tcfapi', raw: 'x' } } }),
    ).not.toBeNull();
    expect(messageFromPage({ ...ok, source: 'other' })).toBeNull();
    expect(messageFromPage('x')).toBeNull();
    expect(
      messageFromPage({ source: 'cookie-inspector-page', message: { type: 'cookieWrites' } }),
    ).toBeNull();
  });
});

describe('scriptFromStack', () => {
  it('finds the first http(s) script in Chrome and Firefox stacks, skipping extension frames', () => {
    const chrome = `Error\n    at set (chrome-extension://abc/content-scripts/cookie-hooks.js:1:200)\n    at track (https://assets.customer.io/assets/track.js:12:34)\n    at https://shop.example/:5:1`;
    expect(scriptFromStack(chrome)).toBe('https://assets.customer.io/assets/track.js');
    const firefox = `set@moz-extension://x/content.js:1:1\ntrack@https://assets.customer.io/assets/track.js?v=2:3:9\n`;
    expect(scriptFromStack(firefox)).toBe('https://assets.customer.io/assets/track.js?v=2');
    expect(scriptFromStack('Error\n at <anonymous>:1:1')).toBeNull();
    expect(scriptFromStack(undefined)).toBeNull();
  });
});
