// The over-click memory (decideStored): a record allowing tracking that the site stores right after the visitor's
// Reject all is remembered as the site's; one stored later may be the visitor's change of mind through something no
// detector sees as a banner (review of 2026-12-07), which the visit itself still shows as a contradiction.
import { describe, expect, it } from 'vitest';
import { decideStored, type VisitInteraction } from './unprompted';
import { signalFromCookie } from '../consent/signals';
import { T0 } from '../report/__fixtures__/visit';
import { OPTANON_ACCEPT_ALL } from '../consent/__fixtures__/cookies';

// Borlabs Cookie 2.x: after Reject all only `essential` is in `consents`; the visitor then ticks "Always unblock
// YouTube" on a content blocker (not a banner button: no consentClick) and Borlabs adds the cookie to its
// External Media group (BorlabsCookie.addConsent('external-media', 'youtube')).
const borlabs = (consents: Record<string, string[]>) =>
  signalFromCookie(
    'borlabs-cookie',
    encodeURIComponent(
      JSON.stringify({
        consents,
        domainPath: 'shop.example/',
        expires: 'Tue, 07 Dec 2027 10:00:00 GMT',
        uid: 'x1',
        version: '1',
      }),
    ),
  )!;
const BORLABS_YOUTUBE = borlabs({ essential: ['borlabs-cookie'], 'external-media': ['youtube'] });

const afterReject = (clickAt: number, inputs: number[] = []): VisitInteraction => ({
  watchedAt: T0,
  activeAt: clickAt,
  carried: [],
  clicks: [{ at: clickAt, action: 'reject-all' }],
  inputs,
});

describe('Borlabs: the visitor unblocks an embed after their Reject all', () => {
  it('the visitor’s own unblock is not remembered as the site’s record (over-click)', () => {
    const at = T0 + 60_000;
    // Before the 'external-media' mapping the record granted nothing needing consent: 'forget' (their answer).
    expect(
      decideStored(
        afterReject(T0 + 1_000, [at - 300]),
        BORLABS_YOUTUBE,
        { via: 'cookies-api' },
        at,
        at + 5_000,
      ),
    ).toBe('forget');
  });
});

describe('an accept stored right after the visitor’s Reject all', () => {
  const accept = signalFromCookie('OptanonConsent', OPTANON_ACCEPT_ALL)!;
  it.each([
    [300, 'over-click'],
    [9_000, 'over-click'],
    [11_000, 'forget'],
  ])('%i ms after it: %s', (delay, outcome) => {
    const at = T0 + 1_000 + delay;
    expect(decideStored(afterReject(T0 + 1_000), accept, { via: 'cookies-api' }, at, at + 5_000)).toBe(
      outcome,
    );
  });
});
