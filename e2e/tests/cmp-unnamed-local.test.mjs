// A real consent banner from npm (vanilla-cookieconsent 3.1.0) as a site may run it: script served by the site itself,
// its record renamed and kept in localStorage (`cookie.useLocalStorage`), so no cookie and no record we read holds
// the answer and the visitor's click is the answer. The key the site wrote right after the click, read at
// document_start on the next visit (before the page's scripts), carries the answer over; once it is gone, nothing.
// e2e-browsers: chromium firefox
import assert from 'node:assert/strict';
import { MANAGERS, shopHost } from '../lib/cmp-pages.mjs';
import {
  BEFORE,
  REFUSED,
  openShop,
  popupView,
  recordedClick,
  scenario,
  waitForTrackers,
} from '../lib/cmp-scenarios.mjs';
import { readDb, waitFor } from '../lib/db.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();

const local = MANAGERS['unnamed-local'];
/**
 * What the extension shows for the latest visit of `host` since `since`, once `until` holds: the popup in Chromium;
 * in Firefox (whose popup the harness does not open) the stored visit's derivation, which the popup renders.
 */
async function shown(host, since, until, message, pages) {
  if (h.name === 'chromium') {
    const { popup, view } = await popupView(h, host, until, message, pages);
    await h.snap(popup, `cmp-unnamed-local-${since}`);
    return view;
  }
  let view = null;
  await waitFor(
    async () => {
      const db = await readDb(h.browser);
      const visit = db.visits
        .filter((v) => v.site === host && v.startedAt >= since)
        .sort((a, b) => b.startedAt - a.startedAt)[0];
      const d = visit && db.derived[visit.id];
      view = d ? { verdict: d.verdict.text, consent: d.consentState } : null;
      return view !== null && until(view);
    },
    { timeout: 20_000, interval: 500 },
  ).catch(() => undefined);
  assert.ok(view, `${message}: the visit was stored`);
  return view;
}

const storedKey = (page) => page.evaluate((key) => localStorage.getItem(key), local.storageKey);

scenario(
  `${local.label} · leaky shop · returning visit after Reject, then with the record removed`,
  {},
  async (pages) => {
    const host = shopHost('unnamed-local', 'leaky', 'return');
    const { page } = await openShop(h, local, host, pages);
    await page.waitForSelector(local.reject, { state: 'visible', timeout: 15_000 });
    await page.waitForTimeout(1500); // a visitor reads the banner first
    // A record-like key the page writes just before the click (a "notice seen" flag) is not the click's record: it
    // is read before the page's handlers run and dated before the click, so it must not carry the answer below.
    await page.evaluate(() => localStorage.setItem('cookie_notice_seen', '1'));
    await page.click(local.reject);
    await waitFor(async () => (await storedKey(page)) !== null, {
      timeout: 10_000,
      message: `the banner stored its record in localStorage['${local.storageKey}']`,
    });
    assert.ok(await recordedClick(h, host, 'reject-all'), 'the visitor’s click on Reject is recorded');
    const at = Date.now();
    await page.goto(`https://${host}/`);
    await waitForTrackers(h, host, at, 'trackers on the returning visit');
    const LOCAL =
      /clicked reject all on an earlier visit \(.*a localStorage record the site wrote then is unchanged\)/;
    const view = await shown(
      host,
      at,
      (v) => REFUSED.test(v.verdict) && LOCAL.test(v.consent),
      'verdict on the returning visit',
      pages,
    );
    const text = `verdict "${view?.verdict}" · consent "${view?.consent}"`;
    assert.ok(REFUSED.test(view.verdict), `the refusal carried over (${text})`);
    assert.ok(!BEFORE.test(view.verdict), `not before consent (${text})`);
    assert.match(view.consent, LOCAL, text);
    assert.match(view.consent, /trackers count as after a refusal/, text);
    // The record is gone (the visitor cleared it): the earlier click says nothing any more, though the flag written
    // before the click is still there unchanged.
    await page.evaluate((key) => localStorage.removeItem(key), local.storageKey);
    const again = Date.now();
    await page.goto(`https://${host}/`);
    await waitForTrackers(h, host, again, 'trackers after the record was removed');
    const after = await shown(
      host,
      again,
      (v) => BEFORE.test(v.verdict) && !/earlier visit/.test(v.consent),
      'verdict once the record is gone',
      pages,
    );
    const text2 = `verdict "${after.verdict}" · consent "${after.consent}"`;
    assert.ok(BEFORE.test(after.verdict), `before consent again (${text2})`);
    assert.doesNotMatch(after.consent, /earlier visit/, text2);
    // Nothing carried the click at all (not merely overruled by the banner showing again).
    const db = await readDb(h.browser);
    const carried = db.evidence.filter(
      (e) => e.site === host && e.at >= again && e.kind === 'consent' && e.consent.signal.rememberedClick,
    );
    assert.deepEqual(
      carried.map((e) => e.consent.signal.via),
      [],
      'no remembered record on the visit after the removal',
    );
  },
);
