// 5,000 requests to 200 hosts: every request is recorded, none twice.
// e2e-alone: 5,000 requests load the machine and would slow the file beside it
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tabIdFor } from '../lib/browser-util.mjs';
import { waitForDb } from '../lib/db.mjs';
import { requestFindings, totalCount, visitsOf } from '../lib/records.mjs';
import { useBrowser } from '../lib/suite.mjs';
import { HOSTS, PER_HOST, REQUESTS, loadHost } from '../fixtures/sites/tracker-load.mjs';

const h = useBrowser();
const URL = 'https://load.example/';

test(
  `${REQUESTS} requests to ${HOSTS} hosts are each recorded exactly once`,
  { timeout: 120_000 },
  async () => {
    const page = await h.context.newPage();
    const started = Date.now();
    // Script-made images hold the load event until all 5,000 finish; wait on the page's own counter instead.
    await page.goto(URL, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => window.__load, null, { timeout: 90_000 });
    const loaded = await page.evaluate(() => window.__load);
    const pageMs = Date.now() - started;
    assert.deepEqual(loaded, { ok: REQUESTS, failed: 0 }, 'the page itself got every response');
    const served = h.server.log.filter((r) => r.host.endsWith('.tracker-load.example')).length;
    assert.equal(served, REQUESTS, 'the server answered every request once');

    const tabId = await tabIdFor(h.browser, `${URL}*`);
    const hosts = Array.from({ length: HOSTS }, (_, i) => loadHost(i + 1));
    let visit;
    const db = await waitForDb(
      h.browser,
      (db) => {
        [visit] = visitsOf(db, { tabId, url: URL });
        return visit && hosts.every((host) => totalCount(requestFindings(db, visit.id, host)) >= PER_HOST);
      },
      { timeout: 60_000, interval: 1000, message: `${REQUESTS} request findings` },
    );
    const ms = Date.now() - started;
    h.dump('load-summary', { pageMs, ms, visits: db.visits.length, findings: db.findings.length });
    const wrong = hosts
      .map((host) => ({
        host,
        count: totalCount(requestFindings(db, visit.id, host)),
        rows: requestFindings(db, visit.id, host).length,
      }))
      .filter((x) => x.count !== PER_HOST || x.rows !== 1);
    assert.deepEqual(wrong, [], `each host has one finding with count ${PER_HOST}`);
    const all = db.findings.filter(
      (f) => f.visitId === visit.id && f.kind === 'request' && f.host.endsWith('.tracker-load.example'),
    );
    assert.equal(totalCount(all), REQUESTS);
    await h.snap(page, 'load');
    await page.close();
  },
);
