import { describe, expect, it } from 'vitest';
import { guessCookiePurpose } from './cookie-heuristics';

const DAY = 86_400;

describe('guessCookiePurpose', () => {
  it('reads common name conventions', () => {
    const cat = (name: string) => guessCookiePurpose({ name, thirdParty: false }).category;
    expect(cat('PHPSESSID')).toBe('necessary');
    expect(cat('csrftoken')).toBe('necessary');
    expect(cat('XSRF-TOKEN')).toBe('necessary');
    expect(cat('cookie_consent_level')).toBe('consent');
    expect(cat('site_lang')).toBe('functional');
    expect(cat('cart_items')).toBe('necessary');
    expect(cat('utm_campaign')).toBe('advertising');
    expect(cat('visitor_id')).toBe('analytics');
  });

  it('reads a name that holds a tracking word the stricter way, never as a session or a preference', () => {
    const cat = (name: string) => guessCookiePurpose({ name, thirdParty: false }).category;
    expect(cat('analytics_session')).toBe('analytics');
    expect(cat('tracking_session')).toBe('analytics');
    expect(cat('visitor_lang')).toBe('analytics');
    expect(cat('campaign_session')).toBe('advertising');
    expect(cat('uid_cart')).toBe('analytics');
    // The same conventions without such a word keep their exempt reading.
    expect(cat('shop_session')).toBe('necessary');
    expect(cat('cart_token')).toBe('necessary');
  });

  it('reads an opt-out, the record a site writes when the visitor refuses, as consent', () => {
    const cat = (name: string) =>
      guessCookiePurpose({ name, thirdParty: false, lifetimeSeconds: 400 * DAY }).category;
    // Google's opt-out flag, kept in a cookie: its "ga" word had made it likely analytics, set after a refusal.
    expect(cat('ga-disable-G-ABC123')).toBe('consent');
    expect(cat('ga-disable-UA-123456-1')).toBe('consent');
    expect(cat('__ph_opt_in_out_phc_abc')).toBe('consent');
    expect(cat('__mp_opt_in_out_abc')).toBe('consent');
    expect(cat('_hjOptOut')).toBe('consent');
    expect(cat('optimizely_uid')).not.toBe('consent');
  });

  it("reads a banner's own record, which names the cookies and the choice either way round, as consent", () => {
    const cat = (name: string) =>
      guessCookiePurpose({ name, thirdParty: false, lifetimeSeconds: 100 * DAY }).category;
    for (const name of [
      'cookie-agreed',
      'cookie-agreed-categories',
      'cookies_accepted',
      'acceptCookies',
      'catAccCookies',
    ])
      expect(cat(name), name).toBe('consent');
    expect(cat('cookie_choice')).toBe('consent');
    // Not every name with "cookie" in it records a choice.
    expect(cat('account_cookie_id')).not.toBe('consent');
    expect(cat('cookie_visitor_id')).toBe('analytics');
  });

  it('reads the name after __Host- / __Secure-, which say nothing of purpose', () => {
    const cat = (name: string) => guessCookiePurpose({ name, thirdParty: false }).category;
    // Google's __Secure-YEC is no security token: the prefix alone exempts nothing.
    expect(cat('__Secure-YEC')).toBe('unknown');
    expect(cat('__Host-session')).toBe('necessary');
    expect(cat('__Secure-visitor_id')).toBe('analytics');
    expect(cat('__Host-csrf')).toBe('necessary');
  });

  it('never exempts a third-party cookie or a tracker name by a name guess', () => {
    const third = guessCookiePurpose({ name: 'sessionid', thirdParty: true, lifetimeSeconds: null });
    expect(third.category).toBe('unknown');
    expect(third.reason).toMatch(/^unknown: needs review; name suggests a session cookie/);
    const listed = guessCookiePurpose({ name: 'x_session', thirdParty: false, listedFor: 'Acme Ads' });
    expect(listed.category).toBe('unknown');
    expect(listed.reason).toMatch(/known cookie of Acme Ads/);
    expect(guessCookiePurpose({ name: '_pin_unauth', thirdParty: false }).category).not.toBe('necessary');
    expect(guessCookiePurpose({ name: 'auth_token', thirdParty: false }).category).toBe('necessary');
  });

  it('marks a long-lived third-party identifier for review', () => {
    const g = guessCookiePurpose({
      name: 'zz',
      thirdParty: true,
      lifetimeSeconds: 400 * DAY,
      value: '3f2b8c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b',
    });
    expect(g).toEqual({
      category: 'unknown',
      reason:
        'unknown: needs review; long-lived (400 days) third-party with a UUID value: a persistent identifier set by a third party, possibly cross-site tracking',
    });
  });

  it('treats a first-party long random id as analytics and GA-style values as analytics', () => {
    const first = guessCookiePurpose({
      name: 'q',
      thirdParty: false,
      lifetimeSeconds: 90 * DAY,
      value: 'aB3dE5fG7hJ9kL1mN3pQ5rS7',
    });
    expect(first.category).toBe('analytics');
    expect(first.reason).toMatch(/long random-looking value \(24 chars\)/);
    expect(guessCookiePurpose({ name: 'q', thirdParty: false, value: 'GA1.2.123456.789012' }).category).toBe(
      'analytics',
    );
  });

  it('stays unknown without clues, and says so', () => {
    const g = guessCookiePurpose({ name: 'q', thirdParty: false, lifetimeSeconds: null, value: 'yes' });
    expect(g.category).toBe('unknown');
    expect(g.reason).toBe('unknown cookie; no name, lifetime or value clue (session first-party)');
    expect(
      guessCookiePurpose({ name: 'q', thirdParty: false, value: 'aB3dE5fG7hJ9kL1mN3pQ5rS7' }).category,
    ).toBe('unknown');
  });

  it('copes with hostile and huge input', () => {
    const g = guessCookiePurpose({
      name: '<img onerror=x>'.repeat(10_000),
      thirdParty: true,
      value: 'x'.repeat(100_000),
    });
    expect(g.category).toBe('unknown');
    expect(g.reason.length).toBeLessThan(200);
  });
});
