// A visitor's Reject on a banner nothing names is remembered through the record the site wrote right after the
// click (the background's click window, ANSWER_WINDOW_MS). The service worker is stopped inside that window, after
// the click and the cookie were handled: the restarted worker picks the window up from storage.session, so the
// returning visit still counts as after a refusal.
// e2e-alone: stops every service worker of the browser, which another file's worker would feel
import assert from 'node:assert/strict';
import { MANAGERS, shopHost } from '../lib/cmp-pages.mjs';
import {
  BEFORE,
  REFUSED,
  choose,
  openShop,
  popupView,
  recordedClick,
  scenario,
  waitForTrackers,
} from '../lib/cmp-scenarios.mjs';
import { useBrowser } from '../lib/suite.mjs';
import { stopExtensionWorker, waitForRestart } from '../lib/worker-control.mjs';

const h = useBrowser();
const m = MANAGERS.unnamed;
/** The window the background keeps open after a click (lib/evidence/answered.ts ANSWER_WINDOW_MS). */
const WINDOW_MS = 10_000;

scenario(
  `${m.label} · a worker stopped within the click's window still remembers the Reject`,
  { timeout: 180_000 },
  async (pages, t) => {
    const host = shopHost('unnamed', 'leaky', 'worker-stop');
    const { page } = await openShop(h, m, host, pages);
    await page.waitForSelector(m.reject, { state: 'visible', timeout: 15_000 });
    await choose(h, m, page, host, 'reject');
    const click = await recordedClick(h, host, 'reject-all');
    assert.ok(click, 'the Reject click is recorded');
    // The writer has stored the click, so the worker handled it (and the cookie the banner wrote with it).
    const stoppedAt = Date.now();
    await stopExtensionWorker(h.browser, page);
    const stopTook = Date.now() - stoppedAt;
    if (Date.now() > click.at + WINDOW_MS - 1_000) {
      t.skip(
        `the stop came ${Date.now() - click.at} ms after the click (stop took ${stopTook} ms): past the window`,
      );
      return;
    }
    const at = Date.now();
    await page.goto(`https://${host}/`);
    await waitForRestart(h.browser);
    await waitForTrackers(h, host, at, 'trackers on the returning visit');
    const EARLIER =
      /a consent banner we could not identify · the visitor clicked reject all on an earlier visit/;
    const { popup, view } = await popupView(
      h,
      host,
      (v) => REFUSED.test(v.verdict) && EARLIER.test(v.consent),
      'popup verdict on the returning visit',
      pages,
    );
    await h.snap(popup, 'consent-click-worker-stop-popup');
    const text = `verdict "${view?.verdict}" · consent "${view?.consent}"`;
    assert.ok(REFUSED.test(view.verdict), `the refusal carried over across the worker stop (${text})`);
    assert.ok(!BEFORE.test(view.verdict), `not before consent (${text})`);
    assert.match(view.consent, EARLIER, text);
  },
);
