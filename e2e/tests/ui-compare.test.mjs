// The report page's compare view: two audits of siteaudit.example written by `cli audit` (the site swaps
// Customer.io for Segment between them) are opened as files; the page names the added and removed vendors, as the
// CLI's own `--compare` does, exports the comparison as HTML, and refuses a malformed file without losing the view.
// Two visits the extension stored are compared the same way.
// e2e-browsers: chromium firefox
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { SITE, state } from '../fixtures/sites/site-agency.mjs';
import { reportPage, tabIdFor } from '../lib/browser-util.mjs';
import { ROOT, runCli } from '../lib/cli-run.mjs';
import { waitForDb } from '../lib/db.mjs';
import { findingsOf, visitsOf } from '../lib/records.mjs';
import { useBrowser } from '../lib/suite.mjs';

const h = useBrowser();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ui-compare-'));
after(() => {
  state.version = 1;
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Audits the fixture site's start page with the CLI (its own headless Chromium, this file's fixture server). */
async function audit(version, name, more = []) {
  state.version = version;
  const out = path.join(tmp, name);
  const args = ['audit', `${SITE}/`, '--out', out, '--wait', '2', ...more];
  const r = await runCli([...args, '--host-rules', h.server.resolverRules, '--ignore-cert-errors']);
  fs.mkdirSync(path.join(ROOT, 'e2e/artifacts'), { recursive: true });
  fs.writeFileSync(
    path.join(ROOT, `e2e/artifacts/ui-compare-${name}.log`),
    `${r.stdout}\n--- stderr ---\n${r.stderr}`,
  );
  assert.equal(r.code, 0, r.stderr);
  // A distinct file name per side, as an auditor keeps them (the CLI names both siteaudit.example.json).
  const file = path.join(tmp, `siteaudit-${name}.json`);
  fs.copyFileSync(path.join(out, 'siteaudit.example.json'), file);
  return { out, file, json: JSON.parse(fs.readFileSync(file, 'utf8')) };
}

const keysOf = (page, selector) =>
  page.evaluate((sel) => [...document.querySelectorAll(sel)].map((tr) => tr.dataset.key), selector);

test(
  'compare two cli audits in the report page: added and removed vendors, export, bad files',
  { timeout: 500_000 },
  async () => {
    const jan = await audit(1, 'jan');
    const feb = await audit(2, 'feb', ['--compare', path.join(tmp, 'jan')]);
    // The premise, from the files themselves: Customer.io only in the first audit, Segment only in the second.
    const vendorKeys = (a) => a.json.site.vendors.map((v) => v.key);
    assert.ok(
      vendorKeys(jan).includes('customer-io') && !vendorKeys(jan).includes('segment'),
      vendorKeys(jan),
    );
    assert.ok(
      vendorKeys(feb).includes('segment') && !vendorKeys(feb).includes('customer-io'),
      vendorKeys(feb),
    );
    const cli = JSON.parse(fs.readFileSync(path.join(feb.out, 'siteaudit.example.compare.json'), 'utf8'));

    const { report, dialogs } = await reportPage(h.context);
    await report.goto(h.extensionUrl('report.html'));
    await report.click('#compare-link');
    await report.waitForSelector('#compare-a-file', { state: 'attached' });
    // The later audit in the first slot: the page orders them by audit time.
    await report.setInputFiles('#compare-a-file', feb.file);
    await report.setInputFiles('#compare-b-file', jan.file);
    await report.waitForSelector('#compare-view');

    assert.match(await report.textContent('#compare-view h2'), /What changed on siteaudit\.example/);
    assert.match(await report.textContent('#compare-view'), /Earlier audit: .*\(siteaudit-jan\.json\)/);
    const added = await keysOf(report, '#compare-vendors-added tbody tr');
    const removed = await keysOf(report, '#compare-vendors-removed tbody tr');
    assert.ok(added.includes('segment'), `added: ${added}`);
    assert.ok(removed.includes('customer-io'), `removed: ${removed}`);
    assert.match(await report.textContent('#compare-vendors-added'), /Vendors added \(\d+\)[\s\S]*Segment/);
    assert.match(
      await report.textContent('#compare-vendors-removed'),
      /Vendors removed \(\d+\)[\s\S]*Customer\.io/,
    );
    assert.doesNotMatch(await report.textContent('#compare-vendors-added'), /Customer\.io/);
    // One pipeline: exactly what `cli audit --compare` wrote for the same two audits.
    assert.deepEqual(
      added,
      cli.vendors.added.map((v) => v.key),
    );
    assert.deepEqual(
      removed,
      cli.vendors.removed.map((v) => v.key),
    );
    assert.deepEqual(
      await keysOf(report, '#compare-violations-new tbody tr'),
      cli.violations.new.map((v) => v.key),
    );
    assert.match(await report.textContent('#compare-violations-new'), /Segment\s*before consent/);
    assert.match(await report.textContent('#compare-violations-fixed'), /Customer\.io\s*before consent/);
    assert.ok(
      (await keysOf(report, '#compare-storage-added tbody tr')).includes('localStorage:ajs_anonymous_id'),
    );
    assert.equal(
      await report.textContent('#compare-summary tr[data-kind="vendors"] td.added'),
      String(added.length),
    );
    assert.equal(
      await report.textContent('#compare-summary tr[data-kind="vendors"] td.removed'),
      String(removed.length),
    );
    await h.snap(report, 'ui-compare');

    // The HTML export renders the same components into one self-contained file.
    const [dl] = await Promise.all([report.waitForEvent('download'), report.click('#compare-export-html')]);
    assert.match(
      dl.suggestedFilename(),
      /^cookie-inspector_siteaudit\.example_compare_\d{4}-\d\d-\d\d\.html$/,
    );
    const saved = path.join(tmp, dl.suggestedFilename());
    await dl.saveAs(saved);
    const html = fs.readFileSync(saved, 'utf8');
    assert.match(html, /<section id="compare-vendors-added"[^>]*>[\s\S]*?Segment[\s\S]*?<\/section>/);
    assert.match(html, /<section id="compare-vendors-removed"[^>]*>[\s\S]*?Customer\.io[\s\S]*?<\/section>/);
    assert.doesNotMatch(html, /<script/i);

    // A malformed file: a clear error beside its slot, and the comparison stays on screen.
    const truncated = path.join(tmp, 'truncated.json');
    fs.writeFileSync(truncated, fs.readFileSync(jan.file, 'utf8').slice(0, 500));
    await report.setInputFiles('#compare-b-file', truncated);
    await report.waitForSelector('#compare-b-error');
    assert.match(await report.textContent('#compare-b-error'), /^truncated\.json: Not valid JSON/);
    const damaged = path.join(tmp, 'damaged.json');
    const bad = structuredClone(jan.json);
    bad.site.vendors[0].name = { html: '<b>x</b>' };
    fs.writeFileSync(damaged, JSON.stringify(bad));
    await report.setInputFiles('#compare-b-file', damaged);
    await report.waitForFunction(() =>
      /damaged\.json/.test(document.querySelector('#compare-b-error')?.textContent),
    );
    assert.equal(
      await report.textContent('#compare-b-error'),
      'damaged.json: Invalid audit file: site.vendors[0].name: expected a string',
    );
    assert.equal(await report.locator('#compare-view').count(), 1, 'nothing lost');
    assert.match(await report.textContent('#compare-vendors-added'), /Segment/);
    await h.snap(report, 'ui-compare-error');

    // An audit of another site is not compared.
    const other = path.join(tmp, 'other.json');
    fs.writeFileSync(
      other,
      JSON.stringify({ ...jan.json, site: { ...jan.json.site, site: 'other.example' } }),
    );
    await report.setInputFiles('#compare-b-file', other);
    await report.waitForSelector('#compare-error');
    assert.match(
      await report.textContent('#compare-error'),
      /two different sites \(siteaudit\.example and other\.example\)/,
    );
    assert.deepEqual(dialogs, []);
    await report.close();
  },
);

/** Visits the site's start page in the test browser and returns the stored visit once `vendor` was recorded. */
async function storedVisit(version, vendor) {
  state.version = version;
  const page = await h.context.newPage();
  await page.goto(`${SITE}/`);
  const tabId = await tabIdFor(h.browser, `${SITE}/*`);
  let id;
  await waitForDb(
    h.browser,
    (db) => {
      const v = visitsOf(db, { tabId, url: `${SITE}/` }).at(-1);
      id = v?.id;
      return v && findingsOf(db, v.id).some((f) => f.vendorId === vendor);
    },
    { message: `${vendor} recorded on ${SITE}/` },
  );
  await page.close();
  return id;
}

test('compare two visits stored by the extension', { timeout: 300_000 }, async () => {
  const { report, dialogs } = await reportPage(h.context);
  await report.goto(h.extensionUrl('report.html?compare'));
  const older = await storedVisit(1, 'customer-io');
  // The second visit starts without the first one's cookies (else Customer.io's would be sent again).
  await report.evaluate(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    for (const c of await api.cookies.getAll({}))
      await api.cookies.remove({
        url: `http${c.secure ? 's' : ''}://${c.domain.replace(/^\./, '')}${c.path}`,
        name: c.name,
        storeId: c.storeId,
      });
  });
  const newer = await storedVisit(2, 'segment');
  await report.reload();
  await report.waitForSelector('#compare-site');
  await report.selectOption('#compare-site', 'siteaudit.example');
  await report.waitForSelector('#compare-a-visit');
  await report.selectOption('#compare-a-visit', newer);
  await report.waitForSelector('#compare-a-loaded');
  await report.selectOption('#compare-b-visit', older);
  await report.waitForSelector('#compare-view');
  assert.match(await report.textContent('#compare-view'), /Earlier audit: .*\(stored visit of /);
  assert.ok((await keysOf(report, '#compare-vendors-added tbody tr')).includes('segment'));
  assert.ok((await keysOf(report, '#compare-vendors-removed tbody tr')).includes('customer-io'));
  assert.match(await report.textContent('#compare-vendors-removed'), /Customer\.io/);
  await h.snap(report, 'ui-compare-stored');
  assert.deepEqual(dialogs, []);
  await report.close();
});
