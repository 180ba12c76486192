// A real consent banner from npm (cookie-consent-js) as a site may run it: script served by the site itself, cookie
// renamed. Nothing names the manager and no record we can read holds the answer, so the visitor's own click in the
// banner is the answer: a refusal counts as one, an accept leaves what follows for review (never a violation on the
// click alone, never exempt). What fired before the click stays before consent. On a returning visit the answer
// carries over while the cookie the site wrote right after the click is unchanged, and no longer once it changed.
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
  trackerHits,
  waitForTrackers,
} from '../lib/cmp-scenarios.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();
const m = MANAGERS.unnamed;
const REVIEW = /needs review/;

/** What the popup must say after the visitor's click, per shop and button. */
const EXPECT = {
  leaky: {
    accept: { before: true, refused: false, review: true },
    reject: { before: true, refused: true, review: false },
  },
  clean: {
    accept: { before: false, refused: false, review: true },
    reject: { before: false, refused: false, review: false },
  },
};

for (const shop of ['leaky', 'clean']) {
  for (const action of ['accept', 'reject']) {
    scenario(
      `${m.label} · ${shop} shop · ${action === 'accept' ? 'Accept' : 'Reject'}`,
      {},
      async (pages) => {
        const host = shopHost('unnamed', shop, action);
        const { page, at } = await openShop(h, m, host, pages);
        await page.waitForSelector(m.reject, { state: 'visible', timeout: 15_000 });
        if (shop === 'leaky') await waitForTrackers(h, host, at, 'trackers on load');
        const clickedAt = await choose(h, m, page, host, action);
        if (shop === 'leaky' || action === 'accept')
          await waitForTrackers(h, host, clickedAt, 'trackers after the click');
        else {
          await page.waitForTimeout(2500);
          assert.deepEqual(trackerHits(h, host, clickedAt), [], 'the clean shop fires nothing after Reject');
        }
        const click = await recordedClick(h, host, action === 'accept' ? 'accept-all' : 'reject-all');
        assert.ok(click, `the visitor's click on "${action}" is recorded`);
        assert.equal(click.click.tool, '', 'no manager is named for it');
        const exp = EXPECT[shop][action];
        const words =
          action === 'accept'
            ? /trackers after it need review/
            : /trackers after it count as after a refusal/;
        const { popup, view } = await popupView(
          h,
          host,
          (v) =>
            BEFORE.test(v.verdict) === exp.before &&
            REFUSED.test(v.verdict) === exp.refused &&
            REVIEW.test(v.verdict) === exp.review &&
            words.test(v.consent),
          'popup verdict',
          pages,
        );
        await h.snap(popup, `cmp-unnamed-${shop}-${action}-popup`);
        assert.ok(view, 'the popup showed a verdict');
        const text = `verdict "${view.verdict}" · consent "${view.consent}"`;
        assert.equal(BEFORE.test(view.verdict), exp.before, `before consent (${text})`);
        assert.equal(REFUSED.test(view.verdict), exp.refused, `after a refusal (${text})`);
        assert.equal(REVIEW.test(view.verdict), exp.review, `needs review (${text})`);
        assert.equal(/violation/.test(view.severity), exp.before || exp.refused, `severity (${text})`);
        assert.match(
          view.consent,
          new RegExp(`a consent banner we could not identify · the visitor clicked ${action} all at `),
          text,
        );
        assert.match(view.consent, words, text);
      },
    );
  }
}

/** Clicks the banner, waits for the click to be recorded, and loads the shop again in the same tab. */
async function answerAndReturn(page, host, action) {
  await page.waitForSelector(m.reject, { state: 'visible', timeout: 15_000 });
  await choose(h, m, page, host, action);
  assert.ok(await recordedClick(h, host, `${action}-all`), `the visitor's click on "${action}" is recorded`);
  const at = Date.now();
  await page.goto(`https://${host}/`);
  await waitForTrackers(h, host, at, 'trackers on the returning visit');
  return at;
}

const EARLIER = (action) =>
  new RegExp(
    `a consent banner we could not identify · the visitor clicked ${action} all on an earlier visit`,
  );

scenario(
  `${m.label} · leaky shop · returning visit after Reject, then with the record changed`,
  {},
  async (pages) => {
    const host = shopHost('unnamed', 'leaky', 'return');
    const { page } = await openShop(h, m, host, pages);
    await answerAndReturn(page, host, 'reject');
    const { popup, view } = await popupView(
      h,
      host,
      (v) => REFUSED.test(v.verdict) && EARLIER('reject').test(v.consent),
      'popup verdict on the returning visit',
      pages,
    );
    await h.snap(popup, 'cmp-unnamed-leaky-return-popup');
    const text = `verdict "${view?.verdict}" · consent "${view?.consent}"`;
    assert.ok(REFUSED.test(view.verdict), `the refusal carried over (${text})`);
    assert.ok(!BEFORE.test(view.verdict), `not before consent (${text})`);
    assert.match(view.consent, /trackers count as after a refusal/, text);
    // The record changed (the visitor cleared it, the site rewrote it): the earlier click says nothing any more.
    await page.evaluate(() => (document.cookie = 'site_consent=; path=/; max-age=0'));
    const at = Date.now();
    await page.goto(`https://${host}/`);
    await waitForTrackers(h, host, at, 'trackers after the record was removed');
    const after = await popupView(
      h,
      host,
      (v) => BEFORE.test(v.verdict) && !EARLIER('reject').test(v.consent),
      'popup verdict once the record is gone',
      pages,
    );
    const again = `verdict "${after.view?.verdict}" · consent "${after.view?.consent}"`;
    assert.ok(BEFORE.test(after.view.verdict), `before consent again (${again})`);
    assert.doesNotMatch(after.view.consent, /earlier visit/, again);
  },
);

scenario(`${m.label} · leaky shop · returning visit after Accept`, {}, async (pages) => {
  const host = shopHost('unnamed', 'leaky', 'return-accept');
  const { page } = await openShop(h, m, host, pages);
  await answerAndReturn(page, host, 'accept');
  const { popup, view } = await popupView(
    h,
    host,
    (v) => REVIEW.test(v.verdict) && EARLIER('accept').test(v.consent),
    'popup verdict on the returning visit',
    pages,
  );
  await h.snap(popup, 'cmp-unnamed-leaky-return-accept-popup');
  const text = `verdict "${view?.verdict}" · consent "${view?.consent}"`;
  assert.ok(REVIEW.test(view.verdict), `what fires needs review (${text})`);
  assert.ok(!BEFORE.test(view.verdict) && !REFUSED.test(view.verdict), `no violation (${text})`);
  assert.doesNotMatch(view.severity, /violation/, text);
  assert.match(view.consent, /trackers need review/, text);
});
