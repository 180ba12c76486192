// Page-time cost of the extension on the 5,000-request fixture: `node e2e/perf-load.mjs [runs]`.
// Loads load.example with and without the extension in the same run and prints both times (not a test).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSites } from './fixtures/index.mjs';
import { BASE_ARGS, launchWithExtension, seedProfile } from './lib/launch.mjs';
import { startServer } from './lib/server.mjs';
import { warmUp } from './lib/warmup.mjs';

const runs = Number(process.argv[2] ?? 2);
const server = await startServer({ sites: await loadSites() });

async function pageTime(context) {
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto('https://load.example/', { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.__load, null, { timeout: 120_000 });
  const ms = Date.now() - t0;
  await page.close();
  return ms;
}

async function plain() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-'));
  seedProfile(dir);
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    ignoreHTTPSErrors: true,
    args: [...BASE_ARGS, '--ignore-certificate-errors', `--host-resolver-rules=${server.resolverRules}`],
  });
  try {
    return await pageTime(context);
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  }
}

async function withExtension() {
  const b = await launchWithExtension({ hostResolverRules: server.resolverRules });
  try {
    await warmUp(b);
    return await pageTime(b.context);
  } finally {
    await b.close();
  }
}

const rows = [];
for (let i = 0; i < runs; i++) rows.push({ without: await plain(), with: await withExtension() });
console.table(rows);
await server.close();
