// Names, values and hosts an audited site (or a tracker it embeds) can choose so that a tracking cookie or request
// reads as needing no consent (from a hostile review). Against the real database (data/vendors via
// scripts/node-vendor-db), like issue-examples.test.ts.
import { describe, expect, it } from 'vitest';
import { getDomain } from 'tldts';
import { needsConsent } from '../category';
import { loadNodeVendorIndex } from '../../scripts/node-vendor-db';
import { classifyCookie, classifyRequest } from './match';

const index = loadNodeVendorIndex();
const PAGE = 'https://shop.example/';
const DAY = 86_400;
const UUID = 'b3f1c2d4-1111-4222-8333-444455556666';
/** A TCF v2 TC string as a CMP writes it (core segment). */
const TC_STRING =
  'CPzHq4APzHq4AAHABBENDeCgAP_AAH_AAAAAJNNf_X__b3_j-_59f_t0eY1P9_7_v-0zjhfdt-8N2f_X_L8X42M7vF36pq4KuR4Eu3LBIQdlHOHcTUmw6okVrzPsbk2cr7NKJ7PEmnMbO2dYGH9_n93TuZKY7__8___z__-v_v____f_r-3_3__59X---_e_V399zLv9____39nN___9v-_9____gAAAAA';
/** Categories under which a cookie set before the visitor's choice is no violation. */
const EXEMPT = ['consent', 'necessary', 'functional'];

const cookie = (name: string, domain: string, value: string, days: number) =>
  classifyCookie(index, { name, domain, value, pageUrl: PAGE, lifetimeSeconds: days * DAY });

describe("a tracker's own identifier renamed through its documented cookie-name option", () => {
  // gtag.js documents `cookie_prefix` ("if you set cookie_prefix to 'example', the cookie name becomes example_ga",
  // developers.google.com/analytics/devguides/collection/gtagjs/cookies-user-id). The site writes one config line,
  // gtag then writes the client-ID cookie through document.cookie under that name: the browser reports it as is
  // (cookies API, document.cookie, Cookie headers). The value keeps GA's GA1.x / GS1.x format.
  // Matomo's JS tracker has setCookieNamePrefix() (default "_pk_"): _pk_id.<site>.<hash> becomes <prefix>id.….
  it.each([
    ['consent_ga', 'GA1.1.1234567890.1700000000', 730],
    ['consent_ga_ABC123XYZ', 'GS1.1.1700000000.1.0.1700000000.0.0.0', 730],
    ['gdpr_ga', 'GA1.1.1234567890.1700000000', 730],
    ['cmplz_ga', 'GA1.1.1234567890.1700000000', 730],
    ['cmplz_id.1.ab12', '4a8c3f2e9b1d7c60.1700000000.', 393],
  ])(
    'a first-party %s holding an analytics client ID (value %s) is never exempt as consent management',
    (name, value, days) => {
      const c = cookie(name, 'shop.example', value, days);
      // Was "consent" (heuristic "name suggests a stored consent choice", or the Complianz registry's cmplz_
      // prefix), although the value is Google Analytics' / Matomo's visitor ID.
      expect(EXEMPT, `${name}: ${c.category} — ${c.reason}`).not.toContain(c.category);
      expect(c.reason).toContain('whatever its name');
    },
  );

  it("names the tracker whose documented ID format the value has (Meta's _fbp under a consent word)", () => {
    expect(cookie('gdpr_fbp', 'shop.example', 'fb.1.1596403881668.1116446470', 90)).toMatchObject({
      vendor: 'facebook',
      category: 'marketing',
    });
    expect(cookie('consent_ga', 'shop.example', 'GA1.1.1234567890.1700000000', 730)).toMatchObject({
      vendor: 'google-analytics',
    });
  });

  it('leaves a consent record whose value is no tracker ID, and a GA-shaped value under an unrenamed name, alone', () => {
    expect(cookie('cmplz_marketing', 'shop.example', 'allow', 365).category).toBe('consent');
    expect(cookie('gdpr_accepted', 'shop.example', 'GA1.1.1234567890.1700000000', 365).category).toBe(
      'consent',
    );
  });
});

describe("a consent manager's cookie name on a tracking vendor's own third-party domain", () => {
  // A third-party cookie on .doubleclick.net / .facebook.com / .adnxs.com can only come from that vendor's servers
  // (Set-Cookie on its responses, or its script in its own frame): the consent manager's script writes its record
  // on the visited site. The classifier even says "set on doubleclick.net, which belongs to Google/Doubleclick Ads"
  // and then files it as consent management because of the name. Reachable: any Set-Cookie the vendor chooses.
  it.each([
    ['OptanonConsent', '.doubleclick.net'],
    ['CookieConsent', '.facebook.com'],
    ['cookieconsent_status', '.adnxs.com'],
    ['cmplz_uid', '.doubleclick.net'],
    ['_tracking_consent', '.adnxs.com'],
  ])("%s on %s holding a 2-year UUID keeps its vendor's consent-needing category", (name, domain) => {
    const c = cookie(name, domain, UUID, 730);
    expect(c.thirdParty).toBe(true);
    expect(needsConsent(c.category), `${name}@${domain}: ${c.category} — ${c.reason}`).toBe(true);
  });

  // STANDARD_CONSENT_COOKIES is checked before the domain and never looks at the value: a UUID is no TC, GPP or
  // US Privacy string, and an ad exchange's own domain is not where a site's consent tool writes.
  it.each([
    ['euconsent-v2', '.doubleclick.net'],
    ['usprivacy', '.adnxs.com'],
    ['__gpp', '.adnxs.com'],
  ])("%s on %s holding a 2-year UUID (not the specification's string) is not exempt", (name, domain) => {
    const c = cookie(name, domain, UUID, 730);
    expect(EXEMPT, `${name}@${domain}: ${c.category} — ${c.reason}`).not.toContain(c.category);
  });

  it.each([
    ['euconsent-v2', TC_STRING],
    ['usprivacy', '1YNN'],
    ['usprivacy', '1---'],
    ['__gpp', `DBABMA~${TC_STRING}`],
  ])("%s holding the specification's string (%s) on the site is consent", (name, value) => {
    expect(cookie(name, 'shop.example', value, 390).category).toBe('consent');
  });

  it("a consent manager's name on the site itself is still its record", () => {
    const c = cookie('OptanonConsent', 'shop.example', 'isGpcEnabled=0&datestamp=x&groups=C0001%3A1', 365);
    expect(c.category).toBe('consent');
  });
});

describe("a third party's persistent identifier named after an infrastructure cookie", () => {
  // The same Set-Cookie under any unlisted name ("tid") is "unknown: needs review; a persistent identifier set by a
  // third party". Named PHPSESSID / __cf_bm / AWSALB / JSESSIONID it is exempt, although every source lists these as
  // session cookies (data/vendors/php-net.json, cloudflare.json: durationKind "session"; Cloudflare documents 30
  // minutes for __cf_bm), so a 2-year third-party one is not the platform's. Reachable: any Set-Cookie.
  it.each(['PHPSESSID', '__cf_bm', 'AWSALB', 'JSESSIONID'])(
    '%s set by an unlisted third party for 2 years with a UUID is not exempt',
    (name) => {
      // The same cookie under an unlisted name: needs review (the guess's third-party guard).
      expect(cookie('tid', '.unknown-tracker.example', UUID, 730).category).toBe('unknown');
      const c = cookie(name, '.unknown-tracker.example', UUID, 730);
      expect(EXEMPT, `${name}: ${c.vendor} ${c.category} — ${c.reason}`).not.toContain(c.category);
    },
  );

  // The heuristic's own guard ("a name guess must never exempt a third party's cookie") skips names with a
  // consent word: a third party's 2-year UUID named gdpr_uid is guessed "consent".
  it("a third party's 2-year UUID cookie named gdpr_uid is not guessed exempt", () => {
    const c = cookie('gdpr_uid', '.unknown-tracker.example', UUID, 730);
    expect(EXEMPT, `${c.category} — ${c.reason}`).not.toContain(c.category);
  });

  it("a first-party PHPSESSID with a long life is the site's configuration; a third party's session one stays PHP's", () => {
    expect(cookie('PHPSESSID', 'shop.example', 'abc123def456', 730).category).toBe('functional');
    const session = classifyCookie(index, {
      name: 'PHPSESSID',
      domain: '.unknown-tracker.example',
      value: 'abc123def456',
      pageUrl: PAGE,
      lifetimeSeconds: null,
    });
    expect(session.category).toBe('functional');
  });
});

const req = (url: string) => classifyRequest(index, url, PAGE);

describe("customer names under a private public suffix below a vendor's domain", () => {
  // The Public Suffix List's private section has suffixes below a vendor's domain: global.ssl.fastly.net,
  // freetls.fastly.net, map.fastly.net (Fastly's shared-TLS names, what any Fastly customer's service answers on),
  // blob.core.windows.net (every Azure storage account). Whoever runs the service picks the name.
  it.each([
    'https://acme-edge.global.ssl.fastly.net/p.gif?uid=b3f1c2d4&u=https%3A%2F%2Fshop.example%2F',
    'https://acme-edge.freetls.fastly.net/p.gif?uid=b3f1c2d4',
    'https://acme-edge.map.fastly.net/v1/e',
    'https://acmestore.blob.core.windows.net/px/t.gif?uid=b3f1c2d4',
  ])('%s is a platform customer\'s host: unattributed, needs review, not the CDN\'s "functional"', (url) => {
    const host = new URL(url).hostname;
    // The PSL itself says the host is its own registrable domain, not the CDN's.
    expect(getDomain(host, { allowPrivateDomains: true })).toBe(host);
    const c = req(url);
    expect(c, `${c.vendor} ${c.category} — ${c.reason}`).toMatchObject({ vendor: null, category: 'unknown' });
    expect(c.reason).toContain('public suffix');
  });

  it("a host under the vendor's own registrable domain stays the vendor's", () => {
    expect(req('https://a.b.fastly.net/x.js').vendor).not.toBeNull();
  });

  it("a third-party cookie host-only on acme-edge.global.ssl.fastly.net is not Fastly's functional cookie", () => {
    const c = classifyCookie(index, {
      name: 'vid',
      domain: 'acme-edge.global.ssl.fastly.net',
      value: UUID,
      pageUrl: PAGE,
      lifetimeSeconds: 730 * DAY,
    });
    expect(EXEMPT, `${c.vendor} ${c.category} — ${c.reason}`).not.toContain(c.category);
  });
});

describe('the GA4 / Ads tag script on googletagmanager.com with an escaped ID', () => {
  // Browsers do not unescape a query, and Google's servers decode query parameters, so
  // <script src="https://www.googletagmanager.com/gtag/js?id=G%2DABC123"> loads the same GA4 tag.
  it.each([
    ['https://www.googletagmanager.com/gtag/js?id=G%2DABC123', 'google-analytics'],
    ['https://www.googletagmanager.com/gtag/js?id=AW%2D123456789', 'google-doubleclick-ads'],
    ['https://www.googletagmanager.com/gtag/js?%69d=G-ABC123', 'google-analytics'],
  ])('%s is the %s tag script, as without the escape', (url, vendor) => {
    const c = req(url);
    expect(c, `${c.vendor} ${c.category} — ${c.reason}`).toMatchObject({ vendor });
    expect(needsConsent(c.category)).toBe(true);
  });

  it('an escaped separator is part of a value, not a parameter (the server reads it so)', () => {
    expect(req('https://www.googletagmanager.com/gtag/js?x=1%26id%3DG-ABC123').vendor).not.toBe(
      'google-analytics',
    );
  });

  it('a first-party tagging server reads the escaped measurement id too', () => {
    const c = req('https://shop.example/metrics/g/collect?v=2&tid=G%2DABC123&cid=1.2&en=page_view');
    expect(c.vendor).toBe('google-analytics');
  });
});
