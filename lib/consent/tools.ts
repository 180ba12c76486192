/**
 * Which consent manager is this? One record per manager: its own cookies, localStorage keys, page globals
 * and script hosts (as each vendor documents or ships them; see README), and the autoconsent rule names
 * that match its banner. Identity comes from the manager's own evidence first, the rule name last.
 */
export interface ConsentTool {
  id: string;
  /** Human display name: the only name the UI may show. */
  name: string;
  cookies?: readonly string[];
  cookiePrefixes?: readonly string[];
  storageKeys?: readonly string[];
  storagePrefixes?: readonly string[];
  globals?: readonly string[];
  /** Script hosts, or `host/path-prefix` for managers served from shared CDNs. */
  scriptHosts?: readonly string[];
  /** autoconsent rule names (lower case; a trailing `*` matches a prefix). */
  autoconsentRules?: readonly string[];
}

export const CONSENT_TOOLS: readonly ConsentTool[] = [
  {
    id: 'onetrust',
    name: 'OneTrust',
    cookies: ['OptanonConsent', 'OptanonAlertBoxClosed'],
    globals: ['OneTrust', 'OnetrustActiveGroups', 'Optanon'],
    scriptHosts: ['cdn.cookielaw.org', 'optanon.blob.core.windows.net', 'cookie-cdn.cookiepro.com'],
    autoconsentRules: ['onetrust'],
  },
  {
    id: 'cookiebot',
    name: 'Cookiebot',
    cookies: ['CookieConsent', 'CookieConsentBulkSetting'],
    globals: ['Cookiebot'],
    scriptHosts: ['consent.cookiebot.com', 'consent.cookiebot.eu'],
    autoconsentRules: ['cybotcookiebot'],
  },
  {
    id: 'didomi',
    name: 'Didomi',
    cookies: ['didomi_token'],
    storageKeys: ['didomi_token'],
    globals: ['Didomi', 'didomiOnReady'],
    scriptHosts: ['sdk.privacy-center.org'],
    autoconsentRules: ['didomi'],
  },
  {
    id: 'usercentrics',
    name: 'Usercentrics',
    // Browser SDK's LOCAL_STORAGE_KEY enum (@usercentrics/cmp-browser-sdk 4.59.0, Storage/enums.d.ts): the choice,
    // its buffers, and the TCF, US-privacy and Google consent-mode states it keeps.
    storageKeys: [
      'uc_settings',
      'uc_user_interaction',
      'usercentrics',
      'ucData',
      'ucSettings',
      'uc_consents_buffer',
      'uc_consents_v2_buffer',
      'uc_tcf',
      'uc_usprivacy',
      'uc_ccpa',
      'uc_gcm',
    ],
    // v3 (Web CMP) has `__ucCmp` and loads from web.cmp.usercentrics.eu or a regional web.<region>.cmp.usercentrics.eu.
    globals: ['UC_UI', 'usercentrics', '__ucCmp'],
    scriptHosts: ['app.usercentrics.eu', 'cmp.usercentrics.eu', 'privacy-proxy.usercentrics.eu'],
    autoconsentRules: ['usercentrics*'],
  },
  {
    id: 'trustarc',
    name: 'TrustArc',
    cookies: [
      'notice_preferences',
      'notice_gdpr_prefs',
      'cmapi_cookie_privacy',
      'cmapi_gtm_bl',
      'notice_behavior',
    ],
    globals: ['truste'],
    scriptHosts: ['consent.trustarc.com', 'consent.truste.com'],
    autoconsentRules: ['trustarc*'],
  },
  {
    id: 'quantcast',
    name: 'Quantcast Choice',
    cookies: ['_cmpRepromptHash', 'noniabvendorconsent'],
    globals: ['__qc'],
    scriptHosts: ['cmp.quantcast.com', 'quantcast.mgr.consensu.org', 'cmp.inmobi.com'],
    autoconsentRules: ['quantcast', 'inmobi'],
  },
  {
    id: 'sourcepoint',
    name: 'Sourcepoint',
    cookies: ['consentUUID', '_sp_su'],
    cookiePrefixes: ['_sp_v1_'],
    storagePrefixes: ['_sp_user_consent_', '_sp_local_state', '_sp_non_keyed_local_state'],
    globals: ['_sp_', '_sp_queue'],
    scriptHosts: ['cdn.privacy-mgmt.com', 'sourcepoint.mgr.consensu.org'],
    autoconsentRules: ['sourcepoint*'],
  },
  {
    id: 'cookieyes',
    name: 'CookieYes',
    cookies: ['cookieyes-consent', 'cky-consent'],
    globals: ['getCkyConsent'],
    scriptHosts: ['cdn-cookieyes.com'],
    autoconsentRules: ['cookieyes'],
  },
  {
    // The same WordPress plugin's legacy banner (`cookie-law-info`, before CookieYes' own banner).
    id: 'cookie-law-info',
    name: 'GDPR Cookie Consent (legacy banner)',
    cookies: ['viewed_cookie_policy', 'CookieLawInfoConsent'],
    cookiePrefixes: ['cookielawinfo-checkbox-'],
    globals: ['CLI_Cookie', 'Cli_Data'],
    autoconsentRules: ['cookie-law-info'],
  },
  {
    id: 'cookie-notice',
    name: 'Cookie Notice (Hu-manity)',
    cookies: ['cookie_notice_accepted', 'hu-consent'],
    globals: ['cnArgs'],
    scriptHosts: ['cdn.hu-manity.co'],
    autoconsentRules: ['hu-manity'],
  },
  {
    id: 'moove',
    name: 'GDPR Cookie Compliance (Moove)',
    cookies: ['moove_gdpr_popup'],
    globals: ['moove_frontend_gdpr_scripts'],
    autoconsentRules: ['moove'],
  },
  {
    id: 'complianz',
    name: 'Complianz',
    cookiePrefixes: ['cmplz_'],
    globals: ['complianz', 'cmplz_set_category_as_body_class'],
    scriptHosts: ['/wp-content/plugins/complianz-gdpr'],
    autoconsentRules: ['complianz*'],
  },
  {
    id: 'borlabs',
    name: 'Borlabs Cookie',
    cookies: ['borlabs-cookie'],
    globals: ['BorlabsCookie'],
    scriptHosts: ['/wp-content/plugins/borlabs-cookie'],
    autoconsentRules: ['borlabs'],
  },
  {
    id: 'real-cookie-banner',
    name: 'Real Cookie Banner',
    cookiePrefixes: ['real_cookie_banner'],
    storageKeys: ['real_cookie_banner-consent-queue'],
    globals: ['realCookieBanner', 'rcbConsentManager'],
    scriptHosts: ['/wp-content/plugins/real-cookie-banner'],
    autoconsentRules: ['real-cookie-banner'],
  },
  {
    id: 'iubenda',
    name: 'iubenda',
    cookiePrefixes: ['_iub_cs-'],
    globals: ['_iub'],
    scriptHosts: ['cdn.iubenda.com', 'cs.iubenda.com'],
    autoconsentRules: ['iubenda'],
  },
  {
    id: 'axeptio',
    name: 'Axeptio',
    cookies: ['axeptio_cookies', 'axeptio_authorized_vendors', 'axeptio_all_vendors'],
    globals: ['axeptioSettings', '_axcb'],
    scriptHosts: ['static.axept.io'],
    autoconsentRules: ['axeptio'],
  },
  {
    id: 'termly',
    name: 'Termly',
    storageKeys: ['TERMLY_API_CACHE'],
    globals: ['Termly'],
    scriptHosts: ['app.termly.io'],
    autoconsentRules: ['termly'],
  },
  {
    id: 'securiti',
    name: 'Securiti',
    // `__privaci_cookie_no_action` marks a visitor who has not answered yet. The loader comes from
    // cdn-prod.securiti.ai (cookie-consent-sdk-loader.js) and asks app.securiti.ai, as sites embed it.
    cookies: ['__privaci_cookie_consents', '__privaci_cookie_consent_uuid', '__privaci_cookie_no_action'],
    globals: ['SecuritiSDK'],
    scriptHosts: ['securiti.ai'],
  },
  {
    id: 'tealium',
    name: 'Tealium Consent Manager',
    // No global or host: `utag` and tags.tiqcdn.com are Tealium iQ itself, which runs without the consent manager,
    // and `tealiumConsentRegister` also carries other managers' answers (Tealium's consent integrations).
    cookies: ['CONSENTMGR'],
    autoconsentRules: ['tealium'],
  },
  {
    id: 'fides',
    name: 'Fides (Ethyca)',
    // `window.Fides` is its documented global. No host: fides.js is served from each site's own privacy center.
    cookies: ['fides_consent'],
    globals: ['Fides'],
    autoconsentRules: ['fides'],
  },
  {
    id: 'segment-consent-manager',
    name: 'Segment Consent Manager',
    // Its standalone build defines `consentManager`; sites load it from a CDN of npm packages.
    cookies: ['tracking-preferences'],
    globals: ['consentManager'],
    scriptHosts: ['unpkg.com/@segment/consent-manager', 'cdn.jsdelivr.net/npm/@segment/consent-manager'],
  },
  {
    id: 'osano',
    name: 'Osano',
    // osano_consentmanager*: Osano's hosted CMP; cookieconsent_status: Osano's open-source Cookie Consent.
    cookies: ['osano_consentmanager', 'osano_consentmanager_uuid', 'cookieconsent_status'],
    globals: ['Osano', 'cookieconsent'],
    scriptHosts: [
      'cmp.osano.com',
      'cdn.jsdelivr.net/npm/cookieconsent@',
      'cdnjs.cloudflare.com/ajax/libs/cookieconsent',
      '/cookieconsent.min.js',
    ],
    autoconsentRules: ['osano'],
  },
  {
    // Its default cookie `CookieConsent` is Cookiebot's name too: only the SameSite=None copy names it (a record
    // it wrote names it by its format: its parser). Usually bundled; its UMD build loaded from a CDN names it too.
    id: 'react-cookie-consent',
    name: 'react-cookie-consent',
    cookies: ['CookieConsent-legacy'],
    scriptHosts: ['cdn.jsdelivr.net/npm/react-cookie-consent', 'unpkg.com/react-cookie-consent'],
  },
  {
    id: 'cookie-consent-js',
    name: 'cookie-consent-js (shaack)',
    cookies: ['cookie-consent-tracking-allowed'],
    scriptHosts: ['cdn.jsdelivr.net/npm/cookie-consent-js', 'unpkg.com/cookie-consent-js'],
  },
  {
    // c15t 1.8+ keeps its record in a cookie and localStorage `c15t`, 1.3–1.7 in localStorage
    // `privacy-consent-storage`; its store is `window.c15tStore` (the default namespace). Sites bundle it from npm.
    id: 'c15t',
    name: 'c15t (consent.io)',
    cookies: ['c15t'],
    storageKeys: ['c15t', 'privacy-consent-storage'],
    globals: ['c15tStore'],
    scriptHosts: [
      'cdn.jsdelivr.net/npm/c15t',
      'unpkg.com/c15t',
      'cdn.jsdelivr.net/npm/@c15t/',
      'unpkg.com/@c15t/',
    ],
  },
  {
    // Not named by its cookie `cookie-preferences` alone: a generic name other scripts use too (its decoder checks
    // the exact format). Its standalone build defines `CookieThough`.
    id: 'cookie-though',
    name: 'Cookie Though',
    globals: ['CookieThough'],
    scriptHosts: ['unpkg.com/cookie-though', 'cdn.jsdelivr.net/npm/cookie-though'],
  },
  {
    // A web component (`<cookie-consent-banner>`), no global.
    id: 'porsche-cookie-consent-banner',
    name: 'Porsche Cookie Consent Banner',
    cookies: ['cookies_accepted_categories'],
    scriptHosts: [
      'unpkg.com/@porscheofficial/cookie-consent-banner',
      'cdn.jsdelivr.net/npm/@porscheofficial/cookie-consent-banner',
    ],
  },
  {
    // The site names the component (`elementId`): its record's name is this prefix and that id.
    id: 'vue-cookie-accept-decline',
    name: 'vue-cookie-accept-decline',
    cookiePrefixes: ['vue-cookie-accept-decline-'],
    storagePrefixes: ['vue-cookie-accept-decline-'],
    scriptHosts: ['unpkg.com/vue-cookie-accept-decline', 'cdn.jsdelivr.net/npm/vue-cookie-accept-decline'],
  },
  {
    // A web component (`<cookie-consent-banner>`, Porsche's tag name too), no global; its cookie's name is the
    // site's: its record is known by its value (beyonk.ts).
    id: 'beyonk-gdpr-cookie-consent-banner',
    name: 'Beyonk GDPR Cookie Consent Banner',
    scriptHosts: [
      'unpkg.com/@beyonk/gdpr-cookie-consent-banner',
      'cdn.jsdelivr.net/npm/@beyonk/gdpr-cookie-consent-banner',
    ],
  },
  {
    // Not its localStorage copy (`useLocalStorage`): pages keep a `hasConsent` key of their own there.
    id: 'cookies-eu-banner',
    name: 'Cookies EU banner',
    cookies: ['hasConsent'],
    globals: ['CookiesEuBanner'],
    scriptHosts: [
      'unpkg.com/cookies-eu-banner',
      'cdn.jsdelivr.net/npm/cookies-eu-banner',
      '/cookies-eu-banner.',
    ],
  },
  {
    id: 'vanilla-cookieconsent',
    name: 'CookieConsent (orestbida)',
    cookies: ['cc_cookie'],
    storageKeys: ['cc_cookie'],
    globals: ['initCookieConsent'],
    scriptHosts: [
      'cdn.jsdelivr.net/gh/orestbida/cookieconsent',
      'cdn.jsdelivr.net/npm/vanilla-cookieconsent',
    ],
    autoconsentRules: ['cookieconsent2', 'cookieconsent3'],
  },
  {
    id: 'klaro',
    name: 'Klaro',
    cookies: ['klaro'],
    storageKeys: ['klaro'],
    globals: ['klaro', 'klaroConfig'],
    scriptHosts: ['cdn.kiprotect.com', 'cdn.jsdelivr.net/npm/klaro'],
    autoconsentRules: ['klaro'],
  },
  {
    id: 'orejime',
    name: 'Orejime',
    cookies: ['eu-consent', 'orejime'],
    globals: ['orejime', 'orejimeConfig'],
    scriptHosts: ['cdn.jsdelivr.net/npm/orejime', 'unpkg.com/orejime'],
  },
  {
    id: 'tarteaucitron',
    name: 'tarteaucitron.js',
    cookies: ['tarteaucitron'],
    globals: ['tarteaucitron'],
    scriptHosts: ['tarteaucitron.io', 'cdn.jsdelivr.net/npm/tarteaucitronjs', '/tarteaucitron.js'],
    autoconsentRules: ['tarteaucitron*'],
  },
  {
    id: 'cookie-script',
    name: 'Cookie-Script',
    cookies: ['CookieScriptConsent'],
    globals: ['CookieScript'],
    scriptHosts: ['cdn.cookie-script.com'],
    autoconsentRules: ['cookie-script'],
  },
  {
    id: 'cookiefirst',
    name: 'CookieFirst',
    cookies: ['cookiefirst-consent', 'cookiefirst-id'],
    globals: ['CookieFirst'],
    scriptHosts: ['consent.cookiefirst.com'],
    autoconsentRules: ['cookiefirst.com'],
  },
  {
    id: 'civic-cookie-control',
    name: 'Civic Cookie Control',
    cookies: ['CookieControl'],
    globals: ['CookieControl'],
    scriptHosts: ['cc.cdn.civiccomputing.com'],
    autoconsentRules: ['civic-cookie-control'],
  },
  {
    id: 'consentmanager',
    name: 'consentmanager.net',
    cookies: ['__cmpcc'],
    cookiePrefixes: ['__cmpconsentx', '__cmpcccx', '__cmpcpc'],
    globals: ['__cmp', 'cmp_id'],
    scriptHosts: ['cdn.consentmanager.net', 'delivery.consentmanager.net'],
    autoconsentRules: ['consentmanager*'],
  },
  {
    id: 'ketch',
    name: 'Ketch',
    cookies: ['_ketch_consent_v1_', '_swb', '_swb_consent_'],
    storageKeys: ['_ketch_consent_v1_'],
    globals: ['ketch', 'semaphore'],
    scriptHosts: ['global.ketchcdn.com'],
    autoconsentRules: ['ketch'],
  },
  {
    id: 'hubspot',
    name: 'HubSpot cookie banner',
    // Not `_hsp`: HubSpot's tracking code exposes it on every page it runs on, with or without its banner.
    cookies: ['__hs_cookie_cat_pref', '__hs_opt_out', '__hs_initial_opt_in'],
    scriptHosts: ['js.hs-banner.com'],
    autoconsentRules: ['hubspot'],
  },
  {
    id: 'piwik-pro',
    name: 'Piwik PRO',
    cookiePrefixes: ['ppms_privacy_'],
    globals: ['ppms'],
    scriptHosts: ['.containers.piwik.pro', 'cdn.piwik.pro'],
  },
  {
    id: 'funding-choices',
    name: 'Google Funding Choices',
    cookies: ['FCCDCF', 'FCNEC'],
    globals: ['googlefc'],
    scriptHosts: ['fundingchoicesmessages.google.com'],
    autoconsentRules: ['funding-choices'],
  },
  // Standards and signals rather than managers: named so their ids never reach the UI raw.
  {
    id: 'tcf',
    name: 'IAB TCF',
    cookies: ['euconsent-v2'],
    storageKeys: ['euconsent-v2'],
    globals: ['__tcfapi'],
  },
  {
    id: 'wix',
    name: 'Wix cookie banner',
    cookies: ['consent-policy'],
    globals: ['consentPolicyManager'],
    autoconsentRules: ['wix'],
  },
  {
    id: 'cookie-information',
    name: 'Cookie Information',
    cookies: ['CookieInformationConsent'],
    globals: ['CookieInformation'],
    scriptHosts: ['policy.app.cookieinformation.com'],
    autoconsentRules: ['cookie information banner'],
  },
  {
    id: 'cookiehub',
    name: 'CookieHub',
    cookies: ['cookiehub'],
    globals: ['cookiehub'],
    scriptHosts: ['cookiehub.net'],
    autoconsentRules: ['cookiehub'],
  },
  {
    id: 'commanders-act',
    name: 'Commanders Act TrustCommander',
    cookies: ['TC_PRIVACY', 'TC_PRIVACY_CENTER'],
    globals: ['tC'],
    scriptHosts: ['cdn.trustcommander.net'],
  },
  {
    id: 'squarespace',
    name: 'Squarespace cookie banner',
    cookies: ['ss_performanceCookiesAllowed', 'ss_marketingCookiesAllowed'],
    autoconsentRules: ['squarespace-cookie-banner'],
  },
  {
    id: 'finsweet',
    name: 'Finsweet Cookie Consent',
    cookies: ['fs-cc', 'fs-cc-updated', 'fs-consent', 'fs-consent-updated'],
    // Attributes' Consent mirrors Google Consent Mode into `fs-consent-<type>` cookies.
    cookiePrefixes: ['fs-consent-'],
    globals: ['FsCC'],
    scriptHosts: ['cdn.jsdelivr.net/npm/@finsweet/cookie-consent'],
    // autoconsent's `webflow` rule matches this banner's `fs-cc` markup; `finsweet` its successor's `fs-consent-element`.
    autoconsentRules: ['webflow', 'finsweet'],
  },
  {
    id: 'termsfeed',
    name: 'TermsFeed Cookie Consent',
    cookies: ['cookie_consent_level', 'cookie_consent_user_accepted', 'cookie_consent_user_consent_token'],
    // Its global `cookieconsent` is also the open-source Cookie Consent's (Osano): not evidence of either alone.
    scriptHosts: ['www.termsfeed.com/public/cookie-consent/'],
    autoconsentRules: ['termsfeed', 'termsfeed3'],
  },
  {
    // Named only: its record is written by an Accept and, where the site configures it, by scrolling or moving on
    // (implied consent), with nothing to tell them apart, and a Decline writes none. The click says which it was.
    id: 'evidon',
    name: 'Crownpeak (Evidon)',
    cookies: ['_evidon_consent_cookie', '_evidon_suppress_notification_cookie'],
    storagePrefixes: ['_evidon_consent_ls_'],
    globals: ['evidon'],
    scriptHosts: ['c.evidon.com'],
    autoconsentRules: ['evidon'],
  },
  {
    id: 'transcend',
    name: 'Transcend Consent',
    storageKeys: ['tcmConsent', 'tcmMPConsent'],
    globals: ['airgap', 'transcend'],
    scriptHosts: ['transcend-cdn.com'],
    autoconsentRules: ['transcend'],
  },
  {
    // Shopify writes this record on every store, whichever banner asks: the store's own banner, or a consent
    // app that passes its answer to the Customer Privacy API. So it names the manager only when nothing else does.
    id: 'shopify',
    name: 'Shopify Customer Privacy',
    cookies: ['_tracking_consent'],
    scriptHosts: [
      'cdn.shopify.com/shopifycloud/privacy-banner/',
      'cdn.shopify.com/shopifycloud/consent-tracking-api/',
    ],
    autoconsentRules: ['shopify'],
  },
  { id: 'gpp', name: 'IAB GPP', cookies: ['__gpp', '__gpp_sid'], globals: ['__gpp'] },
  { id: 'google-consent-mode', name: 'Google Consent Mode' },
  { id: 'gpc', name: 'Global Privacy Control' },
];

const BY_ID = new Map(CONSENT_TOOLS.map((t) => [t.id, t]));
const BY_COOKIE = new Map<string, string>();
const BY_STORAGE = new Map<string, string>();
const BY_GLOBAL = new Map<string, string>();
for (const t of CONSENT_TOOLS) {
  for (const c of t.cookies ?? []) if (!BY_COOKIE.has(c)) BY_COOKIE.set(c, t.id);
  for (const k of t.storageKeys ?? []) if (!BY_STORAGE.has(k)) BY_STORAGE.set(k, t.id);
  for (const g of t.globals ?? []) if (!BY_GLOBAL.has(g)) BY_GLOBAL.set(g, t.id);
}
/** A name prefix and the tool it belongs to. */
type PrefixPair = readonly [prefix: string, id: string];
const COOKIE_PREFIXES = byFirstChar(
  CONSENT_TOOLS.flatMap((t) => (t.cookiePrefixes ?? []).map((p) => [p, t.id] as const)),
);
const STORAGE_PREFIXES = byFirstChar(
  CONSENT_TOOLS.flatMap((t) => (t.storagePrefixes ?? []).map((p) => [p, t.id] as const)),
);

/**
 * Prefixes grouped by their first character, in registry order within a group: a name is tested only against the
 * prefixes it can start with (every cookie is looked up here), and the first in registry order still wins.
 */
function byFirstChar(pairs: readonly PrefixPair[]): Map<number, PrefixPair[]> {
  const groups = new Map<number, PrefixPair[]>();
  for (const pair of pairs) {
    const c = pair[0].charCodeAt(0);
    groups.set(c, [...(groups.get(c) ?? []), pair]);
  }
  return groups;
}

/** The id of the first prefix in `groups` that `name` starts with, or null. */
function firstPrefix(groups: Map<number, PrefixPair[]>, name: string): string | null {
  for (const [prefix, id] of groups.get(name.charCodeAt(0)) ?? []) if (name.startsWith(prefix)) return id;
  return null;
}

/** Generic standards: evidence of a manager, never its name when the manager's own evidence is there. */
const STANDARDS = new Set(['tcf', 'gpp', 'google-consent-mode', 'gpc']);

/** A platform's own consent record, kept whichever manager asked: named only when no other manager is. */
const PLATFORM_RECORDS = new Set(['shopify']);

/** A consent manager's id (not a standard such as IAB TCF, GPP, Consent Mode or GPC). */
export function isManager(id: string | null): id is string {
  return typeof id === 'string' && id.length > 0 && !STANDARDS.has(id);
}

/** The consent tool a cookie name belongs to, or null. */
export function consentToolForCookie(name: string): string | null {
  if (typeof name !== 'string') return null;
  const exact = BY_COOKIE.get(name);
  if (exact) return exact;
  return firstPrefix(COOKIE_PREFIXES, name);
}

/** The consent tool a localStorage key belongs to, or null. */
export function consentToolForStorageKey(key: string): string | null {
  if (typeof key !== 'string') return null;
  const exact = BY_STORAGE.get(key);
  if (exact) return exact;
  return firstPrefix(STORAGE_PREFIXES, key);
}

/** Does this localStorage key hold (or may hold) a consent record? The content script reads only these. */
export function isConsentStorageKey(key: string): boolean {
  return consentToolForStorageKey(key) !== null;
}

/** The tool whose script is at this URL (host, or host/path prefix on shared CDNs), or null. */
export function consentToolForScript(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const hostPath = `${u.hostname}${u.pathname}`;
  for (const t of CONSENT_TOOLS) {
    for (const h of t.scriptHosts ?? []) {
      if (
        h.startsWith('/')
          ? u.pathname.includes(h)
          : h.startsWith('.')
            ? u.hostname.endsWith(h)
            : h.includes('/')
              ? hostPath.startsWith(h)
              : u.hostname === h || u.hostname.endsWith(`.${h}`)
      ) {
        return t.id;
      }
    }
  }
  return null;
}

/**
 * The tool an autoconsent rule name stands for (registry first), else null. A registry id stands for itself: the
 * detector reports a manager it named by its own evidence by that id (`cookies-eu-banner`), which the rule-name
 * clean-up would cut to another name ("Cookies.eu"); every autoconsent rule named like an id is that tool's.
 */
export function consentToolForRule(rule: string): string | null {
  if (typeof rule !== 'string') return null;
  const name = rule.toLowerCase().trim().slice(0, 80);
  for (const t of CONSENT_TOOLS) {
    for (const r of t.autoconsentRules ?? []) {
      if (r.endsWith('*') ? name.startsWith(r.slice(0, -1)) : name === r) return t.id;
    }
  }
  return BY_ID.has(name) ? name : null;
}

/**
 * A stable id for an autoconsent rule no registry entry claims: lower case, words joined by '-', the
 * rule's action suffixes dropped ("Foo banner" → "foo", "bar.com" → "bar-com").
 */
export function idFromRuleName(rule: string): string {
  return rule
    .toLowerCase()
    .slice(0, 80)
    .replace(/[\s_-]+(banner|popup|modal|deny|optin|opt-out|notice|categories|api|button|top|frame)$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Human name for a tool id; ids no record names are shown in words, never as a raw rule name. */
export function toolDisplayName(id: string): string {
  if (typeof id !== 'string' || !id) return 'Unknown consent tool';
  const known = BY_ID.get(id) ?? BY_ID.get(consentToolForRule(id) ?? '');
  if (known) return known.name;
  const words = idFromRuleName(id).split('-').filter(Boolean);
  if (words.length === 0) return 'Unknown consent tool';
  // "woo-commerce-com" names a site: its last word is a domain ending, shown as ".com".
  const tld = words.length > 1 && /^(com|net|org|io|de|uk|eu|nl|fr|jp|us)$/.test(words.at(-1)!);
  const shown = (tld ? words.slice(0, -1) : words).map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
  return tld ? `${shown}.${words.at(-1)}` : shown;
}

export interface ToolEvidence {
  /** Tools a decoder named from their stored record (its parser knows whose format it read): first of all. */
  decoded?: readonly string[];
  cookies?: readonly string[];
  storageKeys?: readonly string[];
  globals?: readonly string[];
  scriptHosts?: readonly string[];
  autoconsentRule?: string;
}

/**
 * Names the page's consent manager: by its own cookies, globals, script URLs and storage keys first (a
 * manager found there that the rule also names wins ties), only then by the autoconsent rule name.
 * Autoconsent's Complianz rule matches Osano's forked markup: Osano's own evidence makes it Osano. Null
 * when nothing names a manager.
 */
export function identifyTool(evidence: ToolEvidence): string | null {
  const found: string[] = [];
  const add = (id: string | null) => {
    if (id && !found.includes(id)) found.push(id);
  };
  for (const t of (evidence.decoded ?? []).slice(0, 50)) add(BY_ID.has(t) ? t : null);
  for (const c of (evidence.cookies ?? []).slice(0, 500)) add(consentToolForCookie(c));
  for (const g of (evidence.globals ?? []).slice(0, 200)) add(BY_GLOBAL.get(g) ?? null);
  for (const s of (evidence.scriptHosts ?? []).slice(0, 300))
    add(consentToolForScript(s.includes('://') ? s : `https://${s}`));
  for (const k of (evidence.storageKeys ?? []).slice(0, 500)) add(consentToolForStorageKey(k));
  const managers = found.filter((id) => !STANDARDS.has(id));
  managers.sort((a, b) => Number(PLATFORM_RECORDS.has(a)) - Number(PLATFORM_RECORDS.has(b)));
  const ruleTool = evidence.autoconsentRule ? consentToolForRule(evidence.autoconsentRule) : null;
  if (managers.length > 0) return ruleTool && managers.includes(ruleTool) ? ruleTool : managers[0]!;
  if (ruleTool) return ruleTool;
  if (evidence.autoconsentRule) return idFromRuleName(evidence.autoconsentRule) || null;
  return found[0] ?? null;
}
