import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { pruneBefore } from '@/lib/store/repo';
import { ready } from './context';
import { registerNavigation } from './navigation';
import { registerWebRequest } from './web-request';
import { registerCookies } from './cookies';
import { registerMessaging } from './messaging';
import { registerBadge } from './badge';
import { registerAutoconsent } from './autoconsent';
import { registerAudit } from './audit';
import { flush, replayLeftovers } from './writer';

const PRUNE_ALARM = 'prune';

export default defineBackground(() => {
  // Every listener is registered synchronously at worker start (MV3 drops events for late listeners).
  registerNavigation();
  registerWebRequest();
  registerCookies();
  registerMessaging();
  registerBadge();
  registerAutoconsent();
  registerAudit();
  browser.alarms.create(PRUNE_ALARM, { periodInMinutes: 360, delayInMinutes: 1 });
  browser.alarms.onAlarm.addListener(async (alarm) => {
    if (alarm.name !== PRUNE_ALARM) return;
    const { db, settings } = await ready();
    await pruneBefore(db, Date.now() - settings.retentionDays * 86_400_000);
  });
  // Best effort on the way out (Firefox event pages; Chrome may not fire it for service workers).
  browser.runtime.onSuspend?.addListener(() => void flush());
  // Outside ready(): replaying writes through the writer, which itself awaits ready().
  ready()
    .then(replayLeftovers)
    .catch((e: unknown) => console.error('start-up failed', e));
});
