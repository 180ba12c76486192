import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCategory } from '../category';
import { isRuleId } from './derive';
import { GDPR_FACT_KEYS, type Fact, type VendorRecord } from './types';

const DIR = join(import.meta.dirname, '../../data/vendors');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const records: VendorRecord[] = files.map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')));
const byId = new Map(records.map((r) => [r.id, r]));

function problems(r: VendorRecord, file: string): string[] {
  const p: string[] = [];
  const sourceIds = new Set(r.sources.map((s) => s.id));
  if (`${r.id}.json` !== file) p.push('file name differs from id');
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(r.id)) p.push('id not kebab-case');
  if (!r.name) p.push('no name');
  if (!isCategory(r.category) && r.category !== 'unknown') p.push(`bad category ${r.category}`);
  if (r.country !== null && !/^[A-Z]{2}$/.test(r.country)) p.push(`bad country ${r.country}`);
  if (r.company !== null && !sourceIds.has(r.companySource ?? ''))
    p.push('company without a declared source');
  if (r.country !== null && !sourceIds.has(r.countrySource ?? ''))
    p.push('country without a declared source');
  for (const d of r.domains) if (!/^[a-z0-9.-]+$/.test(d) || d.startsWith('.')) p.push(`bad domain ${d}`);
  for (const c of r.cookies) {
    if (!c.name || !['exact', 'prefix'].includes(c.match) || !['first', 'third'].includes(c.party))
      p.push('bad cookie');
    if (!sourceIds.has(c.source)) p.push(`cookie ${c.name} source ${c.source} not declared`);
    if (c.durationSeconds !== null && !(Number.isInteger(c.durationSeconds) && c.durationSeconds >= 0))
      p.push('bad duration');
    if (typeof c.durationText !== 'string' || typeof c.purpose !== 'string') p.push(`cookie ${c.name} text`);
  }
  for (const key of GDPR_FACT_KEYS) {
    const f = r.gdpr[key] as Fact<unknown> | undefined;
    if (!f || typeof f.source !== 'string' || typeof f.derived !== 'boolean') p.push(`gdpr.${key} missing`);
    else if (f.derived && !isRuleId(f.source)) p.push(`gdpr.${key} names unknown rule ${f.source}`);
    else if (!f.derived && !sourceIds.has(f.source)) p.push(`gdpr.${key} source ${f.source} not declared`);
  }
  for (const s of r.sources) if (!s.id || !s.title) p.push('bad source ref');
  for (const rel of r.related ?? []) if (!byId.has(rel)) p.push(`related ${rel} missing`);
  return p;
}

describe('data/vendors records', () => {
  it('loads a full database', () => {
    expect(records.length).toBeGreaterThan(2000);
  });

  it('every record satisfies the schema and cites declared sources', () => {
    const bad = records.flatMap((r, n) => problems(r, files[n] ?? '').map((m) => `${r.id}: ${m}`));
    expect(bad).toEqual([]);
  });

  it('has no duplicate ids and no domain owned twice', () => {
    expect(byId.size).toBe(records.length);
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const r of records) {
      for (const d of r.domains) {
        if (owner.has(d)) twice.push(`${d}: ${owner.get(d)} and ${r.id}`);
        owner.set(d, r.id);
      }
    }
    expect(twice).toEqual([]);
  });

  it('tags cookies several vendors claim, symmetrically', () => {
    for (const r of records) {
      for (const c of r.cookies) {
        for (const other of c.sharedWith ?? []) {
          const twin = byId.get(other)?.cookies.find((k) => k.name === c.name && k.match === c.match);
          expect(twin?.sharedWith, `${c.name} ${r.id}→${other}`).toContain(r.id);
        }
      }
    }
  });

  it('has Customer.io complete from the seeds', () => {
    const cio = byId.get('customer-io')!;
    expect(cio).toMatchObject({
      name: 'Customer.io',
      category: 'marketing',
      company: 'Peaberry Software Inc.',
      country: 'US',
    });
    for (const d of [
      'track.customer.io',
      'assets.customer.io',
      'cdp.customer.io',
      'cdp-eu.customer.io',
      'customerioforms.com',
    ]) {
      expect(cio.domains).toContain(d);
    }
    const cookies = new Map(cio.cookies.map((c) => [c.name, c]));
    for (const n of ['_cio', '_cioid', '_cioanonid', 'cioFT', 'cioLT'])
      expect(cookies.get(n)?.source).toBe('open-cookie-database');
    expect(cookies.get('_cio_auid')?.source).toBe('seed:consentstack-customer-io');
    expect(cookies.get('_cio_id')?.source).toBe('seed:flowconsent-customer-io');
    for (const key of GDPR_FACT_KEYS) expect(cio.gdpr[key].derived, key).toBe(key === 'consentText');
    // The consent vendor's opinions read as its claims, not as facts.
    expect(cio.gdpr.risk).toMatchObject({ value: 'medium', claimBy: expect.stringContaining('FlowConsent') });
    expect(cio.gdpr.dpia.claimBy).toContain('FlowConsent');
    // The suggested consent text agrees with the cookie table (_cio: 1 day) and names both mechanisms.
    expect(cookies.get('_cio')?.durationText).toBe('1 day');
    expect(cio.gdpr.consentText.value).toContain('_cio for 1 day');
    expect(cio.gdpr.consentText.value).not.toContain('12 months');
    expect(cio.gdpr.consentText.value).toMatch(
      /Standard Contractual Clauses and the EU-US Data Privacy Framework/,
    );
    // Its CDP client's Segment-compatible cookies, and the EU tracking host by name.
    for (const n of ['ajs_anonymous_id', 'ajs_user_id'])
      expect(cookies.get(n)).toMatchObject({ party: 'first', secondary: true });
    expect(cio.domains).toContain('track-eu.customer.io');
    expect(cio.gdpr.transferMechanisms.value).toContain('EU-US Data Privacy Framework');
  });

  it('never claims a transfer mechanism or EU region by rule', () => {
    for (const r of records) {
      const { transferMechanisms: m, euDataRegion: eu } = r.gdpr;
      if (m.derived) expect(m.value.join(' '), r.id).toMatch(/^Unknown/);
      if (eu.derived) expect(eu.value, r.id).toBeNull();
    }
  });
});

describe('facts with evidence', () => {
  const facts = (r: (typeof records)[number]) => [
    ...Object.values(r.gdpr),
    ...Object.values(r.facts ?? {}).filter((f): f is NonNullable<typeof f> => f !== undefined),
  ];

  it('states no fact without the page, the day and the sentence; the rest is unverified', () => {
    const bad: string[] = [];
    for (const r of records) {
      for (const f of facts(r)) {
        if (f.derived) continue;
        const ev = f.evidence;
        const stated = ev && /^https:\/\//.test(ev.url) && /^\d{4}-\d{2}-\d{2}$/.test(ev.checked) && ev.quote;
        if (!stated && f.unverified !== true) bad.push(`${r.id}: ${f.source}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('derives transfers from the EEA controller, never "transferred to the US" for it', () => {
    for (const id of [
      'google-analytics',
      'google-doubleclick-ads',
      'facebook',
      'linkedin-ads',
      'twitter',
      'tiktok',
      'clarity',
    ]) {
      const t = byId.get(id)!.gdpr.transfer;
      expect(t.source, id).toBe('rule:transfer-by-eea-controller');
      expect(t.value, id).toMatch(
        /controller for EEA visitors is .* \(IE, EEA\): no third-country transfer by the controller itself/,
      );
      expect(t.value, id).not.toMatch(/^Personal data is transferred to US/);
    }
    const li = byId.get('linkedin-ads')!;
    expect(li.facts?.eeaController).toMatchObject({ value: 'LinkedIn Ireland Unlimited Company' });
    expect(li.facts?.eeaController?.evidence?.quote).toContain('LinkedIn Ireland Unlimited Company');
    // Google's controller is checked in its policy; Intercom's (a processor for site visitors) is not.
    expect(byId.get('google-analytics')!.facts?.eeaController?.evidence?.quote).toContain(
      'Google Ireland Limited',
    );
    expect(byId.get('google-analytics')!.gdpr.transfer.value).not.toMatch(/unverified/);
    expect(byId.get('intercom')!.facts?.eeaController?.unverified).toBe(true);
    expect(byId.get('intercom')!.gdpr.transfer.value).toMatch(/EEA controller is unverified/);
  });

  it('fixes out-of-date owners with a cited source', () => {
    for (const [id, owner] of [
      ['neustar-adadvisor', 'TransUnion'],
      ['exponea', 'Bloomreach'],
      ['silverpop', 'Acoustic'],
      ['aggregate-knowledge', 'TransUnion'],
      ['cj-affiliate', 'Commission Junction'],
      ['tumblr-analytics', 'Tumblr'],
      ['webtrekk', 'Mapp'],
      ['cxense', 'Piano'],
      ['kenshoo', 'Skai'],
      ['tremor-video', 'Nexxen'],
      ['evergage', 'Salesforce'],
      ['one-by-aol', 'Yahoo'],
      ['paypal', 'PayPal'],
      ['opentable', 'OpenTable'],
      // Checked 2026-12-06 (a third stop): each in the vendor's own or its new owner's current pages.
      ['wunderkind', 'Wunderkind Corporation'],
      ['vk', 'V Kontakte'],
      ['impact-radius', 'Impact Tech'],
      ['ensighten', 'CHEQ AI Technologies'],
      ['hello-bar', 'Hello Bar LLC'],
      ['sailthru', 'Marigold'],
      ['intent-iq', 'Intent IQ'],
      ['qualaroo', 'Batia Infotech'],
      ['picreel', 'Batia Infotech'],
      ['innovid', 'Mediaocean'],
      ['the-adex', 'Virtual Minds'],
      ['conversant-tag-manager', 'Epsilon'],
      // Checked 2026-12-06 (a fourth stop).
      ['cookiebot', 'Usercentrics A/S'],
      ['smartclip', 'smartclip Europe GmbH'],
      ['dataxu', 'Roku'],
      ['tencent', '深圳市腾讯计算机系统有限公司'],
      ['dailymotion', 'Dailymotion SA'],
      ['gravatar', 'Automattic'],
      ['weebly', 'Block, Inc.'],
      ['expedia', 'Expedia, Inc.'],
      ['episerver', 'Optimizely AB'],
      ['playbuzz', 'EX.CO Technologies'],
      ['sage-pay', 'U.S. Bank Europe DAC'],
      ['united-internet-media-ag', 'United Internet Media GmbH'],
      ['madison-logic', 'Madison Logic, Inc.'],
      ['mbr-targeting', 'mbr-Targeting GmbH'],
      // Checked 2026-12-06 (a fifth stop).
      ['adtheorent', 'AdTheorent Holding Company, Inc.'],
      ['at-internet', 'Piano Software Inc.'],
      ['press', 'Piano Software Inc.'],
      ['voluum', 'CentralNic Poland'],
      ['qubit', 'Coveo Software Corp.'],
      ['qubit-deliver', 'Coveo Software Corp.'],
      ['adhese', 'Doggybites BV'],
      ['audigent', 'Predictive Pop Inc.'],
      ['ad4mat', 'advanced store GmbH'],
      ['split-io', 'Harness Inc.'],
      ['userway', 'Level Access Inc.'],
      ['cookie-first', 'Digital Data Solutions B.V.'],
      ['civic-cmp', 'Civic Computing Ltd'],
    ] as const) {
      const r = byId.get(id)!;
      expect(r.company, id).toContain(owner);
      expect(r.facts?.company?.evidence?.quote, id).toBeTruthy();
    }
    expect(byId.get('segment')!.company).toBe('Twilio Inc.');
    // A changed owner does not inherit the former owner's policy page from a dataset.
    expect(String(byId.get('hello-bar')!.gdpr.privacyPolicy?.value)).not.toMatch(/crazyegg/);
    expect(String(byId.get('vk')!.gdpr.privacyPolicy?.value)).not.toMatch(/megafon/);
    // Gravatar sits under Automattic's policy, whose EEA controller is its Irish company.
    expect(byId.get('gravatar')!.facts?.eeaController?.value).toBe('Aut O’Mattic A8C Ireland Ltd.');
    expect(byId.get('gravatar')!.gdpr.transfer.source).toBe('rule:transfer-by-eea-controller');
    // A vendor's own DPF notice is a stated fact.
    expect(byId.get('fastly')!.facts?.dpf?.evidence?.url).toBe(
      'https://www.fastly.com/data-privacy-framework',
    );
    expect(byId.get('qubit')!.facts?.dpf?.evidence?.quote).toMatch(
      /^Coveo Software Corp\. and its affiliate, Qubit Inc\./,
    );
    // Read in a full-text copy of the policy (ToS;DR's), cited with the policy's own URL and the copy it was read in.
    expect(byId.get('rubicon-project')!.facts?.dpf?.evidence).toMatchObject({
      url: 'https://www.magnite.com/legal/advertising-technology-privacy-policy/',
      via: expect.stringMatching(/^https:\/\/github\.com\/tosdr\/tosdr-versions\/blob\/[0-9a-f]{40}\//),
      quote: expect.stringMatching(/^With respect to its DV\+ Platform, Magnite, Inc\./),
    });
    // A shared name is no shared company: Chameleon's product tours and Chamaleon's ad network stay apart.
    expect(byId.get('chameleon')).toMatchObject({
      domains: ['trychameleon.com'],
      company: 'Chameleon Intelligent Tech Inc.',
    });
    // Its dataset owner, "Chamaleon", misspells the name its own domain spells: refused, so it names none.
    expect(byId.get('chameleon-wtm')).toMatchObject({ domains: ['gsn.chameleon.ad'], company: null });
    // Awin's own tracking host is Awin's, not WhoTracks.me's 2022 "Axel Springer Group" under "Digital Window".
    expect(byId.get('digital-window')).toMatchObject({ name: 'Awin', company: 'AWIN AG', country: 'DE' });
  });

  it("spells a vendor's name as its domain does, and names no owner that misspells it", () => {
    for (const [id, name] of [
      ['signyfyd', 'Signifyd'],
      ['springserver', 'SpringServe'],
      ['mcaffee', 'McAfee'],
      ['leasdboxer', 'LeadBoxer'],
      ['sreamamg', 'StreamAMG'],
      ['gugaboo', 'Gubagoo'],
      ['captiify', 'Captify'],
    ] as const) {
      expect(byId.get(id)!.name, id).toBe(name);
      expect(byId.get(id)!.gdpr.consentText?.value, id).toContain(`We use ${name}`);
    }
    // No HTML reference left in a name or id: third-party-web's "Northern &amp; Shell Media Group".
    expect(byId.get('northern-and-shell-media-group')!.name).toBe('Northern & Shell Media Group');
    expect(records.filter((r) => /&[a-z]+;|&#\d+;/.test(`${r.id} ${r.name} ${r.company}`))).toEqual([]);
    for (const id of ['gfycat', 'likelihood', 'smartsupp'])
      expect(byId.get(id)!.company ?? '', id).not.toMatch(/^(Gycat|LIkeihood|Smartsuppp)$/);
  });

  it('states every country as an ISO code, so the adequacy rule sees the UK', () => {
    const odd = records.filter((r) => r.country !== null && !/^[A-Z]{2}$/.test(r.country));
    expect(odd.map((r) => r.id)).toEqual([]);
    expect(records.filter((r) => r.country === 'UK' || r.country === 'KO').map((r) => r.id)).toEqual([]);
    // WhoTracks.me gives AdJug's country as "UK".
    const adjug = byId.get('adjug')!;
    expect(adjug.country).toBe('GB');
    expect(adjug.gdpr.transfer.value).toMatch(/adequacy decision/);
  });

  it("gives a domain WhoTracks.me files under collector software to the domain's owner", () => {
    // WhoTracks.me saw Snowplow's collector on playwire.com: the data goes to Playwire, not to Snowplow.
    expect(byId.get('snowplow')!.domains).not.toContain('playwire.com');
    expect(byId.get('intergi')!.domains).toContain('playwire.com');
  });

  it('records the sources behind each field', () => {
    const cio = byId.get('customer-io')!;
    expect(cio.fieldSources?.company).toEqual(['policy:customerio']);
    expect(cio.fieldSources?.cookies).toContain('open-cookie-database');
    const aniview = byId.get('aniview')!;
    expect(aniview.fieldSources?.domains).toContain('whotracksme-2022');
  });
});

describe('issue #12 owners and facts', () => {
  it('never shows a duration, domain or URL as a company', () => {
    const bad = records.filter(
      (r) =>
        r.company !== null &&
        (/^\d+\s*(days?|months?|years?)$/i.test(r.company) || /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(r.company)),
    );
    expect(bad.map((r) => `${r.id}: ${r.company}`)).toEqual([]);
    expect(byId.get('digital-window')?.company).not.toBe('29 days');
  });

  it('has the corrected facts the issue lists', () => {
    const klaviyo = byId.get('klaviyo')!;
    expect(klaviyo.gdpr.privacyPolicy.value).toBe('https://www.klaviyo.com/legal/privacy/privacy-notice');
    expect(klaviyo.gdpr.euDataRegion.value).toMatch(/^None/);
    expect(klaviyo.gdpr.euDataRegion.evidence?.quote).toContain('does not offer any data storage');
    expect(byId.get('intercom')!.facts?.eeaController?.value).toBe('Intercom R&D Unlimited Company');
    expect(byId.get('outbrain')!.company).toContain('Teads');
    expect(byId.get('snapchat')!.category).toBe('advertising');
    for (const id of ['pinterest', 'intercom']) {
      expect(byId.get(id)!.gdpr.transfer.source, id).toBe('rule:transfer-by-eea-controller');
    }
  });
});
