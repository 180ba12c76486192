// Registers the consent tests for one tool: before / accept / reject variants and a returning visitor.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXPECT, assertPhases, assertTimeline, cioFindings, runVisit } from './consent-flow.mjs';
import { jarCookies } from './browser-util.mjs';
import { readDb, waitForDb } from './db.mjs';

/**
 * The visit once its tool is known (detection may lag the tracker, by seconds on a loaded machine), else as it
 * stands after 30 s.
 */
async function settledVisit(h, visitId, tool) {
  const named = (v) =>
    v && ((v.consentTool && tool.test(v.consentTool)) || v.consent.some((e) => tool.test(e.tool)));
  const find = (db) => db.visits.find((v) => v.id === visitId);
  const db = await waitForDb(h.browser, (db) => named(find(db)), { timeout: 30_000 }).catch(() =>
    readDb(h.browser),
  );
  return find(db);
}

/**
 * @param {object} h handle from useBrowser
 * @param {{ prefix: string, tool: RegExp, accept: string, reject: string, consentCookie?: string,
 *   consentStorage?: string }} tool
 *   prefix: host prefix (`ot`, `tcf`); accept/reject: button selectors; consentCookie: the tool's cookie, or
 *   consentStorage: its localStorage key (managers that keep no cookie)
 */
export function consentSuite(h, { prefix, tool, accept, reject, consentCookie, consentStorage }) {
  const clicks = { before: undefined, accept, reject };
  for (const variant of Object.keys(EXPECT)) {
    test(`${prefix}: Customer.io firing ${variant === 'before' ? 'before any click' : `after ${variant}`} is ${EXPECT[variant].phase}`, async () => {
      const url = `https://${prefix}-${variant}.example/`;
      const { db, visit, page } = await runVisit(h, { url, click: clicks[variant] });
      h.dump(`consent-${prefix}-${variant}-db`, { visit, findings: cioFindings(db, visit.id) });
      await h.snap(page, `consent-${prefix}-${variant}`);
      assertPhases(db, visit, variant);
      assertTimeline(await settledVisit(h, visit.id, tool), tool, variant);
      await page.close();
    });
  }

  test(`${prefix}: a returning visitor with consent stored is not before-consent`, async () => {
    const url = `https://${prefix}-return.example/`;
    const first = await runVisit(h, { url, click: accept });
    if (consentStorage) {
      const stored = await first.page.evaluate((key) => localStorage.getItem(key), consentStorage);
      assert.ok(stored, `${consentStorage} stored by the first visit`);
    } else {
      const jar = await jarCookies(h.browser, { url });
      assert.ok(
        jar.some((c) => c.name === consentCookie),
        `${consentCookie} stored by the first visit`,
      );
    }
    // Second visit in the same tab: the tracker fires on load because consent is already stored.
    const second = await runVisit(h, { url, page: first.page, notVisit: first.visit.id });
    assert.notEqual(second.visit.id, first.visit.id, 'the reload is a new visit');
    h.dump(`consent-${prefix}-return-db`, {
      visit: second.visit,
      findings: cioFindings(second.db, second.visit.id),
    });
    await h.snap(second.page, `consent-${prefix}-return`);
    assertPhases(second.db, second.visit, 'accept');
    const carried = second.visit.consent.filter((e) => e.state === 'choice' && e.carriedOver);
    assert.ok(carried.length, 'the stored choice is in the timeline as carried over');
    assert.equal(carried.at(-1).choice.kind, 'accept-all');
    assert.ok(tool.test(carried.at(-1).tool), `carried-over event names the tool (${carried.at(-1).tool})`);
    await second.page.close();
  });
}
