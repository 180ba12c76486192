/**
 * Cookie names defined by a specification rather than by one vendor: any consent tool may write them, so naming
 * a vendor (the Open Cookie Database lists `euconsent-v2` under Didomi and PrivacyPillar) would mislead.
 */
export const STANDARD_CONSENT_COOKIES: ReadonlyMap<string, string> = new Map([
  ['euconsent-v2', 'IAB Europe Transparency & Consent Framework v2 (TC string)'],
  ['__gpp', 'IAB Tech Lab Global Privacy Platform (GPP string)'],
  ['__gpp_sid', 'IAB Tech Lab Global Privacy Platform (applicable sections)'],
  ['usprivacy', 'IAB CCPA / US Privacy string'],
]);
