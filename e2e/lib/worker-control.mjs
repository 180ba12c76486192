// Stops the extension's service worker the way Chrome does when idle, through the DevTools protocol.

import { setTimeout as sleep } from 'node:timers/promises';

/** Target ids of the extension's running service workers (CDP Target.getTargets). */
export async function workerTargets(cdp, extensionId) {
  const { targetInfos } = await cdp.send('Target.getTargets');
  return targetInfos
    .filter((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`))
    .map((t) => t.targetId);
}

/**
 * Follows the running status of the extension's service worker as the page's CDP `ServiceWorker` domain
 * reports it (`workerVersionUpdated`: starting, running, stopping, stopped). Unlike the target list, this sees
 * a stop even when the worker is restarted a few milliseconds later under the same target id.
 * @returns {Promise<{ statuses: { at: number, status: string }[], session: import('playwright-core').CDPSession, detach(): Promise<void> }>}
 */
export async function watchWorkerStatus(browser, page, onStatus = () => {}) {
  const origin = `chrome-extension://${browser.extensionId}/`;
  const session = await browser.context.newCDPSession(page);
  const statuses = [];
  session.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) {
      if (!v.scriptURL.startsWith(origin)) continue;
      const entry = { at: Date.now(), status: v.runningStatus };
      statuses.push(entry);
      onStatus(entry);
    }
  });
  await session.send('ServiceWorker.enable');
  return { statuses, session, detach: () => session.detach().catch(() => {}) };
}

/**
 * Stops every service worker of the profile (the extension's included) with CDP
 * `ServiceWorker.stopAllWorkers`, sent on a page session, and resolves once the extension's worker was
 * reported stopped. The signal is the `ServiceWorker` domain's status event, with the target list as a second
 * net: a page that keeps sending requests restarts the worker within about 40 ms under the same target id, so
 * polling `Target.getTargets` alone can miss the whole gap (the old harness's "did not stop within 10000 ms",
 * 3 runs in 10). A stop that had no effect is re-sent every `retryMs`.
 * (Playwright's Worker 'close' event does not fire for a stopped worker.)
 * @param {{ context: import('playwright-core').BrowserContext, extensionId: string }} browser
 * @param {import('playwright-core').Page} page any page of the context
 * @returns {Promise<string[]>} target ids of the stopped worker(s)
 */
export async function stopExtensionWorker(browser, page, { timeout = 60_000, retryMs = 5_000 } = {}) {
  const cdp = await browser.context.browser().newBrowserCDPSession();
  let stoppedSeen = false;
  // Subscribed before the stop is sent, so even an instant restart cannot hide the stop.
  const watch = await watchWorkerStatus(browser, page, ({ status }) => {
    if (status === 'stopped') stoppedSeen = true;
  });
  try {
    const before = await workerTargets(cdp, browser.extensionId);
    if (!before.length) throw new Error('the extension has no running service worker to stop');
    const stopped = async () =>
      stoppedSeen || !(await workerTargets(cdp, browser.extensionId)).some((id) => before.includes(id));
    const deadline = Date.now() + timeout;
    for (let attempt = 1; ; attempt++) {
      await watch.session.send('ServiceWorker.stopAllWorkers');
      const retryAt = Math.min(deadline, Date.now() + retryMs);
      while (Date.now() < retryAt) {
        if (await stopped()) return before;
        await sleep(25);
      }
      if (await stopped()) return before;
      if (Date.now() >= deadline)
        throw new Error(`service worker did not stop within ${timeout} ms (${attempt} stop commands sent)`);
    }
  } finally {
    await watch.detach();
    await cdp.detach().catch(() => {});
  }
}

/**
 * Resolves once the extension has a running service worker again. Chrome reuses the DevTools target id for
 * the restarted worker, so "running" is the signal, not a new id; call this only after a stop completed.
 */
export async function waitForRestart(browser, timeout = 30_000) {
  const cdp = await browser.context.browser().newBrowserCDPSession();
  try {
    const deadline = Date.now() + timeout;
    for (;;) {
      const running = await workerTargets(cdp, browser.extensionId);
      if (running.length) return running[0];
      if (Date.now() > deadline) throw new Error(`service worker did not restart within ${timeout} ms`);
      await sleep(50);
    }
  } finally {
    await cdp.detach().catch(() => {});
  }
}
