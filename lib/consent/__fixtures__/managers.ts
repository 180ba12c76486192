/**
 * Stored choices of consent managers, in the shapes each manager writes (see the decoder files for the source
 * of each format). Values marked "as written by a site" are public real-world values; ids are samples.
 */
import { TC_ACCEPT_ALL, TC_REJECT_ALL } from './cookies';

const enc = encodeURIComponent;

// Klaro 0.7.22: encodeURIComponent(JSON.stringify(consents)) (klaro/src/consent-manager.js saveConsents).
export const KLARO_ACCEPT = enc('{"google-analytics":true,"facebook-pixel":true,"customerio":true}');
export const KLARO_DECLINE = enc('{"google-analytics":false,"facebook-pixel":false,"customerio":false}');
export const KLARO_CUSTOM = enc('{"google-analytics":true,"facebook-pixel":false,"customerio":false}');

// Orejime 3: JSON.stringify({purposeId: bool}) in cookie `eu-consent`.
export const OREJIME_DECLINE = enc('{"analytics":false,"ads":false}');

// vanilla-cookieconsent 3.1.0 cc_cookie (fields of its setCookie), reject = only the read-only category.
const ccBase = {
  revision: 0,
  data: null,
  consentTimestamp: '2025-11-25T09:15:09.433Z',
  consentId: '7f0b8a1e-5c2d-4e3f-9a6b-1c2d3e4f5a6b',
  languageCode: 'en',
  lastConsentTimestamp: '2025-11-25T09:15:09.433Z',
  expirationTime: 1779787309433,
};
export const CC_REJECT = enc(
  JSON.stringify({
    categories: ['necessary'],
    services: { necessary: [], analytics: [], marketing: [] },
    ...ccBase,
  }),
);
export const CC_ACCEPT = enc(
  JSON.stringify({
    categories: ['necessary', 'analytics', 'marketing'],
    services: { necessary: [], analytics: [], marketing: [] },
    ...ccBase,
  }),
);
export const CC_ANALYTICS_ONLY = enc(
  JSON.stringify({
    categories: ['necessary', 'analytics'],
    services: { necessary: [], analytics: [], marketing: [] },
    ...ccBase,
  }),
);
/** v2 wrote `level`. */
export const CC_V2_REJECT = enc('{"level":["necessary"],"revision":0,"data":null,"rfc_cookie":false}');

// tarteaucitron.cookie.create: "!key=status" appended per service.
export const TAC_DENY = '!gtag=false!facebookpixel=false!youtube=false';
export const TAC_ACCEPT = '!gtag=true!facebookpixel=true!youtube=true';
export const TAC_ANALYTICS_ONLY = '!gtag=true!facebookpixel=false';
export const TAC_WAITING = '!gtag=wait!facebookpixel=wait';

// iubenda `_iub_cs-<siteId>` with per-purpose consent: only purpose 1 (strictly necessary).
export const IUB_REJECT = enc(
  '{"timestamp":"2025-11-25T09:15:09.433Z","version":"1.60.0","purposes":{"1":true,"2":false,"3":false,"4":false,"5":false},"id":12345678,"cons":{"rand":"a1b2c3"}}',
);
export const IUB_MEASURE_ONLY = enc(
  '{"timestamp":"2025-11-25T09:15:09.433Z","version":"1.60.0","purposes":{"1":true,"2":false,"3":false,"4":true,"5":false},"id":12345678,"cons":{"rand":"a1b2c3"}}',
);
export const IUB_LEGACY_ACCEPT = enc(
  '{"timestamp":"2025-11-25T09:15:09.433Z","version":"1.10.0","consent":true,"id":12345678}',
);

export const AXEPTIO_REJECT = enc(
  '{"$$token":"q1w2e3r4t5","$$date":"2025-11-25T09:15:09.433Z","$$cookiesVersion":{"name":"shop-en","identifier":"abc"},"google_analytics":false,"facebook_pixel":false,"$$completed":true}',
);

// Cookie-Script, as written by a site (cf. public Cypress fixture): all four categories accepted.
export const COOKIESCRIPT_ACCEPT = JSON.stringify({
  bannershown: 1,
  action: 'accept',
  consenttime: 1718365738,
  categories: ['performance', 'unclassified', 'targeting', 'functionality'],
  key: 'a268d32f-b055-4169-9253-4cf01121717c',
});
export const COOKIESCRIPT_REJECT = enc(
  '{"bannershown":1,"action":"reject","consenttime":1718365738,"categories":"[]","key":"a268d32f-b055-4169-9253-4cf01121717c"}',
);
export const COOKIESCRIPT_PERFORMANCE = enc(
  '{"bannershown":1,"action":"accept","consenttime":1718365738,"categories":"[\\"performance\\"]","key":"a268d32f-b055-4169-9253-4cf01121717c"}',
);

// CookieFirst, as written by a site: everything accepted.
export const COOKIEFIRST_ACCEPT =
  '%7B%22necessary%22%3Atrue%2C%22performance%22%3Atrue%2C%22functional%22%3Atrue%2C%22advertising%22%3Atrue%2C%22timestamp%22%3A1679215079%2C%22type%22%3A%22category%22%2C%22version%22%3A%22c838beda-6c15-421b-87b0-0cfb408b5bdf%22%7D';
export const COOKIEFIRST_REJECT = COOKIEFIRST_ACCEPT.replace(
  /%3Atrue%2C%22(performance|functional|advertising)/g,
  '%3Afalse%2C%22$1',
).replace('%22advertising%22%3Atrue', '%22advertising%22%3Afalse');

export const CIVIC_REJECT = JSON.stringify({
  necessaryCookies: [],
  optionalCookies: { analytics: 'revoked', marketing: 'revoked' },
  statement: {},
  consentDate: 1764062109433,
  consentExpiry: 90,
  interactedWith: true,
  user: '0B1C2D3E-4F50-6172-8394-A5B6C7D8E9F0',
});
export const CIVIC_ANALYTICS = CIVIC_REJECT.replace('"analytics":"revoked"', '"analytics":"accepted"');
export const CIVIC_UNTOUCHED = CIVIC_REJECT.replace('"interactedWith":true', '"interactedWith":false');

// Ketch, as written by a site: analytics, behavioural advertising, essential services granted.
export const KETCH_ACCEPT =
  'eyJhbmFseXRpY3MiOnsic3RhdHVzIjoiZ3JhbnRlZCIsImNhbm9uaWNhbFB1cnBvc2VzIjpbImFuYWx5dGljcyJdfSwiYmVoYXZpb3JhbF9hZHZlcnRpc2luZyI6eyJzdGF0dXMiOiJncmFudGVkIiwiY2Fub25pY2FsUHVycG9zZXMiOlsiYmVoYXZpb3JhbF9hZHZlcnRpc2luZyJdfSwiZXNzZW50aWFsX3NlcnZpY2VzIjp7InN0YXR1cyI6ImdyYW50ZWQiLCJjYW5vbmljYWxQdXJwb3NlcyI6WyJlc3NlbnRpYWxfc2VydmljZXMiXX19';
export const KETCH_DENY = btoa(
  '{"analytics":{"status":"denied","canonicalPurposes":["analytics"]},"behavioral_advertising":{"status":"denied","canonicalPurposes":["behavioral_advertising"]},"essential_services":{"status":"granted","canonicalPurposes":["essential_services"]}}',
);

// Piwik PRO, as written by sites: analytics granted; and nothing decided yet (-1).
export const PIWIK_ANALYTICS =
  '{"visitorId":"0478c604-ce60-4537-8e17-fdb53fcd5c31","domain":{"normalized":"shop.example","isWildcard":false,"pattern":"shop.example"},"consents":{"analytics":{"status":1}}}';
export const PIWIK_UNDECIDED =
  '{%22visitorId%22:%223b3e4ae2-92ca-4313-9cee-254d6b4c40c4%22%2C%22domain%22:{%22normalized%22:%22shop.example%22%2C%22isWildcard%22:true%2C%22pattern%22:%22*.shop.example%22}%2C%22consents%22:{%22analytics%22:{%22status%22:-1}%2C%22remarketing%22:{%22status%22:-1}}}';
export const PIWIK_REMARKETING_REFUSED =
  '{"visitorId":"0478c604-ce60-4537-8e17-fdb53fcd5c31","domain":{"normalized":"shop.example","isWildcard":false,"pattern":"shop.example"},"consents":{"analytics":{"status":1,"updatedAt":"2025-11-25T09:15:09.433Z"},"remarketing":{"status":0,"updatedAt":"2025-11-25T09:15:09.433Z"}}}';

// Google Funding Choices FCCDCF: the TC string in the 4th slot; and the newer value with no TC string.
export const FCCDCF_REJECT = enc(
  JSON.stringify([null, null, null, [TC_REJECT_ALL, '1~'], null, null, [[32, '["uuid",[1764062109,0]]']]]),
);
export const FCCDCF_NO_TC =
  '%5Bnull%2Cnull%2Cnull%2Cnull%2Cnull%2Cnull%2C%5B%5B32%2C%22%5B%5C%22a813df56-e2da-42f4-a3cb-914a6cee0dae%5C%22%2C%5B1770130467%2C40000000%5D%5D%22%5D%5D%5D';

// consentmanager.net __cmpconsentx17155, as written by a site (a TC string with no purpose consented).
export const CMP_CONSENTX =
  'CP9AEggP9AEggAfSDBRUAwEgAAAAAEPAAAYgAABBQgJgA4AM-AjwBKoDfAHbAO5AgoBIgCSgEowJaATHAmSBNICfYFBAKDhBQAAA';

// Real Cookie Banner, as written by a site (two groups), and the same with only one (the essential) group.
export const RCB_TWO_GROUPS =
  '1709039186%3A0f234017-e4d0-48c7-a451-7e89bcebcdc5%3Ae977fbf8fbc81c28b11c7c9d9ae58d9e%3A%7B%2260%22%3A%5B37544%5D%2C%2261%22%3A%5B37560%2C37547%2C37545%5D%7D';
export const RCB_ESSENTIAL_ONLY =
  '1709039186%3A0f234017-e4d0-48c7-a451-7e89bcebcdc5%3Ae977fbf8fbc81c28b11c7c9d9ae58d9e%3A%7B%2260%22%3A%5B37544%5D%7D';

// Usercentrics v2 uc_settings after "Deny all": the essential service keeps status true.
const ucService = (id: string, status: boolean, action: string, ts: number) => ({
  history: [
    {
      action: 'onInitialPageLoad',
      language: 'de',
      status: id === 'essential-id',
      timestamp: 1764062100000,
      type: 'implicit',
      versions: { application: '2.9.0', service: '1.0.0', settings: '12' },
    },
    {
      action,
      language: 'de',
      status,
      timestamp: ts,
      type: 'explicit',
      versions: { application: '2.9.0', service: '1.0.0', settings: '12' },
    },
  ],
  id,
  processorId: `p-${id}`,
  status,
});
export const UC_DENY_ALL = JSON.stringify({
  controllerId: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00',
  id: 'AbCdEfGh1',
  language: 'de',
  services: [
    ucService('essential-id', true, 'onDenyAllServices', 1764062109433),
    ucService('HkocEodjb7', false, 'onDenyAllServices', 1764062109433),
    ucService('BJz7qNsdj-7', false, 'onDenyAllServices', 1764062109433),
  ],
  version: '12',
});
export const UC_ACCEPT_ALL = UC_DENY_ALL.replace(/onDenyAllServices/g, 'onAcceptAllServices').replace(
  /"status":false/g,
  '"status":true',
);
/** Only implicit defaults: nobody chose. */
export const UC_DEFAULTS = JSON.stringify({
  controllerId: 'c0ffee',
  id: 'AbCdEfGh1',
  services: [
    {
      history: [{ action: 'onInitialPageLoad', status: false, timestamp: 1764062100000, type: 'implicit' }],
      id: 'HkocEodjb7',
      status: false,
    },
  ],
  version: '12',
});
// Usercentrics v3 ucData (shape as Usercentrics' uc-block bundle reads it back; ids are Usercentrics template ids).
const uc3 = (services: Record<string, [string, boolean]>, granted: boolean) =>
  JSON.stringify({
    gcm: {
      adsDataRedaction: !granted,
      adStorage: granted ? 'granted' : 'denied',
      adPersonalization: granted ? 'granted' : 'denied',
      adUserData: granted ? 'granted' : 'denied',
      analyticsStorage: granted ? 'granted' : 'denied',
    },
    consent: {
      services: Object.fromEntries(
        Object.entries(services).map(([id, [name, consent]]) => [id, { name, consent }]),
      ),
    },
    ui: { language: 'de' },
  });
export const UC3_ACCEPT_ALL = uc3(
  {
    H1Vl5NidjWX: ['Usercentrics Consent Management Platform', true],
    HkocEodjb7: ['Google Analytics', true],
    'BJz7qNsdj-7': ['Facebook Pixel', true],
  },
  true,
);
/** After "Deny all", and equally the defaults before any answer: the essential service stays on. */
export const UC3_ESSENTIAL_ONLY = uc3(
  {
    H1Vl5NidjWX: ['Usercentrics Consent Management Platform', true],
    HkocEodjb7: ['Google Analytics', false],
    'BJz7qNsdj-7': ['Facebook Pixel', false],
  },
  false,
);
export const UC3_ALL_OFF = uc3(
  { HkocEodjb7: ['Google Analytics', false], 'BJz7qNsdj-7': ['Facebook Pixel', false] },
  false,
);
export const UC_V1_REJECT = JSON.stringify({
  consents: [
    { templateId: 'essential-id', consentStatus: true, isEssential: true, dataProcessor: 'Usercentrics CMP' },
    { templateId: 'HkocEodjb7', consentStatus: false, isEssential: false, dataProcessor: 'Google Analytics' },
  ],
});

export const SP_REJECT = JSON.stringify({
  gdpr: {
    euconsent: TC_REJECT_ALL,
    consentStatus: { rejectedAny: true, rejectedAll: true, consentedAll: false, hasConsentData: true },
  },
  gppData: { gppString: 'DBABMA~', applicableSections: [2] },
});
export const SP_ACCEPT_NO_TC = JSON.stringify({
  gdpr: { consentStatus: { consentedAll: true, rejectedAll: false } },
});

export const TERMLY_REJECT = JSON.stringify({
  TERMLY_COOKIE_CONSENT: {
    value: {
      essential: true,
      performance: false,
      analytics: false,
      advertising: false,
      social_networking: false,
      unclassified: false,
    },
    lastUpdated: 1764062109433,
  },
});
export const TERMLY_ACCEPT = TERMLY_REJECT.replace(/false/g, 'true');

export { TC_ACCEPT_ALL };

// HubSpot cookie banner `__hs_cookie_cat_pref`, as sites store it (public samples: "1:true,2:true,3:true" in a
// captured Cookie header, "1:true_2:true_3:true" in a test script's cookie jar).
export const HUBSPOT_ACCEPT = '1:true,2:true,3:true';
export const HUBSPOT_ACCEPT_UNDERSCORE = '1:true_2:true_3:true';
export const HUBSPOT_REJECT = '1:false,2:false,3:false';
export const HUBSPOT_ONE = '1:true,2:false,3:false';

// Shopify `_tracking_consent`, as stores send it (public samples in captured Cookie headers): version 2.1 with no
// purpose asked (an Indian visitor; all purposes allowed by region), and the compact version 3 with none asked
// either (a Virginia visitor: nothing before the "."). The answered values follow Shopify's storefront script:
// "1" / "0" per purpose in 2.1, upper / lower case letters before the "." in 3.
export const SHOPIFY_21_UNASKED =
  '%7B%22con%22%3A%7B%22CMP%22%3A%7B%22a%22%3A%22%22%2C%22m%22%3A%22%22%2C%22p%22%3A%22%22%2C%22s%22%3A%22%22%7D%7D%2C%22v%22%3A%222.1%22%2C%22region%22%3A%22INGJ%22%2C%22reg%22%3A%22%22%2C%22purposes%22%3A%7B%22a%22%3Atrue%2C%22p%22%3Atrue%2C%22m%22%3Atrue%2C%22t%22%3Atrue%7D%2C%22display_banner%22%3Afalse%7D';
export const SHOPIFY_3_UNASKED = '3.AMPS_USVA_f_f_-DlBBsijT9252dNjR-wT4w';
const shopify21 = (a: string, m: string, p: string, s: string, banner: boolean) =>
  encodeURIComponent(
    JSON.stringify({
      con: { CMP: { a, m, p, s } },
      v: '2.1',
      region: 'DEBE',
      reg: 'GDPR',
      purposes: { a: a === '1', p: p === '1', m: m === '1', t: m === '1' },
      display_banner: banner,
    }),
  );
export const SHOPIFY_21_BANNER = shopify21('', '', '', '', true);
export const SHOPIFY_21_ACCEPT = shopify21('1', '1', '1', '', false);
export const SHOPIFY_21_REJECT = shopify21('0', '0', '0', '', false);
export const SHOPIFY_21_ANALYTICS_ONLY = shopify21('1', '0', '0', '', false);
export const SHOPIFY_3_ACCEPT = '3AMP.AMP_DEBE_f_f_-DlBBsijT9252dNjR-wT4w';
export const SHOPIFY_3_REJECT = '3amp_DEBE_f_f_-DlBBsijT9252dNjR-wT4w';
export const SHOPIFY_3_NO_SALE = '3AMPs.AMP_USCA_f_t_-DlBBsijT9252dNjR-wT4w';

// Wix `consent-policy`, as sites store it (public samples: an "accept all" jar, a "reject all" entry of a banner
// blocker list; `dt3` stays 1 on reject), and the header copy of a site's default policy (no `ts`).
export const WIX_ACCEPT =
  '%7B%22ess%22%3A1%2C%22func%22%3A1%2C%22anl%22%3A1%2C%22adv%22%3A1%2C%22dt3%22%3A1%2C%22ts%22%3A29372852%7D';
export const WIX_REJECT =
  '%7B%22ess%22%3A1%2C%22func%22%3A0%2C%22anl%22%3A0%2C%22adv%22%3A0%2C%22dt3%22%3A1%2C%22ts%22%3A28815767%7D';
export const WIX_DEFAULT_HEADER =
  '%7B%22func%22%3A1%2C%22anl%22%3A1%2C%22adv%22%3A0%2C%22dt3%22%3A0%2C%22ess%22%3A1%7D';
export const WIX_ANALYTICS_NO_SALE = encodeURIComponent(
  JSON.stringify({ ess: 1, func: 1, anl: 1, adv: 1, dt3: 0, ts: 29468392 }),
);

// Cookie Information `CookieInformationConsent`, in the shape sites store it (public samples: accept all on a
// Danish site, reject all on a Finnish one); ids and agent replaced.
const cookieInformation = (approved: string[], denied: string[]) =>
  encodeURIComponent(
    JSON.stringify({
      website_uuid: '00000000-0000-4000-8000-000000000001',
      timestamp: '2025-05-21T20:21:36.739Z',
      consent_url: 'https://www.shop.example/',
      consent_website: 'shop.example',
      consent_domain: 'www.shop.example',
      user_uid: '00000000-0000-4000-8000-000000000002',
      consents_approved: approved,
      consents_denied: denied,
      user_agent: 'Mozilla/5.0',
    }),
  );
const CI_ALL = [
  'cookie_cat_necessary',
  'cookie_cat_functional',
  'cookie_cat_statistic',
  'cookie_cat_marketing',
  'cookie_cat_unclassified',
];
export const CI_ACCEPT = cookieInformation(CI_ALL, []);
export const CI_REJECT = cookieInformation(['cookie_cat_necessary'], CI_ALL.slice(1));
export const CI_STATISTIC_ONLY = cookieInformation(
  ['cookie_cat_necessary', 'cookie_cat_statistic'],
  ['cookie_cat_functional', 'cookie_cat_marketing', 'cookie_cat_unclassified'],
);

// Cookie Notice (Hu-manity): `cookie_notice_accepted` true / false, and `hu-consent` from its Compliance banner, as
// sites store them (public samples: the highest level, and the lowest with only category 1, Essential; ids replaced).
export const HU_CONSENT_ALL =
  '{"consent":true,"consentLevel":3,"consentID":"00000000-0000-4000-8000-000000000003","categories":{"1":true,"2":true,"3":true,"4":true},"expiry":365,"timestamp":1732625470998,"blocking":{"blocked":0,"allowed":3,"blockedServices":[],"allowedServices":["2","34","58"]},"lastVersion":9}';
export const HU_CONSENT_ESSENTIAL =
  '{"consent":true,"consentLevel":1,"consentID":"00000000-0000-4000-8000-000000000004","categories":{"1":true,"2":false,"3":false,"4":false},"expiry":30,"timestamp":1749367913601,"blocking":{"blocked":8,"allowed":0,"blockedServices":["2","3","9","58","93"],"allowedServices":[]},"lastVersion":1,"bannerConfigVersion":"2.4.0"}';

// GDPR Cookie Compliance (Moove) `moove_gdpr_popup`, as sites store it (public samples, the three-key form) and as
// its 5.x script writes Accept.
export const MOOVE_ACCEPT =
  '%7B%22strict%22%3A%221%22%2C%22thirdparty%22%3A%221%22%2C%22advanced%22%3A%221%22%7D';
export const MOOVE_REJECT =
  '%7B%22strict%22%3A%221%22%2C%22thirdparty%22%3A%220%22%2C%22advanced%22%3A%220%22%7D';
export const MOOVE_5_ANALYTICS = encodeURIComponent(
  JSON.stringify({ strict: '1', thirdparty: '1', advanced: '0', performance: '0', preference: '1' }),
);

// GDPR Cookie Consent's legacy banner (CookieLawInfo): a jar after "Accept all" (public sample, six categories) and
// one with every box off saved with Accept (viewed_cookie_policy=yes), and the first page view before any answer.
export const CLI_ACCEPT_JAR =
  'cookielawinfo-checkbox-necessary=yes; cookielawinfo-checkbox-functional=yes; cookielawinfo-checkbox-performance=yes; cookielawinfo-checkbox-analytics=yes; cookielawinfo-checkbox-advertisement=yes; cookielawinfo-checkbox-others=yes; CookieLawInfoConsent=eyJuZWNlc3NhcnkiOnRydWUsImZ1bmN0aW9uYWwiOnRydWUsInBlcmZvcm1hbmNlIjp0cnVlLCJhbmFseXRpY3MiOnRydWUsImFkdmVydGlzZW1lbnQiOnRydWUsIm90aGVycyI6dHJ1ZX0=; viewed_cookie_policy=yes';
export const CLI_ALL_OFF_SAVED_JAR =
  'cookielawinfo-checkbox-necessary=yes; cookielawinfo-checkbox-functional=no; cookielawinfo-checkbox-performance=no; cookielawinfo-checkbox-analytics=no; cookielawinfo-checkbox-advertisement=no; cookielawinfo-checkbox-others=no; CookieLawInfoConsent=eyJuZWNlc3NhcnkiOnRydWUsImZ1bmN0aW9uYWwiOmZhbHNlLCJwZXJmb3JtYW5jZSI6ZmFsc2UsImFuYWx5dGljcyI6ZmFsc2UsImFkdmVydGlzZW1lbnQiOmZhbHNlLCJvdGhlcnMiOmZhbHNlfQ==; viewed_cookie_policy=yes';
export const CLI_FIRST_VIEW_JAR =
  'cookielawinfo-checkbox-necessary=yes; cookielawinfo-checkbox-analytics=yes; cookielawinfo-checkbox-advertisement=yes';
export const CLI_ANALYTICS_ONLY_JAR =
  'cookielawinfo-checkbox-necessary=yes; cookielawinfo-checkbox-analytics=yes; cookielawinfo-checkbox-advertisement=no; viewed_cookie_policy=yes';

// CookieHub `cookiehub` (base64 JSON), in the shapes sites store (public samples: the current accept-all with empty
// lists, an older per-category record, an answered record allowing nothing, and an implied-consent region's
// unanswered default); tokens replaced.
const cookieHub = (o: Record<string, unknown>) => btoa(JSON.stringify(o));
export const CH_ACCEPT = cookieHub({
  answered: true,
  revision: 1,
  dnt: false,
  allowSale: true,
  implict: false,
  region: '',
  token: 't',
  timestamp: '2025-05-01T10:00:00.000Z',
  allAllowed: true,
  categories: [],
  vendors: [],
  services: [],
});
export const CH_ANALYTICS_DENIED = cookieHub({
  answered: true,
  preconsent: false,
  revision: 1,
  dnt: false,
  allowSale: true,
  implict: false,
  region: '',
  token: 't',
  timestamp: '2023-09-01T10:00:00.000Z',
  categories: [
    { cid: 1, id: 'necessary', value: true, preconsent: true, fired: true },
    { cid: 2, id: 'preferences', value: true, preconsent: false, fired: true },
    { cid: 3, id: 'analytics', value: false, preconsent: false, fired: false },
    { cid: 4, id: 'marketing', value: true, preconsent: false, fired: true },
  ],
});
export const CH_NOTHING_ALLOWED = cookieHub({
  answered: true,
  revision: 1,
  allowSale: true,
  implict: false,
  allAllowed: false,
  categories: [],
  vendors: [],
  services: [],
});
export const CH_IMPLIED_UNANSWERED = cookieHub({
  answered: false,
  revision: 1,
  implict: true,
  region: 'G0',
  allAllowed: true,
  categories: [],
});

// Commanders Act `TC_PRIVACY`, as sites store it (public samples): opted in to four site categories, opted out of
// everything, the legacy "ALL", and a site's "!" separator.
export const TC_OPTIN_SOME =
  '0%40032%7C13%7C1665%402%2C3%2C4%2C5%401%401701350442246%2C1701350442246%2C1735046442246%40';
export const TC_OPTOUT_ALL = '1@003@@@1614693979031@';
export const TC_OPTIN_ALL = '0@064@ALL@';
export const TC_BANG = '0!010|19|5606!2,5!6!1769177040214,1769177040214,1784729040214!';

// Finsweet Cookie Consent `fs-cc`, written as fs-cc.js 1.15.0 writes it: `encodeURIComponent(JSON.stringify({id,
// consents}))`, then js-cookie's own encoding of that value (which keeps the "%" as "%25").
const finsweet = (consents: Record<string, boolean>) =>
  encodeURIComponent(encodeURIComponent(JSON.stringify({ id: 'V1StGXR8_Z5jdHi6B-myT', consents }))).replace(
    /%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g,
    decodeURIComponent,
  );
export const FS_ALLOW = finsweet({
  analytics: true,
  essential: true,
  marketing: true,
  personalization: true,
  uncategorized: true,
});
export const FS_DENY = finsweet({
  analytics: false,
  essential: true,
  marketing: false,
  personalization: false,
  uncategorized: false,
});
export const FS_ANALYTICS_ONLY = finsweet({
  analytics: true,
  essential: true,
  marketing: false,
  personalization: false,
  uncategorized: false,
});

// TermsFeed `cookie_consent_level`, as sites store it (public samples: Agree, and Reject keeping strictly-necessary).
export const TF_AGREE =
  '%7B%22strictly-necessary%22%3Atrue%2C%22functionality%22%3Atrue%2C%22tracking%22%3Atrue%2C%22targeting%22%3Atrue%7D';
export const TF_REJECT =
  '%7B%22strictly-necessary%22%3Atrue%2C%22functionality%22%3Afalse%2C%22tracking%22%3Afalse%2C%22targeting%22%3Afalse%7D';

// Transcend `tcmConsent` (localStorage): a refusal as a site stores it (public sample), an acceptance of the same
// record, and defaults nobody confirmed.
export const TCM_REJECT =
  '{"purposes":{"SaleOfInfo":false,"Analytics":false,"Functional":false,"Advertising":false},"timestamp":"2026-10-02T01:33:15.268Z","confirmed":true,"prompted":true,"updated":true}';
export const TCM_ACCEPT =
  '{"purposes":{"SaleOfInfo":true,"Analytics":true,"Functional":true,"Advertising":true},"timestamp":"2026-10-02T01:33:15.268Z","confirmed":true,"prompted":true,"updated":true}';
export const TCM_DEFAULTS =
  '{"purposes":{"SaleOfInfo":"Auto","Analytics":"Auto","Functional":"Auto","Advertising":"Auto"},"timestamp":"2026-10-02T01:33:15.268Z","confirmed":false,"prompted":false,"updated":false}';
