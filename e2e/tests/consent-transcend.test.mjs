// Transcend-style banner (the choice in localStorage `tcmConsent` only): phases and violations of Customer.io
// findings, the timeline, and a visitor who answers long after the page loaded.
// e2e-browsers: chromium firefox
import { test } from 'node:test';
import { assertPhases, assertTimeline, cioFindings, runVisit } from '../lib/consent-flow.mjs';
import { consentSuite } from '../lib/consent-suite.mjs';
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
