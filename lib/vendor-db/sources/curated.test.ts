import { describe, expect, it } from 'vitest';
import { checkCompanyFacts, checkCuratedVendor } from './curated';

const ev = {
  url: 'https://acme.example/privacy',
  checked: '2026-12-01',
  quote: 'Acme Ltd operates this site.',
};

function entry(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { company: 'Acme Ltd', policy: 'https://acme.example/privacy', vendors: ['acme'], ...over };
}

describe('checkCompanyFacts', () => {
  it('accepts an entry whose pages name no country, and keeps it without one', () => {
    const facts = checkCompanyFacts({ acme: entry({ evidence: { company: ev } }) });
    expect(facts.acme!.country).toBeUndefined();
    expect(checkCompanyFacts({ acme: entry({ country: 'GB' }) }).acme!.country).toBe('GB');
  });

  it('refuses a country that is not an ISO alpha-2 code', () => {
    for (const country of ['Germany', 'de', '', 'USA', null]) {
      expect(() => checkCompanyFacts({ acme: entry({ country }) }), String(country)).toThrow(
        /acme: country must be ISO 3166-1 alpha-2 or absent/,
      );
    }
  });

  it('accepts an entry without a policy, refuses one that is not https and evidence for a policy it lacks', () => {
    expect(checkCompanyFacts({ acme: entry({ policy: undefined }) }).acme!.policy).toBeUndefined();
    expect(() => checkCompanyFacts({ acme: entry({ policy: 'http://acme.example/privacy' }) })).toThrow(
      /acme: policy must be an https URL or absent/,
    );
    expect(() => checkCompanyFacts({ acme: entry({ policy: undefined, evidence: { policy: ev } }) })).toThrow(
      /evidence for policy but no policy/,
    );
  });

  it('refuses evidence for a country the entry does not state, and an entry without a company', () => {
    expect(() => checkCompanyFacts({ acme: entry({ evidence: { country: ev } }) })).toThrow(
      /evidence for country but no country/,
    );
    expect(() => checkCompanyFacts({ acme: entry({ company: ' ' }) })).toThrow(/acme: needs a company/);
  });
});

describe('checkCuratedVendor', () => {
  const vendor = (category: unknown) => ({ id: 'acme', category: { value: category, reason: 'why' } });

  it('takes "unknown" as a stated category (a host whose operator needs review) and refuses other words', () => {
    expect(checkCuratedVendor('acme.json', vendor('unknown')).category?.value).toBe('unknown');
    expect(checkCuratedVendor('acme.json', vendor('analytics')).category?.value).toBe('analytics');
    expect(() => checkCuratedVendor('acme.json', vendor('exempt'))).toThrow(/bad category exempt/);
  });
});
