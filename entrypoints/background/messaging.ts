import { browser } from 'wxt/browser';
import { dispatch, isMessage, type Handlers, type SenderInfo } from '@/lib/messages';
import { deleteAll, deleteSite, getVisitBundle, listSites, listVisits, pruneBefore } from '@/lib/store/repo';
import { ready, updateSettings } from './context';
import { getTab } from './session';
import { flush } from './writer';
import { vendorDetails } from './classifier';
import { recordCookieWrites } from './cookies';
import { applyConsent, setConsentTool } from './visits';
import { auditHandlers } from './audit';

/** Handlers for every request in lib/messages.ts; reads flush first so pages see what just happened. */
const handlers: Handlers = {
  ...auditHandlers,
  async getTabVisit({ tabId }) {
    const { db } = await ready();
    await flush();
    const id = getTab(tabId).current?.visit.id;
    return id ? getVisitBundle(db, id) : null;
  },
  async getVisit({ visitId }) {
    await flush();
    return getVisitBundle((await ready()).db, visitId);
  },
  async listSites() {
    await flush();
    return listSites((await ready()).db);
  },
  async listVisits({ site }) {
    return listVisits((await ready()).db, site);
  },
  async deleteSite({ site }) {
    await flush();
    return { deleted: await deleteSite((await ready()).db, site) };
  },
  async deleteAll() {
    await flush();
    return { deleted: await deleteAll((await ready()).db) };
  },
  async getVendors({ ids }) {
    return vendorDetails(Array.isArray(ids) ? ids.slice(0, 5000).map(String) : []);
  },
  async getSettings() {
    return (await ready()).settings;
  },
  async setSettings(patch) {
    const settings = await updateSettings(patch);
    // A shorter retention applies now, not at the next periodic prune.
    if (patch.retentionDays !== undefined) {
      await flush();
      await pruneBefore((await ready()).db, Date.now() - settings.retentionDays * 86_400_000);
    }
    return settings;
  },
  async cookieWrites({ writes }, sender) {
    if (sender.tabId !== undefined && sender.frameId === 0 && Array.isArray(writes)) {
      await recordCookieWrites(sender.tabId, writes);
    }
  },
  async consentSignal({ signal, at }, sender) {
    await ready();
    const live = sender.tabId !== undefined ? getTab(sender.tabId).current : null;
    if (live && signal && typeof signal.tool === 'string')
      applyConsent(live.visit.tabId, live.visit.id, signal, Number(at) || Date.now());
  },
  async consentToolSeen({ tool, bannerShown, at }, sender) {
    await ready();
    if (sender.tabId === undefined || typeof tool !== 'string') return;
    setConsentTool(sender.tabId, tool);
    const live = getTab(sender.tabId).current;
    if (live && bannerShown) {
      applyConsent(
        sender.tabId,
        live.visit.id,
        { tool, state: 'banner', via: 'autoconsent', raw: '' },
        Number(at) || Date.now(),
      );
    }
  },
};

export function registerMessaging(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: any) => {
    // Only our own pages and content scripts; anything else is left for other listeners.
    if (sender.id !== browser.runtime.id || !isMessage(message)) return undefined;
    const info: SenderInfo = { tabId: sender.tab?.id, frameId: sender.frameId, url: sender.url };
    return dispatch(handlers, message, info);
  });
}
