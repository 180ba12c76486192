import { describe, expect, it } from 'vitest';
import {
  CONSENT_TOOLS,
  consentToolForCookie,
  consentToolForRule,
  consentToolForScript,
  identifyTool,
  isConsentStorageKey,
  toolDisplayName,
} from './tools';
import { toolFromCmpName } from './autoconsent-protocol';

describe('consent tool registry', () => {
  it('has a unique id and a display name for every manager', () => {
    const ids = CONSENT_TOOLS.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'onetrust',
      'cookiebot',
      'didomi',
      'usercentrics',
      'trustarc',
      'quantcast',
      'sourcepoint',
      'cookieyes',
      'complianz',
      'borlabs',
      'real-cookie-banner',
      'iubenda',
      'axeptio',
      'termly',
      'osano',
      'vanilla-cookieconsent',
      'klaro',
      'tarteaucitron',
      'cookie-script',
      'cookiefirst',
      'civic-cookie-control',
      'consentmanager',
      'ketch',
      'piwik-pro',
      'funding-choices',
      'hubspot',
    ])
      expect(ids, id).toContain(id);
  });
  it('names a manager by its cookies (exact and prefixed)', () => {
    expect(consentToolForCookie('cc_cookie')).toBe('vanilla-cookieconsent');
    expect(consentToolForCookie('cookieconsent_status')).toBe('osano');
    expect(consentToolForCookie('osano_consentmanager')).toBe('osano');
    expect(consentToolForCookie('ppms_privacy_6c58358e')).toBe('piwik-pro');
    expect(consentToolForCookie('__cmpcccx17155')).toBe('consentmanager');
    expect(consentToolForCookie('real_cookie_banner-v:3_blog:1_path:x')).toBe('real-cookie-banner');
    expect(consentToolForCookie('cmplz_policy_id')).toBe('complianz');
    expect(consentToolForCookie('_gid')).toBeNull();
  });
  it('knows the localStorage keys and script URLs', () => {
    expect(isConsentStorageKey('uc_settings')).toBe(true);
    expect(isConsentStorageKey('_sp_user_consent_7417')).toBe(true);
    expect(isConsentStorageKey('cart')).toBe(false);
    expect(
      consentToolForScript('https://cdn.jsdelivr.net/npm/cookieconsent@3/build/cookieconsent.min.js'),
    ).toBe('osano');
    expect(
      consentToolForScript(
        'https://cdn.jsdelivr.net/npm/vanilla-cookieconsent@3.1.0/dist/cookieconsent.umd.js',
      ),
    ).toBe('vanilla-cookieconsent');
    expect(consentToolForScript('https://app.usercentrics.eu/browser-ui/latest/loader.js')).toBe(
      'usercentrics',
    );
    // Usercentrics v3: the global loader and a regional one.
    for (const host of ['web.cmp.usercentrics.eu', 'web.eu1.cmp.usercentrics.eu'])
      expect(consentToolForScript(`https://${host}/ui/loader.js`)).toBe('usercentrics');
    expect(consentToolForScript('https://cdn.jsdelivr.net/npm/jquery@3')).toBeNull();
    expect(consentToolForScript('not a url')).toBeNull();
  });
  it('identifies by the manager’s own evidence before the autoconsent rule (Osano, not Complianz)', () => {
    expect(
      identifyTool({
        scriptHosts: ['https://cdn.jsdelivr.net/npm/cookieconsent@3/build/cookieconsent.min.js'],
        autoconsentRule: 'Complianz optin',
      }),
    ).toBe('osano');
    expect(
      identifyTool({ cookies: ['cookieconsent_status', '_ga'], autoconsentRule: 'Complianz optin' }),
    ).toBe('osano');
    // The rule still wins a tie among the manager's own candidates, and standards never name a manager.
    expect(identifyTool({ cookies: ['euconsent-v2', 'didomi_token'], autoconsentRule: 'didomi' })).toBe(
      'didomi',
    );
    expect(identifyTool({ cookies: ['euconsent-v2'] })).toBe('tcf');
    expect(identifyTool({ autoconsentRule: 'cookieconsent3' })).toBe('vanilla-cookieconsent');
    expect(identifyTool({ autoconsentRule: 'tarteaucitron deny' })).toBe('tarteaucitron');
    expect(identifyTool({ autoconsentRule: 'cookie-law-info' })).toBe('cookie-law-info');
    expect(identifyTool({ autoconsentRule: 'Moove' })).toBe('moove');
    expect(identifyTool({})).toBeNull();
  });
  it("names Shopify's Customer Privacy record only when no other manager is there", () => {
    // Shopify keeps `_tracking_consent` on every store, also when a consent app (here Cookiebot) asks.
    expect(identifyTool({ cookies: ['_tracking_consent', 'CookieConsent'] })).toBe('cookiebot');
    expect(identifyTool({ cookies: ['_tracking_consent'], globals: ['OneTrust'] })).toBe('onetrust');
    expect(identifyTool({ cookies: ['_tracking_consent'] })).toBe('shopify');
    expect(identifyTool({ autoconsentRule: 'shopify' })).toBe('shopify');
    expect(
      consentToolForScript('https://cdn.shopify.com/shopifycloud/privacy-banner/storefront-banner.js'),
    ).toBe('shopify');
    expect(consentToolForScript('https://cdn.shopify.com/s/files/1/theme.js')).toBeNull();
    expect(toolDisplayName('shopify')).toBe('Shopify Customer Privacy');
  });
  it('names Finsweet, TermsFeed, Transcend and Evidon by their own records, scripts and banner rules', () => {
    expect(consentToolForCookie('fs-cc')).toBe('finsweet');
    expect(consentToolForCookie('fs-consent-ad_storage')).toBe('finsweet');
    expect(identifyTool({ autoconsentRule: 'webflow' })).toBe('finsweet');
    expect(consentToolForCookie('cookie_consent_user_accepted')).toBe('termsfeed');
    // TermsFeed's global is also the open-source Cookie Consent's: its rule and script settle it.
    expect(
      identifyTool({
        globals: ['cookieconsent'],
        scriptHosts: ['https://www.termsfeed.com/public/cookie-consent/4.1.0/cookie-consent.js'],
        autoconsentRule: 'termsfeed',
      }),
    ).toBe('termsfeed');
    expect(isConsentStorageKey('tcmConsent')).toBe(true);
    expect(consentToolForScript('https://transcend-cdn.com/cm/0000/airgap.js')).toBe('transcend');
    expect(consentToolForCookie('_evidon_consent_cookie')).toBe('evidon');
    expect(isConsentStorageKey('_evidon_consent_ls_12345')).toBe(true);
    expect(identifyTool({ autoconsentRule: 'Evidon' })).toBe('evidon');
    expect(toolDisplayName('evidon')).toBe('Crownpeak (Evidon)');
  });
  it('maps raw rule names to human names; no raw rule name reaches the UI', () => {
    expect(toolDisplayName('vanilla-cookieconsent')).toBe('CookieConsent (orestbida)');
    expect(toolDisplayName('cookieconsent3')).toBe('CookieConsent (orestbida)');
    expect(toolDisplayName('tarteaucitron deny')).toBe('tarteaucitron.js');
    expect(toolDisplayName('Complianz banner')).toBe('Complianz');
    expect(toolDisplayName('osano')).toBe('Osano');
    expect(toolDisplayName('tcf')).toBe('IAB TCF');
    expect(toolDisplayName('eu-cookie-compliance-banner')).toBe('Eu Cookie Compliance');
    expect(toolDisplayName('woo-commerce-com')).toBe('Woo Commerce.com');
    expect(toolDisplayName('')).toBe('Unknown consent tool');
    expect(consentToolForRule('Cybotcookiebot')).toBe('cookiebot');
    // autoconsent's rule is named "Cookie Information Banner", not by the tool's id.
    expect(consentToolForRule('Cookie Information Banner')).toBe('cookie-information');
  });
  it('a registry id reported as the detected manager names that manager, whatever its id ends with', () => {
    // The detector reports a manager named by its own evidence by its id; the derivation passes it on as the
    // rule. Ids ending like a rule's action suffix were cut: cookies-eu-banner showed as "Cookies.eu".
    expect(identifyTool({ autoconsentRule: 'cookies-eu-banner' })).toBe('cookies-eu-banner');
    expect(toolDisplayName(identifyTool({ autoconsentRule: 'porsche-cookie-consent-banner' })!)).toBe(
      'Porsche Cookie Consent Banner',
    );
    for (const t of CONSENT_TOOLS) expect(identifyTool({ autoconsentRule: t.id }), t.id).toBe(t.id);
    // Every autoconsent rule spelled like an id is already that tool's: this changes no rule's meaning.
    for (const rule of ['didomi', 'cookie-law-info', 'real-cookie-banner', 'finsweet', 'shopify'])
      expect(consentToolForRule(rule)).toBe(rule);
  });
  it('toolFromCmpName keeps naming tools like the cookie parsers', () => {
    expect(toolFromCmpName('Onetrust')).toBe('onetrust');
    expect(toolFromCmpName('Complianz banner')).toBe('complianz');
    expect(toolFromCmpName('TrustArc-top')).toBe('trustarc');
    expect(toolFromCmpName('cookieconsent3')).toBe('vanilla-cookieconsent');
  });
});
