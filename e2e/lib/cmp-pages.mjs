// Shop pages for the real consent managers (served by e2e/fixtures/sites/cmp-shops.mjs). Each manager is one
// row: how a site embeds it, and how a *clean* shop gates GA4, the Meta pixel and Customer.io with that
// manager's own mechanism. A *leaky* shop embeds the same manager but loads the trackers on load anyway, and
// keeps tracking clicks after a refusal. Setup notes from each manager's README are in the rows.
import { TRACK_SCRIPT } from '../fixtures/sites/customer-io.mjs';
import { inlineJson } from '../fixtures/respond.mjs';

export const GA4_ID = 'G-CMPSHOP01';
export const PIXEL_ID = '102030405060';
const GTAG_SRC = `https://www.googletagmanager.com/gtag/js?id=${GA4_ID}`;
// The shops also run Google's same-origin server-side tagging under /metrics (cmp-trackers.mjs, cmp-shops.mjs).
const GTAG_INLINE = `window.__sgtmPath='/metrics';window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());gtag('config',${inlineJson(GA4_ID)});`;
const PIXEL_INLINE = `!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,document,'script','https://connect.facebook.net/en_US/fbevents.js');fbq('init',${inlineJson(PIXEL_ID)});fbq('track','PageView');`;

/** The three trackers as plain tags (leaky shop, and the body of every gate). */
export const TRACKER_TAGS = `<script async src="${GTAG_SRC}"></script><script>${GTAG_INLINE}</script>
<script>${PIXEL_INLINE}</script><script src="${TRACK_SCRIPT}"></script>`;

/** Loads the trackers from script (for managers whose gate is a callback). */
/** Each tracker loaded from script: gtag.js and its config, the Meta pixel, Customer.io's track script. */
const GA4_LOAD = `var a = document.createElement('script'); a.async = true; a.src = ${inlineJson(GTAG_SRC)}; document.head.appendChild(a);
  ${GTAG_INLINE}`;
const CIO_LOAD = `var c = document.createElement('script'); c.src = ${inlineJson(TRACK_SCRIPT)}; document.head.appendChild(c);`;
const LOAD_TRACKERS = `window.__loadTrackers = function () {
  if (window.__trackersLoaded) return; window.__trackersLoaded = true;
  ${GA4_LOAD}
  ${PIXEL_INLINE}
  ${CIO_LOAD}
};`;

/** The leaky shop's tracker tags, or the clean shop's loader (`window.__loadTrackers`) for the manager's callback. */
const tagsOrLoader = (clean) => (clean ? `<script>${LOAD_TRACKERS}</script>` : TRACKER_TAGS);

/**
 * Every shop tracks clicks once its trackers are loaded (300 ms later, as analytics batching does) and sends
 * an engagement beat every 5 s for a minute, as GA4's user_engagement does: on a leaky shop that means the
 * click on "Reject" itself and everything after it is tracked, however the refusal was made.
 */
const CLICK_TRACKING = `<script>
(function () {
  function track(ev) {
    if (window.gtag && window.__ga4Hit) window.gtag('event', ev);
    if (window.fbq && window.__pixelHit) window.fbq('trackCustom', ev);
    if (window.__cio) { var s = document.createElement('script'); s.src = ${inlineJson(TRACK_SCRIPT)} + '?e=' + ev + '&n=' + Date.now(); document.head.appendChild(s); }
  }
  document.addEventListener('click', function () { setTimeout(function () { track('click'); }, 300); });
  var beats = 0, timer = setInterval(function () { if (++beats > 12) clearInterval(timer); track('user_engagement'); }, 5000);
})();
</script>`;

const CDN = 'https://cdn.jsdelivr.net/npm';

/**
 * A clean shop's trackers, each tag wrapped by the manager's own gate under the manager's name for it: GA4 under
 * `analytics`, the Meta pixel under `pixel`, Customer.io under `cio` (the pixel's, unless the manager names services).
 */
const gatedTrackers = (gated, analytics, pixel, cio = pixel) =>
  gated(analytics, '', GTAG_SRC) +
  gated(analytics, GTAG_INLINE) +
  gated(pixel, PIXEL_INLINE) +
  gated(cio, '', TRACK_SCRIPT);

/**
 * A shop with cookie-consent-js (its README's setup: `new CookieConsent({...})` after the script; the clean shop
 * loads the trackers when `trackingAllowed()`, on load and in `postSelectionCallback`). It fetches its texts from
 * `contentUrl` (its own English file, from the CDN).
 */
function cookieConsentJsPage(clean, src, options) {
  const gate = clean ? 'if (window.cookieConsent.trackingAllowed()) window.__loadTrackers();' : '';
  const config = {
    ...options,
    lang: 'en',
    privacyPolicyUrl: '/privacy',
    contentUrl: `${CDN}/cookie-consent-js@2.1.12/cookie-consent-content`,
  };
  return `<link rel="stylesheet" href="${CDN}/cookie-consent-js@2.1.12/src/cookie-consent.css">
${tagsOrLoader(clean)}
<script src="${src}"></script>
<script>var options = ${inlineJson(config)};
options.postSelectionCallback = function () { ${gate} };
window.cookieConsent = new CookieConsent(options);
${gate}</script>`;
}

/**
 * A shop with vanilla-cookieconsent 3 (its README's setup: `CookieConsent.run(config)` after the UMD build; gated
 * tags are `type="text/plain"` with `data-category`), its files from `base`, its record where `cookie` says.
 * README: hideFromBots must be false, or the banner is hidden from automated browsers.
 */
function vanillaCookieConsent3Page(clean, base, cookie) {
  const config = {
    hideFromBots: false,
    ...(cookie && { cookie }),
    categories: { necessary: { enabled: true, readOnly: true }, analytics: {}, marketing: {} },
    language: {
      default: 'en',
      translations: {
        en: {
          consentModal: {
            title: 'We use cookies',
            description: 'For analytics and marketing.',
            acceptAllBtn: 'Accept all',
            acceptNecessaryBtn: 'Reject all',
            showPreferencesBtn: 'Manage preferences',
          },
          preferencesModal: {
            title: 'Cookie preferences',
            acceptAllBtn: 'Accept all',
            acceptNecessaryBtn: 'Reject all',
            savePreferencesBtn: 'Save preferences',
            sections: [
              { title: 'Analytics', linkedCategory: 'analytics' },
              { title: 'Marketing', linkedCategory: 'marketing' },
            ],
          },
        },
      },
    },
  };
  const gated = (category, inner, src) =>
    `<script type="text/plain" data-category="${category}"${src ? ` data-src="${src}"` : ''}>${inner}</script>`;
  return `<link rel="stylesheet" href="${base}/cookieconsent.css">
${clean ? gatedTrackers(gated, 'analytics', 'marketing') : TRACKER_TAGS}
<script src="${base}/cookieconsent.umd.js"></script>
<script>CookieConsent.run(${inlineJson(config)});</script>`;
}

/**
 * Consent managers under test. `accept` / `reject`: the banner's own buttons; `cookie`: where it stores the
 * choice; `name`: how the popup must name it; `page(clean)`: the manager's tags and the shop's trackers;
 * `expect`: where an auditor expects another popup than EXPECT's (cmp-scenarios.mjs), by scenario, for both shops;
 * `tool`: the registry id when the key is not it (another version of a manager under test).
 */
export const MANAGERS = {
  klaro: {
    label: 'Klaro 0.7.22',
    name: /Klaro/,
    cookie: 'klaro',
    accept: '.klaro .cookie-notice .cm-btn-success',
    reject: '.klaro .cn-decline',
    page(clean) {
      // Klaro's README: a global config, then klaro.js; gated tags are type="text/plain" with data-name.
      const config = {
        version: 1,
        elementID: 'klaro',
        storageMethod: 'cookie',
        cookieName: 'klaro',
        cookieExpiresAfterDays: 365,
        default: false,
        mustConsent: false,
        acceptAll: true,
        hideDeclineAll: false,
        noticeAsModal: false,
        lang: 'en',
        translations: {
          en: {
            privacyPolicyUrl: '/privacy',
            consentNotice: { description: 'We use cookies for analytics and marketing.' },
            purposes: { analytics: 'Analytics', marketing: 'Marketing' },
          },
        },
        services: [
          { name: 'ga4', title: 'Google Analytics', purposes: ['analytics'] },
          { name: 'meta-pixel', title: 'Meta Pixel', purposes: ['marketing'] },
          { name: 'customerio', title: 'Customer.io', purposes: ['marketing'] },
        ],
      };
      const gated = (name, inner, src) =>
        `<script type="text/plain" data-type="text/javascript" data-name="${name}"${src ? ` data-src="${src}"` : ''}>${inner}</script>`;
      return `<script>window.klaroConfig = ${inlineJson(config)};</script>
<script defer src="https://cdn.kiprotect.com/klaro/v0.7/klaro.js"></script>
${clean ? gatedTrackers(gated, 'ga4', 'meta-pixel', 'customerio') : TRACKER_TAGS}`;
    },
  },
  'vanilla-cookieconsent': {
    label: 'vanilla-cookieconsent 3.1.0',
    name: /CookieConsent \(orestbida\)/,
    cookie: 'cc_cookie',
    accept: '#cc-main .cm__btn[data-role=all]',
    reject: '#cc-main .cm__btn[data-role=necessary]',
    page(clean) {
      return vanillaCookieConsent3Page(clean, `${CDN}/vanilla-cookieconsent@3.1.0/dist`);
    },
  },
  'vanilla-cookieconsent-2': {
    label: 'vanilla-cookieconsent 2.9.2',
    tool: 'vanilla-cookieconsent',
    name: /CookieConsent \(orestbida\)/,
    cookie: 'cc_cookie',
    accept: '#cc_div #c-p-bn',
    reject: '#cc_div #c-s-bn',
    page(clean) {
      // Its 2.x README: `initCookieConsent().run({...})` with page_scripts (gated tags type="text/plain" with
      // data-cookiecategory) and autoclear_cookies (a refusal deletes the listed cookies: `_ga` here).
      // hide_from_bots must be false, or the banner is hidden from automated browsers.
      const config = {
        current_lang: 'en',
        autoclear_cookies: true,
        page_scripts: true,
        hide_from_bots: false,
        languages: {
          en: {
            consent_modal: {
              title: 'We use cookies',
              description: 'For analytics and marketing.',
              primary_btn: { text: 'Accept all', role: 'accept_all' },
              secondary_btn: { text: 'Reject all', role: 'accept_necessary' },
            },
            settings_modal: {
              title: 'Cookie preferences',
              save_settings_btn: 'Save settings',
              accept_all_btn: 'Accept all',
              reject_all_btn: 'Reject all',
              cookie_table_headers: [{ col1: 'Name' }, { col2: 'Domain' }],
              blocks: [
                {
                  title: 'Necessary',
                  description: 'Needed for the shop.',
                  toggle: { value: 'necessary', enabled: true, readonly: true },
                },
                {
                  title: 'Analytics',
                  description: 'How visitors use the shop.',
                  toggle: { value: 'analytics', enabled: false, readonly: false },
                  cookie_table: [{ col1: '^_ga', col2: 'shop', is_regex: true }],
                },
                {
                  title: 'Marketing',
                  description: 'Interest-based advertising.',
                  toggle: { value: 'marketing', enabled: false, readonly: false },
                },
              ],
            },
          },
        },
      };
      const gated = (category, inner, src) =>
        `<script type="text/plain" data-cookiecategory="${category}"${src ? ` data-src="${src}"` : ''}>${inner}</script>`;
      return `<link rel="stylesheet" href="${CDN}/vanilla-cookieconsent@2.9.2/dist/cookieconsent.css">
${clean ? gatedTrackers(gated, 'analytics', 'marketing') : TRACKER_TAGS}
<script src="${CDN}/vanilla-cookieconsent@2.9.2/dist/cookieconsent.js"></script>
<script>initCookieConsent().run(${inlineJson(config)});</script>`;
    },
  },
  osano: {
    label: "Osano's cookieconsent 3.1.1",
    name: /Osano/,
    cookie: 'cookieconsent_status',
    accept: '.cc-window .cc-allow',
    reject: '.cc-window .cc-deny',
    page(clean) {
      // Osano's open-source banner: type opt-in; `location: false`, or it looks the visitor up online.
      const gate = clean ? 'if (this.hasConsented()) window.__loadTrackers();' : '';
      return `<link rel="stylesheet" href="${CDN}/cookieconsent@3.1.1/build/cookieconsent.min.css">
<script src="${CDN}/cookieconsent@3.1.1/build/cookieconsent.min.js"></script>
${tagsOrLoader(clean)}
<script>window.addEventListener('load', function () {
  window.cookieconsent.initialise({
    type: 'opt-in', location: false, revokable: false,
    content: { message: 'We use cookies for analytics and marketing.', allow: 'Allow cookies', deny: 'Decline' },
    onInitialise: function () { ${gate} },
    onStatusChange: function () { ${gate} }
  });
});</script>`;
    },
  },
  tarteaucitron: {
    label: 'tarteaucitron.js 1.34.0',
    name: /tarteaucitron/,
    cookie: 'tarteaucitron',
    accept: '#tarteaucitronPersonalize2',
    reject: '#tarteaucitronAllDenied2',
    page(clean) {
      // tarteaucitron's own services: gtag and facebookpixel as shipped; Customer.io as a custom service.
      return `<script src="${CDN}/tarteaucitronjs@1.34.0/tarteaucitron.js"></script>
<script>
tarteaucitron.init({ privacyUrl: '/privacy', hashtag: '#tarteaucitron', cookieName: 'tarteaucitron', orientation: 'bottom',
  showAlertSmall: false, cookieslist: false, adblocker: false, DenyAllCta: true, AcceptAllCta: true, highPrivacy: true,
  handleBrowserDNTRequest: false, removeCredit: true, moreInfoLink: false, useExternalCss: false, mandatory: true, showIcon: false,
  googleConsentMode: false });
tarteaucitron.services.customerio = { key: 'customerio', type: 'ads', name: 'Customer.io', needConsent: true,
  cookies: ['_cio', '_cioid', '_cioanonid'], uri: 'https://customer.io/legal/privacy-policy',
  js: function () { ${clean ? `tarteaucitron.addScript(${inlineJson(TRACK_SCRIPT)});` : ''} }, fallback: function () {} };
tarteaucitron.user.gtagUa = ${inlineJson(GA4_ID)};
tarteaucitron.user.facebookpixelId = ${inlineJson(PIXEL_ID)};
tarteaucitron.user.facebookpixelMore = function () {};
(tarteaucitron.job = tarteaucitron.job || []).push('gtag', 'facebookpixel', 'customerio');
</script>
${clean ? '' : TRACKER_TAGS}`;
    },
  },
  orejime: {
    label: 'Orejime 3.2.1',
    name: /Orejime/,
    cookie: 'eu-consent',
    accept: '.orejime-Banner-saveButton',
    reject: '.orejime-Banner-declineButton',
    page(clean) {
      // Orejime's README: window.orejimeConfig, then the built file; gated markup in <template data-purpose>.
      const config = {
        privacyPolicyUrl: '/privacy',
        purposes: [
          { id: 'analytics', title: 'Google Analytics', cookies: ['_ga'] },
          { id: 'marketing', title: 'Meta Pixel and Customer.io', cookies: ['_fbp', '_cioid'] },
        ],
      };
      return `<link rel="stylesheet" href="${CDN}/orejime@3.2.1/dist/orejime-standard.css">
<script>window.orejimeConfig = ${inlineJson(config)};</script>
<script src="${CDN}/orejime@3.2.1/dist/orejime-standard-en.js"></script>
${
  clean
    ? `<template data-purpose="analytics"><script async src="${GTAG_SRC}"></script><script>${GTAG_INLINE}</script></template>
<template data-purpose="marketing"><script>${PIXEL_INLINE}</script><script src="${TRACK_SCRIPT}"></script></template>`
    : TRACKER_TAGS
}`;
    },
  },
  finsweet: {
    label: 'Finsweet Cookie Consent 1.15.0',
    name: /Finsweet/,
    cookie: 'fs-cc',
    accept: '[fs-cc=banner] [fs-cc=allow]',
    reject: '[fs-cc=banner] [fs-cc=deny]',
    page(clean) {
      // Its README: a `fs-cc="banner"` element with Allow / Deny; gated tags are type="fs-cc" with
      // fs-cc-categories; the script goes after the last of them. Opt-in mode (its default).
      const gated = (category, inner, src) =>
        `<script type="fs-cc" fs-cc-categories="${category}"${src ? ` src="${src}"` : ''}>${inner}</script>`;
      return `<div fs-cc="banner" style="display:none;position:fixed;bottom:0;left:0;right:0;background:#fff;padding:16px">
<p>We use cookies for analytics and marketing.</p><button fs-cc="deny">Deny</button><button fs-cc="allow">Allow all</button></div>
${clean ? gatedTrackers(gated, 'analytics', 'marketing') : TRACKER_TAGS}
<script async src="${CDN}/@finsweet/cookie-consent@1/fs-cc.js"></script>`;
    },
  },
  'segment-consent-manager': {
    label: 'Segment Consent Manager 5.8.1',
    name: /Segment Consent Manager/,
    cookie: 'tracking-preferences',
    accept: '#consent-manager button:has-text("Allow all")',
    reject: '#consent-manager button:has-text("Deny all")',
    page(clean) {
      // Its README's standalone setup: `window.consentManagerConfig` returns the options, the script renders the
      // banner in `container` once Segment's CDN has listed the write key's destinations (cmp-cdn.mjs), then hands
      // analytics.js the destinations the visitor allowed (`analytics.load(writeKey, {integrations})`). The shop's
      // `analytics` stands in for analytics.js: the clean shop loads each tracker only when its destination is
      // allowed; the leaky shop loads them all from its own tags anyway.
      const analytics = `window.analytics = { initialized: false, addSourceMiddleware: function () {}, identify: function () {},
  load: function (key, options) {
    this.initialized = true;
    ${
      clean
        ? `var on = (options && options.integrations) || {};
    if (on['Google Analytics 4 Web']) { ${GA4_LOAD} }
    if (on['Facebook Pixel']) { ${PIXEL_INLINE} }
    if (on['Customer.io']) { ${CIO_LOAD} }`
        : ''
    }
  } };`;
      const config = `window.consentManagerConfig = function () {
  return { container: '#consent-manager', writeKey: 'cmpShopWriteKey01', bannerActionsBlock: true,
    bannerContent: 'We use cookies for analytics and marketing.', bannerSubContent: 'Change your preferences',
    preferencesDialogTitle: 'Website Data Collection Preferences',
    preferencesDialogContent: 'We use data collected by cookies and JavaScript libraries.',
    cancelDialogContent: 'Your preferences have not been saved.' };
};`;
      return `<div id="consent-manager"></div>
<script>${analytics}
${config}</script>
${clean ? '' : TRACKER_TAGS}
<script src="${CDN}/@segment/consent-manager@5.8.1/standalone/consent-manager.js" defer></script>`;
    },
  },
  'cookie-consent-js': {
    label: 'cookie-consent-js 2.1.12',
    name: /cookie-consent-js/,
    cookie: 'cookie-consent-tracking-allowed',
    accept: '#cookieConsentModal .btn-accept-all',
    reject: '#cookieConsentModal .btn-accept-necessary',
    page(clean) {
      return cookieConsentJsPage(clean, `${CDN}/cookie-consent-js@2.1.12/src/cookie-consent.js`, {});
    },
  },
  // The same real banner as a site may run it: its script served from the site itself and its cookie renamed
  // (its `cookieName` option), so nothing names the manager or holds a record we read: only the visitor's click.
  unnamed: {
    label: 'cookie-consent-js 2.1.12, self-hosted, cookie renamed',
    name: /a consent banner we could not identify/,
    cookie: 'site_consent',
    accept: '#cookieConsentModal .btn-accept-all',
    reject: '#cookieConsentModal .btn-accept-necessary',
    page(clean) {
      return cookieConsentJsPage(clean, '/assets/consent.js', { cookieName: 'site_consent' });
    },
  },
  // The same class with the record in localStorage: vanilla-cookieconsent 3.1.0 served by the site, its record
  // renamed and kept in localStorage (`cookie.useLocalStorage`), so no cookie and no record we read holds the answer.
  'unnamed-local': {
    label: 'vanilla-cookieconsent 3.1.0, self-hosted, record renamed in localStorage',
    storageKey: 'site_choice',
    accept: '#cc-main .cm__btn[data-role=all]',
    reject: '#cc-main .cm__btn[data-role=necessary]',
    page(clean) {
      return vanillaCookieConsent3Page(clean, '/assets', { name: 'site_choice', useLocalStorage: true });
    },
  },
  'cookies-eu-banner': {
    label: 'Cookies EU banner 3.0.0',
    name: /Cookies EU banner/,
    cookie: 'hasConsent',
    accept: '#cookies-eu-banner #cookies-eu-accept',
    reject: '#cookies-eu-banner #cookies-eu-reject',
    // Its `hasConsent=true` is not read (versions 1 and 2 write it when the banner shows: lib/consent/cookies-eu-banner.ts),
    // so an Accept is known from the visitor's click alone: trackers after it need review, never a violation.
    expect: { accept: { choice: /the visitor clicked accept all at [\d:]+ \(no stored choice was read\)/ } },
    page(clean) {
      // Its README: the banner in a <template>, the global build, then createCookiesBanner({ onAccept }).
      return `${tagsOrLoader(clean)}
<template id="cookies-eu-banner-template"><div id="cookies-eu-banner" style="position:fixed;bottom:0;left:0;right:0;background:#fff;padding:16px">
We use cookies for analytics and marketing. <button id="cookies-eu-reject">Reject</button> <button id="cookies-eu-accept">Accept</button></div></template>
<script src="${CDN}/cookies-eu-banner@3.0.0/dist/cookies-eu-banner.global.js"></script>
<script>CookiesEuBanner.createCookiesBanner({ onAccept: function () { ${clean ? 'window.__loadTrackers();' : ''} } });</script>`;
    },
  },
  'vue-cookie-accept-decline': {
    label: 'vue-cookie-accept-decline 6.1.0 (Vue 3)',
    name: /vue-cookie-accept-decline/,
    // Its record is in localStorage, under the component's `elementId`.
    storageKey: 'vue-cookie-accept-decline-shopBanner',
    accept: '#shopBanner .cookie__floating__buttons__button--accept',
    reject: '#shopBanner .cookie__floating__buttons__button--decline',
    page(clean) {
      // Its README: the component registered on a Vue 3 app (here Vue's global build and the package's UMD, which
      // takes tiny-cookie as the global `tinyCookie`), its default texts ("Got It!", "Opt Out"). It emits `status` on
      // mount (the stored answer, on a returning visit) and `clicked-accept`: the clean shop loads the trackers on
      // either accept.
      const load = clean ? 'window.__loadTrackers()' : '';
      return `<link rel="stylesheet" href="${CDN}/vue-cookie-accept-decline@6.1.0/dist/vue-cookie-accept-decline.css">
${tagsOrLoader(clean)}
<script src="${CDN}/vue@3.5.13/dist/vue.global.prod.js"></script>
<script src="${CDN}/tiny-cookie@2.5.1/dist/tiny-cookie.min.js"></script>
<script>window.tinyCookie = window.Cookie;</script>
<script src="${CDN}/vue-cookie-accept-decline@6.1.0/dist/vue-cookie-accept-decline.umd.js"></script>
<div id="app"><vue-cookie-accept-decline element-id="shopBanner" @status="onStatus" @clicked-accept="onAccept">
</vue-cookie-accept-decline></div>
<script>Vue.createApp({ methods: {
  onStatus: function (s) { if (s === 'accept') { ${load} } },
  onAccept: function () { ${load} },
} }).component('vue-cookie-accept-decline', VueCookieAcceptDecline.default).mount('#app');</script>`;
    },
  },
  'beyonk-gdpr-cookie-consent-banner': {
    label: "Beyonk's gdpr-cookie-consent-banner 16.0.2",
    name: /Beyonk GDPR Cookie Consent Banner/,
    // The site must name its cookie: a name that says nothing of consent, read by the record's format.
    cookie: 'shop_prefs',
    // A web component (Svelte) with an open shadow root; its buttons are reached by their `part` names.
    accept: 'cookie-consent-banner [part~="button--accept"]',
    reject: 'cookie-consent-banner [part~="button--reject"]',
    page(clean) {
      // Its README's web-component setup: the module build, then the element (attributes as strings); a Reject
      // button only with `can-reject-cookies`. It dispatches `consent:<category>` on window for each category, on
      // a click and on a returning visit: the clean shop loads the trackers when analytics is agreed.
      const gate = clean
        ? `<script>${LOAD_TRACKERS}
window.addEventListener('consent:analytics', function (e) { if (e.detail && e.detail.agreed) window.__loadTrackers(); });</script>`
        : TRACKER_TAGS;
      return `${gate}
<script type="module" src="${CDN}/@beyonk/gdpr-cookie-consent-banner@16.0.2/dist/index.js"></script>
<cookie-consent-banner cookie-name="shop_prefs" can-reject-cookies="true" heading="Cookies"
  description="We use cookies for analytics and marketing."></cookie-consent-banner>`;
    },
  },
  'porsche-cookie-consent-banner': {
    label: "Porsche's cookie-consent-banner 4.1.0",
    name: /Porsche Cookie Consent Banner/,
    cookie: 'cookies_accepted_categories',
    // A web component: its buttons are in its (open) shadow root, reached by their `part` names.
    accept: 'cookie-consent-banner [part=button-accept-all]',
    reject: 'cookie-consent-banner [part=button-essential-only]',
    page(clean) {
      // Its README's example without a tag manager: the module build, the element with its button labels, its
      // `availableCategories` set from script; the clean shop loads the trackers when an update or a restored choice
      // (both events bubble to the document) lists `analytics`.
      const categories = [
        {
          key: 'technically_required',
          label: 'Technically necessary cookies',
          description: 'Basic functions.',
          isMandatory: true,
        },
        { key: 'analytics', label: 'Analysis cookies', description: 'How visitors use the shop.' },
        { key: 'marketing', label: 'Marketing cookies', description: 'Interest-based advertising.' },
      ];
      const gate = clean
        ? `<script>${LOAD_TRACKERS}
['cookie_consent_preferences_updated', 'cookie_consent_preferences_restored'].forEach(function (name) {
  document.addEventListener(name, function (e) { if (e.detail && e.detail.acceptedCategories.indexOf('analytics') >= 0) window.__loadTrackers(); });
});</script>`
        : TRACKER_TAGS;
      return `${gate}
<script type="module" src="${CDN}/@porscheofficial/cookie-consent-banner@4.1.0/dist/cookie-consent-banner/cookie-consent-banner.esm.js"></script>
<cookie-consent-banner btn-label-accept-and-continue="Agree and continue"
  btn-label-only-essential-and-continue="Continue with technically required cookies only"
  btn-label-persist-selection-and-continue="Save selection and continue" btn-label-select-all-and-continue="Select all and continue"
  content-settings-description="Choose which cookies we may use.">We use cookies for analytics and marketing.</cookie-consent-banner>
<script>document.querySelector('cookie-consent-banner').availableCategories = ${inlineJson(categories)};</script>`;
    },
  },
  'react-cookie-consent': {
    label: 'react-cookie-consent 10.0.2',
    name: /react-cookie-consent/,
    cookie: 'CookieConsent',
    accept: '#rcc-confirm-button',
    reject: '#rcc-decline-button',
    page(clean) {
      // Its README's component with the decline button on, rendered with React 18's UMD builds and its own UMD build
      // from the CDN. Its cookie `CookieConsent` is Cookiebot's name too: the popup must still name this library.
      const onAccept = clean ? 'window.__loadTrackers();' : '';
      return `${tagsOrLoader(clean)}<div id="rcc-root"></div>
<script src="${CDN}/react@18.3.1/umd/react.production.min.js"></script>
<script src="${CDN}/react-dom@18.3.1/umd/react-dom.production.min.js"></script>
<script src="${CDN}/react-cookie-consent@10.0.2/dist/react-cookie-consent.umd.js"></script>
<script>
ReactDOM.createRoot(document.getElementById('rcc-root')).render(React.createElement(ReactCookieConsent.default, {
  enableDeclineButton: true, buttonText: 'Accept', declineButtonText: 'Decline',
  onAccept: function () { ${onAccept} }
}, 'We use cookies for analytics and marketing.'));
${clean ? `if (ReactCookieConsent.getCookieConsentValue() === 'true') window.__loadTrackers();` : ''}
</script>`;
    },
  },
  'cookie-though': {
    label: 'Cookie Though 1.7.3',
    name: /Cookie Though/,
    cookie: 'cookie-preferences',
    // Rendered in an open shadow root under `.cookie-though`; Decline is its secondary button.
    accept: '.cookie-though .ct-acceptance button:not(.ct-button-secondary)',
    reject: '.cookie-though .ct-acceptance .ct-button-secondary',
    page(clean) {
      // Its docs' configuration (policies with its fixed categories, the three labels, the header), the standalone
      // build's `CookieThough.init`; the clean shop loads the trackers when `statistics` is on, now or on a change.
      const config = {
        policies: [
          {
            id: 'essential',
            label: 'Essential cookies',
            description: 'Needed for the shop.',
            category: 'essential',
          },
          {
            id: 'statistics',
            label: 'Statistics',
            description: 'How visitors use the shop.',
            category: 'statistics',
          },
          {
            id: 'marketing',
            label: 'Marketing',
            description: 'Interest-based advertising.',
            category: 'marketing',
          },
        ],
        permissionLabels: { accept: 'Accept', acceptAll: 'Accept all', decline: 'Decline' },
        header: {
          title: 'Cookies',
          subTitle: 'Your choice',
          description: 'We use cookies for analytics and marketing.',
        },
        customizeLabel: 'Customize',
        cookiePolicy: { url: '/privacy', label: 'Cookie policy' },
      };
      const gate = clean
        ? `function statisticsOn(p) { return p.cookieOptions.some(function (o) { return o.id === 'statistics' && o.isEnabled; }); }
CookieThough.onPreferencesChanged(function (p) { if (statisticsOn(p)) window.__loadTrackers(); });
if (statisticsOn(CookieThough.getPreferences())) window.__loadTrackers();`
        : '';
      return `${tagsOrLoader(clean)}
<script src="${CDN}/cookie-though@1.7.3/dist/lib.js"></script>
<script>CookieThough.init(${inlineJson(config)});
${gate}</script>`;
    },
  },
  tcf: {
    label: 'IAB TCF v2.2 CMP on @iabtcf/cmpapi 1.5.6',
    name: /IAB TCF/,
    cookie: 'euconsent-v2',
    accept: '#tcf-accept',
    reject: '#tcf-reject',
    page(clean) {
      const gate = `__tcfapi('addEventListener', 2, function (tcData, ok) {
  if (ok && (tcData.eventStatus === 'tcloaded' || tcData.eventStatus === 'useractioncomplete') && tcData.purpose.consents[1]) window.__loadTrackers();
});`;
      return `<script src="https://cmp.tcf-shop.example/cmp.js"></script>
<div id="tcf-banner" role="dialog" hidden><p>We and our partners use cookies.</p>
<button id="tcf-reject">Reject all</button><button id="tcf-accept">Accept all</button></div>
${clean ? `<script>${LOAD_TRACKERS}\n${gate}</script>` : TRACKER_TAGS}`;
    },
  },
};

export const SHOPS = ['leaky', 'clean'];
// `custom`: a manager-specific test (Klaro's per-service choice, cmp-klaro.test.mjs); `return-accept`: a returning
// visit after Accept where `return` is one after Reject (cmp-unnamed.test.mjs); `worker-stop`: a returning visit
// after a worker stop within the click's window (consent-click-worker-stop.test.mjs).
export const SCENARIOS = [
  'first',
  'accept',
  'reject',
  'return',
  'audit',
  'custom',
  'return-accept',
  'worker-stop',
];

/** `cmp-<manager>-<shop>-<scenario>.example`: one host per test, so no test sees another's stored choice. */
export function shopHost(manager, shop, scenario) {
  return `cmp-${manager}-${shop}-${scenario}.example`;
}

/** The whole shop page. */
export function shopPage(manager, shop) {
  const m = MANAGERS[manager];
  return `<title>${m.label} · ${shop} shop</title>
<h1>Shop (${shop})</h1><p>Welcome to our shop.</p><button id="add-to-cart">Add to cart</button>
${m.page(shop === 'clean')}
${CLICK_TRACKING}`;
}
