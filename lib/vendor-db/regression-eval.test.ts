import { describe, expect, it } from 'vitest';
import { compileVendors } from './compile';
import { loadVendorIndex } from './load';
import {
  diffRegression,
  evaluateEntry,
  evaluateRegressionSet,
  type RegressionEntry,
} from './regression-eval';
import { cookie, FIXTURE_VENDORS, vendor } from './__fixtures__/vendors';

const index = loadVendorIndex(compileVendors(FIXTURE_VENDORS).index);
const entry = (e: Partial<RegressionEntry> & { vendor: string }): RegressionEntry => ({
  docs: 'https://docs.example/',
  checked: false,
  requests: [],
  cookies: [],
  ...e,
});

describe('evaluateEntry', () => {
  it('passes an entry whose hosts, cookies and categories the index answers as documented', () => {
    expect(
      evaluateEntry(
        index,
        entry({
          vendor: 'acme-analytics',
          requests: ['https://a.acmecdn.test/lib.js'],
          cookies: ['_acme_s_42', 'shared_id@acme-analytics.example'],
          category: 'analytics',
        }),
      ),
    ).toEqual([]);
    // A CMP's own cookie is documented as 'consent', which overrides "a documented cookie needs consent".
    expect(
      evaluateEntry(
        index,
        entry({ vendor: 'gamma-cmp', cookies: ['gamma_consent'], cookieCategory: 'consent' }),
      ),
    ).toEqual([]);
  });

  it('lists every failing expectation with what the index answered', () => {
    const failures = evaluateEntry(
      index,
      entry({
        vendor: 'beta-ads',
        requests: ['https://beta-ads.example/ad', 'https://nobody.example/x', 'https://a.acmecdn.test/'],
        cookies: ['beta_uid@beta-ads.example', 'gamma_consent'],
        category: 'marketing',
      }),
    );
    expect(failures).toEqual([
      {
        vendor: 'beta-ads',
        kind: 'request',
        subject: 'https://beta-ads.example/ad',
        aspect: 'category',
        expected: 'marketing',
        got: 'advertising',
      },
      {
        vendor: 'beta-ads',
        kind: 'request',
        subject: 'https://nobody.example/x',
        aspect: 'vendor',
        expected: 'beta-ads',
        got: 'null',
      },
      {
        vendor: 'beta-ads',
        kind: 'request',
        subject: 'https://a.acmecdn.test/',
        aspect: 'vendor',
        expected: 'beta-ads',
        got: 'acme-analytics',
      },
      {
        vendor: 'beta-ads',
        kind: 'cookie',
        subject: 'gamma_consent',
        aspect: 'vendor',
        expected: 'beta-ads',
        got: 'gamma-cmp',
      },
    ]);
  });

  it('fails a documented cookie the index files under a category that needs no consent', () => {
    const functional = loadVendorIndex(
      compileVendors([vendor('chat-widget', 'functional', ['chat.example'], [cookie('chat_uid')])]).index,
    );
    expect(evaluateEntry(functional, entry({ vendor: 'chat-widget', cookies: ['chat_uid'] }))).toEqual([
      {
        vendor: 'chat-widget',
        kind: 'cookie',
        subject: 'chat_uid',
        aspect: 'category',
        expected: 'a consent category',
        got: 'functional',
      },
    ]);
  });
});

describe('diffRegression', () => {
  const entries = [
    entry({ vendor: 'acme-analytics', requests: ['https://acme-analytics.example/c'] }),
    entry({
      vendor: 'beta-ads',
      requests: ['https://beta-ads.example/p'],
      cookies: ['beta_uid@beta-ads.example'],
    }),
    entry({ vendor: 'beta-ads', requests: ['https://beta-ads.example/p'] }),
  ];

  it('reports what newly fails and newly passes between two indexes, each expectation once', () => {
    const before = loadVendorIndex(compileVendors(FIXTURE_VENDORS).index);
    // The update gives beta-ads.example (and so its third-party cookie there) to another vendor.
    const after = loadVendorIndex(
      compileVendors([
        vendor('acme-analytics', 'analytics', ['acme-analytics.example']),
        vendor('beta-ads', 'advertising', ['beta-ads.test'], [cookie('beta_uid', { party: 'third' })]),
        vendor('someone-else', 'advertising', ['beta-ads.example']),
      ]).index,
    );
    const d = diffRegression(evaluateRegressionSet(before, entries), evaluateRegressionSet(after, entries));
    expect(d.newlyFailing.map((f) => [f.kind, f.subject, f.got])).toEqual([
      ['request', 'https://beta-ads.example/p', 'someone-else'],
      ['cookie', 'beta_uid@beta-ads.example', 'someone-else'],
    ]);
    expect(d.newlyPassing).toEqual([]);
    expect(d.stillFailing).toBe(0);
    const back = diffRegression(
      evaluateRegressionSet(after, entries),
      evaluateRegressionSet(before, entries),
    );
    expect(back.newlyPassing.map((f) => f.subject)).toEqual([
      'https://beta-ads.example/p',
      'beta_uid@beta-ads.example',
    ]);
    expect(back.newlyFailing).toEqual([]);
    expect(
      diffRegression(evaluateRegressionSet(after, entries), evaluateRegressionSet(after, entries)),
    ).toEqual({
      newlyFailing: [],
      newlyPassing: [],
      stillFailing: 2,
    });
  });
});
