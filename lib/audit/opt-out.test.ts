import { describe, expect, it } from 'vitest';
import { parseOptOutReply } from './opt-out';

describe('parseOptOutReply', () => {
  it('accepts the known reply shapes', () => {
    expect(parseOptOutReply({ ok: true, cmp: 'Onetrust' })).toEqual({ ok: true, tool: 'Onetrust' });
    expect(parseOptOutReply({ optOut: true, tool: 'cookiebot', message: 'done' })).toEqual({
      ok: true,
      tool: 'cookiebot',
      message: 'done',
    });
    expect(parseOptOutReply({ result: false, cmp: 'didomi' })).toEqual({
      ok: false,
      tool: 'didomi',
      message: 'autoconsent could not refuse on didomi',
    });
  });

  it('turns silence, junk and exceptions into failures with a reason', () => {
    expect(parseOptOutReply(undefined)).toMatchObject({
      ok: false,
      message: 'the consent script did not answer',
    });
    expect(parseOptOutReply({ ok: 'yes', cmp: 42 })).toEqual({
      ok: false,
      tool: null,
      message: 'no consent tool that autoconsent can refuse was found',
    });
    expect(
      parseOptOutReply(undefined, new Error('Could not establish connection. Receiving end does not exist.')),
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining('Receiving end does not exist'),
    });
    expect(parseOptOutReply({ ok: false, error: 'x'.repeat(500) }).message).toHaveLength(200);
  });
});
