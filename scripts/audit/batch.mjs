// Headless batch audit: runs the extension's own one-click audit (startAudit/getAudit) on each site's start page
// and up to N more pages of it, several sites at once, with a state file so a stopped run resumes.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchWithExtension } from '../../e2e/lib/launch.mjs';
import { renderHtmlReport } from '../../components/export/html.tsx';
import { renderAuditSection } from '../../lib/audit/html.ts';
import { fileStem, summaryTable } from '../../lib/audit/summary.ts';
import { buildSiteReport, isSiteReport } from '../../lib/audit/site-report.ts';
import {
  buildDeclaration,
  declarationCsv,
  declarationHtml,
  declarationJson,
} from '../../lib/audit/declaration.ts';
import { changeLines, compareSiteReports } from '../../lib/audit/compare.ts';
import { siteOf } from '../../lib/domain.ts';
import { pickPages, sitemapUrls } from './pages.ts';
import { siteRow, siteSummaryCsv } from './rows.ts';
import { STATE_FILE, listFingerprint, newState, parseState, pendingIndices, shardIndices } from './state.ts';
import { createProgress } from './progress.mjs';
import { renderSiteHtml } from './site-html.ts';
import { fetchVisitBundle } from '../../lib/visit-pages.ts';

/** Sends a typed Protocol message from an extension page (the worker cannot message itself). */
function sender(page) {
  return (type, args) =>
    page.evaluate(
      async ([type, args]) => {
        const answer = await chrome.runtime.sendMessage({ type, args });
        return answer;
      },
      [type, args],
    );
}

async function tabIdFor(sw, url) {
  return sw.evaluate(async (url) => {
    const tabs = await chrome.tabs.query({});
    const hit = tabs.find((t) => t.url === url) ?? tabs.find((t) => t.url?.startsWith(url));
    return hit?.id ?? null;
  }, url);
}

/** Links of the loaded page and the site's sitemap.xml, read through the browser (its DNS, certificates). */
async function discover(page, sources) {
  const links = sources.includes('links')
    ? await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.href))
    : [];
  const xml = sources.includes('sitemap')
    ? await page.evaluate(async () => {
        try {
          const r = await fetch('/sitemap.xml', { credentials: 'omit', cache: 'no-store' });
          return r.ok ? (await r.text()).slice(0, 5_000_000) : '';
        } catch {
          return '';
        }
      })
    : '';
  return { links, sitemap: sitemapUrls(xml) };
}

/**
 * Loads the page once with only its document (no script file, image or frame), to follow redirects and read its
 * links and sitemap. Its scripts never run long enough to write anything after the audit's clean-up.
 */
async function probe(b, url, discoverFrom) {
  const page = await b.context.newPage();
  try {
    await page.route('**/*', (route) => {
      const r = route.request();
      // The sitemap of the origin the page ended up on: a redirect (http → https, apex → www) moves it.
      const sitemap = new URL('/sitemap.xml', page.url().startsWith('http') ? page.url() : url).href;
      const allowed = (r.isNavigationRequest() && r.frame() === page.mainFrame()) || r.url() === sitemap;
      return allowed ? route.continue() : route.abort('blockedbyclient');
    });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 });
    const found = discoverFrom?.length ? await discover(page, discoverFrom) : null;
    return { finalUrl: page.url(), found };
  } finally {
    await page.close().catch(() => {});
  }
}

/** Audits one page; resolves with the audit answer ({ record, report }), the visit bundle and discovered pages. */
async function auditOne(b, send, url, opts, log, discoverFrom) {
  log(`loading ${url}`);
  const { finalUrl, found } = await probe(b, url, discoverFrom);
  const page = await b.context.newPage();
  try {
    // The audit starts from the page's URL with an empty document: nothing of the site runs before the audit has
    // cleared its data (a live page could write cookies again during the clean-up) and the audit's reload is the
    // first real visit.
    await page.route('**/*', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>audit</title>' }),
    );
    await page.goto(finalUrl, { waitUntil: 'domcontentloaded', timeout: 30_000 });
    await page.unroute('**/*');
    const tabId = await tabIdFor(b.sw, page.url());
    if (tabId === null) throw new Error(`the extension cannot see a tab for ${page.url()}`);
    const options = { preConsentMs: opts.waitMs, postRejectMs: opts.waitMs, userWaitMs: 1000 };
    await send('startAudit', { tabId, options });
    // The audited tab must be the active one for the screenshots.
    await page.bringToFront();
    const deadline = Date.now() + opts.waitMs * 2 + 90_000;
    let last = '';
    for (;;) {
      const answer = await send('getAudit', { tabId });
      const step = answer?.record.step ?? 'missing';
      if (step !== last) log(`${step}`);
      last = step;
      if (['done', 'failed', 'cancelled'].includes(step)) {
        const visitId = answer.record.visitId;
        const bundle = visitId
          ? await fetchVisitBundle((page) => send('getVisitPage', { visitId, ...page }))
          : null;
        return { ...answer, bundle, found, finalUrl };
      }
      if (Date.now() > deadline) {
        await send('cancelAudit', { tabId });
        throw new Error(`the audit did not finish in time (stuck in "${step}")`);
      }
      await sleep(500);
    }
  } finally {
    await page.close().catch(() => {});
  }
}

/** The audited visit as derived (findings, parties, verdict) with its evidence log (provenance per entry). */
function visitJson(bundle) {
  return bundle
    ? {
        ...bundle.derived.visit,
        verdict: bundle.derived.verdict.text,
        consentState: bundle.derived.consentState,
        findings: bundle.derived.findings,
        parties: bundle.derived.parties,
        consent: bundle.derived.consent.lines,
        evidence: bundle.entries ?? [],
      }
    : null;
}

const write = (outDir, name, text) => fs.writeFileSync(path.join(outDir, name), text);

function writeReports(outDir, stem, result, extra, site, vendors, toolVersion, comparison) {
  const { report, bundle } = result;
  const pages = extra.map((p) => ({
    url: p.url,
    audit: p.report ?? null,
    visit: visitJson(p.bundle),
    error: p.error ?? null,
  }));
  const json = {
    format: 'cookie-inspector/audit',
    audit: report,
    visit: visitJson(bundle),
    vendors,
    site,
    pages,
  };
  write(outDir, `${stem}.json`, `${JSON.stringify(json, null, 2)}\n`);
  const audit = renderAuditSection(report);
  let html;
  if (bundle) {
    html = renderHtmlReport({ derived: bundle.derived, entries: bundle.entries ?? [] }, vendors, {
      toolVersion,
      generatedAt: Date.now(),
    });
    html = html.replace('<p class="verdict', `${audit}\n<p class="verdict`);
  } else {
    html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Audit</title></head><body>${audit}</body></html>`;
  }
  write(outDir, `${stem}.html`, html);
  const declaration = buildDeclaration(site, vendors);
  write(outDir, `${stem}.declaration.json`, declarationJson(declaration));
  write(outDir, `${stem}.declaration.csv`, declarationCsv(declaration));
  write(outDir, `${stem}.declaration.html`, declarationHtml(declaration));
  write(outDir, `${stem}.site.html`, renderSiteHtml(site, comparison));
}

/** The older site report to compare with: `<compare>/<stem>.json`, else any report of the same site there. */
function olderReport(compareDir, stem, site) {
  const read = (file) => {
    try {
      const s = JSON.parse(fs.readFileSync(path.join(compareDir, file), 'utf8')).site;
      return isSiteReport(s) ? s : null;
    } catch {
      return null;
    }
  };
  const same = read(`${stem}.json`);
  if (same) return same;
  for (const f of fs
    .readdirSync(compareDir)
    .filter((f) => /^[^.].*\.json$/.test(f) && !f.includes('.declaration.'))) {
    const s = read(f);
    if (s?.site === site) return s;
  }
  return null;
}

/** Audits a site: its start page, then up to `opts.pages` more; returns the summary row. */
async function auditSite(b, send, entry, stem, opts, log, toolVersion) {
  const discoverFrom = opts.pages > 0 || entry.given.length ? opts.discover : [];
  const start = await auditOne(b, send, entry.url, opts, log, discoverFrom);
  const limit = Math.max(opts.pages, entry.given.length);
  // The page the start URL redirected to is the start page too: not audited again from the sitemap or links.
  const sources = { given: entry.given, ...(start.found ?? {}), landed: start.finalUrl };
  const more = pickPages(entry.url, sources, limit);
  const extra = [];
  for (const [k, url] of more.entries()) {
    const plog = (m) => log(`page ${k + 2}/${more.length + 1} ${url}: ${m}`);
    try {
      extra.push({ url, ...(await auditOne(b, send, url, opts, plog, null)) });
    } catch (err) {
      const error = String(err?.message ?? err).split('\n')[0];
      extra.push({ url, report: null, bundle: null, error });
      plog(`failed: ${error}`);
    }
  }
  const site = buildSiteReport({
    site: siteOf(entry.url) ?? entry.url,
    startUrl: entry.url,
    auditedAt: start.report.startedAt,
    pages: [start, ...extra].map((p, i) => ({
      url: i === 0 ? entry.url : p.url,
      report: p.report ?? null,
      derived: p.bundle?.derived ?? null,
      ...(p.error && { error: p.error }),
    })),
  });
  const findings = [start, ...extra].flatMap((p) => p.bundle?.derived.findings ?? []);
  const ids = [...new Set(findings.map((f) => f.vendorId).filter(Boolean))];
  const vendors = ids.length ? await send('getVendors', { ids }) : [];
  let changes = '';
  let comparison = null;
  if (opts.compare) {
    const older = olderReport(opts.compare, stem, site.site);
    if (older) {
      comparison = compareSiteReports(older, site);
      write(opts.outDir, `${stem}.compare.json`, `${JSON.stringify(comparison, null, 2)}\n`);
      const lines = changeLines(comparison);
      changes = lines.length ? `${lines.length} change${lines.length === 1 ? '' : 's'}` : 'unchanged';
      for (const l of lines) log(`compare: ${l}`);
    } else changes = 'no earlier audit';
  }
  writeReports(opts.outDir, stem, start, extra, site, vendors, toolVersion, comparison);
  return { row: siteRow(entry.url, stem, start.report, site, '', changes), report: start.report };
}

function readState(file) {
  if (!fs.existsSync(file)) return null;
  const s = parseState(fs.readFileSync(file, 'utf8'));
  if (typeof s === 'string') throw new Error(`${file}: ${s}`);
  return s;
}

/** Atomic: a run killed mid-write leaves the previous state, never half a file. */
function saveState(file, state) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

/**
 * Runs the batch. `opts`: { sites: [{ url, given }], outDir, waitMs, pages, discover, concurrency, shard,
 * compare, restart, hostRules, ignoreCertErrors, extensionPath, strict }. Returns the process exit code.
 */
export async function runBatch(opts) {
  fs.mkdirSync(opts.outDir, { recursive: true });
  // File names come from the whole list, so every shard and every resumed run names a site the same way.
  const used = new Set();
  const stems = opts.sites.map((s) => fileStem(s.url, used));
  const list = listFingerprint(opts.sites, {
    waitMs: opts.waitMs,
    pages: opts.pages,
    discover: opts.discover,
  });
  const stateFile = path.join(opts.outDir, STATE_FILE);
  let state = opts.restart ? null : readState(stateFile);
  if (state && state.list !== list)
    throw new Error(
      `${stateFile} belongs to another list or other options; use --restart to start over, or another --out`,
    );
  const mine = shardIndices(opts.sites.length, opts.shard);
  state ??= newState(list, opts.sites.length, opts.shard);
  state.shard = opts.shard;
  const todo = pendingIndices(state, mine);
  const progress = createProgress({
    total: mine.length,
    done: mine.length - todo.length,
    stream: process.stderr,
  });
  if (mine.length > todo.length)
    progress.log(
      `resuming: ${mine.length - todo.length} of ${mine.length} sites already done (${stateFile})`,
    );

  let b = null;
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    progress.log('interrupted: finished sites are kept; run the same command again to resume');
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (todo.length) {
      b = await launchWithExtension({
        extensionPath: opts.extensionPath,
        hostResolverRules: opts.hostRules,
        ignoreCertificateErrors: Boolean(opts.ignoreCertErrors),
      });
      const manifest = await b.sw.evaluate(() => chrome.runtime.getManifest());
      const control = await b.context.newPage();
      await control.goto(`chrome-extension://${b.extensionId}/popup.html`);
      // browsingData is optional (the popup asks on the first audit); running the batch is the operator's
      // request. Playwright evaluates with a user gesture, which permissions.request needs.
      const granted = await control.evaluate(() =>
        chrome.permissions.request({ permissions: ['browsingData'] }),
      );
      if (!granted)
        throw new Error('the browsingData permission (to clear each audited site) was not granted');
      const send = sender(control);
      const queue = [...todo];
      // Pages of one site never run at once: each audit clears the site's data.
      const busy = new Set();
      const worker = async () => {
        for (;;) {
          if (interrupted) return;
          const at = queue.findIndex((i) => !busy.has(siteOf(opts.sites[i].url)));
          if (at < 0) {
            if (!queue.length) return;
            await sleep(200);
            continue;
          }
          const [i] = queue.splice(at, 1);
          const entry = opts.sites[i];
          const siteKey = siteOf(entry.url);
          busy.add(siteKey);
          progress.start(entry.url);
          const log = (m) => progress.log(`[${i + 1}/${opts.sites.length}] ${entry.url}: ${m}`);
          let result;
          try {
            const { row, report } = await auditSite(b, send, entry, stems[i], opts, log, manifest.version);
            result = { status: report.step === 'done' ? 'done' : 'failed', row };
            log(`${report.step}: ${report.summary}`);
          } catch (err) {
            const message = String(err?.message ?? err).split('\n')[0];
            result = { status: 'failed', row: siteRow(entry.url, stems[i], null, null, message) };
            log(interrupted ? 'stopped by the interruption (audited again on resume)' : `failed: ${message}`);
          } finally {
            busy.delete(siteKey);
          }
          // A site cut short by the interruption is not recorded: the resumed run audits it again.
          if (interrupted) return;
          state.entries[i] = { index: i, url: entry.url, stem: stems[i], ...result, finishedAt: Date.now() };
          saveState(stateFile, state);
          progress.finish(entry.url, result.status === 'done');
        }
      };
      await Promise.all(Array.from({ length: Math.min(opts.concurrency, todo.length) }, worker));
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await b?.close();
    progress.end();
  }
  saveState(stateFile, state);
  if (interrupted) return 130;
  const rows = mine.map((i) => state.entries[i]?.row).filter(Boolean);
  fs.writeFileSync(path.join(opts.outDir, 'summary.csv'), siteSummaryCsv(rows));
  process.stdout.write(summaryTable(rows));
  const failed = rows.filter((r) => r.status !== 'done').length;
  // A shard with no site of the list (more shards than sites) has nothing to fail.
  if (rows.length && failed === rows.length) return 1;
  return opts.strict && failed > 0 ? 1 : 0;
}
