import { describe, expect, it } from 'vitest';
import { companyFactViews, factViews } from './facts';
import type { VendorRecord } from '../vendor-db/types';
import { FIXTURE_VENDORS } from '../vendor-db/__fixtures__/vendors';

const base = FIXTURE_VENDORS[0]!;
const vendor: VendorRecord = {
  ...base,
  sources: [
    { id: 'policy:acme', title: 'Acme privacy policy', url: 'https://acme.example/p', licence: null },
  ],
  gdpr: {
    ...base.gdpr,
    risk: {
      value: 'medium',
      source: 'seed:x',
      derived: false,
      unverified: true,
      claimBy: 'A consent vendor',
    },
    privacyPolicy: {
      value: 'https://acme.example/p',
      source: 'policy:acme',
      derived: false,
      unverified: true,
    },
  },
  facts: {
    company: {
      value: 'Acme Inc.',
      source: 'policy:acme',
      derived: false,
      evidence: { url: 'https://acme.example/p', checked: '2026-12-01', quote: 'We, Acme Inc., process…' },
    },
    eeaController: { value: 'Acme Ireland Ltd', source: 'policy:acme', derived: false, unverified: true },
  },
};

describe('fact status', () => {
  it('shows checked facts with their sentence, unverified ones and claims as such', () => {
    const company = companyFactViews(vendor);
    // No source states Acme's country: shown as "not stated", unverified, never left out or guessed.
    expect(company.map((f) => [f.key, f.text, f.status])).toEqual([
      ['company', 'Acme Inc.', 'checked'],
      ['country', 'not stated', 'unverified'],
      ['eeaController', 'Acme Ireland Ltd', 'unverified'],
    ]);
    expect(company[1]!.explanation).toMatch(/needs review/);
    const withCountry = {
      ...vendor,
      facts: { ...vendor.facts, country: { ...vendor.facts!.company!, value: 'US' } },
    };
    expect(companyFactViews(withCountry).map((f) => [f.key, f.text])).toContainEqual(['country', 'US']);
    expect(company[0]!.provenance).toBe('Source: Acme privacy policy, checked 2026-12-01');
    expect(company[0]!.explanation).toContain('“We, Acme Inc., process…”');
    const gdpr = factViews(vendor);
    expect(gdpr.find((f) => f.key === 'risk')).toMatchObject({
      status: 'claim',
      claimBy: 'A consent vendor',
    });
    expect(gdpr.find((f) => f.key === 'risk')!.provenance).toBe('Claim by A consent vendor (unverified)');
    expect(gdpr.find((f) => f.key === 'privacyPolicy')!.provenance).toBe(
      'Source: Acme privacy policy (unverified)',
    );
    expect(gdpr.find((f) => f.key === 'legalBasis')!.status).toBe('stated');
  });
});
