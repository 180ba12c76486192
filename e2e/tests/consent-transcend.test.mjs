// Transcend-style banner (the choice in localStorage `tcmConsent` only): phases and violations of Customer.io
// findings, the timeline, and a visitor who answers long after the page loaded.
// e2e-browsers: chromium firefox
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertPhases, assertTimeline, cioFindings, runVisit } from '../lib/consent-flow.mjs';
import { evalInExtension } from '../lib/driver.mjs';
import { requestFindings, visitsOf } from '../lib/records.mjs';
import { consentSuite } from '../lib/consent-suite.mjs';
import { waitForDb } from '../lib/db.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();

consentSuite(h, {
  prefix: 'tcm',
  tool: /transcend/i,
  accept: '#tcm-accept',
  reject: '#tcm-reject',
  consentStorage: 'tcmConsent',
});

/**
 * Loads `url`, waits until `answer(page, 'waiting')` sees the banner, then 12 s more (past the content script's load
 * reads), answers with `answer(page, 'click')`, and returns the visit once it holds the trackers and the choice,
 * while the page is still open (nothing has been read at pagehide yet).
 */
function lateAnswer(url, answer) {
  return runVisit(h, {
    url,
    click: async (page) => {
      await answer(page, 'waiting');
      await new Promise((r) => setTimeout(r, 12_000));
      await answer(page, 'click');
    },
    until: (visit) => visit.consent.some((e) => e.state === 'choice'),
  });
}

// The content script reads managers' localStorage on load and a few seconds after; a choice made later is read
// right after the visitor's click, so a tracker the choice releases is after consent, not before it.
test('tcm: an answer 12 s after load is read at the click, not when the page goes', async () => {
  const { db, visit, page } = await lateAnswer('https://tcm-late.example/', async (page, step) => {
    if (step === 'waiting')
      await page.waitForFunction(
        () => document.getElementById('transcend-consent-manager')?.hidden === false,
        null,
      );
    else await page.click('#tcm-accept');
  });
  h.dump('consent-tcm-late-db', { visit, findings: cioFindings(db, visit.id) });
  assertTimeline(visit, /transcend/i, 'accept');
  assertPhases(db, visit, 'accept');
  await page.close();
});

// A banner in a frame: the click is the frame's, and the page hears of the answer by a message. The tracker
// follows 1 s later, as a tag manager's trigger after a consent update does.
test('tcm: an answer given in a banner frame 12 s after load is read when the frame tells the page', async () => {
  const { db, visit, page } = await lateAnswer(
    'https://tcm-frame.example/?delay=1000',
    async (page, step) => {
      if (step === 'waiting') {
        await page.waitForFunction(
          () => !!document.getElementById('tcm-frame')?.contentDocument?.getElementById('tcm-accept'),
          null,
        );
        return;
      }
      // A real click inside the frame, at the button's place on the page.
      const { x, y } = await page.evaluate(() => {
        const frame = document.getElementById('tcm-frame').getBoundingClientRect();
        const button = document
          .getElementById('tcm-frame')
          .contentDocument.getElementById('tcm-accept')
          .getBoundingClientRect();
        return {
          x: frame.left + button.left + button.width / 2,
          y: frame.top + button.top + button.height / 2,
        };
      });
      await page.mouse.click(x, y);
    },
  );
  h.dump('consent-tcm-frame-db', { visit, findings: cioFindings(db, visit.id) });
  assertTimeline(visit, /transcend/i, 'accept');
  assertPhases(db, visit, 'accept');
  await page.close();
});

/**
 * Opens `url` (in `page` when given) and returns, without running any script in the page, the stored visit once it
 * holds the stored choice and Customer.io's findings, with its derivation and the detector's activation reports.
 * `act(page)` is what the visitor does after the load, if anything.
 */
async function untouchedVisit(url, act, { page, notVisit } = {}) {
  // Any stored choice, counted or not (the visit's own `consent` shows only those that count).
  const until = (visit, db) => db.derived[visit.id]?.consent.lines.some((l) => l.state === 'choice');
  const run = await runVisit(h, { url, click: act, page, notVisit, until, untouched: true });
  const activation = run.db.evidence.filter((e) => e.visitId === run.visit.id && e.kind === 'activation');
  return { ...run, d: run.db.derived[run.visit.id], activation };
}

// A site that stores "accept" on its own, before the visitor has clicked, tapped or typed anywhere: the browser's
// sticky user activation says nobody touched the page, so the record is not the visitor's consent.
test('tcm: an accept the site stores before any interaction is not consent', async () => {
  const { db, visit, page, d, activation } = await untouchedVisit('https://tcm-auto.example/');
  h.dump('consent-tcm-auto-db', {
    visit,
    findings: cioFindings(db, visit.id),
    consent: d.consent,
    activation,
  });
  assert.ok(
    activation.some((e) => e.activation.active === false),
    'the detector reported the page untouched',
  );
  assert.equal(d.consent.withoutInteraction, true, 'consent stored without interaction');
  assert.deepEqual(d.consent.choices, [], 'no choice counted');
  assert.match(d.verdict.text, /stored without any interaction/);
  assertPhases(db, visit, 'before');

  // The page again: the record comes back with the document. It is the site's, not a choice the visitor brought.
  await new Promise((r) => setTimeout(r, 2_000));
  const again = await untouchedVisit('https://tcm-auto.example/', undefined, { page, notVisit: visit.id });
  h.dump('consent-tcm-auto-again-db', {
    visit: again.visit,
    findings: cioFindings(again.db, again.visit.id),
    consent: again.d.consent,
  });
  const brought = again.d.consent.lines.find((l) => l.state === 'choice' && l.at === again.visit.startedAt);
  assert.equal(brought?.status, 'without-interaction', 'the returning record is not carried over');
  assert.equal(again.d.consent.withoutInteraction, true);
  assertPhases(again.db, again.visit, 'before');
  await page.close();
});

// The visitor's click in a banner frame of another origin activates the page too (activation reaches the
// ancestors): the answer is theirs, though the page saw no click of its own.
test('tcm: an accept clicked in a cross-origin banner frame is the visitor’s', async () => {
  const { db, visit, page, d, activation } = await untouchedVisit(
    'https://tcm-xframe.example/?delay=1000',
    async (page) => {
      await new Promise((r) => setTimeout(r, 2_000));
      await page.mouse.click(150, 50);
    },
  );
  h.dump('consent-tcm-xframe-db', {
    visit,
    findings: cioFindings(db, visit.id),
    consent: d.consent,
    activation,
  });
  assert.ok(
    activation.some((e) => e.activation.active === false) &&
      activation.some((e) => e.activation.active === true),
    'the detector saw the page untouched, then touched',
  );
  assert.equal(d.consent.withoutInteraction, false);
  assertTimeline(visit, /transcend/i, 'accept');
  assertPhases(db, visit, 'accept');
  await page.close();
});

// "By continuing to browse you accept": the site stores an accept on the visitor's first click anywhere. A click on
// the page's content, outside the banner, is not an answer to it.
test('tcm: an accept stored on a click outside the banner is not the visitor’s answer', async () => {
  const { db, visit, page, d, activation } = await untouchedVisit(
    'https://tcm-anywhere.example/',
    async (page) => {
      await new Promise((r) => setTimeout(r, 2_000));
      await page.mouse.click(300, 300); // the story, below the banner
    },
  );
  h.dump('consent-tcm-anywhere-db', {
    visit,
    findings: cioFindings(db, visit.id),
    consent: d.consent,
    activation,
  });
  assert.ok(
    activation.some((e) => e.activation.outside === true && e.activation.label === '<p>'),
    'the detector saw the page touched only outside the banner, on the story',
  );
  assert.equal(d.consent.withoutInteraction, true, 'the accept is not counted');
  assert.equal(d.consent.outsideInput?.label, '<p>');
  assert.deepEqual(d.consent.choices, [], 'no choice counted');
  assert.match(d.verdict.text, /stored after the visitor’s click or key press outside the consent banner/);
  assertPhases(db, visit, 'before');

  // The page again, untouched: the record comes back with the document, still not the visitor's answer.
  await new Promise((r) => setTimeout(r, 2_000));
  const again = await untouchedVisit('https://tcm-anywhere.example/', undefined, {
    page,
    notVisit: visit.id,
  });
  const brought = again.d.consent.lines.find((l) => l.state === 'choice' && l.at === again.visit.startedAt);
  assert.equal(brought?.status, 'without-interaction', 'the returning record is not carried over');
  assertPhases(again.db, again.visit, 'before');
  await page.close();
});

// The same page as a full-page app (its content in a fixed shell filling the viewport: the page, not an overlay), in
// components whose names are as common on content as on banners (Adobe AEM's `cmp-…`, a hero "banner"), and wrapped
// whole in an element named "privacy-…": the click on the story is still outside the banner.
for (const [host, what] of [
  ['tcm-anywhere-shell.example', 'a full-page fixed shell'],
  ['tcm-anywhere-aem.example', 'AEM-style `cmp-` components and a hero banner'],
  ['tcm-anywhere-wrapped.example', 'a page wrapper named privacy'],
])
  test(`tcm: in ${what}, an accept stored on a click in the content is not the visitor’s answer`, async () => {
    const { db, visit, page, d, activation } = await untouchedVisit(`https://${host}/`, async (page) => {
      await new Promise((r) => setTimeout(r, 2_000));
      await page.mouse.click(300, 300);
    });
    h.dump(`consent-${host.split('.')[0]}-db`, { visit, consent: d.consent, activation });
    assert.ok(
      activation.some((e) => e.activation.outside === true),
      'the click in the content is outside',
    );
    assert.equal(d.consent.withoutInteraction, true);
    assert.equal(d.consent.outsideInput?.label, '<p>');
    assertPhases(db, visit, 'before');
    await page.close();
  });

// The same page (on another site, with nothing stored yet) answered in its banner: that click is the answer.
test('tcm: on the same page, an accept clicked in the banner is the visitor’s', async () => {
  const { db, visit, page, d, activation } = await untouchedVisit(
    'https://tcm-anywhere-banner.example/',
    async (page) => {
      await new Promise((r) => setTimeout(r, 2_000));
      await page.mouse.click(85, 35); // Accept all, in the fixed banner
    },
  );
  h.dump('consent-tcm-anywhere-banner-db', {
    visit,
    findings: cioFindings(db, visit.id),
    consent: d.consent,
    activation,
  });
  assert.ok(
    activation.some((e) => e.activation.active === true && !e.activation.outside),
    'the detector saw an input that could answer the banner',
  );
  assert.equal(d.consent.withoutInteraction, false);
  assertTimeline(visit, /transcend/i, 'accept');
  assertPhases(db, visit, 'accept');
  await page.close();
});

// Transcend's own UI puts its banner in a closed shadow root: the click reaches the document retargeted to the host.
// The detector looks inside (extensions may) at the click's point, so the visitor's Reject is recorded as such.
for (const [host, where] of [
  ['tcm-closed.example', 'a banner inside a closed shadow root'],
  ['tcm-closed-nested.example', 'an open shadow root inside a banner’s closed one'],
])
  test(`tcm: a Reject clicked in ${where} is the visitor’s click`, async () => {
    const { db, visit, page, d } = await untouchedVisit(`https://${host}/`, async (page) => {
      await new Promise((r) => setTimeout(r, 2_000));
      await page.mouse.click(275, 35); // Reject all, inside the closed root
    });
    const clicks = db.evidence.filter((e) => e.visitId === visit.id && e.kind === 'click');
    h.dump(`consent-${host.split('.')[0]}-db`, { visit, consent: d.consent, clicks });
    assert.deepEqual(
      clicks.map((e) => [e.click.action, e.click.tool]),
      [['reject-all', 'transcend']],
      'the click on Reject all, seen through the closed root',
    );
    assert.ok(
      d.consent.lines.some((l) => l.state === 'click' && l.status === 'click-confirmed'),
      'the stored refusal is confirmed by the click',
    );
    assertTimeline(visit, /transcend/i, 'reject');
    assertPhases(db, visit, 'reject');
    await page.close();
  });

// A click on the page first, then the answer in a cross-origin banner frame: the frame's click is not seen here,
// but focus moving into the frame is, so the answer still counts.
test('tcm: a click on the page, then an accept in a cross-origin banner frame, is the visitor’s', async () => {
  const { db, visit, page, d, activation } = await untouchedVisit(
    'https://tcm-xframe-after.example/?delay=1000',
    async (page) => {
      await new Promise((r) => setTimeout(r, 2_000));
      await page.mouse.click(400, 300); // the page, below the frame
      await new Promise((r) => setTimeout(r, 1_000));
      await page.mouse.click(150, 50); // Accept all, filling the frame
    },
  );
  h.dump('consent-tcm-xframe-after-page-db', {
    visit,
    findings: cioFindings(db, visit.id),
    consent: d.consent,
    activation,
  });
  assert.ok(
    activation.some((e) => e.activation.outside === true) &&
      activation.some((e) => e.activation.active === true && !e.activation.outside),
    'the detector saw the click on the page, then one that could answer (the frame taking the focus)',
  );
  assert.equal(d.consent.withoutInteraction, false);
  assertTimeline(visit, /transcend/i, 'accept');
  assertPhases(db, visit, 'accept');
  await page.close();
});

// Two tabs of one site: the visitor accepts in the first; the second, untouched, then reads the same record. It
// may be the visitor's answer in the other tab, so it is not "stored without interaction" there.
test('tcm: an accept given in another tab of the site is not the site’s doing in this one', async () => {
  const url = 'https://tcm-tabs.example/';
  const first = await h.context.newPage();
  await first.goto(url);
  const second = await h.context.newPage();
  await second.goto(url);
  await first.click('#tcm-accept');
  const tabs = await evalTabs(url);
  const tabId = tabs.at(-1);
  let visit;
  // The second tab's content script reads the record 3 or 10 s after its load.
  const db = await waitForDb(
    h.browser,
    (db) => {
      visit = visitsOf(db, { tabId, url }).at(-1);
      return visit && db.derived[visit.id]?.consent.lines.some((l) => l.state === 'choice');
    },
    { timeout: 30_000, message: `the choice read in the second tab of ${url}` },
  );
  const d = db.derived[visit.id];
  h.dump('consent-tcm-two-tabs-db', { visit, consent: d.consent });
  assert.ok(
    db.evidence.some((e) => e.visitId === visit.id && e.kind === 'activation' && !e.activation.active),
    'the second tab was watched, untouched',
  );
  assert.equal(d.consent.withoutInteraction, false);
  assert.equal(d.consent.choices.at(-1)?.choice?.kind, 'accept-all');
  await first.close();
  await second.close();
});

/** The ids of the tabs showing `url`, oldest first. */
async function evalTabs(url) {
  const tabs = await evalInExtension(h.browser, (api, u) => api.tabs.query({ url: u }), url);
  return tabs.map((t) => t.id).sort((a, b) => a - b);
}

// Accept all with the banner's "Do not sell or share my personal information" ticked (Transcend's SaleOfInfo off):
// Meta's pixel after it fired against the visitor's opt-out, Customer.io (marketing) with their consent.
test('tcm: an accept-all with a sale opt-out puts advertising after a refusal, marketing after consent', async () => {
  const { db, visit, page } = await runVisit(h, {
    url: 'https://tcm-nosale.example/',
    click: async (page) => {
      await page.click('#tcm-nosale');
      await page.click('#tcm-accept');
    },
    until: (visit, db) => requestFindings(db, visit.id, 'www.facebook.com').length > 0,
  });
  const derived = db.derived[visit.id];
  const pixel = requestFindings(db, visit.id, 'www.facebook.com');
  h.dump('consent-tcm-nosale-db', {
    visit,
    pixel,
    findings: cioFindings(db, visit.id),
    consent: derived.consent,
  });
  assert.deepEqual(
    pixel.map((f) => [f.category, f.phase, f.violation]),
    [['advertising', 'after-reject', true]],
  );
  assertPhases(db, visit, 'accept');
  const line = derived.consent.lines.find((l) => l.state === 'choice');
  assert.equal(line?.choice?.saleOptOut, true);
  assert.equal(line?.choice?.granted.includes('advertising'), false);
  await page.close();
});
