import { describe, expect, it } from 'vitest';
import { buildRecords, type BuildInput } from './build';
import { readOcdDomain, readOcdJson } from './ocd';
import { normaliseTpwDomains } from './third-party-web';
import type { WtmTracker } from './whotracksme';
import { wtmTracker } from './__fixtures__/build-input';

/** open-cookie-database.json from rows in its CSV column order: id, platform, category, name, domain, … */
function ocd(...rows: string[][]): Record<string, Record<string, string>[]> {
  const json: Record<string, Record<string, string>[]> = {};
  for (const [
    id,
    platform,
    category,
    cookie,
    domain,
    description,
    retentionPeriod,
    dataController,
    privacyLink,
    wildcardMatch,
  ] of rows) {
    (json[platform!] ??= []).push({
      id: id!,
      category: category!,
      cookie: cookie!,
      domain: domain!,
      description: description!,
      retentionPeriod: retentionPeriod!,
      dataController: dataController!,
      privacyLink: privacyLink!,
      wildcardMatch: wildcardMatch!,
    });
  }
  return json;
}

function input(over: Partial<BuildInput> = {}): BuildInput {
  return {
    entities: [
      { name: 'Acme Ads', category: 'ad', domains: ['*.acme-ads.com', 'px.acme.io'], totalOccurrences: 10 },
      { name: 'Beta Mail', company: 'Beta', category: 'ad', domains: ['*.betamail.com'] },
    ],
    ocd: readOcdJson(
      ocd(
        [
          'a1',
          'Acme Ads',
          'Marketing',
          'acm_id',
          'acme-ads.com (3rd party)',
          'Tracks, across sites',
          '13 months',
          'Acme Inc',
          'https://acme.example/privacy',
          '0',
        ],
        [
          'a2',
          'Acme',
          'Marketing',
          'acm_',
          '',
          'Session prefix',
          'session',
          'Acme Inc',
          'https://acme.example/privacy',
          '1',
        ],
        ['a3', 'Gamma', 'Analytics', 'g_id', '', 'Counts visits', 'Varies', 'Gamma SA', '', '0'],
        ['a4', 'Gamma', 'Functional', 'acm_id', '', 'Same name', '1 year', 'Gamma SA', '', '0'],
      ),
    ),
    aliases: { platforms: { Acme: 'acme-ads' }, cookies: {} },
    categories: {},
    domainOwners: {},
    companies: {},
    curated: [],
    ...over,
  };
}

describe('parsers', () => {
  it('reads OCD domain annotations and third-party-web wildcards', () => {
    expect(readOcdDomain('.bing.com (3rd party) or .microsoft.com (3rd party)')).toEqual({
      domain: '.bing.com',
      thirdParty: true,
    });
    expect(readOcdDomain(' or demdex.net (3rd party)')).toEqual({ domain: 'demdex.net', thirdParty: true });
    expect(readOcdDomain('')).toEqual({ domain: null, thirdParty: false });
    expect(normaliseTpwDomains(['*.X.com', 'x.com', 'a.y.com', 'bad/*'])).toEqual(['a.y.com', 'x.com']);
  });
});

describe('buildRecords', () => {
  it('links OCD platforms by exact name and alias, and creates OCD-only vendors', () => {
    const { records, report } = buildRecords(input());
    expect(records.map((r) => r.id)).toEqual(['acme-ads', 'beta-mail', 'gamma']);
    const acme = records[0]!;
    expect(acme.cookies.map((c) => [c.name, c.match, c.party, c.category])).toEqual([
      ['acm_', 'prefix', 'first', 'advertising'],
      ['acm_id', 'exact', 'third', 'advertising'],
    ]);
    expect(acme.cookies[1]).toMatchObject({
      durationText: '13 months',
      durationSeconds: 34_164_000,
      domain: 'acme-ads.com',
    });
    expect(acme).toMatchObject({
      company: 'Acme Inc',
      companySource: 'open-cookie-database',
      aliases: ['Acme'],
    });
    expect(acme.gdpr.privacyPolicy).toEqual({
      value: 'https://acme.example/privacy',
      source: 'open-cookie-database',
      derived: false,
      unverified: true,
    });
    expect(records[2]).toMatchObject({
      name: 'Gamma',
      category: 'analytics',
      domains: [],
      company: 'Gamma SA',
    });
    expect(report.ocdOnlyVendors).toEqual(['gamma']);
    expect(report.unparsedRetention).toEqual([{ text: 'Varies', rows: 1 }]);
  });

  it('moves one cookie of a mixed platform by a cookie alias, without naming the vendor after that platform', () => {
    const { records } = buildRecords(
      input({ aliases: { platforms: { Acme: 'acme-ads' }, cookies: { 'Gamma|g_id': 'acme-ads' } } }),
    );
    const acme = records.find((r) => r.id === 'acme-ads')!;
    expect(acme.cookies.map((c) => c.name)).toContain('g_id');
    // Acme is still an OCD name of Acme Ads; Gamma, whose row was moved, is not.
    expect(acme.aliases).toEqual(['Acme']);
    expect(records.find((r) => r.id === 'gamma')!.cookies.map((c) => c.name)).toEqual(['acm_id']);
  });

  it('tags names claimed by several vendors on both sides', () => {
    const { records, report } = buildRecords(input());
    expect(records[0]!.cookies.find((c) => c.name === 'acm_id')!.sharedWith).toEqual(['gamma']);
    expect(records[2]!.cookies.find((c) => c.name === 'acm_id')!.sharedWith).toEqual(['acme-ads']);
    expect(report.sharedCookies).toEqual([
      { name: 'acm_id', match: 'exact', vendors: ['acme-ads', 'gamma'] },
    ]);
  });

  it('refuses a domain two vendors claim unless a curated rule names the owner', () => {
    const clash = input({
      entities: [
        { name: 'Acme Ads', category: 'ad', domains: ['*.shared.com'] },
        { name: 'Beta Mail', category: 'marketing', domains: ['shared.com'] },
      ],
    });
    expect(() => buildRecords(clash)).toThrow(/shared\.com \(acme-ads, beta-mail\)/);
    const owners = { 'shared.com': { owner: 'beta-mail', reason: 'test' } };
    const { records, report } = buildRecords({ ...clash, domainOwners: owners });
    expect(records.find((r) => r.id === 'acme-ads')!.domains).toEqual([]);
    expect(records.find((r) => r.id === 'beta-mail')!.domains).toEqual(['shared.com']);
    expect(report.domainConflicts[0]).toMatchObject({ domain: 'shared.com', owner: 'beta-mail' });
  });

  it('applies curated overlays and company facts as stated facts with their sources', () => {
    const { records } = buildRecords(
      input({
        companies: {
          beta: {
            company: 'Beta Ltd',
            country: 'DE',
            policy: 'https://beta.example/privacy',
            vendors: ['beta-mail'],
          },
        },
        categories: { 'beta-mail': { category: 'marketing', reason: 'email tool' } },
        curated: [
          {
            id: 'acme-ads',
            domains: [{ domain: 'track.acme.io', source: 'seed:x' }],
            gdpr: { risk: { value: 'low', source: 'seed:x', derived: false } },
            sources: [{ id: 'seed:x', title: 'Seed x', url: null, licence: null }],
          },
        ],
      }),
    );
    const beta = records.find((r) => r.id === 'beta-mail')!;
    expect(beta).toMatchObject({
      company: 'Beta Ltd',
      country: 'DE',
      category: 'marketing',
      countrySource: 'policy:beta',
    });
    expect(beta.gdpr.transfer.value).toMatch(/DE \(EEA\)/);
    expect(beta.gdpr.risk).toEqual({ value: 'medium', source: 'rule:risk-by-category', derived: true });
    const acme = records.find((r) => r.id === 'acme-ads')!;
    expect(acme.domainSources).toEqual({ 'track.acme.io': 'seed:x' });
    // A seed's value nobody checked against the vendor reads as that seed's claim, unverified.
    expect(acme.gdpr.risk).toEqual({
      claimBy: 'Seed x',
      unverified: true,
      value: 'low',
      source: 'seed:x',
      derived: false,
    });
    expect(acme.sources.map((s) => s.id)).toEqual(['open-cookie-database', 'seed:x', 'third-party-web']);
  });

  it("states no privacy policy for an owner entry without one, rather than the datasets' policy of the old owner", () => {
    const before = buildRecords(input()).records.find((r) => r.id === 'acme-ads')!;
    expect(before.gdpr.privacyPolicy.value).toBe('https://acme.example/privacy');
    const filing = {
      url: 'https://owner.example/filing',
      checked: '2026-12-03',
      quote: 'Owner Inc. acquired Acme.',
    };
    const owner = { company: 'Owner Inc.', vendors: ['acme-ads'], evidence: { company: filing } };
    const after = buildRecords(input({ companies: { owner } })).records.find((r) => r.id === 'acme-ads')!;
    expect(after.company).toBe('Owner Inc.');
    expect(after.gdpr.privacyPolicy).toMatchObject({ value: null, derived: true });
    // The entry is still cited, by the page that named the company.
    expect(after.sources.find((s) => s.id === 'policy:owner')?.url).toBe(filing.url);
  });

  it('states no country for an entry without one; transfers then need review, never "no transfer"', () => {
    const beta = {
      company: 'Beta Ltd',
      policy: 'https://beta.example/privacy',
      vendors: ['beta-mail'],
      evidence: {
        company: { url: 'https://beta.example/privacy', checked: '2026-12-01', quote: 'Beta Ltd.' },
      },
    };
    const plain = buildRecords(input({ companies: { beta } })).records.find((r) => r.id === 'beta-mail')!;
    expect(plain).toMatchObject({ company: 'Beta Ltd', country: null, companySource: 'policy:beta' });
    expect(plain.countrySource).toBeUndefined();
    expect(plain.facts!.country).toBeUndefined();
    expect(plain.facts!.company!.evidence).toBeDefined();
    expect(plain.gdpr.transfer.value).toMatch(/country not stated/);
    expect(plain.gdpr.transfer.value).not.toMatch(/no third-country transfer/);

    // An EEA controller alone does not settle onward transfers to a parent whose country nobody stated.
    const eea = { ...beta, eeaController: { name: 'Beta Europe Ltd', country: 'IE' } };
    const withEea = buildRecords(input({ companies: { beta: eea } })).records.find(
      (r) => r.id === 'beta-mail',
    )!;
    expect(withEea.gdpr.transfer.value).toMatch(/Beta Ltd's country is not stated.*needs review/);

    // A country from an overlay (or a dataset) fills in, shown as unverified and cited to its source.
    const overlay = { id: 'beta-mail', country: { value: 'CA', source: 'seed:x' } };
    const seed = { id: 'seed:x', title: 'Seed x', url: null, licence: null };
    const filled = buildRecords(
      input({ companies: { beta }, curated: [{ ...overlay, sources: [seed] }] }),
    ).records.find((r) => r.id === 'beta-mail')!;
    expect(filled).toMatchObject({ country: 'CA', countrySource: 'seed:x' });
    expect(filled.facts!.country).toEqual({
      value: 'CA',
      source: 'seed:x',
      derived: false,
      unverified: true,
    });
  });

  it("under an entry without a country, fills in only the same company's dataset country", () => {
    const beta = { company: 'Beta Ltd', policy: 'https://beta.example/privacy', vendors: ['beta-mail'] };
    const wtm = (name: string, country: string) => ({
      ...wtmTracker('beta_mail', 'email', ['betamail.com']),
      company: { id: name.toLowerCase(), name, country, privacyUrl: null, website: null },
    });
    const of = (w: WtmTracker) =>
      buildRecords(input({ companies: { beta }, wtm: [w] })).records.find((r) => r.id === 'beta-mail')!;
    // WhoTracks.me names another owner (like Arm for Treasure Data): its country says nothing about Beta Ltd.
    expect(of(wtm('Arm', 'GB'))).toMatchObject({ company: 'Beta Ltd', country: null });
    const same = of(wtm('Beta', 'CA'));
    expect(same).toMatchObject({ country: 'CA', countrySource: 'whotracksme-2022' });
    expect(same.facts!.country).toMatchObject({ value: 'CA', unverified: true });
  });

  it('spells a name as its company and domain do, and refuses an owner misspelling its own name', () => {
    const owner = (id: string, name: string, domains: string[], company: string) => ({
      ...wtmTracker(id, 'advertising', domains),
      name,
      company: { id: company.toLowerCase(), name: company, country: 'US', privacyUrl: null, website: null },
    });
    const { records, report } = buildRecords(
      input({
        entities: [{ name: 'Gfycat', company: 'Gycat', category: 'content', domains: ['gfycat.com'] }],
        wtm: [
          owner('springserve', 'SpringServer', ['springserve.com'], 'SpringServe, LLC'),
          owner('refinedads', 'Refined Ads', ['refinedads.com'], 'Refined Labs'),
        ],
      }),
    );
    const byId = (id: string) => records.find((r) => r.id === id)!;
    expect(byId('springserver')).toMatchObject({ name: 'SpringServe', company: 'SpringServe, LLC' });
    expect(report.fieldConflicts).toContainEqual(
      expect.objectContaining({ vendor: 'springserver', field: 'name', chosen: 'SpringServe' }),
    );
    // Two different names (a company and its product) are not a misspelling either way.
    expect(byId('refined-ads')).toMatchObject({ name: 'Refined Ads', company: 'Refined Labs' });
    expect(byId('gfycat')).toMatchObject({ name: 'Gfycat', company: null });
    expect(report.rejected).toContainEqual(
      expect.objectContaining({ vendor: 'gfycat', field: 'company', value: 'Gycat' }),
    );
  });

  it('corrects an imported cookie party only with a declared source, and keeps the reason', () => {
    const fix = {
      name: 'acm_id',
      match: 'exact' as const,
      party: 'first' as const,
      domain: null,
      source: 'docs:acme',
      note: 'Acme docs say first-party',
    };
    const doc = { id: 'docs:acme', title: 'Acme docs', url: 'https://acme.example/docs', licence: null };
    const { records } = buildRecords(
      input({ curated: [{ id: 'acme-ads', cookieFixes: [fix], sources: [doc] }] }),
    );
    const c = records[0]!.cookies.find((k) => k.name === 'acm_id')!;
    expect(c).toMatchObject({
      party: 'first',
      source: 'open-cookie-database',
      note: 'Acme docs say first-party (docs:acme)',
    });
    expect(c.domain).toBeUndefined();
    expect(() => buildRecords(input({ curated: [{ id: 'acme-ads', cookieFixes: [fix] }] }))).toThrow(
      /source docs:acme is not declared/,
    );
  });

  it("replaces an imported cookie with the overlay's of the same name; a prefix also replaces the exact name", () => {
    const doc = { id: 'docs:acme', title: 'Acme docs', url: 'https://acme.example/docs', licence: null };
    const own = (match: 'exact' | 'prefix', category: 'necessary' | 'unknown') => ({
      name: 'acm_id',
      match,
      party: 'first' as const,
      durationSeconds: null,
      durationText: 'not stated',
      purpose: 'Acme docs',
      category,
      source: 'docs:acme',
    });
    const named = (curated: ReturnType<typeof own>[]) =>
      buildRecords(input({ curated: [{ id: 'acme-ads', cookies: curated, sources: [doc] }] }))
        .records[0]!.cookies.filter((k) => k.name === 'acm_id')
        .map((k) => [k.match, k.category, k.source]);
    // The OCD row is exact: the docs' prefix covers it, so only the docs' entry is left.
    expect(named([own('prefix', 'necessary')])).toEqual([['prefix', 'necessary', 'docs:acme']]);
    // An open purpose in the vendor's own text stays open, not the OCD's category.
    expect(named([own('exact', 'unknown')])).toEqual([['exact', 'unknown', 'docs:acme']]);
  });

  it('fails clearly when an overlay names a vendor that does not exist', () => {
    expect(() => buildRecords(input({ aliases: { platforms: { Acme: 'nope' }, cookies: {} } }))).toThrow(
      /aliases\.json \(Acme\) names vendor id "nope"/,
    );
    expect(() => buildRecords(input({ curated: [{ id: 'ghost' }] }))).toThrow(/ghost/);
  });
});
