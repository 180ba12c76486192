import { browser } from 'wxt/browser';
import { dispatch, isMessage, mayHandle, senderKind, type Handlers, type SenderInfo } from '@/lib/messages';
import { deleteAll, deleteSite, listVisits } from '@/lib/store/repo';
import { forgetMemoriesBefore, forgetSiteMemories } from './memories';
import { listSites } from '@/lib/store/sites';
import { ready, updateSettings } from './context';
import { getTab } from './session';
import { flush } from './writer';
import { vendorDetails } from './classifier';
import { hasDerivation, readDerived, rederive } from './derived';
import { partyVendorIds } from '@/lib/evidence/derive';
import { storedEntries } from '@/lib/evidence/reclassify';
import { POPUP_LIMITS } from '@/lib/report/summary';
import { vendorRowOf } from '@/lib/report/vendors';
import { cancelPendingSaves, keepForRestart, popupSummary } from './popup-summary';
import { clearSavedSummaries, savedSummary } from './saved-summary';
import { afterDeleting, beforeDeleting, forgetInMemory, pruneExpired } from './retention';
import { getVisitPage } from './visit-pages';
import { auditHandlers } from './audit';
import { siteAuditHandlers } from './site-audit';
import { reportHandlers } from './reports';

/**
 * Handlers for every request in lib/messages.ts. Extension pages may use all of them; content scripts only the
 * report handlers (reports.ts), bound to the visit of the document that sent them.
 */
export const handlers: Handlers = {
  ...auditHandlers,
  ...siteAuditHandlers,
  ...reportHandlers,
  async getTabVisit({ tabId }) {
    const tab = Number(tabId);
    // A worker just woken by this request has not read the tab states back from storage.session yet.
    await ready();
    const id = getTab(tab).current?.visit.id;
    if (!id) return null;
    // A restarted worker has derived nothing yet: a large visit's saved summary answers at once.
    if (!hasDerivation(id)) {
      const saved = await savedSummary(tab, id);
      if (saved) {
        rederive(id);
        return saved;
      }
    }
    // No forced flush, and the last derivation while a newer one runs: the live port says when to ask again.
    const read = await readDerived(id, { fresh: false, stale: true });
    if (!read) return null;
    keepForRestart(tab, read);
    return popupSummary(read);
  },
  async getVendorRow({ visitId, key, browserOnly }) {
    await ready();
    // The derivation the summary came from (or a newer one): no forced flush, as for the popup's summary.
    const read = await readDerived(String(visitId), {
      fresh: false,
      stale: true,
      browserOnly: browserOnly === true,
    });
    if (!read) return null;
    const party = read.derived.parties.find((p) => p.key === String(key));
    if (!party) return null;
    const vendors = await vendorDetails(partyVendorIds([party]));
    return vendorRowOf(read.derived, vendors, party.key, POPUP_LIMITS);
  },
  getVisitPage,
  async listSites() {
    await flush();
    const { db, classifier } = await ready();
    return listSites(db, classifier);
  },
  async listVisits({ site }) {
    return listVisits((await ready()).db, String(site));
  },
  async deleteSite({ site }) {
    const ofSite = (v: { site: string }) => v.site === String(site);
    await beforeDeleting(ofSite);
    const deleted = await deleteSite((await ready()).db, String(site));
    forgetInMemory();
    forgetSiteMemories(String(site));
    cancelPendingSaves();
    await clearSavedSummaries();
    await afterDeleting(ofSite);
    return { deleted };
  },
  async deleteAll() {
    await beforeDeleting(() => true);
    const deleted = await deleteAll((await ready()).db);
    forgetInMemory();
    forgetMemoriesBefore();
    cancelPendingSaves();
    await clearSavedSummaries();
    await afterDeleting(() => true);
    return { deleted };
  },
  async getVendorDatabase() {
    return { database: (await ready()).classifier.database ?? null };
  },
  async fileEvidence({ visit, entries }) {
    if (typeof visit !== 'object' || visit === null || !Array.isArray(entries))
      throw new Error('fileEvidence: expected a visit and its evidence entries');
    const filed = storedEntries(visit, entries, (await ready()).classifier);
    // Unchanged evidence is not sent back: the page has it (an import may hold 50,000 entries).
    return filed.refiled === undefined ? { visit } : filed;
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
      await pruneExpired((await ready()).db, settings.retentionDays);
    }
    return settings;
  },
};

export function registerMessaging(): void {
  const origin = new URL(browser.runtime.getURL('/' as any)).origin;
  browser.runtime.onMessage.addListener((message: unknown, sender: any) => {
    // Only our own pages and content scripts; anything else is left for other listeners.
    if (sender.id !== browser.runtime.id || !isMessage(message)) return undefined;
    const info: SenderInfo = {
      tabId: sender.tab?.id,
      frameId: sender.frameId,
      url: sender.url,
      ...(typeof sender.documentId === 'string' && { documentId: sender.documentId }),
      ...(typeof sender.documentLifecycle === 'string' && { documentLifecycle: sender.documentLifecycle }),
    };
    // Content scripts only report: history, settings, deletion and audits are for extension pages.
    if (!mayHandle(senderKind(info, origin), message.type)) {
      return Promise.reject(new Error(`${message.type} is not allowed from this sender`));
    }
    return dispatch(handlers, message, info);
  });
}
