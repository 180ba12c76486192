// Loopback HTTP proxy that maps every host to the fixture server: Firefox has no --host-resolver-rules, so it
// is pointed at this proxy instead, and URLs stay port-less (`https://shop.example/`) exactly as in Chromium.
import http from 'node:http';
import net from 'node:net';

/**
 * Starts the proxy. Plain requests go to `httpPort`, `CONNECT host:443` is piped to `httpsPort`; any other
 * CONNECT port is refused, like Chromium's rule that sends other ports to a closed loopback port.
 * @param {{ httpPort: number, httpsPort: number }} target
 * @returns {Promise<{ port: number, close(): Promise<void> }>}
 */
export async function startProxy({ httpPort, httpsPort }) {
  const sockets = new Set();
  const server = http.createServer({ maxHeaderSize: 1 << 20 }, (req, res) => {
    // A proxied request carries an absolute URL; forward it with the same Host header.
    let url;
    try {
      url = new URL(req.url);
    } catch {
      return res.writeHead(400).end('absolute URL expected');
    }
    if (url.port && url.port !== '80') return res.writeHead(502).end('only port 80 is mapped');
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: httpPort,
        method: req.method,
        maxHeaderSize: 1 << 20,
        path: url.pathname + url.search,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.rawHeaders);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req, client, head) => {
    const [, port] = (req.url ?? '').split(':');
    if (port !== '443') {
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    const upstream = net.connect(httpsPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head?.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const drop = () => (upstream.destroy(), client.destroy());
    upstream.on('error', drop);
    client.on('error', drop);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.maxHeadersCount = 0;
  const port = await new Promise((ok, fail) =>
    server.once('error', fail).listen(0, '127.0.0.1', () => ok(server.address().port)),
  );
  return {
    port,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((ok) => server.close(() => ok()));
    },
  };
}
