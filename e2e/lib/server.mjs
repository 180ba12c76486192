// Fixture web server: one HTTP and one HTTPS listener on loopback, routing by Host header to site modules.
import http from 'node:http';
import https from 'node:https';
import fs from 'node:fs';
import { makeCertificate } from './cert.mjs';

/** True when `host` is listed by a site, either exactly or through a `*.suffix` pattern. */
export function hostMatches(pattern, host) {
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
  return pattern === host;
}

/** Host names for the certificate: each pattern plus its parent for wildcards (`*.a.b` → `a.b`). */
export function certificateNames(sites) {
  const names = new Set();
  for (const site of sites) {
    for (const p of site.hosts) {
      names.add(p);
      if (p.startsWith('*.')) names.add(p.slice(2));
    }
  }
  // `*.example` in a SAN does not cover `a.b.example`, so add a wildcard per parent as well.
  for (const n of [...names]) if (!n.startsWith('*.') && n.split('.').length >= 2) names.add(`*.${n}`);
  return [...names];
}

/**
 * Starts the fixture server.
 * @param {{ sites: Array<{ name: string, hosts: string[], handle: Function }> }} opts
 * @returns {Promise<{ httpPort: number, httpsPort: number, log: object[], resolverRules: string,
 *   knownHost(host: string): boolean, close(): Promise<void> }>}
 */
export async function startServer({ sites }) {
  const log = [];
  const knownHost = (host) => sites.some((s) => s.hosts.some((p) => hostMatches(p, host)));
  const handler = async (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const scheme = req.socket.encrypted ? 'https' : 'http';
    const url = new URL(req.url ?? '/', `${scheme}://${host || 'invalid'}`);
    log.push({
      at: Date.now(),
      scheme,
      host,
      method: req.method,
      path: url.pathname + url.search,
      referer: req.headers.referer ?? null,
      origin: req.headers.origin ?? null,
      secFetchSite: req.headers['sec-fetch-site'] ?? null,
      cookie: req.headers.cookie ?? null,
    });
    // Sites sharing a host (a vendor's CDN serving two fixtures) are asked in turn until one answers.
    const candidates = sites.filter((s) => s.hosts.some((p) => hostMatches(p, host)));
    try {
      let answered = false;
      for (const site of candidates) if ((answered = (await site.handle(req, res, url)) !== false)) break;
      if (!answered)
        res.writeHead(404, { 'content-type': 'text/plain' }).end(`no fixture for ${host}${url.pathname}`);
    } catch (err) {
      // A broken fixture must fail loudly in the test output, not hang the page.
      console.error(`[server] ${host}${url.pathname}:`, err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    }
  };
  const { key, cert, dir } = makeCertificate(certificateNames(sites));
  const plain = http.createServer(handler);
  const secure = https.createServer({ key, cert }, handler);
  // Many parallel requests and large headers (hostile fixture) must not be refused by Node's defaults.
  for (const s of [plain, secure]) {
    s.maxHeadersCount = 0;
    s.keepAliveTimeout = 30_000;
  }
  const listen = (s) =>
    new Promise((ok, fail) => s.once('error', fail).listen(0, '127.0.0.1', () => ok(s.address().port)));
  const httpPort = await listen(plain);
  const httpsPort = await listen(secure);
  return {
    httpPort,
    httpsPort,
    log,
    knownHost,
    // Port-less URLs: every host's :80/:443 goes to our listeners; anything else goes to a closed loopback port.
    resolverRules: `MAP *:80 127.0.0.1:${httpPort}, MAP *:443 127.0.0.1:${httpsPort}, MAP * 127.0.0.1`,
    async close() {
      for (const s of [plain, secure]) s.closeAllConnections();
      await Promise.all([plain, secure].map((s) => new Promise((ok) => s.close(() => ok()))));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
