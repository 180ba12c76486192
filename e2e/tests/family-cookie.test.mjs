// A first-party cookie no list names, of a tracking vendor's name family: Reddit's pixel writes `_rdt_cid` beside
// its listed `_rdt_uuid`. With Reddit's requests on the page it is Reddit's (a marketing violation before consent,
// a row in Reddit's popup entry); written by the site alone it is "unknown: needs review", never exempt.
// e2e-browsers: chromium firefox
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tabIdFor } from '../lib/browser-util.mjs';
import { waitForDb } from '../lib/db.mjs';
import { cookieFindings, requestFindings, visitsOf } from '../lib/records.mjs';
import { useBrowser } from '../lib/suite.mjs';
import { CRISP_SESSION, GA_OPT_OUT } from '../fixtures/sites/site-family.mjs';

const h = useBrowser();

/** The visit's findings once the cookies `names` and requests to `hosts` are all recorded. */
async function findingsFor(url, names, hosts = []) {
  const page = await h.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__sent === true);
  const tabId = await tabIdFor(h.browser, `${url}*`);
  const visitOf = (db) => visitsOf(db, { tabId, url }).at(-1);
  const db = await waitForDb(
    h.browser,
    (d) => {
      const v = visitOf(d);
      return (
        v &&
        names.every((n) => cookieFindings(d, v.id, n).length) &&
        hosts.every((host) => requestFindings(d, v.id, host).length)
      );
    },
    { timeout: 30_000, message: names.join(', ') },
  );
  return { db, visit: visitOf(db), tabId };
}

test("Reddit's pixel: its unlisted _rdt_cid is Reddit's, a violation before consent", async () => {
  // The Google Ads request follows its cookie, so it may land in a later batch: wait for it too.
  const { db, visit, tabId } = await findingsFor(
    'https://family.example/',
    ['_rdt_uuid', '_rdt_cid', '_gcl_ag'],
    ['www.googleadservices.com'],
  );
  h.dump('family-cookie-db', db);
  const [f] = cookieFindings(db, visit.id, '_rdt_cid');
  assert.equal(f.vendorId, 'reddit');
  assert.equal(f.category, 'marketing');
  assert.equal(f.phase, 'before-consent');
  assert.equal(f.violation, true);
  assert.match(f.reason, /^named Reddit: no record lists the name, but it is of Reddit's cookie names/);

  // Google's _gcl_ names are Google Ads' (one is filed under Other Google APIs): a family of one company's vendors.
  const [gcl] = cookieFindings(db, visit.id, '_gcl_ag');
  assert.equal(gcl.vendorId, 'google-doubleclick-ads');
  assert.equal(gcl.category, 'advertising');
  assert.equal(gcl.violation, true);

  const popup = await h.context.newPage();
  await popup.goto(h.extensionUrl(`popup.html?tabId=${tabId}`));
  await popup.waitForSelector('[data-vendor="reddit"]');
  await popup.click('[data-vendor="reddit"] > button.vendor-head');
  assert.match(await popup.locator('[data-vendor="reddit"] .vendor-body').textContent(), /_rdt_cid/);
  await h.snap(popup, 'family-cookie-popup');
});

test('the same name written with no Reddit request on the page needs review, with no vendor', async () => {
  const { db, visit } = await findingsFor('https://family-alone.example/', [
    '_rdt_cid',
    'ph_lang',
    CRISP_SESSION,
    GA_OPT_OUT,
    'mtm_consent_removed',
  ]);
  const [f] = cookieFindings(db, visit.id, '_rdt_cid');
  assert.equal(f.vendorId, null);
  assert.equal(f.category, 'unknown');
  assert.equal(f.violation, false);
  assert.match(f.reason, /^unknown: needs review; .*starts with _rdt_, like Reddit's cookies/);
  assert.ok(!db.derived[visit.id].parties.some((p) => p.key === 'reddit'), 'no Reddit party');
  // A site's own ph_lang: words after PostHog's listed ph_ prefix, PostHog nowhere on the page.
  const [lang] = cookieFindings(db, visit.id, 'ph_lang');
  assert.equal(lang.vendorId, null);
  assert.equal(lang.category, 'unknown');
  assert.equal(lang.violation, false);
  assert.match(
    lang.reason,
    /words after ph_, a two-letter prefix listed for PostHog, none of whose requests were seen/,
  );
  // The browser holds Crisp's name as its script encoded it; the list names crisp-client/.
  const [crisp] = cookieFindings(db, visit.id, CRISP_SESSION);
  assert.equal(crisp.vendorId, 'crisp');
  assert.equal(crisp.category, 'functional');
  assert.match(
    crisp.reason,
    /matches prefix crisp-client\/\* of Crisp; the browser holds the name percent-encoded/,
  );
  // Opt-outs, the records a site writes when its visitor refuses: consent management, never a tracker.
  const [optOut] = cookieFindings(db, visit.id, GA_OPT_OUT);
  assert.equal(optOut.category, 'consent');
  assert.equal(optOut.violation, false);
  assert.match(optOut.reason, /name suggests a stored consent choice or opt-out/);
  const [matomo] = cookieFindings(db, visit.id, 'mtm_consent_removed');
  assert.equal(matomo.vendorId, 'matomo');
  assert.equal(matomo.category, 'consent');
  assert.equal(matomo.violation, false);
});
