// Where the service worker's time goes while a page loads (a tool, not a test): loads load.example (5,000
// requests) with the built extension, records a V8 CPU profile of the extension's service worker over the DevTools
// protocol, and prints the functions with the most self time and the share of time the worker was busy.
// Usage: npm run profile:worker [-- --out file.cpuprofile]   (needs `npm run build`; `UNMINIFIED=1 npm run build`
// for readable function names). Another URL works if its page sets `window.__load` when done.
import fs from 'node:fs';
import { ws as WebSocket } from 'playwright-core/lib/utilsBundle';
import { loadSites } from './fixtures/index.mjs';
import { launchWithExtension } from './lib/launch.mjs';
import { startServer } from './lib/server.mjs';

const args = process.argv.slice(2);
const url = args.find((a) => a.startsWith('https://')) ?? 'https://load.example/';
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : null;
const PORT = 9300 + Math.floor(Math.random() * 500);

/** One DevTools-protocol connection: `send` answers with the command's result. */
async function connect(wsUrl) {
  const socket = new WebSocket(wsUrl, { perMessageDeflate: false, maxPayload: 1 << 30 });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let id = 0;
  const waiting = new Map();
  socket.on('message', (data) => {
    const msg = JSON.parse(String(data));
    const w = waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id);
    if (msg.error) w.reject(new Error(msg.error.message));
    else w.resolve(msg.result);
  });
  return {
    send: (method, params = {}) =>
      new Promise((resolve, reject) => {
        waiting.set(++id, { resolve, reject });
        socket.send(JSON.stringify({ id, method, params }));
      }),
    close: () => socket.close(),
  };
}

/** Self time per function (name and place), the profile's total and its idle and GC time, in ms. */
function summarize(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const f = node.callFrame;
    const where = f.url ? `${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  }
  const total = (profile.endTime - profile.startTime) / 1000;
  return { total, idle: self.get('(idle)') ?? 0, gc: self.get('(garbage collector)') ?? 0, self };
}

const server = await startServer({ sites: await loadSites() });
const b = await launchWithExtension({
  hostResolverRules: server.resolverRules,
  extraArgs: [`--remote-debugging-port=${PORT}`],
});
try {
  const targets = await (await fetch(`http://127.0.0.1:${PORT}/json/list`)).json();
  const sw = targets.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
  if (!sw) throw new Error('no extension service worker among the DevTools targets');
  const cdp = await connect(sw.webSocketDebuggerUrl);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const page = await b.context.newPage();
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.__load, null, { timeout: 300_000 });
  const pageMs = Date.now() - t0;
  // The worker's batched writes and packing that the load started.
  await new Promise((r) => setTimeout(r, 3000));
  const { profile } = await cdp.send('Profiler.stop');
  cdp.close();
  if (out) fs.writeFileSync(out, JSON.stringify(profile));
  const s = summarize(profile);
  const busy = s.total - s.idle;
  console.log(
    `page ${url}: ${pageMs} ms; worker profiled ${s.total.toFixed(0)} ms, busy ${busy.toFixed(0)} ms`,
  );
  console.log(
    `(garbage collector) ${s.gc.toFixed(0)} ms, (program) ${(s.self.get('(program)') ?? 0).toFixed(0)} ms`,
  );
  const top = [...s.self].filter(([k]) => !k.startsWith('(')).sort((a, c) => c[1] - a[1]);
  for (const [k, ms] of top.slice(0, 40)) console.log(`${ms.toFixed(1).padStart(8)} ms  ${k}`);
} finally {
  await b.close();
  await server.close();
}
