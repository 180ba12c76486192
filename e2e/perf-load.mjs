// Page-time cost of the extension, and each listener's share of it (not a test):
//   node e2e/perf-load.mjs [rounds] [--json]      (npm run bench:page; needs `npm run build`)
// Loads load.example (5,000 requests) and cookie-load.example (below) without the extension, with it, and with
// variants of the built extension that leave out one listener each. A variant is a copy of .output/chrome-mv3
// whose service worker first runs a shim (written here, never shipped) that turns one `addListener` into a
// no-op, drops `extraHeaders` or narrows a filter, and then loads the unchanged background.js. Variants take
// turns within each round, so load drift on a busy machine spreads over all of them. The variant "popup open" is
// the extension as built with its popup open on the page's tab while it loads (live updates, issue #15).
// `--only=a,b` runs only the named variants ("no extension" always runs). The last line is JSON; ratios are
// median page times over the median without the extension.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSites } from './fixtures/index.mjs';
import { html, ok } from './fixtures/respond.mjs';
import { BASE_ARGS, DEFAULT_EXTENSION_PATH, launchWithExtension, seedProfile } from './lib/launch.mjs';
import { tabIdFor } from './lib/browser-util.mjs';
import { startServer } from './lib/server.mjs';
import { warmUp } from './lib/warmup.mjs';

const args = process.argv.slice(2);
const rounds = Number(args.find((a) => /^\d+$/.test(a)) ?? 2);
const json = args.includes('--json');
// `--baseline=<dir>`: another build (e.g. the previous commit's .output/chrome-mv3) as one more variant, taking
// turns with this one in each round, so a change is measured against what it replaces under the same load.
const baseline = args.find((a) => a.startsWith('--baseline='))?.slice('--baseline='.length);
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

// cookie-load.example: 1,000 requests over 200 hosts, each host setting a third-party cookie on its first answer,
// so later requests carry it (Cookie headers, Set-Cookie, cookie changes: the work onSendHeaders,
// onHeadersReceived and cookies.onChanged exist for; load.example sets no cookie). Fewer requests than
// load.example, whose 5,000 take minutes per variant on a loaded 2-core machine.
const COOKIE_HOSTS = 200;
const COOKIE_REQUESTS = 1000;
const cookiePage = `<title>cookie load</title><script>
const jobs = [];
for (let i = 0; i < ${COOKIE_REQUESTS}; i++) {
  const url = 'https://c' + ((i % ${COOKIE_HOSTS}) + 1) + '.cookie-tracker.example/p?i=' + i;
  jobs.push(() => fetch(url, { mode: 'no-cors', credentials: 'include' }).then(() => true, () => false));
}
let next = 0, okCount = 0, failed = 0;
async function worker() { while (next < jobs.length) { (await jobs[next++]()) ? okCount++ : failed++; } }
Promise.all(Array.from({ length: 48 }, worker)).then(() => { window.__load = { ok: okCount, failed }; });
</script>`;
const cookieSite = {
  name: 'cookie-load',
  hosts: ['cookie-load.example', '*.cookie-tracker.example'],
  handle(req, res, url) {
    if (url.hostname === 'cookie-load.example') return url.pathname === '/' ? html(res, cookiePage) : false;
    const sent = /(?:^|; )uid=/.test(req.headers.cookie ?? '');
    return ok(
      req,
      res,
      sent ? {} : { 'set-cookie': `uid=${url.hostname}; Max-Age=86400; Path=/; Secure; SameSite=None` },
    );
  },
};
const PAGES = ['https://load.example/', 'https://cookie-load.example/'];

/** Every webRequest event the background can listen to; the floor variants switch them off. */
const OTHER_WEBREQUEST_EVENTS = [
  'onBeforeRequest',
  'onBeforeSendHeaders',
  'onSendHeaders',
  'onHeadersReceived',
  'onResponseStarted',
  'onBeforeRedirect',
  'onCompleted',
  'onErrorOccurred',
].map((e) => `webRequest.${e}`);
/** Listens to main frames only (where a visit starts), so it stays in the one-listener floor variant. */
const MAIN_FRAME_EVENT = 'webRequest.onBeforeRequest';

/** What each variant's shim leaves out. `null` = no extension; `{}` = the extension as built. */
const ALL_VARIANTS = {
  'no extension': null,
  extension: {},
  'popup open': { popup: true },
  'without onBeforeRequest': { off: ['webRequest.onBeforeRequest'] },
  'without onSendHeaders': { off: ['webRequest.onSendHeaders'] },
  'without onHeadersReceived': { off: ['webRequest.onHeadersReceived'] },
  'without extraHeaders': { noExtraHeaders: true },
  // Chrome takes a request through its header path only when an extraHeaders listener matches it (README).
  'extraHeaders for frames only': { extraHeadersFramesOnly: true },
  'without cookies.onChanged': { off: ['cookies.onChanged'] },
  // onCompleted / onErrorOccurred only act on main frames (onMainFrameEnded) but are registered for every request.
  'onCompleted, onErrorOccurred for main frames only': { mainFrameOnly: ['onCompleted', 'onErrorOccurred'] },
  'webRequest listeners that do nothing': { noop: 'webRequest' },
  // Chrome's own cost per listener, whatever the worker does: how low any webRequest-based recording can go.
  'webRequest listeners that do nothing without extraHeaders': { noop: 'webRequest', noExtraHeaders: true },
  'only onSendHeaders doing nothing without extraHeaders': {
    noop: 'webRequest',
    noExtraHeaders: true,
    off: OTHER_WEBREQUEST_EVENTS.filter((e) => e !== 'webRequest.onSendHeaders' && e !== MAIN_FRAME_EVENT),
  },
  'no webRequest listener': { noop: 'webRequest', off: OTHER_WEBREQUEST_EVENTS },
  ...(baseline && { 'baseline build': { path: path.resolve(baseline) } }),
};
const VARIANTS = Object.fromEntries(
  Object.entries(ALL_VARIANTS).filter(
    ([k]) => !only || k === 'no extension' || k === 'baseline build' || only.includes(k),
  ),
);
if (only) for (const k of only) if (!(k in ALL_VARIANTS)) throw new Error(`--only: unknown variant ${k}`);

/** The shim: runs before the built background.js in the variant's service worker. */
function shim(v) {
  return `// Benchmark variant (e2e/perf-load.mjs), never shipped: ${JSON.stringify(v)}
const V = ${JSON.stringify(v)};
const eventOf = (name) => name.split('.').reduce((o, k) => o[k], chrome);
for (const name of V.off ?? []) eventOf(name).addListener = () => {};
for (const ev of Object.values(V.noop ? chrome[V.noop] : {})) {
  if (!ev || typeof ev.addListener !== 'function') continue;
  const add = ev.addListener.bind(ev);
  ev.addListener = (fn, ...rest) => add(() => {}, ...rest);
}
for (const name of V.mainFrameOnly ?? []) {
  const ev = chrome.webRequest[name];
  const add = ev.addListener.bind(ev);
  ev.addListener = (fn, filter, ...rest) => add(fn, { ...filter, types: ['main_frame'] }, ...rest);
}
if (V.noExtraHeaders || V.extraHeadersFramesOnly)
  for (const ev of [chrome.webRequest.onSendHeaders, chrome.webRequest.onHeadersReceived]) {
    const add = ev.addListener.bind(ev);
    ev.addListener = (fn, filter, spec) => {
      add(fn, filter, (spec ?? []).filter((s) => s !== 'extraHeaders'));
      // Frames only: a listener that does nothing keeps extraHeaders (Chrome's header path) for frames.
      if (V.extraHeadersFramesOnly && spec?.includes('extraHeaders'))
        add(() => {}, { ...filter, types: ['main_frame', 'sub_frame'] }, spec);
    };
  }
importScripts('background.js');
`;
}

const built = path.resolve(process.env.E2E_EXTENSION_PATH ?? DEFAULT_EXTENSION_PATH);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-variants-'));

/** A copy of the built extension whose service worker is the shim for `v`. */
function variantDir(name, v) {
  if (v.path) return v.path;
  if (!Object.keys(v).length || v.popup) return built;
  const dir = path.join(tmp, name.replace(/\W+/g, '-'));
  fs.cpSync(built, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'bench-shim.js'), shim(v));
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  manifest.background = { service_worker: 'bench-shim.js' };
  fs.writeFileSync(manifestPath, JSON.stringify(manifest));
  return dir;
}

async function pageTime(context, url) {
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.__load, null, { timeout: 180_000 });
  const ms = Date.now() - t0;
  await page.close();
  return ms;
}

/** The same, with the popup open on the page's tab (as a tab of its own, `?tabId=`) from before the load. */
async function pageTimeWithPopup(b, url) {
  const page = await b.context.newPage();
  await page.goto('https://shop.example/');
  const tabId = await tabIdFor(b, 'https://shop.example/*');
  const popup = await b.context.newPage();
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tabId=${tabId}`);
  await popup.waitForFunction(() => performance.getEntriesByName('ci:first-render').length > 0);
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.__load, null, { timeout: 180_000 });
  const ms = Date.now() - t0;
  await popup.close();
  await page.close();
  return ms;
}

async function withoutExtension(server) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-'));
  seedProfile(dir);
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    ignoreHTTPSErrors: true,
    args: [...BASE_ARGS, '--ignore-certificate-errors', `--host-resolver-rules=${server.resolverRules}`],
  });
  try {
    const times = [];
    for (const u of PAGES) times.push(await pageTime(context, u));
    return times;
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  }
}

async function withExtension(server, extensionPath, v) {
  const b = await launchWithExtension({ extensionPath, hostResolverRules: server.resolverRules });
  try {
    // Until a navigation is recorded; a variant whose listeners do nothing records none, so one load there.
    await warmUp(b, v.noop ? { tries: 1, isRecorded: () => true } : {});
    const times = [];
    // One page after the other, each in a new tab, as without the extension.
    for (const u of PAGES) times.push(await (v.popup ? pageTimeWithPopup(b, u) : pageTime(b.context, u)));
    return times;
  } finally {
    await b.close();
  }
}

/** The middle time, or the mean of the two middle ones. */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : Math.round((s[m - 1] + s[m]) / 2);
}
const server = await startServer({ sites: [...(await loadSites()), cookieSite] });
const loads = [os.loadavg()[0]];
const times = Object.fromEntries(Object.keys(VARIANTS).map((k) => [k, PAGES.map(() => [])]));
try {
  const dirs = Object.fromEntries(Object.entries(VARIANTS).map(([k, v]) => [k, v && variantDir(k, v)]));
  for (let r = 0; r < rounds; r++) {
    for (const [k, v] of Object.entries(VARIANTS)) {
      const run = () => (v ? withExtension(server, dirs[k], v) : withoutExtension(server));
      // A browser that dies under memory pressure (other jobs on the machine) gets one more try.
      const t = await run().catch((e) => {
        console.error(`round ${r + 1}, ${k}: ${e.message.split('\n')[0]}; once more`);
        return run();
      });
      t.forEach((ms, i) => times[k][i].push(ms));
      if (!json) console.error(`round ${r + 1}, ${k}: ${t.join(' / ')} ms`);
    }
  }
} finally {
  await server.close();
  fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 5 });
}
loads.push(os.loadavg()[0]);

const base = PAGES.map((_, i) => median(times['no extension'][i]));
const rows = Object.entries(times).map(([k, perPage]) => {
  const ms = perPage.map(median);
  return { variant: k, ms, ratio: ms.map((m, i) => Number((m / base[i]).toFixed(2))) };
});
const result = { pages: PAGES, rounds, rows, loadAverage: loads.map((l) => Number(l.toFixed(1))) };
if (!json) {
  console.table(
    rows.map((r) => ({
      variant: r.variant,
      'load.example ms': r.ms[0],
      '× without': r.ratio[0],
      'cookie-load.example ms': r.ms[1],
      '× without ': r.ratio[1],
    })),
  );
  console.log(`load average (1 min): ${result.loadAverage.join(' → ')}`);
}
console.log(JSON.stringify(result));
