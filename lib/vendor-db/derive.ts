import { needsConsent, type Category, type CategoryOrUnknown } from '../category';
import type { Fact, GdprBlock, RiskLevel } from './types';

/**
 * The derivation rules. A derived Fact names one of these ids as its `source`; the texts say
 * "derived from category" or "typically" so the UI never presents them as vendor statements.
 */
export const RULES = {
  'rule:legal-basis-by-category':
    'Legal basis from the vendor category (consent for non-essential tracking).',
  'rule:eprivacy-by-category': 'ePrivacy Art. 5(3) consent requirement from the vendor category.',
  'rule:transfer-by-country': 'Transfer note from the company country (EEA, UK or adequacy list, or not).',
  'rule:transfer-by-eea-controller':
    'Transfer note from the controller for EEA visitors (an EEA entity: no third-country transfer by the controller itself).',
  'rule:mechanism-unknown': 'No source states the transfer mechanism: never assumed.',
  'rule:eu-region-unknown': 'No source states an EU data region: never assumed.',
  'rule:risk-by-category': 'Risk level from the vendor category.',
  'rule:dpia-by-category': 'DPIA note from the vendor category.',
  'rule:consent-text-template': 'Consent-text suggestion from a template (vendor name + category).',
  'rule:no-alternatives': 'No source names alternatives.',
  'rule:privacy-policy-unknown': 'No source gives a privacy-policy URL.',
} as const;

export type RuleId = keyof typeof RULES;

/** EEA members (EU 27 + IS, LI, NO). */
const EEA = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO'.split(' '),
);
/** UK and the countries with an EU adequacy decision (Canada: commercial organisations only; the US only via DPF, so it is not listed). */
const ADEQUATE = new Set('GB AD AR CA FO GG IL IM JP JE NZ KR CH UY'.split(' '));

const RISK: Record<CategoryOrUnknown, RiskLevel> = {
  advertising: 'high',
  social: 'high',
  marketing: 'medium',
  analytics: 'medium',
  functional: 'low',
  consent: 'low',
  necessary: 'low',
  // No source names the purpose: never assumed low.
  unknown: 'medium',
};

const PURPOSE: Record<Category, string> = {
  advertising: 'show and measure advertising, which may involve profiling across websites',
  social: 'provide social-media features and measure their use, which may involve tracking across websites',
  marketing: 'personalise and send marketing communications based on your activity',
  analytics: 'measure how visitors use this website',
  functional: 'provide website features',
  consent: 'store your cookie choices',
  necessary: 'make this website work',
};

const UNKNOWN = 'Purpose unknown (no source names it): needs review.';

function derived<T>(value: T, source: RuleId): Fact<T> {
  return { value, source, derived: true };
}

/** Legal basis from the category; consent-needing categories follow ePrivacy Art. 5(3). */
export function deriveLegalBasis(category: CategoryOrUnknown): Fact {
  if (category === 'unknown') {
    return derived(
      `${UNKNOWN} Consent (GDPR Art. 6(1)(a)) unless it is shown to be strictly necessary for a service the visitor asked for (derived from category)`,
      'rule:legal-basis-by-category',
    );
  }
  if (needsConsent(category)) {
    return derived(
      'Consent (GDPR Art. 6(1)(a)); ePrivacy Art. 5(3) requires prior consent for non-essential storage/access (derived from category)',
      'rule:legal-basis-by-category',
    );
  }
  if (category === 'consent') {
    return derived(
      'Typically legal obligation (GDPR Art. 6(1)(c), Art. 7(1): proof of consent) for storing the consent choice (derived from category)',
      'rule:legal-basis-by-category',
    );
  }
  return derived(
    'Typically legitimate interest (GDPR Art. 6(1)(f)) or contract (Art. 6(1)(b)) when strictly necessary for a service the visitor asked for; otherwise consent (derived from category)',
    'rule:legal-basis-by-category',
  );
}

/** Whether ePrivacy Art. 5(3) typically requires prior consent for this category. */
export function deriveEprivacy(category: CategoryOrUnknown): Fact {
  if (category === 'unknown') {
    return derived(
      `${UNKNOWN} Treat as needing prior consent (ePrivacy Art. 5(3)) until it is shown strictly necessary for a service the visitor explicitly requested (derived from category)`,
      'rule:eprivacy-by-category',
    );
  }
  return needsConsent(category)
    ? derived(
        'Prior consent required before storing or reading identifiers on the device (ePrivacy Art. 5(3); derived from category)',
        'rule:eprivacy-by-category',
      )
    : derived(
        'Typically exempt from consent only if strictly necessary for a service the visitor explicitly requested (ePrivacy Art. 5(3); derived from category)',
        'rule:eprivacy-by-category',
      );
}

/** Transfer note from the HQ country; says nothing about mechanisms or regions. */
export function deriveTransfer(country: string | null): Fact {
  if (country === null) {
    return derived(
      "Company country not stated by a source: check the vendor's DPA",
      'rule:transfer-by-country',
    );
  }
  if (EEA.has(country)) {
    return derived(
      `Company is based in ${country} (EEA): no third-country transfer from its location alone; check its sub-processors`,
      'rule:transfer-by-country',
    );
  }
  if (ADEQUATE.has(country)) {
    return derived(
      `Personal data is transferred to ${country}, which has an EU adequacy decision (Art. 45); check its sub-processors`,
      'rule:transfer-by-country',
    );
  }
  return derived(
    `Personal data is transferred to ${country}; a transfer mechanism is required (Art. 44–49)`,
    'rule:transfer-by-country',
  );
}

/** Transfer note when the vendor names an EEA controller (e.g. Google Ireland Limited for Google LLC). */
export function deriveTransferFromController(
  controller: string,
  controllerCountry: string,
  company: string | null,
  country: string | null,
  unverified: boolean,
): Fact {
  const note = unverified ? ' (the EEA controller is unverified: check the policy)' : '';
  if (!EEA.has(controllerCountry)) return deriveTransfer(controllerCountry);
  const parent =
    company && country && !EEA.has(country)
      ? `; onward transfers to ${company} (${country}) or processors need a mechanism (Art. 44–49): check its policy`
      : company && !country
        ? `; ${company}'s country is not stated, so onward transfers are unknown: needs review (check its policy and processors)`
        : '; check its processors';
  return derived(
    `The controller for EEA visitors is ${controller} (${controllerCountry}, EEA): no third-country transfer by the controller itself${parent}${note}`,
    'rule:transfer-by-eea-controller',
  );
}

/** Risk level from the category (advertising/social high, marketing/analytics medium, rest low). */
export function deriveRisk(category: CategoryOrUnknown): Fact<RiskLevel> {
  return derived(RISK[category], 'rule:risk-by-category');
}

/** DPIA note from the category. */
export function deriveDpia(category: CategoryOrUnknown): Fact {
  const text =
    category === 'unknown'
      ? `${UNKNOWN} Whether a DPIA is needed depends on what the vendor does (Art. 35; derived from category)`
      : RISK[category] === 'high'
        ? 'A DPIA is typically required: large-scale tracking or profiling across websites (Art. 35; derived from category)'
        : RISK[category] === 'medium'
          ? 'A DPIA is typically recommended when behavioural data is profiled or combined with identities (Art. 35; derived from category)'
          : 'A DPIA is typically not needed for this category alone (Art. 35; derived from category)';
  return derived(text, 'rule:dpia-by-category');
}

/** Consent-banner text suggestion from a template; the vendor name is data, so callers must escape it. */
export function deriveConsentText(name: string, category: CategoryOrUnknown): Fact {
  if (category === 'unknown') {
    return derived(
      `We use ${name}. (No template: no source names ${name}'s purpose. Describe what it does, and ask for consent unless it is strictly necessary.)`,
      'rule:consent-text-template',
    );
  }
  const text = needsConsent(category)
    ? `We use ${name} to ${PURPOSE[category]}. ${name} sets cookies or similar identifiers only after you accept the "${category}" category. (Template derived from category: adapt it to what ${name} actually does.)`
    : `We use ${name} to ${PURPOSE[category]}. (Template derived from category: adapt it to what ${name} actually does.)`;
  return derived(text, 'rule:consent-text-template');
}

/** The full GDPR block from rules only; curated facts replace fields of it. */
export function deriveGdpr(name: string, category: CategoryOrUnknown, country: string | null): GdprBlock {
  return {
    legalBasis: deriveLegalBasis(category),
    eprivacy: deriveEprivacy(category),
    transfer: deriveTransfer(country),
    transferMechanisms: derived(["Unknown: check the vendor's DPA"], 'rule:mechanism-unknown'),
    euDataRegion: derived(null, 'rule:eu-region-unknown'),
    risk: deriveRisk(category),
    dpia: deriveDpia(category),
    consentText: deriveConsentText(name, category),
    alternatives: derived([], 'rule:no-alternatives'),
    privacyPolicy: derived(null, 'rule:privacy-policy-unknown'),
  };
}

/** True when `id` names a rule in RULES (used to validate derived facts). */
export function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(RULES, id);
}
