// The popup's "Audit this site" button, end to end: confirm, clear the site only, reload, record before
// consent, refuse through the banner with autoconsent, record after, and show the report.
// e2e-browsers: chromium firefox
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jarCookies, tabIdFor } from '../lib/browser-util.mjs';
import { evalInExtension } from '../lib/driver.mjs';
import { readDb } from '../lib/db.mjs';
import { findingsOf } from '../lib/records.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();

test(
  'Audit this site: clears only that site, refuses via the banner, reports before-consent trackers',
  { timeout: 120_000 },
  async () => {
    // Another site's cookie must survive the audit's clean-up.
    const other = await h.context.newPage();
    await other.goto('https://shop.example/');
    await other.waitForFunction(() => window.__cio?.state === 'sent');
    const page = await h.context.newPage();
    await page.goto('https://ot-before.example/');
    await page.waitForFunction(() => window.__cio?.state === 'sent');
    // A stored choice from an earlier visit: the audit must delete it so the page starts from scratch.
    await page.evaluate(() => {
      document.cookie = 'OptanonAlertBoxClosed=2025-01-01T00:00:00.000Z; path=/; max-age=31536000';
    });
    const tabId = await tabIdFor(h.browser, 'https://ot-before.example/*');

    const popup = await h.context.newPage();
    await popup.setViewportSize({ width: 460, height: 600 });
    await popup.goto(h.extensionUrl(`popup.html?tabId=${tabId}`));
    await popup.click('#audit-start');
    // Nothing happens before the confirmation.
    await popup.waitForSelector('#audit-confirm');
    assert.equal((await jarCookies(h.browser, { name: 'OptanonAlertBoxClosed' })).length, 1);
    // browsingData is optional: not held before the first audit, asked for by the confirming click.
    const hasBrowsingData = () =>
      evalInExtension(h.browser, (api) => api.permissions.contains({ permissions: ['browsingData'] }));
    assert.equal(await hasBrowsingData(), false, 'browsingData is not granted at install');
    await popup.click('#audit-confirm');
    await popup.waitForSelector('#audit-summary', { timeout: 90_000 });
    assert.equal(await hasBrowsingData(), true, 'the audit click asked for browsingData');
    await h.snap(popup, 'audit-popup-result');

    const summary = await popup.textContent('#audit-summary');
    const before = await popup.textContent('#audit-before');
    assert.match(before, /Customer\.io/, 'Customer.io fired before consent');
    assert.match(await popup.textContent('#audit-panel'), /onetrust/i, 'the consent tool is named');
    assert.ok(summary.length > 10, summary);

    // The shop.example cookies are untouched; ot-before.example's own stored choice was cleared, then rewritten
    // by the refusal (OneTrust-style reject).
    assert.ok(
      (await jarCookies(h.browser, { domain: 'shop.example' })).length > 0,
      'other site kept its cookies',
    );
    const [closed] = await jarCookies(h.browser, { name: 'OptanonAlertBoxClosed' });
    assert.ok(closed && !closed.value.startsWith('2025-01-01'), 'the earlier stored choice was deleted');

    // The recorded visit holds a refusal in its consent timeline and Customer.io before it.
    const db = await readDb(h.browser);
    const visit = db.visits.filter((v) => v.tabId === tabId).sort((a, b) => b.startedAt - a.startedAt)[0];
    const choice = visit.consent.find((e) => e.state === 'choice');
    assert.equal(choice?.choice?.kind, 'reject-all');
    const cio = findingsOf(db, visit.id).filter((f) => f.vendorId === 'customer-io');
    assert.ok(cio.some((f) => f.phase === 'before-consent' && f.violation));
    await Promise.all([popup.close(), page.close(), other.close()]);
  },
);

test(
  'Audit this site on a banner autoconsent cannot refuse: asks for the click and times it',
  { timeout: 120_000 },
  async () => {
    const page = await h.context.newPage();
    await page.goto('https://tcf-before.example/');
    await page.waitForFunction(() => window.__cio?.state === 'sent');
    const tabId = await tabIdFor(h.browser, 'https://tcf-before.example/*');
    const popup = await h.context.newPage();
    await popup.goto(h.extensionUrl(`popup.html?tabId=${tabId}`));
    await popup.click('#audit-start');
    await popup.click('#audit-confirm');
    // Our fixture CMP is unknown to autoconsent: the panel asks the user to refuse in the page.
    await popup.waitForFunction(
      () => /Click “Reject”/.test(document.querySelector('#audit-step')?.textContent ?? ''),
      null,
      {
        timeout: 60_000,
      },
    );
    await page.bringToFront();
    await page.click('#tcf-reject');
    const clickedAt = Date.now();
    await popup.waitForSelector('#audit-summary', { timeout: 60_000 });
    await h.snap(popup, 'audit-popup-user-click');
    assert.match(await popup.textContent('#audit-before'), /Customer\.io/);

    const db = await readDb(h.browser);
    const visit = db.visits.filter((v) => v.tabId === tabId).sort((a, b) => b.startedAt - a.startedAt)[0];
    const choice = visit.consent.find((e) => e.state === 'choice');
    assert.equal(choice?.choice?.kind, 'reject-all', 'the refusal was read from the TCF string');
    assert.ok(Math.abs(choice.at - clickedAt) < 5_000, "the refusal is timed at the user's click");
    await Promise.all([popup.close(), page.close()]);
  },
);

test(
  'Audit this site where Reject stores consent: the verdict names the audit’s refusal and what followed',
  { timeout: 120_000 },
  async () => {
    // contradict.example's Reject button stores OneTrust's accept-all 600 ms after the click.
    const page = await h.context.newPage();
    await page.goto('https://contradict.example/');
    const tabId = await tabIdFor(h.browser, 'https://contradict.example/*');
    const popup = await h.context.newPage();
    await popup.goto(h.extensionUrl(`popup.html?tabId=${tabId}`));
    await popup.click('#audit-start');
    await popup.click('#audit-confirm');
    await popup.waitForSelector('#audit-summary', { timeout: 90_000 });

    const db = await readDb(h.browser);
    const visit = db.visits.filter((v) => v.tabId === tabId).sort((a, b) => b.startedAt - a.startedAt)[0];
    const derived = db.derived[visit.id];
    h.dump('audit-contradict', { visit, consent: derived.consent, verdict: derived.verdict });
    // autoconsent's clicks grant no user activation: without the audit's own click in the evidence, the accept
    // would read as "stored without any interaction".
    assert.equal(derived.consent.withoutInteraction, false);
    assert.deepEqual(
      derived.consent.contradicted.map((c) => [c.action, c.by, c.choice.kind]),
      [['reject-all', 'audit', 'accept-all']],
    );
    assert.match(
      derived.verdict.text,
      /the audit’s opt-out clicked reject all at .+, and OneTrust then stored: accepted at /,
    );
    const click = derived.consent.lines.find((l) => l.state === 'click');
    assert.equal(click?.status, 'click-contradicted');
    assert.equal(click?.by, 'audit');
    // The audit's click is not the visitor's interaction.
    assert.ok(!derived.consent.lines.some((l) => l.state === 'interaction'), 'no interaction line');
    await Promise.all([popup.close(), page.close()]);
  },
);
