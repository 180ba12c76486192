import { safeDecode } from '../consent/choice';

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

// Each specification's string starts with its 6-bit version or type field in base64url (the IAB's @iabtcf/core
// Base64Url dictionary: A = 0, B = 1, C = 2, D = 3): a TCF v1.1 consent string with "B", a TCF v2 TC string (core
// segment, then optional "."-separated segments) with "C", and a GPP string with its header of type 3, "D" (then
// "~"-separated sections; lib/consent/gpp.ts). The US Privacy string is "1" and three of Y, N or "-" (IAB Tech Lab,
// "US Privacy String", github.com/InteractiveAdvertisingBureau/USPrivacy/blob/master/CCPA/US%20Privacy%20String.md).
const TC_V1 = /^B[A-Za-z0-9_-]{10,}$/;
const TC_V2 = /^C[A-Za-z0-9_-]{10,}(?:\.[A-Za-z0-9_-]+)*$/;
const GPP = /^D[A-Za-z0-9_-]{3,}(?:~[A-Za-z0-9_.-]*)*$/;
const US_PRIVACY = /^1[YNyn-]{3}$/;
/** `__gpp_sid`: the applicable section ids, a few short numbers (too short a list to hold an identifier). */
const GPP_SID = /^(?:-1|\d{1,2}(?:[,_]\d{1,2}){0,15})$/;

const SHAPES: ReadonlyMap<string, RegExp> = new Map([
  ['euconsent-v2', TC_V2],
  ['euconsent', TC_V1],
  ['eupubconsent', TC_V1],
  ['__gpp', GPP],
  ['__gpp_sid', GPP_SID],
  ['usprivacy', US_PRIVACY],
]);

/**
 * Whether a cookie named by a specification holds that specification's string: only then is it the consent
 * record. An empty or unknown value holds no identifier either; any other value (a UUID on an ad exchange's domain)
 * is not the specification's, whatever the name says.
 */
export function standardValueFits(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '') return true;
  const shape = SHAPES.get(name);
  if (shape === undefined) return true;
  // A consent tool may percent-encode GPP's "~" (and a TC string's "."): read the string as the tool meant it.
  const text = value.includes('%') ? safeDecode(value) : value;
  return text.length <= 20_000 && shape.test(text);
}
