// Records every network request the extension itself makes: from its service worker (CDP Network on the
// worker target, re-attached whenever Chrome restarts the worker) and from its pages (Playwright events).

const isNetwork = (url) => /^(https?|wss?|ftp):/i.test(url);

/**
 * Starts watching. `requests` fills with `{ source, url }` for each http(s)/ws request from the extension.
 * Limit: a request sent in the first milliseconds of a fresh worker, before the attach completes, can be missed;
 * the fixture server's log (which sees every host, as all DNS maps to it) is the second net.
 * @param {{ context: import('playwright-core').BrowserContext, extensionId: string }} browser
 */
export async function watchExtensionNetwork(browser) {
  const origin = `chrome-extension://${browser.extensionId}/`;
  const requests = [];
  const cdp = await browser.context.browser().newBrowserCDPSession();
  const attached = new Set();
  let nextId = 1;
  // Non-flat sessions: Playwright's CDPSession cannot address flat child sessions, this protocol path can.
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const msg = JSON.parse(message);
    if (msg.method === 'Network.requestWillBeSent' && isNetwork(msg.params.request.url)) {
      requests.push({ source: 'worker', url: msg.params.request.url });
    }
  });
  const attach = async (info) => {
    if (info.type !== 'service_worker' || !info.url.startsWith(origin) || attached.has(info.targetId)) return;
    attached.add(info.targetId);
    try {
      const { sessionId } = await cdp.send('Target.attachToTarget', {
        targetId: info.targetId,
        flatten: false,
      });
      const message = JSON.stringify({ id: nextId++, method: 'Network.enable', params: {} });
      await cdp.send('Target.sendMessageToTarget', { sessionId, message });
    } catch {
      // The worker stopped before we attached; its successor gets its own attach.
    }
  };
  cdp.on('Target.targetCreated', ({ targetInfo }) => attach(targetInfo));
  cdp.on('Target.targetInfoChanged', ({ targetInfo }) => attach(targetInfo));
  await cdp.send('Target.setDiscoverTargets', { discover: true });
  for (const info of (await cdp.send('Target.getTargets')).targetInfos) await attach(info);

  const onRequest = (req) => {
    if (!isNetwork(req.url())) return;
    // Service-worker requests have no frame (frame() throws); Playwright ties them to the worker instead.
    // A new tab's first navigation (a page's target=_blank link) has no frame yet either: it is the page's, and
    // the tab's own origin is then not ours.
    const worker = req.serviceWorker();
    let from;
    try {
      from = worker ? worker.url() : req.frame().url();
    } catch {
      if (!req.isNavigationRequest()) throw new Error(`request without a frame: ${req.url()}`);
      return;
    }
    if (from.startsWith(origin))
      requests.push({ source: worker ? 'worker (playwright)' : 'page', url: req.url() });
  };
  browser.context.on('request', onRequest);
  return {
    requests,
    async stop() {
      browser.context.off('request', onRequest);
      await cdp.detach().catch(() => {});
    },
  };
}
