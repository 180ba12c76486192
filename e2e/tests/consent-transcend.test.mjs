// Transcend-style banner (the choice in localStorage `tcmConsent` only): phases and violations of Customer.io
// findings, the timeline, and a visitor who answers long after the page loaded.
// e2e-browsers: chromium firefox
import { test } from 'node:test';
import { assertPhases, assertTimeline, cioFindings } from '../lib/consent-flow.mjs';
import { consentSuite } from '../lib/consent-suite.mjs';
import { tabIdFor } from '../lib/browser-util.mjs';
import { waitForDb } from '../lib/db.mjs';
import { visitsOf } from '../lib/records.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();

consentSuite(h, {
  prefix: 'tcm',
  tool: /transcend/i,
  accept: '#tcm-accept',
  reject: '#tcm-reject',
  consentStorage: 'tcmConsent',
});

// The content script reads managers' localStorage on load and a few seconds after; a choice made later is read
// right after the visitor's click, so a tracker the choice releases is after consent, not before it.
test('tcm: an answer 12 s after load is read at the click, not when the page goes', async () => {
  const url = 'https://tcm-late.example/';
  const page = await h.context.newPage();
  await page.goto(url);
  await page.waitForFunction(
    () => document.getElementById('transcend-consent-manager')?.hidden === false,
    null,
  );
  await new Promise((r) => setTimeout(r, 12_000));
  await page.click('#tcm-accept');
  await page.waitForFunction(() => window.__cio?.state === 'sent', null, { timeout: 30_000 });
  const tabId = await tabIdFor(h.browser, 'https://tcm-late.example/*');
  let visit;
  // While the page is still open: nothing has been read at pagehide yet.
  const db = await waitForDb(
    h.browser,
    (db) => {
      visit = visitsOf(db, { tabId, url }).at(-1);
      return (
        !!visit && cioFindings(db, visit.id).length >= 3 && visit.consent.some((e) => e.state === 'choice')
      );
    },
    { timeout: 30_000, message: 'Customer.io findings and the stored choice of tcm-late' },
  );
  h.dump('consent-tcm-late-db', { visit, findings: cioFindings(db, visit.id) });
  assertTimeline(visit, /transcend/i, 'accept');
  assertPhases(db, visit, 'accept');
  await page.close();
});
