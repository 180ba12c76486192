// Popup first-render benchmark: a real visit padded to 1,000 findings in the extension's IndexedDB, then the
// popup's own performance marks (ci:data when the bundle arrived, ci:first-render after the first paint).
// Usage: node e2e/bench-popup.mjs [runs=5]   (needs a built extension, like the E2E tests)
import fs from 'node:fs';
import path from 'node:path';
import { loadSites } from './fixtures/index.mjs';
import { tabIdFor } from './lib/browser-util.mjs';
import { DB_NAME, readDb, waitForDb } from './lib/db.mjs';
import { extensionWorker, launchWithExtension } from './lib/launch.mjs';
import { startServer } from './lib/server.mjs';
import { warmUp } from './lib/warmup.mjs';

const RUNS = Number(process.argv[2] ?? 5);
const FINDINGS = 1000;
const BUDGET_MS = 100;

/** Real vendor ids and categories from the built vendor DB (sharded details), so getVendors answers with full records. */
function realVendors(n) {
  const dir = process.env.E2E_EXTENSION_PATH ?? path.resolve(import.meta.dirname, '../.output/chrome-mv3');
  const shards = path.join(dir, 'vendor-details');
  const files = fs.existsSync(shards)
    ? fs.readdirSync(shards).map((f) => path.join(shards, f))
    : [path.join(dir, 'vendor-details.json')];
  const out = [];
  for (const file of files) {
    for (const v of Object.values(JSON.parse(fs.readFileSync(file, 'utf8')).vendors))
      out.push({ id: v.id, category: v.category });
    if (out.length >= n) break;
  }
  return out.slice(0, n);
}

function synthetic(visit, vendors) {
  const phases = ['before-consent', 'after-reject', 'after-accept'];
  return Array.from({ length: FINDINGS }, (_, i) => {
    const v = i % 4 === 3 ? null : vendors[i % vendors.length];
    const kind = i % 2 ? 'cookie' : 'request';
    const phase = phases[i % 3];
    const host = `t${i}.bench.example`;
    const key = kind === 'cookie' ? `c${i}@${host}` : host;
    const needs = ['advertising', 'marketing', 'analytics', 'social'].includes(v?.category);
    return {
      id: `${visit.id}|${kind}|${key}|${phase}`,
      visitId: visit.id,
      kind,
      key,
      host,
      url: `https://${host}/p?i=${i}`,
      ...(kind === 'cookie' && {
        cookieName: `c${i}`,
        cookieDomain: host,
        lifetimeSeconds: 86_400 * (i % 400),
      }),
      thirdParty: true,
      vendorId: v?.id ?? null,
      category: v?.category ?? 'unknown',
      reason: v ? `host matches ${v.id}` : 'host matches no known vendor',
      phase,
      violation: needs && phase !== 'after-accept',
      firstSeenAt: visit.startedAt + i,
      lastSeenAt: visit.startedAt + i,
      count: 1,
    };
  });
}

async function seed(browser, findings) {
  const sw = await extensionWorker(browser.context);
  await sw.evaluate(
    ({ name, findings }) =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction('findings', 'readwrite');
          for (const f of findings) tx.objectStore('findings').put(f);
          tx.oncomplete = () => (req.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    { name: DB_NAME, findings },
  );
}

const server = await startServer({ sites: await loadSites() });
const browser = await launchWithExtension({ hostResolverRules: server.resolverRules });
try {
  await warmUp(browser);
  const page = await browser.context.newPage();
  await page.goto('https://shop.example/');
  const tabId = await tabIdFor(browser, 'https://shop.example/*');
  const db = await waitForDb(browser, (d) =>
    d.visits.some((v) => v.tabId === tabId && v.url === 'https://shop.example/'),
  );
  const visit = db.visits.filter((v) => v.tabId === tabId).at(-1);
  await seed(browser, synthetic(visit, realVendors(60)));
  const stored = (await readDb(browser)).findings.filter((f) => f.visitId === visit.id).length;
  const results = [];
  for (let r = 0; r < RUNS; r++) {
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 460, height: 600 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${tabId}`);
    await popup.waitForFunction(() => performance.getEntriesByName('ci:first-render').length > 0, null, {
      timeout: 15_000,
    });
    const m = await popup.evaluate(() => ({
      data: performance.getEntriesByName('ci:data')[0].startTime,
      render: performance.getEntriesByName('ci:first-render')[0].startTime,
      rows: document.querySelectorAll('.vendor-row, .unknowns li').length,
    }));
    results.push({ sinceNavigation: m.render, renderOnly: m.render - m.data, rows: m.rows });
    await popup.close();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const renderOnly = median(results.map((x) => x.renderOnly));
  console.log(
    JSON.stringify(
      {
        findings: stored,
        runs: results,
        medianRenderOnlyMs: renderOnly,
        medianSinceNavigationMs: median(results.map((x) => x.sinceNavigation)),
      },
      null,
      2,
    ),
  );
  console.log(
    `popup first render with ${stored} findings: ${renderOnly.toFixed(1)} ms (budget ${BUDGET_MS} ms)`,
  );
  process.exitCode = renderOnly <= BUDGET_MS ? 0 : 1;
} finally {
  await browser.close();
  await server.close();
}
