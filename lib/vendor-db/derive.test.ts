import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../category';
import {
  deriveConsentText,
  deriveDpia,
  deriveEprivacy,
  deriveGdpr,
  deriveLegalBasis,
  deriveRisk,
  deriveTransfer,
  deriveTransferFromController,
  isRuleId,
} from './derive';

describe('derivation rules', () => {
  it('asks for consent for tracking categories and says it is derived', () => {
    for (const c of ['advertising', 'marketing', 'analytics', 'social'] as const) {
      const f = deriveLegalBasis(c);
      expect(f).toMatchObject({ source: 'rule:legal-basis-by-category', derived: true });
      expect(f.value).toMatch(/^Consent \(GDPR Art\. 6\(1\)\(a\)\); ePrivacy Art\. 5\(3\)/);
      expect(deriveEprivacy(c).value).toMatch(/Prior consent required/);
    }
    expect(deriveLegalBasis('functional').value).not.toMatch(/^Consent/);
    expect(deriveEprivacy('necessary').value).toMatch(/strictly necessary/);
  });

  it('writes transfer notes by country without claiming a mechanism', () => {
    expect(deriveTransfer('US').value).toBe(
      'Personal data is transferred to US; a transfer mechanism is required (Art. 44–49)',
    );
    expect(deriveTransfer(null).value).toBe("Company country not stated by a source: check the vendor's DPA");
    expect(deriveTransfer('FR').value).toMatch(/EEA/);
    expect(deriveTransfer('GB').value).toMatch(/adequacy/);
    expect(deriveTransfer('CN').value).toMatch(/mechanism is required/);
  });

  it('with an EEA controller, onward transfers to a parent of unknown country need review', () => {
    const unknown = deriveTransferFromController('Acme EU Ltd', 'IE', 'Acme Inc.', null, false).value;
    expect(unknown).toMatch(
      /Acme Inc\.'s country is not stated, so onward transfers are unknown: needs review/,
    );
    const us = deriveTransferFromController('Acme EU Ltd', 'IE', 'Acme Inc.', 'US', false).value;
    expect(us).toMatch(/onward transfers to Acme Inc\. \(US\) or processors need a mechanism/);
    expect(deriveTransferFromController('Acme EU Ltd', 'IE', 'Acme SA', 'FR', false).value).toMatch(
      /; check its processors$/,
    );
  });

  it('ranks risk by category', () => {
    expect(deriveRisk('advertising').value).toBe('high');
    expect(deriveRisk('marketing').value).toBe('medium');
    expect(deriveRisk('analytics').value).toBe('medium');
    expect(deriveRisk('necessary').value).toBe('low');
    expect(deriveDpia('advertising').value).toMatch(/typically required/);
    expect(deriveDpia('consent').value).toMatch(/typically not needed/);
  });

  it('fills the consent text template with the vendor name and category', () => {
    const f = deriveConsentText('Acme <b>', 'marketing');
    expect(f.value).toContain('We use Acme <b> to personalise');
    expect(f.value).toContain('accept the "marketing" category');
    expect(f.value).toContain('Template derived from category');
  });

  it('an unknown purpose is "needs review": consent unless shown strictly necessary, never low risk', () => {
    expect(deriveLegalBasis('unknown').value).toMatch(
      /^Purpose unknown .*needs review\. Consent \(GDPR Art\. 6\(1\)\(a\)\)/,
    );
    expect(deriveEprivacy('unknown').value).toMatch(/needs review\. Treat as needing prior consent/);
    expect(deriveRisk('unknown').value).toBe('medium');
    expect(deriveDpia('unknown').value).toMatch(/needs review.*depends on what the vendor does/);
    const text = deriveConsentText('Acme', 'unknown').value;
    expect(text).toMatch(/no source names Acme's purpose/);
    expect(text).not.toMatch(/provide website features|make this website work/);
  });

  it('builds a full block in which every fact is derived from a known rule', () => {
    for (const c of [...CATEGORIES, 'unknown' as const]) {
      const block = deriveGdpr('Acme', c, null);
      for (const fact of Object.values(block)) {
        expect(fact.derived).toBe(true);
        expect(isRuleId(fact.source)).toBe(true);
      }
      expect(block.euDataRegion.value).toBeNull();
      expect(block.transferMechanisms.value.join(' ')).toMatch(/^Unknown/);
      expect(JSON.stringify(block)).not.toMatch(/Data Privacy Framework|DPF-certified|certified/);
    }
    expect(isRuleId('rule:made-up')).toBe(false);
  });
});
