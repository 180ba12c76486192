// One table-driven runner for every real consent manager (rows in cmp-pages.mjs): five scenarios on a leaky
// and a clean shop, each verdict read from the popup as a user sees it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tabIdFor } from './browser-util.mjs';
import { readDb, waitFor } from './db.mjs';
import { MANAGERS, shopHost } from './cmp-pages.mjs';

/** Hosts whose requests are the shop's trackers (GA4, Meta pixel, Customer.io). */
const TRACKER_HOSTS = ['region1.google-analytics.com', 'www.facebook.com', 'track.customer.io'];

/**
 * What an auditor expects the popup to say. `before`: trackers fired before consent; `refused`: trackers
 * fired after the visitor refused; `choice`: the consent line's wording of the stored choice.
 * Leaky shops fire GA4, the Meta pixel and Customer.io on load and keep tracking clicks after "Reject";
 * clean shops load them only once the manager reports consent.
 */
export const EXPECT = {
  leaky: {
    first: { before: true, refused: false, choice: /no choice yet/ },
    accept: { before: true, refused: false, choice: /accepted|allowed: .*marketing/ },
    reject: { before: true, refused: true, choice: /rejected|only necessary/ },
    return: { before: false, refused: true, choice: /(rejected|only necessary) before this visit/ },
  },
  clean: {
    first: { before: false, refused: false, choice: /no choice yet/ },
    accept: { before: false, refused: false, choice: /accepted|allowed: .*marketing/ },
    reject: { before: false, refused: false, choice: /rejected|only necessary/ },
    return: { before: false, refused: false, choice: /(rejected|only necessary) before this visit/ },
  },
};

/** EXPECT's row for a scenario, with the manager's own `expect` for it laid over (cmp-pages.mjs). */
export function expectFor(m, shop, scenario) {
  return { ...EXPECT[shop][scenario], ...m.expect?.[scenario] };
}

export const BEFORE = /fired before consent(?! or)/;
export const REFUSED = /fired after consent was refused/;

/** Tracker requests the fixture server answered for the page on `host` since `since` (by their Referer). */
export function trackerHits(h, host, since) {
  return h.server.log.filter(
    (l) =>
      l.at >= since && TRACKER_HOSTS.includes(l.host) && (l.referer ?? l.origin ?? '').includes(`//${host}/`),
  );
}

export async function waitForTrackers(h, host, since, message) {
  await waitFor(() => TRACKER_HOSTS.every((t) => trackerHits(h, host, since).some((l) => l.host === t)), {
    timeout: 15_000,
    message,
  });
}

/** Registers a test whose pages are closed however it ends (a leaky page left open keeps tracking). */
export function scenario(name, opts, fn) {
  test(name, opts, async (t) => {
    const pages = [];
    try {
      await fn(pages, t);
    } finally {
      await Promise.all(pages.map((p) => p.close().catch(() => undefined)));
    }
  });
}

/** Loads the shop and waits for the manager's banner (as a visitor would, a moment after it shows). */
export async function openShop(h, m, host, pages) {
  const page = await h.context.newPage();
  pages.push(page);
  const at = Date.now();
  await page.goto(`https://${host}/`);
  return { page, at };
}

/**
 * Whether the visitor can see `selector`: visible and inside the viewport. Cookie Though hides its banner by
 * sliding it below the window (`bottom: -300px`), where it still counts as visible.
 */
export async function onScreen(page, selector) {
  const box = await page
    .locator(selector)
    .first()
    .boundingBox({ timeout: 1000 })
    .catch(() => null);
  const view = page.viewportSize();
  if (!box || !(await page.isVisible(selector).catch(() => false))) return false;
  return (
    !view || (box.y < view.height && box.y + box.height > 0 && box.x < view.width && box.x + box.width > 0)
  );
}

/** The manager's stored choice cookie for `host`, or null. */
export async function choiceCookie(h, m, host, page) {
  // A manager keeping its record in localStorage (`storageKey`): read in the page.
  if (m.storageKey) return page.evaluate((key) => localStorage.getItem(key), m.storageKey);
  const jar = await h.context.cookies(`https://${host}/`);
  const c = jar.find((x) => x.name === m.cookie);
  // tarteaucitron writes its cookie with "=wait" entries before any answer.
  return c && !/^(!\w+=wait)+$/.test(c.value) ? c.value : null;
}

/** Clicks the banner's own button, again if the manager was not ready to store the first click. */
export async function choose(h, m, page, host, action) {
  const selector = m[action];
  await page.waitForSelector(selector, { state: 'visible', timeout: 15_000 });
  await page.waitForTimeout(1500); // a visitor reads the banner first; managers finish wiring their buttons
  const at = Date.now();
  for (let attempt = 0; attempt < 2; attempt++) {
    await page.click(selector, { timeout: 5000 }).catch(() => undefined);
    // Generous: on a loaded machine a manager may take seconds to store; a click it missed is retried after.
    const stored = await waitFor(async () => (await choiceCookie(h, m, host, page)) !== null, {
      timeout: 10_000,
    }).then(
      () => true,
      () => false,
    );
    if (stored) return at;
  }
  throw new Error(`${m.label}: clicking ${selector} stored no ${m.cookie} cookie`);
}

/**
 * The visitor's click as the extension recorded it (the generic path: autoconsent's rule, or the manager's
 * banner named by its own evidence), or null after 20 s.
 */
export async function recordedClick(h, host, action) {
  let found = null;
  await waitFor(
    async () => {
      const db = await readDb(h.browser);
      found =
        db.evidence.find((e) => e.kind === 'click' && e.site === host && e.click?.action === action) ?? null;
      return found !== null;
    },
    { timeout: 20_000, interval: 500 },
  ).catch(() => undefined);
  return found;
}

/** The managers the detector reported for `host` since `since` (its `tool` entries), after up to 20 s. */
async function detectedTools(h, host, since) {
  let named = [];
  await waitFor(
    async () => {
      const db = await readDb(h.browser);
      named = db.evidence
        .filter((e) => e.kind === 'tool' && e.site === host && e.at >= since)
        .map((e) => e.tool.tool);
      return named.length > 0;
    },
    { timeout: 20_000, interval: 500 },
  ).catch(() => undefined);
  return named;
}

/** Opens the popup for the tab showing `host` and waits until `until(view)` holds (or times out). */
export async function popupView(h, host, until, message, pages) {
  const tabId = await tabIdFor(h.browser, `https://${host}/*`);
  const popup = await h.context.newPage();
  pages.push(popup);
  await popup.setViewportSize({ width: 460, height: 600 });
  await popup.goto(h.extensionUrl(`popup.html?tabId=${tabId}`));
  let view = null;
  const read = async () => {
    if (!(await popup.$('#verdict'))) return false;
    view = {
      verdict: (await popup.textContent('#verdict')) ?? '',
      severity: (await popup.getAttribute('#verdict', 'class')) ?? '',
      consent: (await popup.textContent('#consent-state')) ?? '',
      vendors: await popup.$$eval('[data-vendor]', (els) => els.map((e) => e.getAttribute('data-vendor'))),
    };
    return until(view);
  };
  // The popup refreshes itself every 2 s; findings and the choice arrive in the background a little later.
  await waitFor(read, { timeout: 20_000, interval: 500, message }).catch(() => undefined);
  return { popup, view, tabId };
}

/** Asserts a popup view against an expectation row; returns a one-line summary for failure messages. */
function assertView(m, shop, scenario, view, exp) {
  const where = `${m.label}, ${shop} shop, ${scenario}`;
  assert.ok(view, `${where}: the popup showed a verdict`);
  const text = `verdict "${view.verdict}" · consent "${view.consent}"`;
  assert.equal(
    BEFORE.test(view.verdict),
    exp.before,
    `${where}: before-consent trackers ${exp.before ? '' : 'not '}reported (${text})`,
  );
  assert.equal(
    REFUSED.test(view.verdict),
    exp.refused,
    `${where}: after-refusal trackers ${exp.refused ? '' : 'not '}reported (${text})`,
  );
  assert.equal(
    /violation/.test(view.severity),
    exp.before || exp.refused,
    `${where}: verdict severity (${view.severity}; ${text})`,
  );
  assert.match(view.consent, m.name, `${where}: the consent line names ${m.label} by its name (${text})`);
  assert.match(view.consent, exp.choice, `${where}: the consent line states the choice (${text})`);
}

const matches = (exp, m) => (v) =>
  BEFORE.test(v.verdict) === exp.before &&
  REFUSED.test(v.verdict) === exp.refused &&
  m.name.test(v.consent) &&
  exp.choice.test(v.consent);

/**
 * Registers the ten scenarios of one manager (first visit, Accept, Reject, returning visit after Reject, and
 * the one-click audit; each on a leaky and a clean shop) in the calling test file.
 * @param {object} h handle from useBrowser
 * @param {string} id a key of MANAGERS
 */
export function cmpSuite(h, id) {
  const m = MANAGERS[id];
  for (const shop of ['leaky', 'clean']) {
    const leaky = shop === 'leaky';

    scenario(`${m.label} · ${shop} shop · first visit`, {}, async (pages) => {
      const host = shopHost(id, shop, 'first');
      const { page, at } = await openShop(h, m, host, pages);
      await page.waitForSelector(m.reject, { state: 'visible', timeout: 15_000 });
      if (leaky) await waitForTrackers(h, host, at, 'trackers on load');
      else await page.waitForTimeout(2500);
      if (!leaky)
        assert.deepEqual(trackerHits(h, host, at), [], 'the clean shop fires nothing before a choice');
      const exp = expectFor(m, shop, 'first');
      const { popup, view } = await popupView(h, host, matches(exp, m), 'popup verdict', pages);
      await h.snap(popup, `cmp-${id}-${shop}-first-popup`);
      assertView(m, shop, 'first visit', view, exp);
    });

    for (const action of ['accept', 'reject']) {
      scenario(
        `${m.label} · ${shop} shop · ${action === 'accept' ? 'Accept' : 'Reject'}`,
        {},
        async (pages) => {
          const host = shopHost(id, shop, action);
          const { page } = await openShop(h, m, host, pages);
          const clickedAt = await choose(h, m, page, host, action);
          // Leaky: the click on the banner is itself tracked, whatever was chosen. Clean: only after Accept.
          if (leaky || action === 'accept')
            await waitForTrackers(h, host, clickedAt, 'trackers after the click');
          else {
            await page.waitForTimeout(2500);
            assert.deepEqual(
              trackerHits(h, host, clickedAt),
              [],
              'the clean shop fires nothing after Reject',
            );
          }
          const exp = expectFor(m, shop, action);
          const { popup, view } = await popupView(h, host, matches(exp, m), 'popup verdict', pages);
          await h.snap(popup, `cmp-${id}-${shop}-${action}-popup`);
          assertView(m, shop, action, view, exp);
          if (!leaky && action === 'accept')
            assert.ok(view.vendors.includes('customer-io'), 'Customer.io is listed after Accept');
          const click = await recordedClick(h, host, action === 'accept' ? 'accept-all' : 'reject-all');
          const clicks = click
            ? []
            : (await readDb(h.browser)).evidence
                .filter((e) => e.site === host && (e.kind === 'click' || e.kind === 'tool'))
                .map((e) => JSON.stringify(e.click ?? e.tool));
          assert.ok(
            click,
            `${m.label}: the visitor's click on "${action}" is recorded as ${action}-all (recorded: ${clicks.join(', ') || 'none'})`,
          );
          // MANAGERS keys are the registry ids (lib/consent/tools.ts): the click names the manager by its evidence.
          assert.equal(click.click.tool, m.tool ?? id, 'the click names the manager');
        },
      );
    }

    scenario(`${m.label} · ${shop} shop · returning visit after Reject`, {}, async (pages) => {
      const host = shopHost(id, shop, 'return');
      const { page } = await openShop(h, m, host, pages);
      await choose(h, m, page, host, 'reject');
      await page.waitForTimeout(1000);
      const at = Date.now();
      await page.reload();
      if (leaky) await waitForTrackers(h, host, at, 'trackers on the returning visit');
      else await page.waitForTimeout(3000);
      if (!leaky) assert.deepEqual(trackerHits(h, host, at), [], 'the clean shop honours the stored refusal');
      assert.equal(await onScreen(page, m.reject), false, 'no banner on the returning visit');
      const exp = expectFor(m, shop, 'return');
      const { popup, view } = await popupView(h, host, matches(exp, m), 'popup verdict', pages);
      await h.snap(popup, `cmp-${id}-${shop}-return-popup`);
      assertView(m, shop, 'returning visit after Reject', view, exp);
      // The detector names the manager on the returning visit too, where its stored record may be all there is
      // (react-cookie-consent's `CookieConsent` has Cookiebot's name: its format, read by its parser, decides).
      const named = await detectedTools(h, host, at);
      assert.ok(named.length > 0, `${m.label}: the detector named a manager on the returning visit`);
      assert.deepEqual(
        [...new Set(named)],
        [m.tool ?? id],
        'the detector names the manager on the returning visit',
      );
    });

    scenario(`${m.label} · ${shop} shop · one-click audit`, { timeout: 150_000 }, async (pages) => {
      const host = shopHost(id, shop, 'audit');
      const { page } = await openShop(h, m, host, pages);
      await page.waitForSelector(m.reject, { state: 'visible', timeout: 15_000 });
      const tabId = await tabIdFor(h.browser, `https://${host}/*`);
      const popup = await h.context.newPage();
      pages.push(popup);
      await popup.setViewportSize({ width: 460, height: 600 });
      await popup.goto(h.extensionUrl(`popup.html?tabId=${tabId}`));
      await popup.click('#audit-start');
      await popup.click('#audit-confirm');
      // autoconsent refuses the banners it knows; for the others the audit asks the user to click "Reject".
      const done = popup.waitForSelector('#audit-summary', { timeout: 120_000 }).then(() => 'done');
      const asked = popup
        .waitForFunction(
          () => /Click “Reject”/.test(document.querySelector('#audit-step')?.textContent ?? ''),
          null,
          {
            timeout: 120_000,
          },
        )
        .then(
          () => 'asked',
          () => 'never',
        );
      if ((await Promise.race([done, asked])) === 'asked') {
        await page.bringToFront();
        await page.click(m.reject, { timeout: 15_000 });
        await done;
      }
      await h.snap(popup, `cmp-${id}-${shop}-audit-popup`);
      const before = (await popup.textContent('#audit-before').catch(() => '')) ?? '';
      const after = (await popup.textContent('#audit-after').catch(() => '')) ?? '';
      const panel = (await popup.textContent('#audit-panel')) ?? '';
      const summary = `before: "${before.slice(0, 200)}" · after: "${after.slice(0, 200)}"`;
      for (const vendor of [/Customer\.io/, /Google Analytics|Google/, /Meta|Facebook/]) {
        assert.equal(
          vendor.test(before),
          leaky,
          `${m.label} ${shop}: ${vendor} ${leaky ? '' : 'not '}before consent (${summary})`,
        );
      }
      assert.equal(
        /Customer\.io/.test(after),
        leaky,
        `${m.label} ${shop}: Customer.io ${leaky ? '' : 'not '}after the refusal (${summary})`,
      );
      // The audit panel shows the manager by its display name (lib/consent/tools.ts), never a raw id.
      assert.match(
        panel,
        new RegExp(`(pre-consent|post-reject): ${m.name.source}`),
        `${m.label}: the audit names the manager (${panel.slice(-300)})`,
      );
    });
  }
}
