// A real consent manager from npm (vanilla-cookieconsent 3): the visitor opens its preferences and saves them with
// every switch off. Kept as the refusal it is on an honest shop; on a shop whose own Save handler stores consent to
// everything, the stored accept contradicts the visitor's Save, and the verdict says so.
// A checked switch the site hides in the dialog does not undo the refusal.
// e2e-browsers: chromium
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tabIdFor } from '../lib/browser-util.mjs';
import { waitForDb } from '../lib/db.mjs';
import { visitsOf } from '../lib/records.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();

/**
 * Opens the shop, then its preferences, and saves them as they are (every optional switch off by default). Returns
 * the page and the states of the switches not drawn.
 */
async function saveAllOff(url) {
  const page = await h.context.newPage();
  await page.goto(url);
  await page.click('#cc-main .cm__btn[data-role=show]');
  await page.waitForSelector('#cc-main .pm__btn[data-role=save]', { state: 'visible' });
  // The switches drawn (vanilla-cookieconsent draws its box; save-hidden.example adds one in a hidden container).
  const [off, hidden] = await page.$$eval('#cc-main .pm input[type=checkbox]:not(:disabled)', (xs) => {
    const shown = (x) => x.parentElement.getClientRects().length > 0;
    return [xs.filter(shown).map((x) => x.checked), xs.filter((x) => !shown(x)).map((x) => x.checked)];
  });
  assert.deepEqual(off, [false, false], 'the analytics and marketing switches start off');
  await page.click('#cc-main .pm__btn[data-role=save]');
  return { page, hidden };
}

/** Waits until the visit of `url` has the Save click and a stored choice after it; its derivation. */
async function savedVisit(url, extra = () => true) {
  const tabId = await tabIdFor(h.browser, `${url}*`);
  let visit;
  const db = await waitForDb(
    h.browser,
    (db) => {
      visit = visitsOf(db, { tabId, url }).at(-1);
      const d = visit && db.derived[visit.id];
      return (
        d?.consent.lines.some((l) => l.state === 'click') &&
        d.consent.choices.some((c) => c.choice && !c.carriedOver) &&
        extra(d)
      );
    },
    { timeout: 30_000, message: `the Save click and the stored choice recorded for ${url}` },
  );
  return { derived: db.derived[visit.id], visit };
}

test('an honest shop: Save with every switch off is a refusal, and nothing tracks', async () => {
  const url = 'https://save-honest.example/';
  const { page } = await saveAllOff(url);
  const { derived, visit } = await savedVisit(url);
  h.dump('save-honest', { visit, derived });
  const click = derived.consent.lines.find((l) => l.state === 'click');
  assert.equal(click.action, 'save-settings');
  assert.deepEqual(click.switches, { on: 0, off: 2 });
  assert.equal(click.status, 'click-confirmed');
  assert.deepEqual(derived.consent.contradicted, []);
  assert.notEqual(derived.verdict.severity, 'violation');
  await page.close();
});

test("a shop whose Save stores consent to everything: the accept contradicts the visitor's settings", async () => {
  const url = 'https://save-bend.example/';
  const { page } = await saveAllOff(url);
  // The site's handler stored accept-all and the manager released the trackers.
  await page.waitForFunction(() => window.__trackersLoaded || document.cookie.includes('cc_cookie'));
  const { derived, visit } = await savedVisit(url, (d) => d.consent.contradicted.length > 0);
  h.dump('save-bend', { visit, derived });
  const click = derived.consent.lines.find((l) => l.state === 'click');
  assert.equal(click.status, 'click-contradicted');
  assert.equal(derived.verdict.severity, 'violation');
  assert.match(
    derived.verdict.text,
    /the visitor clicked save settings with every optional switch off \(2\) at .+, and .+ then stored: accepted/,
  );
  await page.close();
});

test('the same shop with a hidden checked switch in the dialog: a switch nobody saw does not undo the refusal', async () => {
  const url = 'https://save-hidden.example/';
  const { page, hidden } = await saveAllOff(url);
  assert.deepEqual(hidden, [true], 'the site added one checked switch, not drawn');
  await page.waitForFunction(() => window.__trackersLoaded || document.cookie.includes('cc_cookie'));
  const { derived, visit } = await savedVisit(url, (d) => d.consent.contradicted.length > 0);
  h.dump('save-hidden', { visit, derived });
  const click = derived.consent.lines.find((l) => l.state === 'click');
  assert.deepEqual(click.switches, { on: 0, off: 2 });
  assert.equal(click.status, 'click-contradicted');
  assert.equal(derived.verdict.severity, 'violation');
  await page.close();
});
