import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { ready } from './context';
import { registerNavigation } from './navigation';
import { registerWebRequest } from './web-request';
import { registerCookies } from './cookies';
import { registerMessaging } from './messaging';
import { registerBadge } from './badge';
import { registerAutoconsent } from './autoconsent';
import { registerAudit } from './audit';
import { registerSiteAudit } from './site-audit';
import { registerLive } from './live';
import { registerCompaction } from './compact';
import { registerHistoryWarmup } from './history-warmup';
import { registerPrivateSessionEnd } from './private-session';
import { flush, replayLeftovers } from './writer';
import { pruneExpired } from './retention';

const PRUNE_ALARM = 'prune';
const PRUNE_EVERY_MIN = 24 * 60;
/** storage.local key: when the prune last ran (or its schedule started), so a lost alarm keeps the daily rhythm. */
const LAST_PRUNE = 'pruneLastRunAt';

/**
 * Creates the daily prune alarm only when it does not exist. Re-creating it on every start (with a 1-minute
 * delay) woke a stopped worker a minute later, again and again. Alarms can be lost (extension update, some
 * browser restarts), so a new one is due a day after the last run, or in a minute when that is overdue.
 */
async function schedulePrune(): Promise<void> {
  if (await browser.alarms.get(PRUNE_ALARM)) return;
  const now = Date.now();
  const stored = (await browser.storage.local.get(LAST_PRUNE))[LAST_PRUNE];
  const last = typeof stored === 'number' && stored <= now ? stored : now;
  if (last !== stored) await browser.storage.local.set({ [LAST_PRUNE]: last });
  const when = Math.max(last + PRUNE_EVERY_MIN * 60_000, now + 60_000);
  await browser.alarms.create(PRUNE_ALARM, { when, periodInMinutes: PRUNE_EVERY_MIN });
}

export default defineBackground(() => {
  // Every listener is registered synchronously at worker start (MV3 drops events for late listeners).
  registerNavigation();
  registerWebRequest();
  registerCookies();
  registerMessaging();
  registerBadge();
  registerAutoconsent();
  registerAudit();
  registerSiteAudit();
  registerLive();
  registerCompaction();
  registerHistoryWarmup();
  registerPrivateSessionEnd();
  browser.alarms.onAlarm.addListener(async (alarm) => {
    if (alarm.name !== PRUNE_ALARM) return;
    const { db, settings } = await ready();
    await pruneExpired(db, settings.retentionDays);
    await browser.storage.local.set({ [LAST_PRUNE]: Date.now() });
  });
  schedulePrune().catch((e: unknown) => console.error('cannot schedule pruning', e));
  // Best effort on the way out (Firefox event pages; Chrome may not fire it for service workers).
  browser.runtime.onSuspend?.addListener(() => void flush());
  // Outside ready(): replaying writes through the writer, which itself awaits ready().
  ready()
    .then(replayLeftovers)
    .catch((e: unknown) => console.error('start-up failed', e));
});
