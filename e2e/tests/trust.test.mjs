// A verdict the audited site cannot bend: forged page reports, another site's consent cookie, consent stored
// without interaction, a choice and a tracker 10 ms apart (both orders), a widget with its own banner, and a choice
// stored against the visitor's click, a consent cookie another site's page seeded, and a choice stored in a tab
// the site opened itself (and an honest answer given long after the first input, seen from another tab).
// Verdicts are read from the popup, as a user sees them.
// e2e-browsers: chromium
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tabIdFor } from '../lib/browser-util.mjs';
import { evalInExtension } from '../lib/driver.mjs';
import { readDb, waitFor, waitForDb } from '../lib/db.mjs';
import { requestFindings, visitsOf } from '../lib/records.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();
const TRACKER = 'track.customer.io';

/** Waits until the visit of `url` holds the tracker request; returns `{ db, visit, derived, tabId }`. */
async function recorded(url, extra = () => true) {
  const tabId = await tabIdFor(h.browser, `${url}*`);
  let visit;
  const db = await waitForDb(
    h.browser,
    (db) => {
      visit = visitsOf(db, { tabId, url }).at(-1);
      return visit && requestFindings(db, visit.id, TRACKER).length > 0 && extra(db, visit);
    },
    { timeout: 30_000, message: `tracker request recorded for ${url}` },
  );
  return { db, visit, derived: db.derived[visit.id], tabId };
}

/** Waits until the detector named the banner's manager (it must, before it can classify a click); the tab id. */
async function toolDetected(url) {
  const tabId = await tabIdFor(h.browser, `${url}*`);
  await waitForDb(
    h.browser,
    (db) => {
      const v = visitsOf(db, { tabId, url }).at(-1);
      return v && db.evidence.some((e) => e.visitId === v.id && e.kind === 'tool');
    },
    { timeout: 30_000, message: 'OneTrust detected on the page' },
  );
  return tabId;
}

/** The popup for a tab: verdict and consent line as shown. */
async function popupFor(tabId) {
  const popup = await h.context.newPage();
  await popup.goto(h.extensionUrl(`popup.html?tabId=${tabId}`));
  await popup.waitForSelector('#verdict');
  const shown = {
    verdict: await popup.textContent('#verdict'),
    consent: await popup.textContent('#consent-state'),
  };
  await popup.close();
  return shown;
}

const trackerPhases = (db, visit) =>
  requestFindings(db, visit.id, TRACKER).map((f) => [f.phase, f.violation]);

test('a forged consent report from the page changes nothing and is shown as not confirmed', async () => {
  const page = await h.context.newPage();
  await page.goto('https://forged.example/');
  await page.waitForFunction(() => window.__track?.length === 1);
  const { db, visit, derived, tabId } = await recorded('https://forged.example/', (db, v) =>
    db.evidence.some((e) => e.visitId === v.id && e.kind === 'consent'),
  );
  h.dump('trust-forged', { visit, derived });
  assert.deepEqual(trackerPhases(db, visit), [['before-consent', true]]);
  // The consent lines are the page's reports only. (Under heavy load Chromium has, rarely, shown this tab as
  // user-activated with no input from the test: the detector's `interaction` line is not a consent report.)
  const lines = derived.consent.lines.filter((l) => l.state !== 'interaction');
  assert.ok(lines.length > 0 && lines.every((l) => l.provenance === 'page' && l.status === 'not-confirmed'));
  assert.deepEqual(derived.consent.choices, [], 'nothing counts as the visitor’s choice');
  // The old decoded-signal message (a OneTrust accept "stored before the visit") is not accepted at all.
  assert.ok(!db.evidence.some((e) => e.visitId === visit.id && e.consent?.signal.tool === 'onetrust'));
  const shown = await popupFor(tabId);
  assert.match(shown.verdict, /^1 marketing tracker fired before consent/);
  assert.match(shown.consent, /reported by the page, not confirmed/);
  await page.close();
});

test("an embedded widget's consent cookie and banner are not the site's choice", async () => {
  const page = await h.context.newPage();
  await page.goto('https://widget-host.example/');
  const frame = page.frameLocator('#widget');
  await frame.locator('#widget-accept').click();
  await page.waitForFunction(() => window.__track?.length === 1);
  const { db, visit, derived, tabId } = await recorded('https://widget-host.example/', (db, v) =>
    db.evidence.some((e) => e.visitId === v.id && e.kind === 'consent' && e.via === 'cookie-header'),
  );
  h.dump('trust-widget', { visit, derived });
  assert.deepEqual(trackerPhases(db, visit), [['before-consent', true]]);
  const widget = derived.consent.lines.filter((l) => l.site === 'consent-widget.example');
  assert.ok(widget.length > 0, 'the widget’s consent cookie is in the timeline');
  assert.ok(
    widget.every((l) => l.status === 'third-party'),
    'and only as another site’s',
  );
  assert.deepEqual(derived.consent.choices, []);
  assert.match((await popupFor(tabId)).verdict, /^1 marketing tracker fired before consent/);
  await page.close();
});

test('an accept-all cookie stored by the first response is consent without interaction, flagged', async () => {
  const page = await h.context.newPage();
  await page.goto('https://implied.example/');
  await page.waitForFunction(() => window.__track?.length === 1);
  const { db, visit, derived, tabId } = await recorded('https://implied.example/', (db, v) =>
    db.evidence.some((e) => e.visitId === v.id && e.kind === 'consent' && e.via === 'set-cookie'),
  );
  h.dump('trust-implied', { visit, derived });
  assert.deepEqual(trackerPhases(db, visit), [['before-consent', true]]);
  assert.equal(derived.consent.withoutInteraction, true);
  const shown = await popupFor(tabId);
  assert.match(shown.verdict, /consent was stored without any interaction/);
  assert.match(shown.verdict, /^1 marketing tracker fired before consent/);
  await page.close();
});

for (const [order, expected] of [
  ['after', [['after-accept', false]]],
  ['before', [['before-consent', true]]],
]) {
  test(`a tracker 10 ms ${order} the visitor's Accept click is ${expected[0][0]}`, async () => {
    const url = `https://race-${order}.example/`;
    const page = await h.context.newPage();
    await page.goto(url);
    const tabId = await toolDetected(url);
    const accept = '#onetrust-accept-btn-handler';
    if (order === 'after') {
      // The page stores the choice on click and fires its tracker 10 ms later.
      await page.click(accept);
    } else {
      // The page fires its tracker on mousedown. The click follows once the tracker's response is back, plus 10 ms:
      // a loaded renderer may otherwise start the fetch after it has already handled the click (input goes first).
      await page.hover(accept);
      await page.mouse.down();
      await page.waitForFunction(() => window.__track?.length === 1);
      await new Promise((r) => setTimeout(r, 10));
      await page.mouse.up();
    }
    await page.waitForFunction(() => window.__track?.length === 1 && window.__stored);
    const { db, visit, derived } = await recorded(
      url,
      (db, v) =>
        db.evidence.some((e) => e.visitId === v.id && e.kind === 'click') &&
        db.evidence.some((e) => e.visitId === v.id && e.kind === 'consent' && e.provenance === 'browser'),
    );
    h.dump(`trust-race-${order}`, { visit, derived });
    const click = derived.consent.lines.find((l) => l.state === 'click');
    // The browser's request time and the click are at least 10 ms apart, in the order the test names.
    const [tracker] = requestFindings(db, visit.id, TRACKER);
    const gap = order === 'after' ? tracker.firstSeenAt - click.at : click.at - tracker.firstSeenAt;
    assert.ok(gap >= 10 && gap < 10_000, `tracker ${order} the click by ${gap} ms`);
    assert.deepEqual(trackerPhases(db, visit), expected);
    assert.equal(click?.status, 'click-confirmed', 'the click is confirmed by the stored choice');
    assert.match((await popupFor(tabId)).consent, /OneTrust · accepted at/);
    await page.close();
  });
}

test("an accept-all stored over the visitor's Reject click is dated when stored, and flagged", async () => {
  const url = 'https://contradict.example/';
  const page = await h.context.newPage();
  await page.goto(url);
  const tabId = await toolDetected(url);
  await page.click('#onetrust-reject-all-handler');
  await page.waitForFunction(() => window.__track?.length === 1 && window.__stored);
  const { db, visit, derived } = await recorded(
    url,
    (db, v) => db.derived[v.id]?.consent.contradicted.length > 0,
  );
  h.dump('trust-contradict', { visit, derived });
  // The refusal the click stored counts from the click; the tracker 200 ms later fired after it.
  assert.deepEqual(trackerPhases(db, visit), [['after-reject', true]]);
  const [flip] = derived.consent.contradicted;
  assert.equal(flip.action, 'reject-all');
  assert.equal(flip.choice.kind, 'accept-all');
  assert.ok(
    flip.storedAt - flip.clickAt >= 600,
    'the accept-all counts from when it was stored, not the click',
  );
  assert.deepEqual(
    derived.consent.choices.map((c) => [c.choice.kind, c.at]),
    [
      ['reject-all', flip.clickAt],
      ['accept-all', flip.storedAt],
    ],
  );
  assert.equal(derived.consent.lines.find((l) => l.state === 'click')?.status, 'click-contradicted');
  const shown = await popupFor(tabId);
  assert.match(
    shown.verdict,
    /^1 marketing tracker fired after consent was refused; the visitor clicked reject all at .+, and OneTrust then stored: accepted at /,
  );
  assert.match(
    shown.consent,
    /OneTrust · accepted at .+ \(the stored choice contradicts the visitor’s click\)/,
  );
  await page.close();
});

test("the visitor's Reject click is seen though the page stops it in its own capture listener on the window", async () => {
  // The page's listener comes after ours (registered at document_start): it cannot hide the click, and the accept it
  // stores instead contradicts it (the tracker after that accept reads after it; the verdict names the override).
  const url = 'https://stop-click.example/';
  const page = await h.context.newPage();
  await page.goto(url);
  await toolDetected(url);
  await page.click('#onetrust-reject-all-handler');
  await page.waitForFunction(() => window.__track?.length === 1 && window.__stored);
  const { visit, derived } = await recorded(
    url,
    (db, v) => db.derived[v.id]?.consent.contradicted.length > 0,
  );
  h.dump('trust-stop-click', { visit, derived });
  const click = derived.consent.lines.find((l) => l.state === 'click');
  assert.equal(click?.action, 'reject-all');
  assert.equal(click?.status, 'click-contradicted');
  assert.equal(derived.verdict.severity, 'violation');
  assert.match(
    derived.verdict.text,
    /the visitor clicked reject all at .+, and OneTrust then stored: accepted at /,
  );
  await page.close();
});

// A site of its own each: the first one's accept stays in its jar.
for (const [host, how] of [
  ['unnamed-dialog.example', ''],
  [
    'unnamed-drawn.example',
    ', also when its Accept is drawn as a button (a div in a shadow root) after 45 links',
  ],
])
  test(`a Reject all in a dialog nothing names, but which speaks of cookies, is the refusal an accept then contradicts${how}`, async () => {
    const url = `https://${host}/`;
    const page = await h.context.newPage();
    await page.goto(url);
    await page.waitForSelector('#x9-no');
    // The detector is running (it reports the page's activation state first).
    const tabId = await tabIdFor(h.browser, `${url}*`);
    await waitForDb(h.browser, (db) => {
      const v = visitsOf(db, { tabId, url }).at(-1);
      return v && db.evidence.some((e) => e.visitId === v.id && e.kind === 'activation');
    });
    await page.click('#x9-no');
    await page.waitForFunction(() => window.__track?.length === 1 && window.__stored);
    const { visit, derived } = await recorded(
      url,
      (db, v) => db.derived[v.id]?.consent.contradicted.length > 0,
    );
    h.dump(`trust-${host}`, { visit, derived });
    const click = derived.consent.lines.find((l) => l.state === 'click');
    assert.equal(click?.action, 'reject-all');
    assert.equal(click?.status, 'click-contradicted');
    assert.equal(derived.verdict.severity, 'violation');
    await page.close();
  });

test('an accept a newsletter popup stores over the refusal the visitor brought needs review, then and on the next visit', async () => {
  const page = await h.context.newPage();
  await page.goto('https://over-refusal.example/refuse');
  await toolDetected('https://over-refusal.example/refuse');
  await page.click('#onetrust-reject-all-handler');
  await page.waitForFunction(() => window.__stored);
  // The next visit brings the refusal; the visitor closes the newsletter popup, whose handler stores accept-all.
  await page.goto('https://over-refusal.example/');
  await page.waitForSelector('#close');
  await page.click('#close');
  await page.waitForFunction(() => window.__track?.length === 1);
  const url = 'https://over-refusal.example/';
  const first = await recorded(url, (db, v) =>
    db.derived[v.id]?.consent.lines.some((l) => l.status === 'over-refusal'),
  );
  h.dump('trust-over-refusal', { visit: first.visit, derived: first.derived });
  assert.deepEqual(trackerPhases(first.db, first.visit), [['after-unknown-choice', false]]);
  assert.match(first.derived.verdict.text, /stored over the visitor’s earlier refusal.*needs review/);
  // The background waits out the activation grace, then remembers it; the next visit brings the accept back.
  await new Promise((r) => setTimeout(r, 2_500));
  await page.reload();
  await page.waitForFunction(() => window.__track?.length === 1);
  const second = await recorded(
    url,
    (db, v) =>
      v.id !== first.visit.id && db.derived[v.id]?.consent.lines.some((l) => l.status === 'over-refusal'),
  );
  h.dump('trust-over-refusal-next', { visit: second.visit, derived: second.derived });
  assert.deepEqual(trackerPhases(second.db, second.visit), [['after-unknown-choice', false]]);
  await page.close();
});

test("an accept-all a redirect stores over the visitor's refusal is the site's, not a choice carried over", async () => {
  const page = await h.context.newPage();
  await page.goto('https://redirect-accept.example/refuse');
  await toolDetected('https://redirect-accept.example/refuse');
  await page.click('#onetrust-reject-all-handler');
  await page.waitForFunction(() => window.__stored);
  // The refusal goes with the request for /; the 302 to /home stores accept-all over it.
  await page.goto('https://redirect-accept.example/');
  await page.waitForFunction(() => window.__track?.length === 1);
  const url = 'https://redirect-accept.example/home';
  const { db, visit, derived } = await recorded(url, (db, v) =>
    db.evidence.some((e) => e.visitId === v.id && e.kind === 'consent' && e.via === 'set-cookie'),
  );
  h.dump('trust-redirect-accept', { visit, derived });
  assert.deepEqual(trackerPhases(db, visit), [['after-reject', true]]);
  assert.equal(derived.consent.withoutInteraction, true);
  const accept = derived.consent.lines.find((l) => l.choice?.kind === 'accept-all');
  assert.equal(accept?.status, 'without-interaction');
  await page.close();
});

test("an accept-all stored 11 s after the visitor's Reject click, with no click since, is still contradicted", async () => {
  // Past the 10 s in which a click dates a stored choice: waiting must not turn a refusal into consent.
  const url = 'https://contradict-late.example/';
  const page = await h.context.newPage();
  await page.goto(url);
  await toolDetected(url);
  await page.click('#onetrust-reject-all-handler');
  await page.waitForFunction(() => window.__track?.length === 1 && window.__stored, null, {
    timeout: 30_000,
  });
  const { visit, derived } = await recorded(
    url,
    (db, v) => db.derived[v.id]?.consent.contradicted.length > 0,
  );
  h.dump('trust-contradict-late', { visit, derived });
  const [flip] = derived.consent.contradicted;
  assert.equal(flip.action, 'reject-all');
  assert.ok(
    flip.storedAt - flip.clickAt >= 11_000,
    `stored ${flip.storedAt - flip.clickAt} ms after the click`,
  );
  assert.equal(derived.verdict.severity, 'violation');
  assert.match(
    derived.verdict.text,
    /the visitor clicked reject all at .+, and OneTrust then stored: accepted at /,
  );
  await page.close();
});

for (const [how, blogSite, shop] of [
  ['', 'seed-blog.example', 'seeded-shop.example'],
  [
    ', also when first planted partitioned and sent back to the shop',
    'plant-blog.example',
    'planted-shop.example',
  ],
]) {
  test(`a consent cookie another site's page seeded is not carried over as the visitor's choice${how}`, async () => {
    // Chromium with third-party cookies allowed: the blog's image stores the shop's accept-all in the shop's jar.
    const blog = await h.context.newPage();
    await blog.goto(`https://${blogSite}/`);
    // Nothing is evaluated in the blog's page: Playwright evaluates with a user gesture, which activates the page.
    // The background remembers it once the blog's page stayed untouched through the activation grace.
    const seeded = await waitFor(
      async () =>
        (
          await evalInExtension(
            h.browser,
            async (chrome, k) => (await chrome.storage.local.get(k))[k],
            'seededConsent',
          )
        )?.[`${shop}|(seeded)`],
      { message: 'the shop’s seeded record remembered' },
    );
    assert.deepEqual([seeded.onSite, seeded.tools], [blogSite, ['onetrust']]);
    await blog.close();
    const page = await h.context.newPage();
    await page.goto(`https://${shop}/`);
    await page.waitForFunction(() => window.__track?.length === 1);
    const { db, visit, derived, tabId } = await recorded(`https://${shop}/`, (db, v) =>
      db.evidence.some((e) => e.visitId === v.id && e.kind === 'consent' && e.via === 'cookie-header'),
    );
    h.dump(`trust-seeded-${shop}`, { visit, derived });
    assert.deepEqual(trackerPhases(db, visit), [['before-consent', true]]);
    assert.equal(derived.consent.withoutInteraction, true);
    const line = derived.consent.lines.find((l) => l.status === 'without-interaction');
    assert.equal(line?.storedUnprompted?.onSite, blogSite);
    assert.match((await popupFor(tabId)).verdict, /^1 marketing tracker fired before consent/);
    await page.close();
  });
}

for (const [how, site, button] of [
  ['a link click', 'tab-opener.example', '#offers'],
  ['a button styled like a banner’s', 'banner-opener.example', '#continue'],
]) {
  test(`an accept stored on its own in a tab the site opened on ${how} is not covered by the opener tab`, async () => {
    const opener = await h.context.newPage();
    await opener.goto(`https://${site}/`);
    const [landing] = await Promise.all([h.context.waitForEvent('page'), opener.click(button)]);
    const url = `https://${site}/landing`;
    const { visit, tabId } = await recorded(url, (db, v) =>
      db.evidence.some((e) => e.visitId === v.id && e.kind === 'consent' && e.via === 'cookies-api'),
    );
    // A mark held for the opener tab's late report is added once the grace has passed: read after it.
    await new Promise((r) => setTimeout(r, 2_500));
    const db = await readDb(h.browser);
    const derived = db.derived[visit.id];
    h.dump(`trust-${site}`, { visit, derived });
    assert.deepEqual(trackerPhases(db, visit), [['before-consent', true]]);
    assert.equal(derived.consent.withoutInteraction, true);
    assert.ok(!db.evidence.some((e) => e.visitId === visit.id && e.consent?.otherTab));
    assert.match((await popupFor(tabId)).verdict, /consent was stored without any interaction/);
    await landing.close();
    await opener.close();
  });
}

test("an answer given over 30 s after the visitor's first input is theirs in another tab of the site too", async () => {
  const page = await h.context.newPage();
  await page.goto('https://late-answer.example/');
  await page.click('#region-ok');
  const other = await h.context.newPage();
  const url = 'https://late-answer.example/other';
  await other.goto(url);
  const { tabId } = await recorded(url);
  // Past the other-tab window after the first input: only the later input can cover the choice.
  await new Promise((r) => setTimeout(r, 32_000));
  await page.bringToFront();
  await page.click('#bar-yes');
  const storedHere = (db, v) =>
    db.evidence.filter((e) => e.visitId === v.id && e.kind === 'consent' && e.via === 'cookies-api');
  let visit;
  // Marked as the other tab's answer (at once, or once the grace has passed), so not the site's doing.
  const db = await waitForDb(
    h.browser,
    (db) => {
      visit = visitsOf(db, { tabId, url }).at(-1);
      return storedHere(db, visit).some((e) => e.consent?.otherTab);
    },
    { timeout: 30_000, message: 'the choice seen stored from the other tab, marked as that tab’s answer' },
  );
  h.dump('trust-late-answer', { visit, stored: storedHere(db, visit), derived: db.derived[visit.id] });
  assert.notEqual(db.derived[visit.id].consent.withoutInteraction, true);
  await other.close();
  await page.close();
});

for (const [how, site, leave] of [
  ['a link the visitor follows', 'pagehide-accept.example', (page) => page.click('#next')],
  [
    'an address the visitor types',
    'pagehide-typed.example',
    (page) => page.goto('https://pagehide-typed.example/next'),
  ],
  ['a link the visitor follows, in localStorage', 'pagehide-storage.example', (page) => page.click('#next')],
]) {
  test(`an accept-all a page stores as it is left (pagehide), on ${how}, is consent without interaction on the next page`, async () => {
    const page = await h.context.newPage();
    // Nothing is evaluated in the page left (Playwright evaluates with a user gesture, which activates the page).
    await page.goto(`https://${site}/`);
    await new Promise((r) => setTimeout(r, 1_000));
    await leave(page);
    await page.waitForFunction(() => window.__track?.length === 1);
    const url = `https://${site}/next`;
    // Read once the activation grace has passed: a memory of the record is decided after it.
    await recorded(url);
    await new Promise((r) => setTimeout(r, 2_500));
    const { db, visit, derived, tabId } = await recorded(url);
    h.dump(`trust-${site}`, { visit, derived, evidence: db.evidence.filter((e) => e.kind === 'consent') });
    assert.deepEqual(trackerPhases(db, visit), [['before-consent', true]]);
    assert.equal(derived.consent.withoutInteraction, true);
    const line = derived.consent.lines.find((l) => l.status === 'without-interaction');
    assert.equal(line?.storedUnprompted?.leaving, true);
    const shown = await popupFor(tabId);
    assert.match(shown.verdict, /^1 marketing tracker fired before consent/);
    assert.match(shown.consent, /consent stored without interaction/);
    await page.close();
  });
}
