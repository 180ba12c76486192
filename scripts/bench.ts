// `npm run bench [-- --json]`: classifier speed, cold load and memory, against @ghostery/trackerdb in the same run
// (the speedup from rounds alternating between the two).
// Timing method: see scripts/bench/timing.ts. Not a test: nothing here gates CI.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadVendorIndex } from '../lib/vendor-db/load';
import { classifyCookie, classifyRequest } from '../lib/vendor-db/match';
import { genCookies, genRequests } from './bench/gen-data';
import { timeEach, timePaired, timeRuns, type Timing } from './bench/timing';
import { loadTrackerDb } from './bench/trackerdb';
import { INDEX_FILE, loadNodeVendorIndex, PUBLIC_DIR } from './node-vendor-db';

const REQUESTS = 20_000;
const COOKIES = 20_000;
const TARGETS = { speedup: 10, requestP99Us: 5, cookieMedianUs: 1, coldLoadMs: 20 };

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const us = (ns: number) => Math.round(ns) / 1000;
const row = (name: string, t: Timing) =>
  `${name.padEnd(34)} ${us(t.medianNs).toFixed(3).padStart(9)} ${us(t.p99Ns).toFixed(3).padStart(9)} ${us(t.batchNs).toFixed(3).padStart(9)}`;

async function main(): Promise<number> {
  const json = process.argv.includes('--json');
  // Make sure public/vendor-index.json is current, then time loading it from bytes as the worker does.
  const warm = loadNodeVendorIndex();
  const path = join(PUBLIC_DIR, INDEX_FILE);
  const indexBytes = readFileSync(path).byteLength;
  if (warm.ids.length === 0)
    console.warn('bench: the vendor DB is empty (data/vendors has no records); hit rates are 0');

  const heapBefore = heapAfterGc();
  const cold = timeRuns(() => loadVendorIndex(readFileSync(path, 'utf8')));
  const index = loadVendorIndex(readFileSync(path, 'utf8'));
  const heapUsedMB = (heapAfterGc() - heapBefore) / 1024 / 1024;

  const requests = genRequests(index, REQUESTS);
  const cookies = genCookies(index, COOKIES);
  const ours = timeEach(requests, (r) => classifyRequest(index, r.url, r.pageUrl));
  const cookieT = timeEach(cookies, (c) => classifyCookie(index, c));
  const empty = timeEach(requests, () => 0);

  const tdb = await loadTrackerDb();
  // The ratio comes from rounds that alternate between the two, so a shift in the machine's speed hits both.
  const paired = timePaired(
    requests,
    (r) => classifyRequest(index, r.url, r.pageUrl),
    (r) => tdb.match(r.url, r.pageUrl),
  );
  const theirs = paired.b;
  const heapAfterMatch = (heapAfterGc() - heapBefore) / 1024 / 1024;

  let ourHits = 0;
  let theirHits = 0;
  for (const r of requests) {
    if (classifyRequest(index, r.url, r.pageUrl).vendor !== null) ourHits++;
    if (tdb.match(r.url, r.pageUrl) !== null) theirHits++;
  }
  const cookieHits = cookies.filter((c) => classifyCookie(index, c).vendor !== null).length;

  const speedup = paired.ratio;
  const lines = [
    `vendor index: ${index.ids.length} vendors, ${index.hosts.size} hosts, ${index.cookies.size} exact cookies, ` +
      `${index.prefixMaps.reduce((n, m) => n + m.size, 0)} prefixes in ${index.prefixLengths.length} lengths; ${indexBytes} B`,
    `inputs: ${requests.length} requests (${ourHits} attributed by us, ${theirHits} by trackerdb), ` +
      `${cookies.length} cookies (${cookieHits} attributed)`,
    '',
    `${'µs per call'.padEnd(34)} ${'median'.padStart(9)} ${'p99'.padStart(9)} ${'batch'.padStart(9)}`,
    row('classifyRequest', ours),
    row('classifyCookie', cookieT),
    row('trackerdb matchUrl (metadata)', theirs),
    row('timer overhead (empty call)', empty),
    '',
    `cold load (read + parse + Maps): first ${cold.firstMs.toFixed(2)} ms, median ${cold.medianMs.toFixed(2)} ms`,
    `trackerdb first deserialize: ${tdb.loadMs.toFixed(2)} ms`,
    `heap after load: ${heapUsedMB.toFixed(2)} MB (after matching, trackerdb loaded: ${heapAfterMatch.toFixed(2)} MB)`,
    `speedup vs trackerdb (median of 7 alternating rounds): ${speedup.toFixed(1)}× (ours in those rounds: ${us(paired.a.medianNs).toFixed(3)} µs)`,
    '',
    `targets: ≥${TARGETS.speedup}× trackerdb ${speedup >= TARGETS.speedup ? 'ok' : 'MISSED'}, ` +
      `request p99 ≤ ${TARGETS.requestP99Us} µs ${us(ours.p99Ns) <= TARGETS.requestP99Us ? 'ok' : 'MISSED'}, ` +
      `cookie median ≤ ${TARGETS.cookieMedianUs} µs ${us(cookieT.medianNs) <= TARGETS.cookieMedianUs ? 'ok' : 'MISSED'}, ` +
      `cold load ≤ ${TARGETS.coldLoadMs} ms ${cold.medianMs <= TARGETS.coldLoadMs ? 'ok' : 'MISSED'}`,
  ];
  console.log(lines.join('\n'));
  if (json) {
    const summary = {
      requestMedianUs: us(ours.medianNs),
      requestP99Us: us(ours.p99Ns),
      cookieMedianUs: us(cookieT.medianNs),
      coldLoadMs: Math.round(cold.medianMs * 100) / 100,
      speedupVsTrackerdb: Math.round(speedup * 10) / 10,
      cookieP99Us: us(cookieT.p99Ns),
      trackerdbMedianUs: us(theirs.medianNs),
      trackerdbP99Us: us(theirs.p99Ns),
      timerOverheadUs: us(empty.medianNs),
      coldLoadFirstMs: Math.round(cold.firstMs * 100) / 100,
      heapUsedMB: Math.round(heapUsedMB * 100) / 100,
      indexBytes,
      vendors: index.ids.length,
      requests: requests.length,
      cookies: cookies.length,
    };
    console.log(JSON.stringify(summary));
  }
  return 0;
}

process.exitCode = await main();
