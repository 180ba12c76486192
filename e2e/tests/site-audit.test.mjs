// Site audits with `cli audit --pages`: a 5-page fixture site (links + sitemap), a tracker only on a deep page,
// the cookie declaration, and `--compare` of two audits after the site swapped one vendor for another.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { loadSites } from '../fixtures/index.mjs';
import { DEEP, LINKED, REDIRECTING, SITE, state } from '../fixtures/sites/site-agency.mjs';
import { ROOT, runCli } from '../lib/cli-run.mjs';
import { startServer } from '../lib/server.mjs';

let server;
let tmp;
const START = `${SITE}/`;
const common = () => ['--wait', '2', '--host-rules', server.resolverRules, '--ignore-cert-errors'];
const readJson = (...p) => JSON.parse(fs.readFileSync(path.join(...p), 'utf8'));

function keep(name, r) {
  fs.mkdirSync(path.join(ROOT, 'e2e/artifacts'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, `e2e/artifacts/${name}.log`), `${r.stdout}\n--- stderr ---\n${r.stderr}`);
}

before(async () => {
  server = await startServer({ sites: await loadSites() });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'site-audit-'));
});
after(async () => {
  state.version = 1;
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

// Every cookie and storage key the fixture writes, with the category the vendor database gives it
// (null: not in the database, listed for review).
const EXPECTED = [
  ['cookie', 'site_session', null],
  ['cookie', '_cioid', 'marketing'],
  ['cookie', '_cio', 'marketing'],
  ['cookie', '_cioanonid', 'marketing'],
  ['cookie', '_hjSessionUser_3141', 'analytics'],
  ['cookie', '_hjSession_3141', 'analytics'],
  ['cookie', 'OptanonConsent', 'consent'],
  ['cookie', 'OptanonAlertBoxClosed', 'consent'],
  ['localStorage', 'cart_state', null],
  ['sessionStorage', 'checkout_step', null],
  ['indexedDB', 'site-cache', null],
];
const TYPE = {
  cookie: 'HTTP cookie',
  localStorage: 'Local storage',
  sessionStorage: 'Session storage',
  indexedDB: 'IndexedDB',
};

test(
  'a 5-page site audit finds the tracker that only a deep page loads, and declares every item',
  { timeout: 400_000 },
  async () => {
    state.version = 1;
    const out = path.join(tmp, 'v1');
    const r = await runCli(['audit', START, '--pages', '4', '--out', out, ...common()]);
    keep('site-audit-v1', r);
    assert.equal(r.code, 0, r.stderr);
    const json = readJson(out, 'siteaudit.example.json');
    const site = json.site;
    assert.equal(site.format, 'cookie-inspector/site-report');
    // Three pages linked from the start page, one only in the sitemap; the PDF and the other site are left out.
    assert.deepEqual(
      site.pages.map((p) => p.url).sort(),
      [START, ...LINKED.map((p) => SITE + p), SITE + DEEP].sort(),
    );
    assert.ok(
      site.pages.every((p) => p.status === 'done'),
      JSON.stringify(site.pages),
    );
    const hotjar = site.vendors.find((v) => v.key === 'hotjar');
    assert.ok(hotjar, `Hotjar found: ${site.vendors.map((v) => v.key)}`);
    assert.deepEqual(hotjar.pages, [SITE + DEEP], 'Hotjar only on the deep page');
    assert.equal(hotjar.firstPage, SITE + DEEP);
    assert.ok(hotjar.violationPhases.includes('before-consent'));
    const cio = site.vendors.find((v) => v.key === 'customer-io');
    assert.equal(cio.firstPage, START);
    assert.ok(cio.violation);
    // The per-page verdicts are the derived ones of each page's visit.
    const deep = json.pages.find((p) => p.url === SITE + DEEP);
    assert.equal(site.pages.find((p) => p.url === SITE + DEEP).verdict, deep.visit.verdict);

    // Every cookie and storage key of the site report is declared, each once, in its category or for review.
    const decl = readJson(out, 'siteaudit.example.declaration.json');
    const declared = [
      ...decl.tables.flatMap((t) => t.rows.map((row) => ({ ...row, review: false }))),
      ...decl.review.map((row) => ({ ...row, review: true })),
    ];
    const items = [...site.cookies, ...site.storage];
    assert.equal(declared.length, items.length, 'one row per cookie or storage key');
    for (const i of items)
      assert.ok(
        declared.some((d) => d.name === i.name && d.type === TYPE[i.type] && d.domain === i.domain),
        `${i.key} declared`,
      );
    for (const [type, name, category] of EXPECTED) {
      const row = declared.find((d) => d.name === name && d.type === TYPE[type]);
      assert.ok(row, `${type} ${name} declared: ${declared.map((d) => d.name)}`);
      if (category === null) assert.equal(row.review, true, `${name} listed for review`);
      else {
        assert.equal(row.review, false, `${name} classified`);
        assert.equal(row.category, category, `${name} category`);
      }
    }
    const hj = declared.find((d) => d.name === '_hjSessionUser_3141');
    assert.equal(hj.provider, 'Hotjar');
    assert.equal(hj.lifetime, '1 year');
    assert.equal(hj.party, 'first');
    assert.equal(declared.find((d) => d.name === '_cio').party, 'third');
    assert.equal(declared.find((d) => d.name === 'site_session').lifetime, 'Session');
    const csv = fs
      .readFileSync(path.join(out, 'siteaudit.example.declaration.csv'), 'utf8')
      .trim()
      .split('\r\n');
    assert.equal(csv.length, items.length + 1);
    const html = fs.readFileSync(path.join(out, 'siteaudit.example.declaration.html'), 'utf8');
    assert.match(html, /<h2 id="analytics">Analytics<\/h2>/);
    assert.match(html, /id="review"/);
    assert.doesNotMatch(html, /<script|src=/i, 'self-contained');
    assert.match(fs.readFileSync(path.join(out, 'summary.csv'), 'utf8'), /,5,/, 'summary counts 5 pages');
    const siteHtml = fs.readFileSync(path.join(out, 'siteaudit.example.site.html'), 'utf8');
    assert.match(siteHtml, /<td>Hotjar<\/td>/);
    assert.doesNotMatch(siteHtml, /<script/i);

    // The site swaps Customer.io for Segment: a second audit compared with the first names both.
    state.version = 2;
    const out2 = path.join(tmp, 'v2');
    const r2 = await runCli(['audit', START, '--pages', '4', '--out', out2, '--compare', out, ...common()]);
    keep('site-audit-v2', r2);
    assert.equal(r2.code, 0, r2.stderr);
    const cmp = readJson(out2, 'siteaudit.example.compare.json');
    assert.deepEqual(
      cmp.vendors.added.map((v) => v.key),
      ['segment'],
    );
    assert.ok(
      cmp.vendors.removed.some((v) => v.key === 'customer-io'),
      JSON.stringify(cmp.vendors.removed),
    );
    assert.ok(cmp.storage.added.some((i) => i.key === 'localStorage:ajs_anonymous_id'));
    assert.ok(cmp.cookies.removed.some((i) => i.name === '_cioid'));
    assert.ok(cmp.violations.new.some((v) => v.key === 'segment' && v.phase === 'before-consent'));
    assert.ok(cmp.violations.fixed.some((v) => v.key === 'customer-io' && v.phase === 'before-consent'));
    assert.ok(
      !cmp.vendors.added.concat(cmp.vendors.removed).some((v) => v.key === 'hotjar'),
      'Hotjar unchanged',
    );
    assert.match(r2.stderr, /compare: \+ vendor Segment/);
    assert.match(r2.stderr, /compare: - vendor Customer\.io/);
    assert.match(
      fs.readFileSync(path.join(out2, 'siteaudit.example.site.html'), 'utf8'),
      /<li>\+ vendor Segment/,
    );
  },
);

test('the sitemap is read on the origin the start page redirected to', { timeout: 300_000 }, async () => {
  state.version = 1;
  const out = path.join(tmp, 'redirect');
  // Sitemap only, one more page: without the sitemap there is no second page at all.
  const r = await runCli([
    'audit',
    REDIRECTING,
    '--pages',
    '1',
    '--discover',
    'sitemap',
    '--out',
    out,
    ...common(),
  ]);
  keep('site-audit-redirect', r);
  assert.equal(r.code, 0, r.stderr);
  const site = readJson(out, 'go.siteaudit.example.json').site;
  // The sitemap lists the start page first: where the start URL redirected to, so not audited twice.
  assert.deepEqual(
    site.pages.map((p) => p.url),
    [REDIRECTING, SITE + LINKED[0]],
    'the start page and the sitemap’s first other page',
  );
});
