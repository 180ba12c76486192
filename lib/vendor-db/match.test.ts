import { describe, expect, it } from 'vitest';
import { compileVendors } from './compile';
import { loadVendorIndex } from './load';
import { classifyCookie, classifyRequest, distinctivePrefix } from './match';
import { cookie, FIXTURE_VENDORS, vendor } from './__fixtures__/vendors';

const index = loadVendorIndex(compileVendors(FIXTURE_VENDORS).index);
const PAGE = 'https://shop.example/cart';

describe('classifyRequest', () => {
  it('attributes by the most specific hostname suffix and explains it', () => {
    expect(classifyRequest(index, 'https://a.b.acmecdn.test/lib.js?v=1', PAGE)).toEqual({
      vendor: 'acme-analytics',
      vendorName: 'Acme Analytics',
      company: 'Acme Analytics Inc.',
      category: 'analytics',
      thirdParty: true,
      reason: 'host a.b.acmecdn.test matches acmecdn.test (Acme Analytics)',
    });
    expect(classifyRequest(index, 'https://pixel.gamma.example/p.gif', PAGE).vendor).toBe('beta-ads');
    expect(classifyRequest(index, 'https://cdn.gamma.example/cmp.js', PAGE).vendor).toBe('gamma-cmp');
    expect(classifyRequest(index, 'https://GAMMA.example./x').vendor).toBe('gamma-cmp');
  });

  it('looks a top-level label up only when a record holds one', () => {
    expect(index.singleLabelHosts).toBe(false);
    const intranet = loadVendorIndex(compileVendors([vendor('intranet-stats', 'analytics', ['corp'])]).index);
    expect(intranet.singleLabelHosts).toBe(true);
    expect(classifyRequest(intranet, 'https://stats.corp/p.gif').vendor).toBe('intranet-stats');
    expect(classifyRequest(index, 'https://stats.corp/p.gif').vendor).toBeNull();
  });

  it('does not match on a bare string suffix that is not a label boundary', () => {
    expect(classifyRequest(index, 'https://notgamma.example/').vendor).toBeNull();
  });

  it('judges party by registrable domain, and is first-party without a page', () => {
    expect(
      classifyRequest(index, 'https://beta-ads.example/x', 'https://www.beta-ads.example/').thirdParty,
    ).toBe(false);
    expect(classifyRequest(index, 'https://beta-ads.example/x').thirdParty).toBe(false);
    const unknownHost = classifyRequest(index, 'https://cdn.other.example/x', PAGE);
    expect(unknownHost).toMatchObject({ vendor: null, category: 'unknown', thirdParty: true });
    expect(unknownHost.reason).toBe('host cdn.other.example matches no known vendor');
  });

  it('never throws on malformed input', () => {
    for (const bad of [
      '',
      'not a url',
      'http://',
      42,
      null,
      undefined,
      '\u0000://x',
      'https://exa mple.com/',
    ]) {
      const c = classifyRequest(index, bad as string, PAGE);
      expect(c.category).toBe('unknown');
      expect(c.vendor).toBeNull();
      expect(c.reason).toMatch(/^malformed URL/);
    }
    const badPage = classifyRequest(index, 'https://beta-ads.example/', 'garbage');
    expect(badPage).toMatchObject({ vendor: 'beta-ads', thirdParty: false });
    expect(badPage.reason).toMatch(/page URL "garbage" is malformed/);
  });

  it('keeps hostile or huge input out of the reason', () => {
    const c = classifyRequest(index, `javascript:<script>${'x'.repeat(10_000)}`, PAGE);
    expect(c.reason.length).toBeLessThan(120);
  });
});

describe('classifyCookie', () => {
  const cookie = (name: string, domain: string, pageUrl?: string) =>
    classifyCookie(index, { name, domain, pageUrl });

  it('matches exact names first, then the longest prefix', () => {
    expect(cookie('_acme_s_123', 'shop.example', PAGE)).toMatchObject({
      vendor: 'acme-analytics',
      thirdParty: false,
      reason: 'cookie "_acme_s_123" matches prefix _acme_s_* of Acme Analytics',
    });
    expect(cookie('_acme_x', 'shop.example').vendor).toBe('beta-ads');
    expect(cookie('_acme_', 'shop.example').vendor).toBe('beta-ads');
    expect(cookie('_acm', 'shop.example').vendor).toBeNull();
  });

  it("reads a tracker's prefix before words of a choice as needing review, not as its tracking", () => {
    // "_gat_optout", "_ga_consent": no list names them; as the tracker's own cookies they read as tracking
    // after a refusal, when they may be the record of that refusal.
    for (const name of ['_acme_s_optout', '_acme_s_opt-out', '_acme_s_Consent']) {
      const c = cookie(name, 'shop.example', PAGE);
      expect(c.vendor).toBe('acme-analytics');
      expect(c.category).toBe('unknown');
      expect(c.reason).toMatch(
        /but the rest of its name says ".+": possibly the record of the visitor's choice rather than tracking by Acme Analytics, .*needs review$/,
      );
    }
    // The words in the prefix itself, or an ordinary suffix, change nothing.
    expect(cookie('_acme_s_123', 'shop.example', PAGE).category).toBe('analytics');
  });

  it('uses the cookie category over the vendor category when the record gives one', () => {
    expect(cookie('beta_uid', '.beta-ads.example', PAGE)).toMatchObject({
      vendor: 'beta-ads',
      category: 'marketing',
      thirdParty: true,
    });
  });

  it('disambiguates colliding names by the domain the record names, then by domain owner', () => {
    expect(cookie('shared_id', '.beta-ads.example', PAGE)).toMatchObject({
      vendor: 'beta-ads',
      reason: 'cookie "shared_id" is a known cookie of Beta Ads',
    });
    expect(cookie('shared_id', 'acme-analytics.example', PAGE).vendor).toBe('acme-analytics');
    expect(cookie('_acme', 'cdn.gamma.example', PAGE)).toMatchObject({
      vendor: 'gamma-cmp',
      category: 'consent',
    });
    const undecided = cookie('_acme', 'shop.example', PAGE);
    expect(undecided.vendor).toBe('acme-analytics');
    expect(undecided.reason).toMatch(/also listed for other vendor/);
  });

  it('gives a third-party cookie on a vendor domain to that vendor', () => {
    expect(cookie('gamma_consent', 'beta-ads.example', PAGE)).toMatchObject({
      vendor: 'beta-ads',
      thirdParty: true,
    });
    expect(cookie('zzz', '.pixel.gamma.example', PAGE)).toMatchObject({
      vendor: 'beta-ads',
      reason:
        'cookie "zzz" is not in the database; its domain pixel.gamma.example matches pixel.gamma.example (Beta Ads)',
    });
    // First-party on the vendor's own site: the name claim stands.
    expect(cookie('gamma_consent', 'beta-ads.example', 'https://beta-ads.example/').vendor).toBe('gamma-cmp');
  });

  it('guesses unknown cookies with heuristics and a reason, vendor null', () => {
    const c = classifyCookie(index, {
      name: 'x1',
      domain: '.tracker.other',
      pageUrl: PAGE,
      expiresAt: 1_000_000 + 400 * 86_400_000,
      now: 1_000_000,
      value: '3f2b8c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b',
    });
    expect(c).toEqual({
      vendor: null,
      vendorName: null,
      company: null,
      category: 'unknown',
      thirdParty: true,
      reason:
        'unknown: needs review; long-lived (400 days) third-party with a UUID value: a persistent identifier set by a third party, possibly cross-site tracking',
    });
    expect(cookie('PHPSESSID', 'shop.example', PAGE).category).toBe('necessary');
  });

  it('never throws on odd input', () => {
    expect(classifyCookie(index, { name: 5 as never, domain: 'x' }).reason).toMatch(/malformed cookie name/);
    expect(classifyCookie(index, null as never).category).toBe('unknown');
    expect(classifyCookie(index, { name: '', domain: '' }).vendor).toBeNull();
    expect(classifyCookie(index, { name: 'a;b=c\n', domain: '..', pageUrl: 'nope' }).vendor).toBeNull();
    expect(classifyCookie(index, { name: '_acme_s_'.padEnd(100_000, 'z'), domain: 'x.example' }).vendor).toBe(
      'acme-analytics',
    );
  });
});

describe('third-party name claims', () => {
  it('binds a third-party cookie name to the domain its record names', () => {
    // beta_uid is listed as Beta Ads' third-party cookie with no domain: it still matches anywhere.
    expect(classifyCookie(index, { name: 'beta_uid', domain: 'shop.example' }).vendor).toBe('beta-ads');
    // shared_id is third-party on acme-analytics.example / beta-ads.example only: on another third party's
    // domain the name says nothing, and the guess may not exempt it (a tracker uses the name).
    const elsewhere = classifyCookie(index, { name: 'shared_id', domain: 'other.test', pageUrl: PAGE });
    expect(elsewhere.vendor).toBeNull();
    expect(elsewhere.category).toBe('unknown');
    expect(elsewhere.reason).toMatch(
      /the name is a known cookie of Acme Analytics on acme-analytics.example/,
    );
    // Set first-party on the visited site: the vendor's script wrote it there.
    const onSite = classifyCookie(index, { name: 'shared_id', domain: 'shop.example', pageUrl: PAGE });
    expect(onSite.vendor).toBe('acme-analytics');
    expect(onSite.reason).toMatch(/set first-party on the site/);
    expect(classifyCookie(index, { name: 'shared_id', domain: '' }).vendor).toBe('acme-analytics');
  });
});

describe('percent-encoded and __Host- / __Secure- cookie names', () => {
  // js-cookie and similar libraries percent-encode "/", ":" and "[" in a name; lists hold the name as written.
  const chat = vendor(
    'chat-widget',
    'functional',
    ['chat.test'],
    [
      cookie('chat-client/', { match: 'prefix' }),
      cookie('chat:sess'),
      cookie('chat_v_', { match: 'prefix' }),
    ],
  );
  const withChat = loadVendorIndex(compileVendors([...FIXTURE_VENDORS, chat]).index);
  const onShop = (name: string) => classifyCookie(withChat, { name, domain: 'shop.example', pageUrl: PAGE });

  it('matches the decoded name when the stored one matches nothing, and says so', () => {
    const hit = onShop('chat-client%2Fsession%2F8be8');
    expect(hit).toMatchObject({ vendor: 'chat-widget', category: 'functional' });
    expect(hit.reason).toBe(
      'cookie "chat-client/session/8be8" matches prefix chat-client/* of Chat Widget; the browser holds the name percent-encoded, as "chat-client%2Fsession%2F8be8"',
    );
    expect(onShop('chat%3Asess').vendor).toBe('chat-widget');
  });

  it('reads a listed name after __Host- / __Secure-, which only ask the browser for HTTPS', () => {
    const hit = onShop('__Secure-chat:sess');
    expect(hit).toMatchObject({ vendor: 'chat-widget', category: 'functional' });
    expect(hit.reason).toBe(
      'cookie "chat:sess" is a known cookie of Chat Widget; the browser holds the name as "__Secure-chat:sess", after __Secure-, a prefix that only asks for HTTPS',
    );
    expect(onShop('__Host-chat-client%2Fx').reason).toMatch(
      /prefix chat-client\/\* of Chat Widget; the browser holds the name percent-encoded, as "__Host-chat-client%2Fx", after __Host-/,
    );
    expect(onShop('__Secure-').vendor).toBeNull();
  });

  it('keeps the stored name when it matches, and ignores malformed or unlisted encodings', () => {
    // Like Adobe's AMCV_<org>%40AdobeOrg: the stored name matches a listed prefix as it is.
    const stored = onShop('chat_v_1%40Org');
    expect(stored.vendor).toBe('chat-widget');
    expect(stored.reason).toBe('cookie "chat_v_1%40Org" matches prefix chat_v_* of Chat Widget');
    expect(onShop('chat-client%ZZ').vendor).toBeNull();
    expect(onShop('other%2Fname').vendor).toBeNull();
    expect(onShop('other%2Fname').reason).not.toMatch(/percent-encoded/);
  });
});

describe("a cookie whose purpose the vendor's own text leaves open", () => {
  it('is shown for review, not under the vendor’s category', () => {
    const cdn = vendor(
      'edge-cdn',
      'functional',
      ['edge.test'],
      [cookie('edge_diag', { category: 'unknown' }), cookie('edge_lb', { category: 'necessary' })],
    );
    const idx = loadVendorIndex(compileVendors([...FIXTURE_VENDORS, cdn]).index);
    const on = (name: string) => classifyCookie(idx, { name, domain: 'shop.example', pageUrl: PAGE });
    expect(on('edge_diag')).toMatchObject({ vendor: 'edge-cdn', category: 'unknown' });
    expect(on('edge_diag').reason).toMatch(/unknown: needs review/);
    expect(on('edge_lb')).toMatchObject({ vendor: 'edge-cdn', category: 'necessary' });
  });
});

describe('everyday cookie names listed on a vendor’s own domain', () => {
  // A social network lists its login cookie `sessionid` and `locale` on its own domain, and `snet_uid`, a
  // name its script writes on sites; an analytics vendor named by a dictionary word lists `pebble_session`.
  const onOwnDomain = (id: string, names: string[]) =>
    names.map((name) => cookie(name, { domain: `.${id}.example`, party: 'third' }));
  const social = vendor(
    'social-net',
    'marketing',
    ['social-net.example'],
    onOwnDomain('social-net', ['sessionid', 'locale', 'snet_uid']),
  );
  const pebble = vendor('pebble', 'analytics', ['pebble.example'], onOwnDomain('pebble', ['pebble_session']));
  const withWords = loadVendorIndex(
    compileVendors([social, pebble], '', [], new Set(['session', 'locale', 'social', 'pebble'])).index,
  );
  const onSite = (name: string) =>
    classifyCookie(withWords, { name, domain: 'shop.example', pageUrl: PAGE, lifetimeSeconds: null });

  it('does not take a site’s own sessionid or locale for the vendor’s', () => {
    for (const name of ['sessionid', 'locale']) {
      const c = onSite(name);
      expect(c.vendor, name).toBeNull();
      expect(c.reason).toMatch(/known cookie of Social Net on social-net\.example \(everyday words/);
      // Still never exempt from consent by the name guess alone: a tracking vendor uses the name.
      expect(c.category).toBe('unknown');
    }
  });

  it('still takes a distinctive name or one holding the vendor’s name as the vendor’s', () => {
    expect(onSite('snet_uid').vendor).toBe('social-net');
    expect(onSite('pebble_session').vendor).toBe('pebble');
    expect(
      classifyCookie(withWords, { name: 'sessionid', domain: '.social-net.example', pageUrl: PAGE }).vendor,
    ).toBe('social-net');
  });

  it('binds everyday names as before when the build passes no dictionary', () => {
    const noWords = loadVendorIndex(compileVendors([social]).index);
    expect(classifyCookie(noWords, { name: 'sessionid', domain: 'shop.example', pageUrl: PAGE }).vendor).toBe(
      'social-net',
    );
  });
});

describe('page URL forms', () => {
  it('accepts absolute URLs (localhost too) and bare dotted hosts as the page', () => {
    expect(classifyRequest(index, 'https://beta-ads.example/', 'http://localhost:3000/')).toMatchObject({
      thirdParty: true,
    });
    expect(classifyRequest(index, 'https://beta-ads.example/', 'www.beta-ads.example').thirdParty).toBe(
      false,
    );
    expect(classifyRequest(index, 'https://beta-ads.example/', 'shop.example').thirdParty).toBe(true);
  });
});

describe('specification-defined consent cookies', () => {
  it('classifies euconsent-v2 as a consent cookie of no single vendor', async () => {
    const { loadNodeVendorIndex } = await import('../../scripts/node-vendor-db');
    const index = loadNodeVendorIndex();
    const c = classifyCookie(index, {
      name: 'euconsent-v2',
      domain: 'shop.example',
      pageUrl: 'https://shop.example/',
    });
    expect(c).toMatchObject({ vendor: null, category: 'consent', thirdParty: false });
    expect(c.reason).toContain('Transparency & Consent Framework');
    // TCF v1.1's names: the Open Cookie Database files `euconsent` as a CMP's Marketing cookie.
    for (const name of ['euconsent', 'eupubconsent'])
      expect(
        classifyCookie(index, { name, domain: 'shop.example', pageUrl: 'https://shop.example/' }),
      ).toMatchObject({
        vendor: null,
        category: 'consent',
      });
    expect(
      classifyCookie(index, { name: '_cio', domain: 'customer.io', pageUrl: 'https://shop.example/' }).vendor,
    ).toBe('customer-io');
  });
});

describe('distinctivePrefix', () => {
  it('takes four characters, or two letters or digits ending in a separator', () => {
    for (const p of ['_ga_', 'AMP_', 'mp_', 'ph_', 'sb-', 'umami.', 'dsps:', 'TS01'])
      expect(distinctivePrefix(p)).toBe(true);
    for (const p of ['_s', '_lv', '_ut', 'CT', 'tp', 'P_', 'cap', '__', '_-'])
      expect(distinctivePrefix(p)).toBe(false);
  });
});
