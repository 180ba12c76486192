// Stops the extension's service worker the way Chrome does when idle, through the DevTools protocol.

/** Target ids of the extension's running service workers (CDP Target.getTargets). */
async function workerTargets(cdp, extensionId) {
  const { targetInfos } = await cdp.send('Target.getTargets');
  return targetInfos
    .filter((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`))
    .map((t) => t.targetId);
}

/**
 * Stops every service worker of the profile (the extension's included) with CDP
 * `ServiceWorker.stopAllWorkers`, sent on a page session, and resolves once the worker's DevTools target
 * is gone. (Playwright's Worker 'close' event does not fire for a stopped worker, so the target list is
 * the reliable signal.) Chrome restarts the worker by itself on its next event, e.g. a page's webRequest.
 * @param {{ context: import('playwright-core').BrowserContext, extensionId: string }} browser
 * @param {import('playwright-core').Page} page any page of the context
 * @returns {Promise<string[]>} target ids of the stopped worker(s)
 */
export async function stopExtensionWorker(browser, page, timeout = 10_000) {
  const cdp = await browser.context.browser().newBrowserCDPSession();
  const pageCdp = await browser.context.newCDPSession(page);
  try {
    const before = await workerTargets(cdp, browser.extensionId);
    if (!before.length) throw new Error('the extension has no running service worker to stop');
    await pageCdp.send('ServiceWorker.enable');
    await pageCdp.send('ServiceWorker.stopAllWorkers');
    const deadline = Date.now() + timeout;
    while ((await workerTargets(cdp, browser.extensionId)).some((id) => before.includes(id))) {
      if (Date.now() > deadline) throw new Error(`service worker did not stop within ${timeout} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return before;
  } finally {
    await pageCdp.detach().catch(() => {});
    await cdp.detach().catch(() => {});
  }
}

/**
 * Resolves once the extension has a running service worker again. Chrome reuses the DevTools target id for
 * the restarted worker, so "running" is the signal, not a new id; call this only after a stop completed.
 */
export async function waitForRestart(browser, timeout = 15_000) {
  const cdp = await browser.context.browser().newBrowserCDPSession();
  try {
    const deadline = Date.now() + timeout;
    for (;;) {
      const running = await workerTargets(cdp, browser.extensionId);
      if (running.length) return running[0];
      if (Date.now() > deadline) throw new Error(`service worker did not restart within ${timeout} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await cdp.detach().catch(() => {});
  }
}
