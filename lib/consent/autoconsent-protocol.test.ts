import { describe, expect, it } from 'vitest';
import {
  AUTOCONSENT_FORWARD,
  autoconsentReply,
  evalReply,
  isAutoconsentForward,
  routeAutoconsentMessage,
  toolFromCmpName,
} from './autoconsent-protocol';

const init = { type: AUTOCONSENT_FORWARD, message: { type: 'init', url: 'https://shop.example/' } } as const;

describe('autoconsent protocol', () => {
  it('answers init with rules for the URL and an observe-only config', () => {
    const action = autoconsentReply(init, { url: 'https://shop.example/', mainFrame: true });
    expect(action.kind).toBe('reply');
    if (action.kind !== 'reply') return;
    expect(action.reply.type).toBe('initResp');
    expect(action.reply.rules.compact?.r.length).toBeGreaterThan(50);
    expect(action.reply.config).toMatchObject({
      autoAction: null,
      enablePrehide: false,
      enableCosmeticRules: false,
    });
  });
  it('passes only named snippets to the main world', () => {
    const ok = autoconsentReply(
      {
        type: AUTOCONSENT_FORWARD,
        message: { type: 'eval', id: 'a1', code: '', snippetId: 'EVAL_ONETRUST_1' },
      },
      { url: 'https://shop.example/', mainFrame: true },
    );
    expect(ok).toEqual({ kind: 'eval', id: 'a1', snippetId: 'EVAL_ONETRUST_1' });
    const forged = autoconsentReply(
      {
        type: AUTOCONSENT_FORWARD,
        message: { type: 'eval', id: 'a2', code: 'fetch("//x")', snippetId: 'constructor' },
      },
      { url: 'https://shop.example/', mainFrame: true },
    );
    expect(forged.kind).toBe('ignore');
    expect(evalReply('a1', 'yes')).toEqual({ type: 'evalResp', id: 'a1', result: false });
  });
  it('routes content messages and validates envelopes', () => {
    expect(routeAutoconsentMessage({ type: 'init', url: 'x' })).toBe('background');
    expect(routeAutoconsentMessage({ type: 'popupFound', cmp: 'Onetrust', url: 'x' })).toBe('seen');
    expect(routeAutoconsentMessage({ type: 'visualDelay', timeout: 1 })).toBe('drop');
    expect(isAutoconsentForward(init)).toBe(true);
    expect(isAutoconsentForward({ type: AUTOCONSENT_FORWARD, message: { type: 'optIn' } })).toBe(false);
    expect(isAutoconsentForward(null)).toBe(false);
  });
  it('names tools like the cookie parsers do', () => {
    expect(toolFromCmpName('Onetrust')).toBe('onetrust');
    expect(toolFromCmpName('Cybotcookiebot')).toBe('cookiebot');
    expect(toolFromCmpName('Complianz banner')).toBe('complianz');
    expect(toolFromCmpName('TrustArc-top')).toBe('trustarc');
    expect(toolFromCmpName('didomi')).toBe('didomi');
  });
});
