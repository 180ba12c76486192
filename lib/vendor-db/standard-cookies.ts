/**
 * Cookie names defined by a specification rather than by one vendor: any consent tool may write them, so naming
 * a vendor (the Open Cookie Database lists `euconsent-v2` under Didomi and PrivacyPillar) would mislead.
 */
export const STANDARD_CONSENT_COOKIES: ReadonlyMap<string, string> = new Map([
  ['euconsent-v2', 'IAB Europe Transparency & Consent Framework v2 (TC string)'],
  // TCF v1.1 ("Consent string and vendor list formats v1.1 Final.md", IAB's GDPR-Transparency-and-Consent-Framework
  // repository): "Required cookie name: euconsent" (global) / "Recommended default cookie name: euconsent"
  // (first-party) and "Recommended default cookie name: eupubconsent". The Open Cookie Database files `euconsent`
  // under LiveRamp's CMP as Marketing, so a CMP recording a refusal read as marketing after the refusal.
  ['euconsent', 'IAB Europe Transparency & Consent Framework v1.1 (vendor consent string)'],
  ['eupubconsent', 'IAB Europe Transparency & Consent Framework v1.1 (publisher purposes consent string)'],
  ['__gpp', 'IAB Tech Lab Global Privacy Platform (GPP string)'],
  ['__gpp_sid', 'IAB Tech Lab Global Privacy Platform (applicable sections)'],
  ['usprivacy', 'IAB CCPA / US Privacy string'],
]);
