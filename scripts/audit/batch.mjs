// Headless batch audit: runs the extension's own one-click audit (startAudit/getAudit) on each URL in turn.
import fs from 'node:fs';
import path from 'node:path';
import { launchWithExtension } from '../../e2e/lib/launch.mjs';
import { renderHtmlReport } from '../../lib/export/html.ts';
import { renderAuditSection } from '../../lib/audit/html.ts';
import { fileStem, summaryCsv, summaryRow, summaryTable } from '../../lib/audit/summary.ts';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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

/** Audits one URL; resolves with the audit answer ({ record, report }) plus the visit bundle. */
async function auditOne(b, send, url, opts, log) {
  const page = await b.context.newPage();
  try {
    log(`loading ${url}`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 });
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
        const bundle = answer.record.visitId
          ? await send('getVisit', { visitId: answer.record.visitId })
          : null;
        return { ...answer, bundle };
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

function writeReports(outDir, stem, result, vendors, toolVersion) {
  const { report, bundle } = result;
  // The audited visit as derived (findings, parties, verdict) with its evidence log (provenance per entry).
  const visit = bundle
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
  const json = { format: 'cookie-inspector/audit', audit: report, visit, vendors };
  fs.writeFileSync(path.join(outDir, `${stem}.json`), `${JSON.stringify(json, null, 2)}\n`);
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
  fs.writeFileSync(path.join(outDir, `${stem}.html`), html);
}

/**
 * Runs the batch. `opts`: { urls, outDir, waitMs, hostRules, ignoreCertErrors, extensionPath, strict }.
 * Returns the process exit code.
 */
export async function runBatch(opts) {
  const progress = (m) => process.stderr.write(`${m}\n`);
  fs.mkdirSync(opts.outDir, { recursive: true });
  const b = await launchWithExtension({
    extensionPath: opts.extensionPath,
    hostResolverRules: opts.hostRules,
    ignoreCertificateErrors: Boolean(opts.ignoreCertErrors),
  });
  const manifest = await b.sw.evaluate(() => chrome.runtime.getManifest());
  const control = await b.context.newPage();
  await control.goto(`chrome-extension://${b.extensionId}/popup.html`);
  // browsingData is optional (the popup asks on the first audit); running the batch is the operator's request.
  // Playwright evaluates with a user gesture, which permissions.request needs.
  const granted = await control.evaluate(() => chrome.permissions.request({ permissions: ['browsingData'] }));
  if (!granted) throw new Error('the browsingData permission (to clear each audited site) was not granted');
  const send = sender(control);
  const rows = [];
  const used = new Set();
  try {
    for (const [i, url] of opts.urls.entries()) {
      const stem = fileStem(url, used);
      const log = (m) => progress(`[${i + 1}/${opts.urls.length}] ${url}: ${m}`);
      try {
        const result = await auditOne(b, send, url, opts, log);
        const ids = [
          ...new Set((result.bundle?.derived.parties ?? []).map((p) => p.vendorId).filter(Boolean)),
        ];
        const vendors = ids.length ? await send('getVendors', { ids }) : [];
        writeReports(opts.outDir, stem, result, vendors, manifest.version);
        rows.push(summaryRow(url, stem, result.report));
        log(`${result.report.step}: ${result.report.summary}`);
      } catch (err) {
        const message = String(err?.message ?? err).split('\n')[0];
        rows.push(summaryRow(url, stem, null, message));
        log(`failed: ${message}`);
      }
    }
  } finally {
    await b.close();
  }
  fs.writeFileSync(path.join(opts.outDir, 'summary.csv'), summaryCsv(rows));
  process.stdout.write(summaryTable(rows));
  const failed = rows.filter((r) => r.status !== 'done').length;
  if (failed === rows.length) return 1;
  return opts.strict && failed > 0 ? 1 : 0;
}
