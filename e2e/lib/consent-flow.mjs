// Runs one consent fixture variant in a fresh tab and checks how the extension phased Customer.io.
import assert from 'node:assert/strict';
import { tabIdFor } from './browser-util.mjs';
import { waitForDb } from './db.mjs';
import { cookieFindings, requestFindings, visitsOf } from './records.mjs';

export const CIO_HOSTS = ['assets.customer.io', 'track.customer.io'];
export const CIO_COOKIES = ['_cio', '_cioanonid', '_cioid'];

/** Expected phase and violation of Customer.io findings per variant (marketing needs consent). */
export const EXPECT = {
  before: { phase: 'before-consent', violation: true, choice: null },
  accept: { phase: 'after-accept', violation: false, choice: 'accept-all' },
  reject: { phase: 'after-reject', violation: true, choice: 'reject-all' },
};

/** Every Customer.io finding (requests and cookies) of a visit. */
export function cioFindings(db, visitId) {
  return [
    ...CIO_HOSTS.flatMap((host) => requestFindings(db, visitId, host)),
    ...CIO_COOKIES.flatMap((name) => cookieFindings(db, visitId, name)),
  ];
}

/**
 * Loads `url`, clicks `click` (a selector, or nothing), waits for the tracker's page event, then for the
 * extension to hold every Customer.io finding of that visit. Returns `{ db, visit, tabId, page }`.
 * @param {object} h handle from useBrowser
 * @param {{ url: string, click?: string | ((page: object) => Promise<void>), page?: import('playwright-core').Page,
 *   notVisit?: string, until?: (visit: object, db: object) => boolean, untouched?: boolean }} step
 *   click: a selector, or how the visitor answers; notVisit: a visit id to skip (the previous visit of the same
 *   URL in the same tab); until: what else the stored visit (or its derivation, db.derived) must show before it is
 *   returned; untouched: run no script in the page (Playwright's and Puppeteer's evaluate and waitForFunction
 *   count as a user gesture, which makes the page "touched"), and wait on the extension's database only
 */
export async function runVisit(h, { url, click, page, notVisit, until = () => true, untouched = false }) {
  page ??= await h.context.newPage();
  await page.goto(url);
  if (typeof click === 'function') await click(page);
  else if (click) await page.click(click);
  if (!untouched) await page.waitForFunction(() => window.__cio?.state === 'sent', null, { timeout: 30_000 });
  const tabId = await tabIdFor(h.browser, `${new URL(url).origin}/*`);
  let visit;
  const db = await waitForDb(
    h.browser,
    (db) => {
      visit = visitsOf(db, { tabId, url })
        .filter((v) => v.id !== notVisit)
        .at(-1);
      if (!visit || !until(visit, db)) return false;
      const found = cioFindings(db, visit.id);
      return (
        CIO_HOSTS.every((host) => found.some((f) => f.host === host)) &&
        CIO_COOKIES.every((name) => found.some((f) => f.cookieName === name))
      );
    },
    { timeout: 30_000, message: `Customer.io findings for ${url}` },
  );
  return { db, visit, tabId, page };
}

/** Asserts every Customer.io finding of the visit has the variant's phase and violation flag. */
export function assertPhases(db, visit, variant) {
  const { phase, violation } = EXPECT[variant];
  const wrong = cioFindings(db, visit.id)
    .filter((f) => f.phase !== phase || f.violation !== violation)
    .map((f) => `${f.kind} ${f.key}: ${f.phase}/${f.violation}`);
  assert.deepEqual(wrong, [], `all Customer.io findings are ${phase} with violation=${violation}`);
}

/** Asserts the visit's consent timeline names the tool and (unless 'before') the recorded choice. */
export function assertTimeline(visit, toolPattern, variant) {
  const { choice } = EXPECT[variant];
  assert.ok(
    (visit.consentTool && toolPattern.test(visit.consentTool)) ||
      visit.consent.some((e) => toolPattern.test(e.tool)),
    `consent tool matching ${toolPattern} on the visit (got ${visit.consentTool}, ${visit.consent.map((e) => e.tool)})`,
  );
  const choices = visit.consent.filter((e) => e.state === 'choice');
  if (!choice) return assert.deepEqual(choices, [], 'no choice recorded before any click');
  const last = choices.at(-1);
  assert.ok(last, 'a choice event in the timeline');
  assert.equal(last.choice.kind, choice);
  assert.equal(
    last.choice.granted.includes('marketing'),
    choice === 'accept-all',
    'marketing granted only on accept',
  );
}
